"""Requests a broken, tampered or replaying desk could send the district server: each
refused with a 4xx and a reason, the server's data unchanged."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

import desk_protocol as protocol
from bench.sync_ingest import _entries
from district_server import store as server_store
from tests.e2e.conftest import RunningServer, start_server

KEY = Ed25519PrivateKey.generate()
OTHER = Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningServer, str]]:
    running = start_server(tmp_path_factory.mktemp("district"))
    now = datetime.now(UTC)
    code = running.store.new_enrol_code("000.00.31.H26", 1, now)
    desk = running.store.enrol(code, protocol.public_key_text(KEY.public_key()), now)
    assert desk is not None
    assert running.store.apply(desk.id, _entries(1, 2), now).acked_through == 2
    yield running, desk.id
    running.stop()


def _fingerprint(running: RunningServer) -> dict[str, str]:
    """Every row of every table of the server's store, hashed: an UPDATE shows as well as
    an INSERT or DELETE. Left out: the nonces a signed request spends (so that it is never
    replayed) and when a desk was last heard from."""
    kept = {
        name: [c for c in table.columns if c.name != "last_contact_at"]
        for name, table in server_store.metadata.tables.items()
        if name != "nonces"
    }
    with running.store.engine.connect() as db:
        return {
            name: hashlib.sha256(repr(db.execute(select(*columns)).all()).encode()).hexdigest()
            for name, columns in kept.items()
        }


def _body(entries: list[dict[str, Any]] | Any, from_seq: Any = 3) -> bytes:
    return json.dumps({"from_seq": from_seq, "entries": entries}, ensure_ascii=False).encode()


def _fresh(count: int = 1, first: int = 3) -> list[dict[str, Any]]:
    rows = _entries(1, first + count - 1)[first - 1 :]
    return rows


def _edit(change: Callable[[dict[str, Any]], None]) -> bytes:
    entries = _fresh()
    change(entries[0])
    return _body(entries)


BODIES: list[tuple[str, Callable[[], bytes]]] = [
    ("not JSON", lambda: b"{entries: [}"),
    ("empty body", lambda: b""),
    ("a JSON list", lambda: b"[1, 2, 3]"),
    ("a JSON string", lambda: b'"entries"'),
    ("entries missing", lambda: json.dumps({"from_seq": 3}).encode()),
    ("entries not a list", lambda: _body({"seq": 3})),
    ("from_seq missing", lambda: json.dumps({"entries": _fresh()}).encode()),
    ("from_seq a word", lambda: _body(_fresh(), from_seq="ba")),
    ("seq missing", lambda: _edit(lambda e: e.pop("seq"))),
    ("seq a word", lambda: _edit(lambda e: e.update(seq="ba"))),
    ("seq negative", lambda: _edit(lambda e: e.update(seq=-3))),
    ("seq beyond a gap", lambda: _body(_fresh(1, first=9), from_seq=9)),
    ("seq repeated in the batch", lambda: _body(_fresh() + _fresh())),
    ("seqs out of order", lambda: _body(list(reversed(_fresh(2))))),
    ("content hash not hex", lambda: _edit(lambda e: e.update(content_sha256="z" * 64))),
    ("content hash short", lambda: _edit(lambda e: e.update(content_sha256="ab"))),
    ("content hash of other content", lambda: _edit(lambda e: e.update(payload="{}"))),
    ("uuid not a uuid", lambda: _edit(lambda e: e.update(uuid="không phải uuid"))),
    ("payload an object", lambda: _edit(lambda e: e.update(payload={"code": 1}))),
    ("blob_hashes not a list", lambda: _edit(lambda e: e.update(blob_hashes="abc"))),
    ("officer a word", lambda: _edit(lambda e: e.update(officer_id="admin"))),
    ("kind missing", lambda: _edit(lambda e: e.pop("kind"))),
    ("kind empty", lambda: _edit(lambda e: e.update(kind=""))),
    ("payload over the batch size", lambda: _edit(lambda e: e.update(payload="x" * 3_000_000))),
    ("over 500 entries", lambda: _body(_fresh(501))),
]

# What the desk is told, where it is not "Lô dữ liệu không đúng định dạng: <what pydantic says>"
WHY = {
    "seq beyond a gap": (409, "Thiếu các mục trước đó; gửi lại từ mục đã xác nhận."),
    "seq repeated in the batch": (422, "Các mục trong lô phải liên tiếp theo số thứ tự."),
    "seqs out of order": (422, "Các mục trong lô phải liên tiếp theo số thứ tự."),
    "content hash of other content": (422, "Mục 3 không khớp mã băm nội dung."),
    "blob_hashes not a list": (422, "Mục 3 không khớp mã băm nội dung."),
    "payload over the batch size": (413, "Lô dữ liệu vượt quá kích thước cho phép."),
}


@pytest.mark.parametrize(("what", "make"), BODIES, ids=[b[0] for b in BODIES])
def test_a_bad_batch_is_refused_and_changes_nothing(
    server: tuple[RunningServer, str], what: str, make: Callable[[], bytes]
) -> None:
    running, desk_id = server
    before = _fingerprint(running)
    body = make()
    headers = {"content-type": "application/json"}
    headers |= protocol.signed_headers(KEY, desk_id, "POST", protocol.CHANGES_PATH, body)
    answer = httpx.post(running.url + protocol.CHANGES_PATH, content=body, headers=headers)
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:300])
    status, message = WHY.get(what, (422, "Lô dữ liệu không đúng định dạng: "))
    assert answer.status_code == status, answer.text[:300]
    assert answer.json()["detail"]["message"].startswith(message), answer.text[:300]
    assert _fingerprint(running) == before


def _signed(desk_id: str, body: bytes, **override: Any) -> dict[str, str]:
    headers = {"content-type": "application/json"}
    headers |= protocol.signed_headers(
        override.pop("key", KEY), desk_id, "POST", override.pop("path", protocol.CHANGES_PATH),
        override.pop("signed_body", body),
    )  # fmt: skip
    return headers | override


def _stamp(shift: timedelta) -> Callable[[str, bytes], dict[str, str]]:
    def make(desk_id: str, body: bytes) -> dict[str, str]:
        timestamp = (datetime.now(UTC) + shift).isoformat(timespec="seconds")
        nonce = "a" * 32 + str(int(shift.total_seconds()))
        message = protocol.signing_message("POST", protocol.CHANGES_PATH, timestamp, nonce, body)
        return {
            "content-type": "application/json",
            protocol.HEADER_DESK: desk_id,
            protocol.HEADER_TIME: timestamp,
            protocol.HEADER_NONCE: nonce,
            protocol.HEADER_SIGNATURE: protocol.b64(KEY.sign(message)),
            protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION,  # refused for its time alone
        }

    return make


AUTH: list[tuple[str, Callable[[str, bytes], dict[str, str]]]] = [
    ("unsigned", lambda d, b: {"content-type": "application/json"}),
    ("signed by another key", lambda d, b: _signed(d, b, key=OTHER)),
    ("unknown desk", lambda d, b: _signed("00000000-0000-4000-8000-000000000000", b)),
    ("body changed after signing", lambda d, b: _signed(d, b, signed_body=b + b" ")),
    ("signed for another path", lambda d, b: _signed(d, b, path=protocol.AUDIT_PATH)),
    ("signature not base64", lambda d, b: _signed(d, b, **{protocol.HEADER_SIGNATURE: "!!"})),
    ("time not a time", lambda d, b: _signed(d, b, **{protocol.HEADER_TIME: "yesterday"})),
    ("an hour old", _stamp(timedelta(hours=-1))),
    ("an hour ahead", _stamp(timedelta(hours=1))),
    ("gzip header, plain body", lambda d, b: _signed(d, b, **{"content-encoding": "gzip"})),
]

REFUSED_AS = {  # (status, the refusal's code) the desk is answered with
    "unsigned": (401, "unsigned"),
    "signed by another key": (401, "bad_signature"),
    "unknown desk": (401, "unknown_desk"),
    "body changed after signing": (401, "bad_signature"),
    "signed for another path": (401, "bad_signature"),
    "signature not base64": (401, "bad_signature"),
    "time not a time": (401, "bad_time"),
    "an hour old": (401, "clock_skew"),
    "an hour ahead": (401, "clock_skew"),
    "gzip header, plain body": (400, "bad_gzip"),
}


@pytest.mark.parametrize(("what", "headers"), AUTH, ids=[a[0] for a in AUTH])
def test_an_unauthentic_request_is_refused_and_changes_nothing(
    server: tuple[RunningServer, str], what: str, headers: Callable[[str, bytes], dict[str, str]]
) -> None:
    running, desk_id = server
    before = _fingerprint(running)
    body = _body(_fresh())
    answer = httpx.post(
        running.url + protocol.CHANGES_PATH, content=body, headers=headers(desk_id, body)
    )
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:300])
    assert (answer.status_code, answer.json()["detail"]["code"]) == REFUSED_AS[what], answer.text
    assert _fingerprint(running) == before


def test_a_replayed_request_is_refused(server: tuple[RunningServer, str]) -> None:
    running, desk_id = server
    held = running.store.acked_through(desk_id)
    body = _body(_fresh(1, first=held + 1), from_seq=held + 1)
    headers = _signed(desk_id, body)
    first = httpx.post(running.url + protocol.CHANGES_PATH, content=body, headers=headers)
    assert first.status_code == 200, first.text
    before = _fingerprint(running)
    again = httpx.post(running.url + protocol.CHANGES_PATH, content=body, headers=headers)
    assert again.status_code == 401, again.text
    assert again.json()["detail"] == {
        "code": "replayed",
        "message": "Yêu cầu này đã được gửi trước đó (bị phát lại).",
    }
    assert _fingerprint(running) == before


def test_a_gzip_bomb_is_refused(server: tuple[RunningServer, str]) -> None:
    running, desk_id = server
    before = _fingerprint(running)
    body = gzip.compress(b"[" + b" " * 200_000_000 + b"]", compresslevel=9)  # 200 MB unpacked
    headers = _signed(desk_id, body, **{"content-encoding": "gzip"})
    answer = httpx.post(running.url + protocol.CHANGES_PATH, content=body, headers=headers,
                        timeout=60)  # fmt: skip
    assert answer.status_code == 413, answer.text[:300]
    assert _fingerprint(running) == before


ENROL: list[tuple[str, object]] = [
    ("not JSON", b"code=ABCD"),
    ("code missing", {"public_key": protocol.public_key_text(OTHER.public_key())}),
    ("key missing", {"code": "ABCD-EF01-2345-6789"}),
    ("a made-up code", {"code": "ABCD-EF01-2345-6789",
                        "public_key": protocol.public_key_text(OTHER.public_key())}),
    ("key not a key", {"code": "ABCD-EF01-2345-6789", "public_key": "khóa"}),
]  # fmt: skip


@pytest.mark.parametrize(("what", "body"), ENROL, ids=[e[0] for e in ENROL])
def test_a_bad_enrolment_is_refused(
    server: tuple[RunningServer, str], tmp_path: Path, what: str, body: object
) -> None:
    running, _desk_id = server
    before = _fingerprint(running)
    version = {protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION}  # refused for what it is
    if isinstance(body, bytes):
        answer = httpx.post(running.url + protocol.ENROL_PATH, content=body,
                            headers={"content-type": "application/json"} | version)  # fmt: skip
    else:
        answer = httpx.post(running.url + protocol.ENROL_PATH, json=body, headers=version)
    assert 400 <= answer.status_code < 500 and answer.status_code != 426, answer.text[:300]
    assert _fingerprint(running) == before
