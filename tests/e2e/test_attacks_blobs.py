"""A desk fetches back only the papers it sent (a restore from an older backup): naming
another commune's paper in an entry of its own must not give it that paper.

Real desks push to the real server on loopback; the attacker's entry is appended to its
real change log and goes up with its real ``sync``, signed with its real key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import desk_protocol as protocol
from bench.corpus import text_page
from desk_app.storage.change_log import ChangeLog
from desk_app.sync.client import SyncError
from tests.conftest import birth_draft
from tests.e2e.conftest import RunningServer
from tests.e2e.test_authz import COMMUNE, OTHER_COMMUNE, _enrolled


def test_naming_another_commune_s_paper_does_not_fetch_it(
    district: RunningServer, tmp_path: Path
) -> None:
    """The server gave a paper back to any desk with an entry naming its SHA-256, even
    an entry it had refused: a desk that learnt the hash (the ``missing`` answer confirms
    a guess) read the scan of another commune's citizen."""
    victim = _enrolled(tmp_path / "victim", COMMUNE, 1, district)
    attacker = _enrolled(tmp_path / "attacker", OTHER_COMMUNE, 1, district)
    try:
        record = victim.intake.receive(birth_draft(victim)).record
        scan = tmp_path / "p.png"
        text_page().image.save(scan, dpi=(300, 300))
        paper = victim.digitisation.digitise_files(record.code, 1, [scan])
        assert victim.sync.run_once().pending == 0
        path = f"{protocol.BLOBS_PATH}/{paper.sha256}"
        with victim.sync.client() as client:
            assert client.raw("GET", path, b"", {}).content == victim.digitisation.pdf(paper.id)

        own = attacker.intake.receive(birth_draft(attacker)).record
        with attacker.storage.write():
            ChangeLog(attacker.storage).append(
                kind="demo_seeded", entity_uuid=own.uuid, device_time=datetime.now(UTC),
                officer_id=1, payload={}, blob_hashes=[paper.sha256],
            )  # fmt: skip
        assert attacker.sync.run_once().pending == 0
        with attacker.sync.client() as client, pytest.raises(SyncError) as refused:
            client.raw("GET", path, b"", {})
        with attacker.sync.client() as client, pytest.raises(SyncError) as unknown:
            client.raw("GET", f"{protocol.BLOBS_PATH}/{'0' * 64}", b"", {})
        assert refused.value.status == unknown.value.status == 404
        assert refused.value.message == unknown.value.message
    finally:
        victim.close()
        attacker.close()
