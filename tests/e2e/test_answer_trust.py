"""A desk believes only answers its server signed, to the very request it sent.

A real fake proxy (a small HTTP server on loopback) sits between the desk and the real
district server: it forwards, or forges, or hands back a genuine answer of another
request. Every forgery is refused in words and changes nothing at the desk.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.storage.catalogue_store import CatalogueStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.sync.client import SyncError
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.e2e.conftest import RunningServer

COMMUNE = "000.00.31.H26"
ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "catalogue" / "procedures.json"

# (method, path, headers, body) -> None to forward, or (status, headers, body) to answer
Rule = Callable[[str, str, dict[str, str], bytes], tuple[int, dict[str, str], bytes] | None]
HOP = {"content-length", "transfer-encoding", "connection", "host"}
DECODED = HOP | {"content-encoding", "date", "server"}  # httpx hands the body decoded


@dataclass
class Proxy:
    url: str
    upstream: str
    rule: Rule | None = None
    seen: list[tuple[str, str, int, dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def proxy(district: RunningServer) -> Iterator[Proxy]:
    state = Proxy("", district.url)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _any(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            forged = state.rule(self.command, self.path, headers, body) if state.rule else None
            if forged is None:
                answer = httpx.request(
                    self.command, state.upstream + self.path, headers=headers, content=body
                )
                status = answer.status_code
                out = {k: v for k, v in answer.headers.items() if k.lower() not in DECODED}
                content = answer.content
            else:
                status, out, content = forged
            state.seen.append((self.command, self.path, status, out, content))
            self.send_response(status)
            for key, value in out.items():
                self.send_header(key, value)
            self.send_header("content-length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        do_GET = do_POST = do_PATCH = do_HEAD = _any

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    httpd.shutdown()


def _desk(path: Path, number: int, via: str, district: RunningServer) -> Desk:
    desk = desk_at(path, clock=FakeClock(datetime.now(UTC).astimezone(VN_TZ)))
    desk.settings.save(replace(desk.settings.load(), desk_number=number))
    desk.sync.enrol(via, district.store.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
    return desk


def _receive(desk: Desk, n: int) -> None:
    for _ in range(n):
        desk.intake.receive(birth_draft(desk))


def _json(status: int, document: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return (
        status,
        {"content-type": "application/json", **(headers or {})},
        json.dumps(document).encode(),
    )


def _nothing_marked_sent(desk: Desk, district: RunningServer, pending: int) -> None:
    state = desk.sync.state()
    assert state.acked_through == 0 and state.pending == pending
    identity = desk.sync.identity()
    assert identity is not None and district.store.changes_of(identity.desk_id) == []


def test_a_forged_acknowledgement_is_refused_and_nothing_is_marked_sent(
    proxy: Proxy, district: RunningServer, tmp_path: Path
) -> None:
    desk = _desk(tmp_path / "desk", 1, proxy.url, district)
    try:
        _receive(desk, 3)
        pending = desk.sync.state().pending
        genuine: dict[str, str] = {}

        def forge_ack(method: str, path: str, _h: dict[str, str], _b: bytes) -> Any:
            if method == "POST" and path == protocol.CHANGES_PATH:
                # "all taken", with no signature, then with a genuine signature of an
                # earlier answer copied over
                return _json(200, {"acked_through": 1000, "problems": []}, genuine)
            return None

        proxy.rule = forge_ack
        with pytest.raises(SyncError, match="không có chữ ký đúng của máy chủ") as refused:
            desk.sync.run_once()
        assert refused.value.code == "unsigned_answer"
        assert "không mục nào được đánh dấu đã gửi" in refused.value.message
        _nothing_marked_sent(desk, district, pending)
        assert "không có chữ ký đúng" in desk.sync.state().last_error
        time_answer = next(s for s in proxy.seen if s[1] == protocol.TIME_PATH)
        genuine.update(
            {k: v for k, v in time_answer[3].items() if k.lower().startswith("x-server-")}
        )
        assert genuine  # the server signs its answers
        with pytest.raises(SyncError, match="không có chữ ký đúng"):
            desk.sync.run_once()
        _nothing_marked_sent(desk, district, pending)

        # a forged "gap" error that says where to resume is not believed either
        def forge_gap(method: str, path: str, _h: dict[str, str], _b: bytes) -> Any:
            if method == "POST" and path == protocol.CHANGES_PATH:
                detail = {"code": "gap", "message": "Thiếu các mục", "acked_through": 50}
                return _json(409, {"detail": detail})
            return None

        proxy.rule = forge_gap
        with pytest.raises(SyncError, match="không có chữ ký đúng"):
            desk.sync.run_once()
        _nothing_marked_sent(desk, district, pending)

        # the proxy gone quiet: the same desk syncs through it and everything arrives
        proxy.rule = None
        summary = desk.sync.run_once()
        assert summary.pending == 0 and summary.acked_through == pending
    finally:
        desk.close()


def test_a_genuine_answer_to_another_request_is_refused(
    proxy: Proxy, district: RunningServer, tmp_path: Path
) -> None:
    """The proxy keeps the server's own signed acknowledgement of desk B's batch (10
    entries) and hands it to desk A for A's batch, which it drops."""
    other = _desk(tmp_path / "b", 2, proxy.url, district)
    desk = _desk(tmp_path / "a", 1, proxy.url, district)
    try:
        _receive(other, 10)
        other.sync.run_once()
        kept = next(s for s in proxy.seen if s[0] == "POST" and s[1] == protocol.CHANGES_PATH)
        assert json.loads(kept[4])["acked_through"] >= 10
        _receive(desk, 2)
        pending = desk.sync.state().pending
        proxy.rule = lambda method, path, _h, _b: (
            (kept[2], kept[3], kept[4])
            if method == "POST" and path == protocol.CHANGES_PATH
            else None
        )
        with pytest.raises(SyncError, match="phát lại trên đường truyền") as refused:
            desk.sync.run_once()
        assert refused.value.code == "unsigned_answer"
        _nothing_marked_sent(desk, district, pending)
    finally:
        desk.close()
        other.close()


