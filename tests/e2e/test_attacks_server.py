"""Malformed headers, deep JSON and oversized values against the real district server on
loopback (SQLite and PostgreSQL): each is refused in words, never answered with a 500
(an exception the server did not expect), and changes nothing.

The attackers: anyone who read a desk id from a receipt's QR token (the upload length is
read before the signature is checked), anyone on the path (the backlog header is not
signed), and an enrolled desk sending what its own program would never write.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from bench.hostile import forged_headers
from district_server.store import Desk
from tests.conftest import birth_draft
from tests.e2e.conftest import RunningServer
from tests.e2e.test_authz import COMMUNE, _enrolled, _forge, _problems, _received_payload

# a digit to str.isdigit() that int() refuses (sent as latin-1, as HTTP headers are read)
SUPERSCRIPT_TWO = b"\xb2"
DEEP = b"[" * 100_000 + b"]" * 100_000  # 200 KB: within every body bound


def _desk(district: RunningServer) -> tuple[Ed25519PrivateKey, Desk]:
    now = datetime.now(UTC)
    key = Ed25519PrivateKey.generate()
    desk = district.store.enrol(
        district.store.new_enrol_code(COMMUNE, 1, now),
        protocol.public_key_text(key.public_key()),
        now,
    )
    assert desk is not None
    return key, desk


def _send(
    district: RunningServer,
    method: str,
    path: str,
    headers: dict[str, str | bytes],
    body: bytes = b"",
) -> httpx.Response:
    raw = [
        (name.encode(), value if isinstance(value, bytes) else value.encode("latin-1"))
        for name, value in headers.items()
    ]
    with httpx.Client(base_url=district.url, timeout=60) as client:
        return client.request(method, path, headers=raw, content=body)


def _refused_in_words(answer: httpx.Response, *statuses: int) -> str:
    assert answer.status_code in statuses, (answer.status_code, answer.text[:300])
    detail = answer.json()["detail"]
    assert detail["message"], detail
    return str(detail["code"])


@pytest.mark.parametrize(
    "length", [SUPERSCRIPT_TWO, b"9" * 5000, b"99999999999999999999999"],
    ids=["superscript-digit", "5000-digits", "past-int64"],
)  # fmt: skip
def test_an_unsigned_upload_length_that_is_not_a_number_is_refused_in_words(
    district: RunningServer, length: bytes
) -> None:
    """Read before the signature is checked: a made-up signature and the desk id of a
    receipt's QR token are all it takes (it answered 500)."""
    _, desk = _desk(district)
    headers: dict[str, str | bytes] = {**forged_headers(desk.id), "Upload-Length": length}
    answer = _send(district, "POST", protocol.UPLOADS_PATH, headers)
    _refused_in_words(answer, 401, 413, 422)


@pytest.mark.parametrize(
    "backlog", [SUPERSCRIPT_TWO, b"9" * 30, b"9" * 5000], ids=["superscript-digit", "30-digits", "5000-digits"]
)  # fmt: skip
def test_a_backlog_header_out_of_range_does_not_break_a_desk_s_request(
    district: RunningServer, backlog: bytes
) -> None:
    """The backlog is not signed (anyone on the path may change it): a value that is no
    number, or one past the column, is ignored, and the request is answered (it was 500)."""
    key, desk = _desk(district)
    headers: dict[str, str | bytes] = {
        **protocol.signed_headers(key, desk.id, "GET", protocol.CHANGES_PATH, b""),
        protocol.HEADER_BACKLOG: backlog,
    }
    answer = _send(district, "GET", protocol.CHANGES_PATH, headers)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json() == {"acked_through": 0}
    (row,) = [d for d in district.store.desks() if d["id"] == desk.id]
    assert row["last_contact_at"] is not None and row["backlog"] is None


def test_a_nonce_longer_than_the_server_keeps_is_refused_in_words(
    district: RunningServer,
) -> None:
    """A signed request whose nonce is longer than the nonce column (64): PostgreSQL
    refused the insert and the desk got a 500."""
    key, desk = _desk(district)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    nonce = "n" * 200
    message = protocol.signing_message("GET", protocol.CHANGES_PATH, stamp, nonce, b"")
    headers: dict[str, str | bytes] = {
        protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION,
        protocol.HEADER_DESK: desk.id,
        protocol.HEADER_TIME: stamp,
        protocol.HEADER_NONCE: nonce,
        protocol.HEADER_SIGNATURE: base64.b64encode(key.sign(message)).decode(),
    }
    answer = _send(district, "GET", protocol.CHANGES_PATH, headers)
    assert _refused_in_words(answer, 401) == "bad_nonce"


