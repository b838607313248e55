"""An enrolled desk restored from an older backup fetches back what it had sent and goes
on without a conflict and without issuing a dossier code twice (real processes for the
restore and the sync, the real district server on loopback)."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import desk_protocol as protocol
from bench.corpus import text_page
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.services.backup import restore_desk
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.document_store import DocumentStore
from desk_app.sync.client import SyncError
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at, desk_env
from tests.e2e.conftest import RunningServer


def _desk_app(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=180, env=desk_env(),
    )  # fmt: skip


def _number(code: str) -> int:
    return int(re.findall(r"\d+", code)[-1])


def test_restore_of_an_older_backup_then_sync_has_no_conflict_and_no_code_twice(
    district: RunningServer, tmp_path: Path
) -> None:
    district = district
    data, backups = tmp_path / "data", tmp_path / "backups"
    desk = desk_at(data, clock=FakeClock(datetime.now(UTC).astimezone(VN_TZ)))
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    identity = desk.sync.identity()
    assert identity is not None
    codes = [desk.intake.receive(birth_draft(desk)).record.code for _ in range(3)]
    assert desk.sync.run_once().pending == 0
    snapshot = desk.backups.back_up(backups).snapshot
    # after the backup: more dossiers, a printing, a status change and a paper, all sent
    later = [desk.intake.receive(birth_draft(desk, full_name="Trần Văn Bình")).record
             for _ in range(3)]  # fmt: skip
    codes += [r.code for r in later]
    desk.receipts.print_copy(later[0].code)
    desk.lifecycle.perform(
        later[0].id, Action.HAND_OVER, ActionInput(party="Công chức Tư pháp - Hộ tịch")
    )
    scan = tmp_path / "p.png"
    text_page().image.save(scan, dpi=(300, 300))
    paper = desk.digitisation.digitise_files(later[1].code, 1, [scan])
    pdf = desk.digitisation.pdf(paper.id)
    assert desk.sync.run_once().pending == 0
    sent = [e["content_sha256"] for e in ChangeLog(desk.storage).entries()]
    status_before = desk.receipts.load(later[0].code).status
    desk.close()
    held = district.store.acked_through(identity.desk_id)
    assert held == len(sent)

    restored = _desk_app("restore", "--data-dir", data, snapshot.path)
    assert restored.returncode == 0, restored.stderr
    assert "Hãy đồng bộ ngay" in restored.stderr
    synced = _desk_app("sync", "--data-dir", data)
    assert synced.returncode == 0, synced.stdout + synced.stderr  # nothing left for a person
    assert "còn chờ 0" in synced.stdout and "lấy lại" in synced.stdout, synced.stdout

    back = desk_at(data, clock=FakeClock(datetime.now(UTC).astimezone(VN_TZ)))
    try:
        assert [e["content_sha256"] for e in ChangeLog(back.storage).entries()] == sent
        assert back.sync.state().acked_through == held and back.sync.state().pending == 0
        present = {hit.code for hit in back.dossiers.search("", limit=100)}
        assert set(codes) <= present
        problems = back.sync.problems()
        assert not {"conflict", "paper_upstream"} & {p.code for p in problems}
        # the paper came back from the server, whole, on its dossier
        document_id = DocumentStore(back.storage).id_for_uuid(paper.uuid)
        assert document_id is not None and back.digitisation.pdf(document_id) == pdf
        assert back.receipts.load(later[1].code).digitised.components_digitised == 1
        assert back.blobs.missing() == [] and back.storage.integrity_ok()
        # the audit chain joined back onto the server's copy: whole on both sides, and the
        # district's copy shows the restore
        assert problems == [] and back.audit.verify()[1] == []
        chain = [digest for _e, _p, digest in back.audit.chain()]
        copy = district.store.audit_of(identity.desk_id)
        assert [row["hash"] for row in copy] == chain[: len(copy)]
        assert "restore" in [row["action"] for row in copy]
        recovered = back.receipts.load(later[0].code)
        assert recovered.applicant.full_name == "Trần Văn Bình"
        assert recovered.status == status_before == Status.IN_PROCESSING
        assert recovered.receipt_prints == 1
        assert [e.kind for e in back.lifecycle.history(recovered.id)][-1] == "hand_over"
        # the next code comes after the highest ever issued, and goes up without a conflict
        new = back.intake.receive(birth_draft(back)).record
        assert _number(new.code) == max(_number(c) for c in codes) + 1
        summary = back.sync.run_once()
        assert summary.pending == 0
        assert [r["content_sha256"] for r in district.store.changes_of(identity.desk_id)] == [
            e["content_sha256"] for e in ChangeLog(back.storage).entries()
        ]
        assert district.store.dossier(new.code) is not None
    finally:
        back.close()


def test_dossiers_received_after_the_restore_before_a_sync_go_up_after_the_server_s(
    district: RunningServer, tmp_path: Path
) -> None:
    """The officer received dossiers on the restored desk before it synced: their entries
    carry numbers the server holds for the lost ones. They are renumbered after the
    server's, the lost ones come back, nothing conflicts; a code given out twice (the
    counter went back with the backup) is listed for a person."""
    data, backups = tmp_path / "data", tmp_path / "backups"
    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    desk = desk_at(data, clock=clock)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    identity = desk.sync.identity()
    assert identity is not None
    before = [desk.intake.receive(birth_draft(desk)).record.code for _ in range(2)]
    desk.sync.run_once()
    snapshot = desk.backups.back_up(backups).snapshot
    lost = [desk.intake.receive(birth_draft(desk, full_name="Trần Văn Bình")).record.code
            for _ in range(3)]  # fmt: skip
    desk.sync.run_once()
    desk.close()
    restore_desk(data, snapshot.path, "admin", TEST_PASSWORD, clock)
    back = desk_at(data, clock=clock)
    try:
        again = [back.intake.receive(birth_draft(back, full_name="Lê Thị Cúc")).record
                 for _ in range(2)]  # fmt: skip
        assert [r.code for r in again] == lost[:2]  # what the old counter gives out
        summary = back.sync.run_once()
        assert summary.pending == 0 and summary.recovered == 3
        server = [r["content_sha256"] for r in district.store.changes_of(identity.desk_id)]
        assert server == [e["content_sha256"] for e in ChangeLog(back.storage).entries()]
        codes = {p.code for p in back.sync.problems()}
        assert "conflict" not in codes and "code_twice" in codes
        twice = [p.message for p in back.sync.problems() if p.code == "code_twice"]
        assert sorted(m.split()[3] for m in twice) == sorted(lost[:2])
        present = {hit.code for hit in back.dossiers.search("", limit=100)}
        assert set(before) | set(lost) <= present
        assert back.receipts.load(lost[2]).applicant.full_name == "Trần Văn Bình"  # came back
        assert back.dossiers.search("le thi cuc", limit=10)  # the new ones stay here
        new = back.intake.receive(birth_draft(back)).record
        assert _number(new.code) == max(_number(c) for c in before + lost) + 1
        assert back.sync.run_once().pending == 0
    finally:
        back.close()


def test_a_desk_fetches_back_only_papers_it_sent(district: RunningServer, tmp_path: Path) -> None:
    desks = []
    for n in (1, 2):
        d = desk_at(tmp_path / f"d{n}", clock=FakeClock(datetime.now(UTC).astimezone(VN_TZ)))
        d.settings.save(replace(d.settings.load(), desk_number=n))
        d.sync.enrol(
            district.url, district.store.new_enrol_code("000.00.31.H26", n, datetime.now(UTC))
        )
        desks.append(d)
    mine, other = desks
    try:
        record = mine.intake.receive(birth_draft(mine)).record
        scan = tmp_path / "p.png"
        text_page().image.save(scan, dpi=(300, 300))
        paper = mine.digitisation.digitise_files(record.code, 1, [scan])
        mine.sync.run_once()
        path = f"{protocol.BLOBS_PATH}/{paper.sha256}"
        with mine.sync.client() as client:
            assert client.raw("GET", path, b"", {}).content == mine.digitisation.pdf(paper.id)
        with other.sync.client() as client, pytest.raises(SyncError) as refused:
            client.raw("GET", path, b"", {})
        with other.sync.client() as client, pytest.raises(SyncError) as unknown:
            client.raw("GET", f"{protocol.BLOBS_PATH}/{'0' * 64}", b"", {})
        assert refused.value.status == unknown.value.status == 404
        assert refused.value.message == unknown.value.message
    finally:
        for d in desks:
            d.close()