def test_a_forged_catalogue_days_off_and_account_are_not_applied(
    proxy: Proxy, district: RunningServer, tmp_path: Path
) -> None:
    desk = _desk(tmp_path / "desk", 1, proxy.url, district)
    try:
        document = json.loads(BUNDLED.read_text(encoding="utf-8"))
        document["version"] = f"{document['version']}-gia-mao"
        document["procedures"][0]["fee"] = 9_999_999
        items = [
            {"cursor": 1, "kind": "catalogue", "key": document["version"], "document": document},
            {"cursor": 2, "kind": "calendar", "key": "2026-12-30",
             "document": {"day": "2026-12-30", "kind": "off", "note": "giả"}},
            {"cursor": 3, "kind": "officer", "key": "ke.gian",
             "document": {"username": "ke.gian", "full_name": "Kẻ Gian", "role": "admin"}},
        ]  # fmt: skip

        def forge(method: str, path: str, _h: dict[str, str], _b: bytes) -> Any:
            if method == "GET" and path.startswith(protocol.PUBLISHED_PATH):
                return _json(200, {"items": items, "next_cursor": 3, "more": False})
            return None

        proxy.rule = forge
        with pytest.raises(SyncError, match="không có chữ ký đúng của máy chủ"):
            desk.sync.run_once()
        settings = SettingsStore(desk.storage)
        assert settings.day_overrides() == []
        assert all(o["username"] != "ke.gian" for o in settings.officers())
        with pytest.raises(KeyError, match="gia-mao"):  # no such version at the desk
            CatalogueStore(desk.storage).version(document["version"])
        assert desk.sync._store.published_cursor() == 0
    finally:
        desk.close()


