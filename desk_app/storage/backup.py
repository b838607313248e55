"""Online backups of a desk's data, kept in a backup folder with rotation.

A backup folder holds snapshots and one shared store of paper files::

    desk-20261123-173000/    desk.sqlite3 (SQLCipher online backup, same key), keys.json,
                             manifest.json (when, how many dossiers, which paper files)
    desk-20261124-173000/
    blobs/ab/ab…             the encrypted paper files, copied as they are, once each

Paper files never change (their names come from their content), so a new snapshot copies
only the files the last one did not have. A snapshot is written under ``….partial`` and
renamed when complete, so a power cut during a backup leaves the earlier snapshots whole
and a ``.partial`` folder that the next backup removes. Rotation keeps the newest
``keep`` snapshots and the paper files they name.

Everything in a backup is as encrypted as the data folder: without an officer's password
(or the recovery code) it is unreadable.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.storage.blob_store import BLOB_DIR, BlobStore
from desk_app.storage.database import DB_FILENAME, DatabaseError, Storage
from desk_app.storage.files import fsync_dir, make_private, mkdir_durably, write_durably
from desk_app.storage.keyring import KEYRING_FILE

PREFIX = "desk-"
PARTIAL = ".partial"
MANIFEST = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
    path: Path
    created_at: datetime
    dossiers: int
    last_seq: int  # the change log's last entry in the snapshot
    blobs: list[str]  # paper files, as paths relative to the backup folder's blobs/

    @property
    def name(self) -> str:
        return self.path.name


class BackupUnreadable(Exception):
    """A folder that is not a whole snapshot (no manifest, a file or a paper missing)."""


def _copy_durably(source: Path, target: Path) -> None:
    mkdir_durably(target.parent)
    write_durably(target, source.read_bytes())  # a paper or a keyring: a few MB at most
    fsync_dir(target.parent)  # the name too: a snapshot must never name a paper it lost


def snapshots(folder: Path) -> list[Snapshot]:
    """The whole snapshots in ``folder``, oldest first."""
    found = []
    if folder.is_dir():
        for path in sorted(folder.glob(PREFIX + "*")):
            if path.is_dir() and not path.name.endswith(PARTIAL):
                with contextlib.suppress(BackupUnreadable):
                    found.append(read_snapshot(path))
    return found


def read_snapshot(path: Path) -> Snapshot:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')}")
        return Snapshot(
            path,
            datetime.fromisoformat(data["created_at"]),
            int(data["dossiers"]),
            int(data["last_seq"]),
            [str(name) for name in data["blobs"]],
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BackupUnreadable(f"{path}: {err}") from err


def take(
    storage: Storage, blobs: BlobStore, data_dir: Path, folder: Path, now: datetime, keep: int
) -> tuple[Snapshot, int]:
    """A new snapshot of the open desk in ``folder``; then the oldest beyond ``keep`` are
    removed. Returns the snapshot and how many paper files were copied for it."""
    mkdir_durably(folder)
    make_private(folder, 0o700)
    for stale in folder.glob(f"{PREFIX}*{PARTIAL}"):  # a backup cut by a crash
        shutil.rmtree(stale, ignore_errors=True)
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    same_second = [p.name for p in folder.glob(name + "*") if not p.name.endswith(PARTIAL)]
    if same_second:  # two backups in one second: after the last of them, as rotation goes
        name = max(same_second) + "b"  # by name (a name freed by rotation sorts first)
    partial = folder / (name + PARTIAL)
    partial.mkdir()
    _copy_durably(data_dir / KEYRING_FILE, partial / KEYRING_FILE)
    try:
        # The backup reads every page, each checked against its HMAC: the day's whole-file
        # check (start-up skips it after a clean close). A damaged page stops it here.
        storage.backup_to(partial / DB_FILENAME)
    except DatabaseError as err:
        shutil.rmtree(partial, ignore_errors=True)
        storage.mark_damaged()  # (closing must not vouch for these files)
        raise BackupUnreadable(f"{DB_FILENAME}: {err}") from err
    copy = Storage(partial / DB_FILENAME, storage.key)  # the snapshot says what it holds
    try:
        db = copy.db
        dossiers = int(db.execute("SELECT count(*) FROM dossiers").fetchone()[0])
        last_seq = int(db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0])
        hashes = [row[0] for row in db.execute("SELECT sha256 FROM blobs ORDER BY sha256")]
    finally:
        copy.close(clean=False)  # (no mark inside a snapshot)
    copied, names = 0, []
    for sha in hashes:
        source = blobs.path(sha)
        relative = source.relative_to(blobs.root).as_posix()
        names.append(relative)
        target = folder / BLOB_DIR / relative
        if not target.exists():
            _copy_durably(source, target)
            copied += 1
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(timespec="seconds"),
        "dossiers": dossiers,
        "last_seq": last_seq,
        "blobs": names,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with open(partial / MANIFEST, "rb+") as handle:
        os.fsync(handle.fileno())
    fsync_dir(partial)
    os.replace(partial, folder / name)
    fsync_dir(folder)
    rotate(folder, keep, taken=name)
    return read_snapshot(folder / name), copied


def rotate(folder: Path, keep: int, *, taken: str | None = None) -> list[Path]:
    """Remove all but the newest ``keep`` snapshots and the paper files only they named.
    The snapshot just ``taken`` always stays: with the PC's clock set back (a flat CMOS
    battery after a power cut) its name sorts before the older ones."""
    others = [s for s in snapshots(folder) if s.name != taken]
    kept_others = max(1, keep) - (1 if taken is not None else 0)
    removed = [s.path for s in others[: max(0, len(others) - kept_others)]]
    for path in removed:
        shutil.rmtree(path)
    if removed:  # gone for good before their papers go: a cut never brings back a
        fsync_dir(folder)  # snapshot whose papers were removed
    named = {name for s in snapshots(folder) for name in s.blobs}
    for path in (folder / BLOB_DIR).glob("*/*"):
        if path.is_file() and f"{path.parent.name}/{path.name}" not in named:
            path.unlink()
    return removed


def stage(snapshot: Snapshot, target: Path, keyring_from: Path) -> None:
    """Copy ``snapshot`` into the new folder ``target`` as a data folder, with the keyring
    file found in ``keyring_from`` (the snapshot's own, or the current desk's)."""
    if target.exists():
        shutil.rmtree(target)
    store = snapshot.path.parent / BLOB_DIR
    lacking = [name for name in snapshot.blobs if not (store / name).is_file()]
    for needed in (snapshot.path / DB_FILENAME, keyring_from / KEYRING_FILE):
        if not needed.is_file():
            lacking.append(str(needed))
    if lacking:
        raise BackupUnreadable(f"{snapshot.name}: thiếu {len(lacking)} tệp, ví dụ {lacking[0]}")
    target.mkdir(parents=True)
    _copy_durably(snapshot.path / DB_FILENAME, target / DB_FILENAME)
    _copy_durably(keyring_from / KEYRING_FILE, target / KEYRING_FILE)
    for name in snapshot.blobs:
        _copy_durably(store / name, target / BLOB_DIR / name)
    fsync_dir(target)
