"""Pull: a citizen may come back to any desk of the commune."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

import desk_protocol as protocol
from desk_app.app import Desk
from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.storage.change_log import ChangeLog
from tests.conftest import birth_draft, desk_at
from tests.e2e.conftest import RunningServer


def _desk(tmp_path: Path, name: str, number: int, commune: str, district: RunningServer) -> Desk:
    desk = desk_at(tmp_path / name)
    desk.settings.save(replace(desk.settings.load(), desk_number=number))
    desk.sync.enrol(district.url, district.store.new_enrol_code(commune, number, datetime.now(UTC)))
    return desk


def test_other_desks_of_the_commune_see_the_dossier_and_its_status(
    district: RunningServer, tmp_path: Path
) -> None:
    one = _desk(tmp_path, "one", 1, "000.00.31.H26", district)
    two = _desk(tmp_path, "two", 2, "000.00.31.H26", district)
    other = _desk(tmp_path, "other", 1, "000.00.99.H99", district)
    try:
        record = one.intake.receive(birth_draft(one)).record
        assert one.sync.run_once().pending == 0
        log_before = len(ChangeLog(two.storage).entries())
        summary = two.sync.run_once()
        assert summary.received == 1 and "nhận 1" in summary.line
        hits = two.dossiers.search("nguyen thi hong nhung")
        assert [h.code for h in hits] == [record.code]
        assert len(ChangeLog(two.storage).entries()) == log_before  # nothing echoes back
        one.lifecycle.perform(
            record.id, Action.HAND_OVER, ActionInput(party="Công chức Tư pháp - Hộ tịch")
        )
        one.sync.run_once()
        assert two.sync.run_once().received == 1
        there = two.storage.db.execute(
            "SELECT status FROM dossiers WHERE code = ?", [record.code]
        ).fetchone()
        assert Status(there[0]) is Status.IN_PROCESSING
        assert two.sync.run_once().received == 0  # nothing twice
        assert other.sync.run_once().received == 0  # another commune sees nothing
        assert other.dossiers.search("nguyen thi hong nhung") == []
    finally:
        for d in (one, two, other):
            d.close()


def test_a_pull_request_with_its_query_changed_is_refused(
    district: RunningServer, tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    desk = _desk(tmp_path, "one", 1, "000.00.31.H26", district)
    try:
        identity = desk.sync.identity()
        assert identity is not None
        key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
        path = f"{protocol.UPDATES_PATH}?cursor=5&limit=10"
        headers = protocol.signed_headers(key, identity.desk_id, "GET", path, b"")
        bad = httpx.get(f"{district.url}{protocol.UPDATES_PATH}?cursor=0&limit=10", headers=headers)
        assert bad.status_code == 401 and bad.json()["detail"]["code"] == "bad_signature"
    finally:
        desk.close()