def test_enrolment_answer_is_bound_to_the_one_time_code(
    proxy: Proxy, district: RunningServer, tmp_path: Path
) -> None:
    """A proxy that swaps the server's key for its own (and signs with it) is caught: it
    cannot make the one-time code's HMAC over the answer it changed."""
    intruder = Ed25519PrivateKey.generate()

    def swap(method: str, path: str, headers: dict[str, str], body: bytes) -> Any:
        if path != protocol.ENROL_PATH:
            return None
        answer = httpx.post(proxy.upstream + path, content=body, headers=headers)
        document = answer.json()
        document["server_public_key"] = protocol.public_key_text(intruder.public_key())
        content = json.dumps(document).encode()
        signed = protocol.answer_headers(
            intruder, 200, method, path, headers.get(protocol.HEADER_NONCE, ""), content
        )
        mac = answer.headers.get(protocol.HEADER_ENROL_MAC, "")
        return 200, {"content-type": "application/json", protocol.HEADER_ENROL_MAC: mac,
                     **signed}, content  # fmt: skip

    proxy.rule = swap
    desk = desk_at(tmp_path / "desk", clock=FakeClock(datetime.now(UTC).astimezone(VN_TZ)))
    try:
        code = district.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC))
        with pytest.raises(SyncError, match="không có chữ ký đúng"):
            desk.sync.enrol(proxy.url, code)
        assert desk.sync.identity() is None  # nothing pinned
    finally:
        desk.close()


def test_plain_http_is_refused_except_on_loopback(desk: Desk, district: RunningServer) -> None:
    for url in ("http://192.0.2.10:8080", "http://motcua.example.vn", "http://localhost:8080"):
        with pytest.raises(SyncError, match="https://") as refused:
            desk.sync.enrol(url, "ABCD-EFGH-IJKL-MNOP")
        assert refused.value.code == "plain_http"
        assert "Caddy hoặc nginx" in refused.value.message
    assert desk.sync.identity() is None
    # any loopback address passes the check (nobody listens on these ports)
    for url in ("http://127.0.0.2:9", "http://[::1]:9"):
        with pytest.raises(SyncError, match="Không kết nối được máy chủ"):
            desk.sync.enrol(url, "ABCD-EFGH-IJKL-MNOP")


def test_an_old_server_that_does_not_sign_is_refused_in_words(
    proxy: Proxy, district: RunningServer, tmp_path: Path
) -> None:
    """What a server of the older version looks like to the desk: the same answers, no
    signature headers."""
    desk = _desk(tmp_path / "desk", 1, proxy.url, district)
    try:
        _receive(desk, 2)

        def unsigned(method: str, path: str, headers: dict[str, str], body: bytes) -> Any:
            answer = httpx.request(method, proxy.upstream + path, headers=headers, content=body)
            kept = {k: v for k, v in answer.headers.items()
                    if k.lower() not in DECODED and not k.lower().startswith("x-server-")}  # fmt: skip
            return answer.status_code, kept, answer.content

        proxy.rule = unsigned
        with pytest.raises(SyncError, match="máy chủ dùng phiên bản cũ") as refused:
            desk.sync.run_once()
        assert "cần cập nhật máy chủ" in refused.value.message
        assert desk.sync.state().acked_through == 0
    finally:
        desk.close()


def test_a_desk_enrolled_without_the_server_key_is_told_to_enrol_again(
    desk: Desk, district: RunningServer, tmp_path: Path
) -> None:
    desk.sync.enrol(district.url, district.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC)))
    identity = desk.sync.identity()
    assert identity is not None
    desk.sync._store.save_identity(replace(identity, server_public_key=""))  # an old enrolment
    _receive(desk, 1)
    with pytest.raises(SyncError, match="đăng ký lại quầy") as refused:
        desk.sync.run_once()
    assert refused.value.code == "no_server_key"
    from desk_app.domain.errors import DeskError

    with pytest.raises(DeskError, match="không mã hóa được gói USB"):
        desk.sync.export_pack(tmp_path / "goi.zip")
    assert not (tmp_path / "goi.zip").exists()