@pytest.mark.parametrize(
    "path", [protocol.CHANGES_PATH, protocol.BLOBS_MISSING_PATH, protocol.AUDIT_PATH]
)
def test_json_nested_past_the_parser_s_depth_is_refused_in_words(
    district: RunningServer, path: str
) -> None:
    """200 KB of ``[[[…]]]``, signed by an enrolled desk: Python's parser gives up with a
    RecursionError, which the server did not catch (500)."""
    key, desk = _desk(district)
    headers: dict[str, str | bytes] = {**protocol.signed_headers(key, desk.id, "POST", path, DEEP)}
    answer = _send(district, "POST", path, headers, DEEP)
    _refused_in_words(answer, 422)
    assert district.store.acked_through(desk.id) == 0


def test_a_dossier_s_times_longer_than_the_server_keeps_are_refused_as_a_problem(
    district: RunningServer, tmp_path: Path
) -> None:
    """``datetime.fromisoformat`` takes any number of fractional digits: an 86-character
    ``received_at`` passed the checks, was stored whole on SQLite and made PostgreSQL
    refuse the whole batch (500 at every sync). It is an invalid entry, kept with its
    problem, and the desk's other entries go on."""
    desk = _enrolled(tmp_path / "desk", COMMUNE, 1, district)
    try:
        record = desk.intake.receive(birth_draft(desk)).record
        long_time = "2026-01-01T08:00:00." + "0" * 60 + "+07:00"
        forged = _received_payload(desk, record) | {
            "uuid": "0190aaaa-0000-7000-8000-0000000000aa",
            "code": record.code[:-4] + "1500",
            "received_at": long_time,
        }
        seq = _forge(desk, "dossier_received", forged["uuid"], forged)
        summary = desk.sync.run_once()
        assert summary.pending == 0
        assert _problems(desk) == {str(seq): "invalid_entry"}
        assert district.store.dossier(forged["code"]) is None
        assert district.store.dossier(record.code) is not None
    finally:
        desk.close()


@pytest.mark.parametrize("moment", ["hôm qua", "2026-13-45T99:00:00+07:00", "9" * 40])
def test_a_desk_signed_token_with_a_time_that_is_no_time_still_gets_a_page(
    district: RunningServer, moment: str
) -> None:
    """The receipt's QR carries a token the desk signs (for a dossier not yet sent): one
    whose received or appointment time is no time made the public page answer 500."""
    key, desk = _desk(district)
    code = f"{COMMUNE}-2026-1001"
    claims = {"d": desk.id, "c": code, "p": "1.001", "r": moment, "a": moment,
              "h": protocol.secret_hint("bi-mat")}  # fmt: skip
    answer = httpx.get(
        f"{district.url}/tra-cuu/{code}",
        params={"k": "bi-mat", "t": protocol.lookup_token_v1(key, claims)},
    )
    assert answer.status_code == 200, answer.text[:300]
    assert "chưa được chuyển lên" in answer.text


def test_a_desk_cannot_start_more_unfinished_uploads_than_its_share_of_the_disk(
    district: RunningServer,
) -> None:
    """Uploads a desk starts and never finishes stay on the server's disk: an enrolled desk
    started as many 200 MB uploads as it liked (each part then grown to its length)."""
    from district_server import limits

    key, desk = _desk(district)
    statuses = []
    for n in range(limits.UPLOADS_PER_DESK // protocol.MAX_BLOB_BYTES + 2):
        sha = f"{n:064x}"
        headers: dict[str, str | bytes] = {
            **protocol.signed_headers(key, desk.id, "POST", protocol.UPLOADS_PATH, b""),
            "Upload-Length": str(protocol.MAX_BLOB_BYTES),
            "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
            "Tus-Resumable": protocol.TUS_VERSION,
        }
        answer = _send(district, "POST", protocol.UPLOADS_PATH, headers)
        statuses.append(answer.status_code)
        if answer.status_code != 201:
            assert _refused_in_words(answer, 507) == "too_many_uploads"
    assert statuses.count(201) == limits.UPLOADS_PER_DESK // protocol.MAX_BLOB_BYTES
    assert statuses[-1] == 507
    # an upload already started goes on (the desk resumes it after a cut)
    sha = f"{0:064x}"
    headers = {
        **protocol.signed_headers(key, desk.id, "POST", protocol.UPLOADS_PATH, b""),
        "Upload-Length": str(protocol.MAX_BLOB_BYTES),
        "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
    }
    assert _send(district, "POST", protocol.UPLOADS_PATH, headers).status_code == 201
