"""Backups: online snapshots with rotation, and a restore read back through the services."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bench.corpus import text_page
from desk_app.domain.audit import AuditAction
from desk_app.domain.errors import DeskError, LoginFailed, NotAllowed
from desk_app.domain.officers import Role
from desk_app.services.backup import restore_desk
from desk_app.storage.blob_store import BLOB_DIR
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at, flip_a_byte


def _desk_with_papers(data: Path, tmp_path: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    desk = desk_at(data, clock=clock)
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "p.png"
    text_page().image.save(scan, dpi=(300, 300))
    document = desk.digitisation.digitise_files(record.code, 1, [scan])
    return desk, record, document


def test_backup_rotates_and_restore_reads_back_what_was_there(
    tmp_path: Path, clock: FakeClock
) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, first, paper = _desk_with_papers(data, tmp_path, clock)
    done = desk.backups.back_up(backups, keep=2)
    assert (done.snapshot.dossiers, done.copied_papers, done.removed) == (1, 1, 0)
    for _ in range(2):  # two more days: the oldest snapshot goes, with nothing else
        clock.now += timedelta(days=1)
        later = desk.intake.receive(birth_draft(desk, full_name="Trần Văn Bình")).record
        again = desk.backups.back_up(backups, keep=2)
        assert again.copied_papers == 0  # the paper was copied once
    names = [s.name for s in desk.backups.snapshots(backups)]
    assert len(names) == 2 and done.snapshot.name not in names
    assert len(list((backups / BLOB_DIR).glob("*/*"))) == 1
    assert [e.action for e in desk.audit.recent(50)].count(AuditAction.BACKUP) == 3
    chosen = desk.backups.snapshots(backups)[0]  # 2 dossiers: `first` and one `later`
    desk.intake.receive(birth_draft(desk, full_name="Lê Thị Cúc"))  # after every snapshot
    desk.close()

    restored = restore_desk(data, chosen.path, "admin", TEST_PASSWORD, clock)
    assert restored.set_aside is not None and restored.set_aside.is_dir()  # kept, not lost
    assert not restored.enrolled
    back = desk_at(data, clock=clock)
    try:
        codes = {hit.code for hit in back.dossiers.search("", limit=10)}
        assert first.code in codes and later.code not in codes and len(codes) == 2
        assert back.digitisation.pdf(paper.id).startswith(b"%PDF")
        assert back.storage.integrity_ok() and back.blobs.missing() == []
        assert back.audit.verify()[1] == []
        assert AuditAction.RESTORE in [e.action for e in back.audit.recent(5)]
    finally:
        back.close()


def test_restore_refuses_what_it_cannot_trust_and_changes_nothing(
    tmp_path: Path, clock: FakeClock
) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    desk.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, "Gió mùa đông bắc 7")
    snapshot = desk.backups.back_up(backups).snapshot
    desk.close()
    before = sorted(p.relative_to(data) for p in data.rglob("*"))

    with pytest.raises(LoginFailed):
        restore_desk(data, snapshot.path, "admin", "sai mật khẩu rồi", clock)
    with pytest.raises(NotAllowed):  # a reception officer may not replace the data
        restore_desk(data, snapshot.path, "lan.pt", "Gió mùa đông bắc 7", clock)
    with pytest.raises(DeskError, match="không phải một bản sao lưu"):
        restore_desk(data, tmp_path, "admin", TEST_PASSWORD, clock)
    paper = next((backups / BLOB_DIR).glob("*/*"))
    paper.unlink()  # a backup drive that lost a file
    with pytest.raises(DeskError, match="thiếu 1 tệp"):
        restore_desk(data, snapshot.path, "admin", TEST_PASSWORD, clock)

    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before
    assert not list(tmp_path.glob(".data.restoring")) and not list(tmp_path.glob("data.before*"))
    desk_at(data, clock=clock).close()  # the desk opens as before


def test_a_new_pc_restores_with_the_backups_own_keyring(tmp_path: Path, clock: FakeClock) -> None:
    """The data folder is gone (a stolen or dead PC): the snapshot's keyring opens it."""
    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, record, _paper = _desk_with_papers(data, tmp_path, clock)
    snapshot = desk.backups.back_up(backups).snapshot
    desk.close()
    shutil.rmtree(data)
    restored = restore_desk(data, snapshot.path, "admin", TEST_PASSWORD, clock)
    assert restored.set_aside is None
    back = desk_at(data, clock=clock)
    try:
        assert back.dossiers.search(record.code, limit=1)[0].code == record.code
    finally:
        back.close()


