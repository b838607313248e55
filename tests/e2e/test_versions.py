"""Protocol versions, negotiated in the open: a desk and a server that do not speak the same
version say which software to update, in Vietnamese, and nothing is marked sent.

The real server on loopback, started speaking other versions than this code's (what a
newer server is, seen from this desk); the real desk client speaking a newer version
than this server (what a newer desk is, seen from this server)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.sync.client import SyncClient, SyncError, enrol
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.e2e.conftest import RunningServer, start_server

COMMUNE = "000.00.31.H26"
NEWER = int(protocol.PROTOCOL_VERSION) + 1


def _desk(path: Path, server: RunningServer) -> Desk:
    desk = desk_at(path, clock=FakeClock(datetime.now(UTC).astimezone(VN_TZ)))
    desk.settings.save(replace(desk.settings.load(), desk_number=1))
    desk.sync.enrol(server.url, server.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC)))
    for _ in range(2):
        desk.intake.receive(birth_draft(desk))
    return desk


def _port(server: RunningServer) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


def test_every_answer_names_the_versions_the_server_speaks(district: RunningServer) -> None:
    answer = httpx.get(district.url + protocol.TIME_PATH)
    assert answer.status_code == 200
    assert answer.headers[protocol.HEADER_SERVER_PROTOCOL] == protocol.PROTOCOL_VERSION


def test_an_old_desk_facing_a_newer_server_is_told_to_update_the_desk(tmp_path: Path) -> None:
    """The district upgrades its server to a version this desk no longer speaks: the
    desk's sync stops with words that name the desk's software; when the server speaks
    both versions again, the same desk sends everything."""
    data = tmp_path / "district"
    current = start_server(data)
    port = _port(current)
    desk = _desk(tmp_path / "desk", current)
    current.stop()
    newer = start_server(data, port, versions=protocol.Versions(NEWER, NEWER))
    try:
        with pytest.raises(SyncError) as refused:
            desk.sync.run_once()
        assert refused.value.code == "old_desk"
        message = refused.value.message
        assert f"giao thức đồng bộ mới hơn ({NEWER})" in message
        assert "Hãy cập nhật phần mềm quầy" in message
        state = desk.sync.state()
        assert state.acked_through == 0 and state.pending == 2
        assert state.last_error == message  # shown on the Đồng bộ page
        identity = desk.sync.identity()
        assert identity is not None and newer.store.changes_of(identity.desk_id) == []
        # a fresh desk cannot enrol either, and is told why, before any code is used
        fresh = desk_at(tmp_path / "fresh")
        code = newer.store.new_enrol_code(COMMUNE, 2, datetime.now(UTC))
        with pytest.raises(SyncError, match="Hãy cập nhật phần mềm quầy") as not_enrolled:
            fresh.sync.enrol(newer.url, code)
        assert not_enrolled.value.code == "old_desk"
    finally:
        newer.stop()
    both = start_server(
        data, port, versions=protocol.Versions(int(protocol.PROTOCOL_VERSION), NEWER)
    )
    try:
        summary = desk.sync.run_once()
        assert summary.acked_through == 2 and desk.sync.state().last_error == ""
    finally:
        both.stop()


def test_a_newer_desk_facing_an_old_server_is_told_to_upgrade_the_server(
    district: RunningServer,
) -> None:
    """A desk speaking the next version meets this server: the server refuses it with a
    code that names the server as the one behind, and the desk says so in Vietnamese
    (an old server would otherwise call the newer desk too old)."""
    key = Ed25519PrivateKey.generate()
    public = protocol.public_key_text(key.public_key())
    code = district.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC))
    with pytest.raises(SyncError) as not_enrolled:
        enrol(district.url, code, public, version=str(NEWER))
    assert not_enrolled.value.code == "old_server"
    assert "cần nâng cấp máy chủ huyện" in not_enrolled.value.message
    # the code is still unused: the same desk enrols once it speaks the server's version
    answer = enrol(district.url, code, public)
    server_key = protocol.load_public_key(str(answer["server_public_key"]))
    with SyncClient(
        district.url, str(answer["desk_id"]), key, server_key=server_key, version=str(NEWER)
    ) as client:
        for call in (client.server_time, lambda: client.request("GET", protocol.CHANGES_PATH)):
            with pytest.raises(SyncError) as refused:
                call()
            assert refused.value.code == "old_server"
            assert (
                f"giao thức đồng bộ cũ hơn ({protocol.PROTOCOL_VERSION})" in refused.value.message
            )
            assert "cần nâng cấp máy chủ huyện" in refused.value.message
    # what the server itself answers such a desk: 426, which side is behind, both versions
    headers = protocol.signed_headers(
        key, str(answer["desk_id"]), "GET", protocol.CHANGES_PATH, b"", version=str(NEWER)
    )
    raw = httpx.get(district.url + protocol.CHANGES_PATH, headers=headers)
    assert raw.status_code == 426
    detail = raw.json()["detail"]
    assert detail["code"] == "old_server"
    assert detail["server_protocol"] == protocol.PROTOCOL_VERSION
    assert detail["desk_protocol"] == str(NEWER)
    assert "cần nâng cấp máy chủ huyện" in detail["message"]


@pytest.mark.parametrize("named", [None, "1", "0", "x", "2.0", ""])
def test_a_desk_older_than_the_server_or_naming_no_version_is_refused(
    district: RunningServer, named: str | None
) -> None:
    """A desk naming no version is too old to check the server's signed answers (it would
    believe a forged acknowledgement): refused, like one older than the server accepts."""
    key = Ed25519PrivateKey.generate()
    now = datetime.now(UTC)
    row = district.store.enrol(
        district.store.new_enrol_code(COMMUNE, 1, now), protocol.public_key_text(key.public_key()),
        now,
    )  # fmt: skip
    assert row is not None
    headers = protocol.signed_headers(
        key, row.id, "GET", protocol.CHANGES_PATH, b"", version=named or ""
    )
    if named is None:
        del headers[protocol.HEADER_PROTOCOL]
    answer = httpx.get(district.url + protocol.CHANGES_PATH, headers=headers)
    assert answer.status_code == 426
    assert answer.headers[protocol.HEADER_SERVER_PROTOCOL] == protocol.PROTOCOL_VERSION
    detail = answer.json()["detail"]
    assert detail["code"] == "old_desk"
    assert "cập nhật phần mềm quầy" in detail["message"]
    if named is None:
        assert "Phần mềm quầy quá cũ" in detail["message"]
