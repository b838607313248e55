"""A desk and the real district server over loopback: enrol, push, and every refusal."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

import desk_protocol as protocol
from desk_app.app import Desk
from desk_app.storage.change_log import ChangeLog
from desk_app.sync.client import SyncError
from tests.conftest import FakeClock, birth_draft
from tests.e2e.conftest import RunningServer, start_server

NOW = datetime.now(UTC)


@pytest.fixture
def enrolled(desk: Desk, district: RunningServer, clock: FakeClock) -> Desk:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    code = district.store.new_enrol_code("000.00.31.H26", 1, NOW)
    identity = desk.sync.enrol(district.url, code)
    assert identity.commune_code == "000.00.31.H26" and identity.desk_number == 1
    return desk


def _receive(desk: Desk, n: int) -> None:
    for _ in range(n):
        desk.intake.receive(birth_draft(desk))


def _server_hashes(district: RunningServer, desk: Desk) -> list[str]:
    identity = desk.sync.identity()
    assert identity is not None
    return [row["content_sha256"] for row in district.store.changes_of(identity.desk_id)]


def _desk_hashes(desk: Desk) -> list[str]:
    return [str(e["content_sha256"]) for e in ChangeLog(desk.storage).entries()]


def test_enrol_cli_prints_the_code_alone_on_its_last_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "district_server", "enrol-desk", "--data-dir", str(tmp_path),
         "--commune", "000.00.31.H26", "--desk", "2"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    code = out.stdout.strip().splitlines()[-1]
    assert len(code) == 19 and code.count("-") == 3


def test_a_code_works_once(desk: Desk, district: RunningServer, tmp_path: Path) -> None:
    code = district.store.new_enrol_code("000.00.31.H26", 1, NOW)
    desk.sync.enrol(district.url, code)
    with pytest.raises(SyncError, match="đã dùng hoặc đã hết hạn"):
        desk.sync.enrol(district.url, code)


def test_push_gives_the_server_exactly_the_desk_s_change_log(
    enrolled: Desk, district: RunningServer
) -> None:
    _receive(enrolled, 7)
    summary = enrolled.sync.run_once()
    assert summary.pending == 0 and summary.sent == len(_desk_hashes(enrolled)) >= 7
    assert _server_hashes(district, enrolled) == _desk_hashes(enrolled)
    assert "còn chờ 0" in summary.line
    # nothing new: nothing sent
    assert enrolled.sync.run_once().sent == 0


def test_small_batches_and_a_resent_batch_change_nothing(
    enrolled: Desk, district: RunningServer
) -> None:
    from desk_app.sync.push import push

    _receive(enrolled, 5)
    store = enrolled.sync._store
    with enrolled.sync.client() as client:
        result = push(store, client, lambda: datetime.now(UTC), enrolled.sync._blobs, max_entries=2)
    assert result.pending == 0
    before = _server_hashes(district, enrolled)
    store.set_acked(0, datetime.now(UTC))  # the desk forgot its acks (restored backup)
    assert enrolled.sync.run_once().pending == 0
    assert _server_hashes(district, enrolled) == before == _desk_hashes(enrolled)


def _signed_post(desk: Desk, url: str, payload: object, *, tamper: bool = False):  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    identity = desk.sync.identity()
    assert identity is not None
    key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
    body = json.dumps(payload).encode()
    headers = protocol.signed_headers(key, identity.desk_id, "POST", protocol.CHANGES_PATH, body)
    if tamper:
        body = body.replace(b'"from_seq": 1', b'"from_seq": 2')
    return httpx.post(url + protocol.CHANGES_PATH, content=body, headers=headers), headers, body


def test_gap_tamper_replay_and_bad_input_are_refused(
    enrolled: Desk, district: RunningServer
) -> None:
    _receive(enrolled, 3)
    entries = ChangeLog(enrolled.storage).entries()
    late = {"from_seq": 3, "entries": entries[2:3]}
    response, _, _ = _signed_post(enrolled, district.url, late)
    assert response.status_code == 409 and response.json()["detail"]["acked_through"] == 0
    response, _, _ = _signed_post(
        enrolled, district.url, {"from_seq": 1, "entries": entries[:1]}, tamper=True
    )
    assert response.status_code == 401 and response.json()["detail"]["code"] == "bad_signature"
    response, headers, body = _signed_post(
        enrolled, district.url, {"from_seq": 1, "entries": entries[:1]}
    )
    assert response.status_code == 200
    replay = httpx.post(district.url + protocol.CHANGES_PATH, content=body, headers=headers)
    assert replay.status_code == 401 and replay.json()["detail"]["code"] == "replayed"
    altered = dict(entries[1], payload='{"x":1}')
    response, _, _ = _signed_post(enrolled, district.url, {"from_seq": 2, "entries": [altered]})
    assert response.status_code == 422 and "mã băm" in response.json()["detail"]["message"]
    response, _, _ = _signed_post(enrolled, district.url, {"entries": "not a list"})
    assert response.status_code == 422
    unsigned = httpx.post(district.url + protocol.CHANGES_PATH, content=b"{}")
    assert unsigned.status_code == 401
    assert _server_hashes(district, enrolled) == _desk_hashes(enrolled)[:1]


def test_a_changed_entry_under_a_held_seq_is_a_conflict_never_overwritten(
    enrolled: Desk, district: RunningServer
) -> None:
    from desk_app.domain.changes import content_hash

    _receive(enrolled, 1)
    enrolled.sync.run_once()
    first = ChangeLog(enrolled.storage).entries()[0]
    forged = dict(first, payload='{"forged":true}')
    forged["content_sha256"] = content_hash(
        forged["kind"], forged["entity_uuid"], forged["payload"], forged["blob_hashes"]
    )
    response, _, _ = _signed_post(enrolled, district.url, {"from_seq": 1, "entries": [forged]})
    assert response.status_code == 409 and response.json()["detail"]["code"] == "conflict"
    assert _server_hashes(district, enrolled)[0] == first["content_sha256"]


def test_revoked_desk_and_wrong_server_and_skewed_clock(
    enrolled: Desk, district: RunningServer, clock: FakeClock
) -> None:
    identity = enrolled.sync.identity()
    assert identity is not None
    _receive(enrolled, 1)
    assert enrolled.sync.run_once().pending == 0  # the server now knows (caches) this desk
    _receive(enrolled, 1)
    clock.now = clock.now + timedelta(minutes=20)
    with pytest.raises(SyncError, match="nhanh 20 phút"):
        enrolled.sync.run_once()
    clock.now = clock.now - timedelta(minutes=20)
    district.store.revoke(identity.desk_id, "máy bị mất", NOW)
    with pytest.raises(SyncError, match="thu hồi quyền kết nối: máy bị mất"):
        enrolled.sync.run_once()
    assert enrolled.sync.state().pending > 0  # nothing lost at the desk


def test_not_a_server_and_no_server(desk: Desk, tmp_path: Path) -> None:
    import http.server
    import threading

    class Page(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            # As a real web server does, the request is read before the refusal: Windows
            # resets a connection closed with unread bytes and the answer is lost with it
            # (the desk then said "cannot connect" under the Windows CPython in Wine).
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_error(501)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(SyncError, match="không phải máy chủ Một cửa"):
            desk.sync.enrol(f"http://127.0.0.1:{httpd.server_address[1]}", "ABCD-EFGH")
    finally:
        httpd.shutdown()
    with pytest.raises(SyncError, match="Không kết nối được máy chủ"):
        desk.sync.enrol("http://127.0.0.1:9", "ABCD-EFGH")
    with pytest.raises(SyncError, match="phải bắt đầu bằng http"):
        desk.sync.enrol("motcua.example.vn", "ABCD-EFGH")


def test_server_killed_between_batches_then_back(enrolled: Desk, district: RunningServer) -> None:
    from desk_app.sync.push import push

    _receive(enrolled, 6)
    store = enrolled.sync._store
    sent = {"n": 0}
    original = httpx.Client.request

    def request(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def]
        if method == "POST" and str(url).endswith(protocol.CHANGES_PATH):
            sent["n"] += 1
            if sent["n"] == 3:
                district.stop()  # the server dies while the desk is mid-sync
        return original(self, method, url, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx.Client, "request", request)
        with enrolled.sync.client() as client, pytest.raises(SyncError, match="Không kết nối"):
            push(store, client, lambda: datetime.now(UTC), enrolled.sync._blobs, max_entries=2)
    partial = store.state()
    assert 0 < partial.acked_through < len(_desk_hashes(enrolled))
    again = start_server(
        district.data_dir, port=int(district.url.rsplit(":", 1)[1]), url=district.database_url
    )
    try:
        assert enrolled.sync.run_once().pending == 0
        assert _server_hashes(again, enrolled) == _desk_hashes(enrolled)
    finally:
        again.stop()


def test_gzip_garbage_and_too_big(enrolled: Desk, district: RunningServer) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    identity = enrolled.sync.identity()
    assert identity is not None
    key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
    for body, status in (
        (b"not gzip", 400),
        (gzip.compress(b" " * (protocol.MAX_BATCH_BYTES + 1)), 413),
    ):
        headers = protocol.signed_headers(
            key, identity.desk_id, "POST", protocol.CHANGES_PATH, body
        )
        headers["content-encoding"] = "gzip"
        response = httpx.post(district.url + protocol.CHANGES_PATH, content=body, headers=headers)
        assert response.status_code == status, response.text


def test_an_entry_the_status_page_cannot_read_is_still_kept(
    enrolled: Desk, district: RunningServer
) -> None:
    from desk_app.domain.changes import content_hash

    payload, blobs = '{"code":"X-1"}', "[]"  # a received dossier missing most fields
    entry = {
        "seq": 1, "uuid": "0b9e3c1a-7f2d-4c8e-9a51-3d6f0e2b7c41", "kind": "dossier_received", "entity_uuid": "e-1",
        "device_time": "2026-11-22T09:00:00+07:00", "officer_id": 1, "payload": payload,
        "blob_hashes": blobs, "content_sha256": content_hash("dossier_received", "e-1", payload, blobs),
    }  # fmt: skip
    response, _, _ = _signed_post(enrolled, district.url, {"from_seq": 1, "entries": [entry]})
    assert response.status_code == 200 and response.json()["acked_through"] == 1
    assert district.store.dossier("X-1") is None