def test_a_backup_cut_by_a_power_cut_leaves_the_others_whole(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.storage import backup

    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    good = desk.backups.back_up(backups).snapshot
    clock.now += timedelta(days=1)

    def cut(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "fsync_dir", cut)
    with pytest.raises(DeskError, match="Không sao lưu được"):
        desk.backups.back_up(backups)
    monkeypatch.undo()
    assert [s.name for s in desk.backups.snapshots(backups)] == [good.name]
    clock.now += timedelta(minutes=1)
    desk.backups.back_up(backups)  # the next one clears the cut one away
    assert not list(backups.glob("*.partial")) and len(desk.backups.snapshots(backups)) == 2
    desk.close()


def test_backups_within_one_second_each_sort_after_the_last_and_none_rotates_itself_out(
    tmp_path: Path, clock: FakeClock
) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    try:
        names = []
        for _ in range(6):  # the clock stands still: all six in one second
            done = desk.backups.back_up(backups, keep=3)
            names.append(done.snapshot.name)
            # before: the fifth took the name the first had left (rotated out), which
            # sorts first, so rotation removed the new snapshot at once ("damaged data")
            assert [s.name for s in desk.backups.snapshots(backups)] == names[-3:]
        assert names == sorted(names) and len(set(names)) == 6
    finally:
        desk.close()


def test_a_damaged_page_stops_the_desk_at_start_up_and_a_restore_mends_it(
    tmp_path: Path, clock: FakeClock
) -> None:
    from desk_app.services.access import DatabaseDamaged
    from desk_app.storage.database import DB_FILENAME

    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, record, _paper = _desk_with_papers(data, tmp_path, clock)
    snapshot = desk.backups.back_up(backups).snapshot
    desk.storage.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.close()
    file = data / DB_FILENAME
    raw = bytearray(file.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # one bit pattern changed on a page past the first
    file.write_bytes(bytes(raw))
    with pytest.raises(DatabaseDamaged, match="desk-app restore"):
        desk_at(data, clock=clock)
    restore_desk(data, snapshot.path, "admin", TEST_PASSWORD, clock)
    back = desk_at(data, clock=clock)
    try:
        assert back.dossiers.search(record.code, limit=1)[0].code == record.code
    finally:
        back.close()


def test_a_page_rotted_after_a_clean_close_is_caught_at_start_up(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The clean-close mark proves content (a SHA-256 of the files), not sizes and times:
    one byte the disk changed, with the file's modification time as it was, makes the
    next start check every page and refuse."""

    from desk_app.services.access import DatabaseDamaged
    from desk_app.storage.database import DB_FILENAME

    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    desk.backups.back_up(backups)
    desk.close()
    again = desk_at(data, clock=clock)
    assert again.storage.closed_cleanly  # an untouched desk opens without the long check
    again.close()
    flip_a_byte(data / DB_FILENAME)  # the disk, not the desk
    with pytest.raises(DatabaseDamaged, match="desk-app restore"):
        desk_at(data, clock=clock)


def test_a_page_rotted_after_a_clean_close_is_caught_after_the_window_opens(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The window's start (``check_later``) reads no more than it needs before the first
    paint; the rotted byte is then caught by the rest of the check: it says so with the
    way back, refuses every save, and the next start refuses too."""

    from desk_app.app import open_desk
    from desk_app.services.access import DatabaseDamaged
    from desk_app.storage.database import DB_FILENAME, StorageFault

    data = tmp_path / "data"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    desk.close()
    flip_a_byte(data / DB_FILENAME)
    opened = open_desk(data, password=TEST_PASSWORD, clock=clock, check_later=True)
    try:
        assert opened.storage.start_check_pending  # the window was not kept waiting
        with pytest.raises(DatabaseDamaged, match="desk-app restore"):
            opened.finish_start_check()
        with pytest.raises(StorageFault, match="desk-app restore"):
            opened.intake.receive(birth_draft(opened, full_name="Lê Thị Cúc"))
    finally:
        opened.close()
    with pytest.raises(DatabaseDamaged, match="desk-app restore"):
        desk_at(data, clock=clock)


def test_a_page_rotted_while_the_desk_runs_is_caught_by_the_daily_backup(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A page that rots after the start-up check is caught by the next backup, which
    reads every page: the backup is refused, the older ones kept."""
    from desk_app.services.access import DatabaseDamaged
    from desk_app.storage.database import DB_FILENAME

    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    good = desk.backups.back_up(backups).snapshot
    desk.close()
    rotted = desk_at(data, clock=clock)
    try:
        assert rotted.storage.closed_cleanly  # so start-up did not read every page
        file = data / DB_FILENAME
        raw = bytearray(file.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        file.write_bytes(bytes(raw))
        clock.now += timedelta(days=1)
        with pytest.raises(DatabaseDamaged, match="desk-app restore"):
            rotted.backups.back_up(backups)
        assert [s.name for s in rotted.backups.snapshots(backups)] == [good.name]
        assert not list(backups.glob("*.partial"))
    finally:
        rotted.close()
    # closing after that leaves no mark vouching for the damaged file: the next start checks
    with pytest.raises(DatabaseDamaged, match="desk-app restore"):
        desk_at(data, clock=clock)


def test_a_backup_taken_with_the_clock_set_back_is_kept_and_the_oldest_go(
    tmp_path: Path, clock: FakeClock
) -> None:
    # a flat CMOS battery: after a power cut the PC believes it is a year earlier
    data, backups = tmp_path / "data", tmp_path / "backups"
    desk, _record, _paper = _desk_with_papers(data, tmp_path, clock)
    try:
        before = [desk.backups.back_up(backups, keep=3).snapshot.name for _ in range(3)]
        clock.now = clock.now - timedelta(days=365)
        done = desk.backups.back_up(backups, keep=3)  # before: DatabaseDamaged, and no backup
        left = [s.name for s in desk.backups.snapshots(backups)]
        assert left == sorted([done.snapshot.name, *before[1:]])
        assert done.snapshot.name < before[0]  # named by the wrong clock, sorts first
    finally:
        desk.close()
