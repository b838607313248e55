"""What the power-cut harness found, each cut at the one moment that shows it: the desk
writes on LazyFS (bench/lazyfs.py) in a process of its own, says when a step returned,
and the power goes right then. A step that returned must be on the disk afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.crash import PASSWORD
from bench.lazyfs import Mount, available
from tests.e2e.conftest import RunningServer

pytestmark = pytest.mark.skipif(available() is not None, reason=str(available()))

ROOT = Path(__file__).resolve().parents[2]


def _set_up(data_dir: Path) -> str:
    """A desk with one dossier, on the normal disk (installed before the cut disk)."""
    from bench.intake import draft
    from desk_app.app import open_desk
    from desk_app.services.access import set_up_desk
    from desk_app.services.clock import system_clock
    from desk_app.storage.keyring import KdfCost

    set_up_desk(data_dir, username="admin", full_name="Quản trị", password=PASSWORD,
                clock=system_clock, cost=KdfCost(time_cost=1, memory_kib=64, parallelism=1))  # fmt: skip
    desk = open_desk(data_dir, password=PASSWORD)
    try:
        return desk.intake.receive(draft(1)).record.code
    finally:
        desk.close()


def _scan(folder: Path) -> Path:
    """One scanned page (A6 at 300 dpi: a quarter of the bench corpus's A4 notice)."""
    from bench.corpus import text_page

    folder.mkdir(parents=True, exist_ok=True)
    page = text_page(seed=1).image
    path = folder / "scan.png"
    page.crop((0, 0, page.width // 2, page.height // 2)).save(path, dpi=(300, 300))
    return path


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    backing = tmp_path / "disk"
    backing.mkdir()
    yield backing
    if os.path.ismount(tmp_path / "mnt"):
        subprocess.run(["umount", "-l", str(tmp_path / "mnt")], check=False)


def _cut_after(script: str, backing: Path, *args: str) -> str:
    """Run ``script`` on LazyFS over ``backing`` (its first argument is the mount point);
    when it prints its result, the power goes. Returns the result."""
    mount = Mount(backing, backing.parent / "mnt")
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(mount.mountpoint), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert process.stdout is not None and process.stderr is not None
        result = process.stdout.readline().strip()
        process.kill()
        process.wait()
        errors = process.stderr.read()
        process.stdout.close()
        process.stderr.close()
        assert result, errors[-3000:]
        mount.cut()
    except BaseException:
        mount.kill()
        raise
    return result


_DIGITISE = f"""
import sys, time
from pathlib import Path
from desk_app.app import open_desk
desk = open_desk(Path(sys.argv[1]) / "desk", password={PASSWORD!r})
stored = desk.digitisation.digitise_files(sys.argv[2], 1, [Path(sys.argv[3])])
print(stored.sha256, flush=True)  # stored: the officer sees it in the dossier
time.sleep(600)
"""


def test_a_paper_stored_just_before_a_power_cut_is_there_after_it(
    disk: Path, tmp_path: Path
) -> None:
    from desk_app.app import open_desk

    code = _set_up(disk / "desk")
    scan = _scan(tmp_path / "scans")
    sha = _cut_after(_DIGITISE, disk, code, str(scan))
    desk = open_desk(disk / "desk", password=PASSWORD)
    try:
        # before: the paper's new folder blobs/xx/ was never fsynced into blobs/, so the
        # file went with it and the row pointed at nothing
        assert desk.blobs.missing() == [], "a paper row without its file"
        assert desk.blobs.read(sha)[:5] == b"%PDF-"
    finally:
        desk.close()


_BACKUP = f"""
import sys, time
from pathlib import Path
from desk_app.app import open_desk
desk = open_desk(Path(sys.argv[1]) / "desk", password={PASSWORD!r})
done = desk.backups.back_up(Path(sys.argv[1]) / "backups", keep=3)
print(done.snapshot.name, flush=True)  # "backed up" on the screen
time.sleep(600)
"""


def test_a_backup_reported_done_just_before_a_power_cut_is_whole_after_it(
    disk: Path, tmp_path: Path
) -> None:
    from desk_app.app import open_desk
    from desk_app.storage import backup

    code = _set_up(disk / "desk")
    desk = open_desk(disk / "desk", password=PASSWORD)
    try:  # a paper for the backup to copy
        desk.digitisation.digitise_files(code, 1, [_scan(tmp_path / "scans")])
    finally:
        desk.close()
    name = _cut_after(_BACKUP, disk)
    # before: the backup folder's own name, and each copied paper's name, were never
    # fsynced: the whole folder, or the snapshot's papers, were gone
    whole = {s.name: s for s in backup.snapshots(disk / "backups")}
    assert name in whole, "the backup reported done is gone"
    snapshot = whole[name]
    assert snapshot.blobs
    lacking = [n for n in snapshot.blobs if not (disk / "backups" / "blobs" / n).is_file()]
    assert lacking == [], "the snapshot names papers it lost"


_ROTATE = """
import sys, time
from pathlib import Path
from desk_app.storage import backup
folder = Path(sys.argv[1]) / "backups"
backup.rotate(folder, keep=1)  # the older snapshot goes, and the paper only it named
source = Path(sys.argv[1]) / "new-paper"
backup._copy_durably(source, folder / "blobs" / "ab" / "ab02")  # the next backup's paper
print("rotated", flush=True)
time.sleep(600)
"""


def test_a_power_cut_after_rotation_never_brings_back_a_snapshot_without_its_papers(
    disk: Path,
) -> None:
    from desk_app.storage import backup

    folder = disk / "backups"
    for name, papers in (("desk-20261201-170000", ["ab/ab01"]), ("desk-20261202-170000", [])):
        (folder / name).mkdir(parents=True)
        manifest = {"format": 1, "created_at": "2026-12-01T17:00:00+07:00", "dossiers": 0,
                    "last_seq": 0, "blobs": papers}  # fmt: skip
        (folder / name / backup.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "blobs" / "ab").mkdir(parents=True)
    (folder / "blobs" / "ab" / "ab01").write_bytes(b"paper one")
    (disk / "new-paper").write_bytes(b"paper two")
    _cut_after(_ROTATE, disk)
    # without the folder's fsync after removing snapshots, the removal was undone by the
    # cut while the paper's removal (its folder fsynced by the next copy) was not
    for snapshot in backup.snapshots(folder):
        lacking = [n for n in snapshot.blobs if not (folder / "blobs" / n).is_file()]
        assert lacking == [], f"{snapshot.name} came back without its papers"
    assert [s.name for s in backup.snapshots(folder)] == ["desk-20261202-170000"]  # keep=1


_FIRST_DAY = f"""
import sys, time
from pathlib import Path
from bench.intake import draft
from desk_app.app import open_desk
from desk_app.services.access import set_up_desk
from desk_app.services.clock import system_clock
from desk_app.storage.keyring import KdfCost
data_dir = Path(sys.argv[1]) / "DeskApp"  # the wizard's Finish on a new PC
set_up_desk(data_dir, username="admin", full_name="Quản trị", password={PASSWORD!r},
            clock=system_clock, cost=KdfCost(time_cost=1, memory_kib=64, parallelism=1))
desk = open_desk(data_dir, password={PASSWORD!r})
print(desk.intake.receive(draft(1)).record.code, flush=True)  # then the receipt is printed
time.sleep(600)
"""


def test_the_first_dossier_of_a_new_desk_survives_a_power_cut(disk: Path) -> None:
    from desk_app.app import open_desk

    code = _cut_after(_FIRST_DAY, disk)
    # before: the new data folder's own name was never fsynced into its parent, so the
    # whole desk (keyring, database, the receipted dossier) could go with it
    assert (disk / "DeskApp").is_dir(), "the new desk's data folder is gone"
    desk = open_desk(disk / "DeskApp", password=PASSWORD)
    try:
        assert [row[0] for row in desk.storage.db.execute("SELECT code FROM dossiers")] == [code]
    finally:
        desk.close()


_RESTORE = f"""
import sys, time
from pathlib import Path
from desk_app.services.backup import restore_desk
from desk_app.services.clock import system_clock
mnt = Path(sys.argv[1])
snapshot = next((mnt / "backups").glob("desk-*"))
restore_desk(mnt / "desk", snapshot, "admin", {PASSWORD!r}, system_clock)
print("restored", flush=True)  # the officer is told the desk is back as it was
time.sleep(600)
"""


def test_a_restore_reported_done_survives_a_power_cut(disk: Path) -> None:
    from bench.intake import draft
    from desk_app.app import open_desk

    kept = _set_up(disk / "desk")
    desk = open_desk(disk / "desk", password=PASSWORD)
    try:
        desk.backups.back_up(disk / "backups", keep=3)
        desk.intake.receive(draft(2))  # after the backup: the restore takes it away
    finally:
        desk.close()
    _cut_after(_RESTORE, disk)
    # before: the two renames that swap the restored folder in were never fsynced, so
    # the cut put the replaced data back as if the restore had not happened
    desk = open_desk(disk / "desk", password=PASSWORD)
    try:
        assert [row[0] for row in desk.storage.db.execute("SELECT code FROM dossiers")] == [kept]
    finally:
        desk.close()


_EXPORT = f"""
import sys, time
from pathlib import Path
from desk_app.app import open_desk
desk = open_desk(Path(sys.argv[1]) / "desk", password={PASSWORD!r})
summary = desk.sync.export_pack(Path(sys.argv[1]) / "usb" / "xa.zip")
print(summary.entries, flush=True)  # "written to the USB stick" on the screen
time.sleep(600)
"""


def test_a_usb_pack_reported_written_survives_a_power_cut(
    disk: Path, district: RunningServer
) -> None:
    import io
    import zipfile
    from datetime import UTC, datetime

    import desk_protocol as protocol
    from desk_app.app import open_desk
    from desk_protocol import sealed
    from district_server.keys import server_key

    _set_up(disk / "desk")
    desk = open_desk(disk / "desk", password=PASSWORD)
    try:
        settings = desk.settings.load()  # the desk has numbered dossiers: its own numbers
        desk.sync.enrol(
            district.url,
            district.store.new_enrol_code(
                settings.agency_code, settings.desk_number, datetime.now(UTC)
            ),
        )
    finally:
        desk.close()
    (disk / "usb").mkdir()  # the stick's own folder, there before
    entries = int(_cut_after(_EXPORT, disk))
    # before: the pack was renamed into place but the folder never fsynced: the officer
    # carried a stick without the pack (or with the hidden temporary) to the district
    assert (disk / "usb" / "xa.zip").is_file(), "the pack is not on the stick"
    plain = io.BytesIO()
    with open(disk / "usb" / "xa.zip", "rb") as on_stick:  # sealed to the server: whole?
        sealed.open_sealed(on_stick, server_key(district.data_dir), plain)
    with zipfile.ZipFile(plain) as pack:
        assert pack.testzip() is None
        held = json.loads(pack.read(protocol.PACK_ENTRIES))
    assert entries > 0 and len(held) == entries  # the stick holds what the screen said
