"""Replacing the desk's data key after a revocation, so that a power cut at any line leaves
the old desk or the new one, never a mixture.

A revoked officer may keep a copy of ``keys.json`` and knows their password: together they
open the data key. So the key itself is replaced: a new random data key, sealed to every
remaining officer's public half and to the recovery code's (``storage.keyring`` format 2:
no password is needed for that), the database copied under it with ``sqlcipher_export``
into a new file, and every paper file re-encrypted (and renamed: names are an HMAC under
the blob key) into a new folder. Nothing is rewritten in place.

The order is the journal:

1. ``keys.json.next`` is written first (durably). While it exists the change is not
   committed: a cut anywhere until step 4 is rolled back at the next start by deleting
   the ``.next`` files (``keys.json.next`` last).
2. ``desk.sqlite3.next``: the whole database under the new key, fsynced.
3. ``blobs.next/``: every paper file under the new blob key, fsynced.
4. Commit: ``keys.json.next`` is renamed over ``keys.json`` (atomic).
5. Roll forward, each step idempotent and re-run at the next start if cut: the old
   database's WAL and marks removed and ``desk.sqlite3.next`` renamed over it; ``blobs/``
   renamed to ``blobs.old/``, ``blobs.next/`` to ``blobs/``, ``blobs.old/`` removed.

``settle`` (run before any keyring is read) finishes or undoes a cut replacement. The
database must not be open while it runs: the storage holds a shared lock on
``desk.sqlite3.lock`` while open, and the replacement takes it exclusively or waits for
another time (a nightly ``desk-app sync`` still running keeps its writes).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desk_app.storage.blob_store import BLOB_DIR, BlobCipher
from desk_app.storage.database import (
    CLEAN_MARK_SUFFIX,
    DB_FILENAME,
    LOCK_SUFFIX,
    connect,
    exclusive_lock,
)
from desk_app.storage.files import fsync_dir, make_private, write_durably
from desk_app.storage.keyring import KEYRING_FILE, DataKey, Keyring

NEXT_KEYRING = KEYRING_FILE + ".next"
NEXT_DB = DB_FILENAME + ".next"
NEXT_BLOBS = BLOB_DIR + ".next"
OLD_BLOBS = BLOB_DIR + ".old"


class DeskInUse(Exception):
    """Another process has the database open: the replacement waits for another time."""


@dataclass(frozen=True)
class Replaced:
    key: DataKey  # the new data key
    dropped: list[str]  # officers not carried over (format-1 entries): to be reset
    recovery_code: str | None  # a new recovery code to print, when the old one was format 1
    papers: int  # paper files re-encrypted


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    if os.name == "nt":
        return
    for folder, _dirs, files in os.walk(root):
        for name in files:
            _fsync_file(Path(folder) / name)
        fsync_dir(Path(folder))


def settle(data_dir: Path) -> str:
    """Finish a committed replacement or undo one that was cut before its commit; what
    was done ("" when there was nothing to do)."""
    (data_dir / (NEXT_KEYRING + ".tmp")).unlink(missing_ok=True)
    if (data_dir / NEXT_KEYRING).exists():
        _roll_back(data_dir)
        return "rolled back"
    if any((data_dir / name).exists() for name in (NEXT_DB, NEXT_BLOBS, OLD_BLOBS)):
        _roll_forward(data_dir)
        return "completed"
    return ""


def settle_if_alone(data_dir: Path) -> str:
    """``settle`` when no other process has the desk open (else that process's start did
    it already)."""
    with exclusive_lock(data_dir / (DB_FILENAME + LOCK_SUFFIX)) as alone:
        return settle(data_dir) if alone else ""


def _roll_back(data_dir: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        (data_dir / (NEXT_DB + suffix)).unlink(missing_ok=True)
    shutil.rmtree(data_dir / NEXT_BLOBS, ignore_errors=True)
    fsync_dir(data_dir)
    (data_dir / NEXT_KEYRING).unlink()  # the marker goes last: a cut here rolls back again
    fsync_dir(data_dir)


def _roll_forward(data_dir: Path) -> None:
    database, blobs = data_dir / DB_FILENAME, data_dir / BLOB_DIR
    next_db, next_blobs, old_blobs = data_dir / NEXT_DB, data_dir / NEXT_BLOBS, data_dir / OLD_BLOBS
    if next_db.exists():
        # the old database was checkpointed and closed before the commit: its WAL is
        # empty, and must not be replayed onto the new file
        for suffix in ("-wal", "-shm", CLEAN_MARK_SUFFIX):
            (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
        os.replace(next_db, database)
        fsync_dir(data_dir)
    if next_blobs.exists():
        if blobs.exists():
            if old_blobs.exists():
                shutil.rmtree(old_blobs)
            os.replace(blobs, old_blobs)
            fsync_dir(data_dir)
        os.replace(next_blobs, blobs)
        fsync_dir(data_dir)
    if old_blobs.exists():
        shutil.rmtree(old_blobs)
        fsync_dir(data_dir)


def _export_database(data_dir: Path, old: DataKey, new: DataKey) -> list[str]:
    """The database copied under ``new`` into ``desk.sqlite3.next`` (fsynced); the hashes
    of the paper files it names."""
    target = data_dir / NEXT_DB
    source = connect(data_dir / DB_FILENAME, old)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        hashes = [str(row[0]) for row in source.execute("SELECT sha256 FROM blobs")]
        key = new.derive("desk database").hex()
        source.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{key}'\"", [str(target)])
        source.execute("SELECT sqlcipher_export('rekeyed')")
        source.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        source.execute("DETACH DATABASE rekeyed")
    finally:
        source.close()
    make_private(target, 0o600)
    _fsync_file(target)
    return hashes


def _copy_papers(data_dir: Path, hashes: list[str], old: DataKey, new: DataKey) -> int:
    before, after = BlobCipher(old.derive("blobs")), BlobCipher(new.derive("blobs"))
    source, target = data_dir / BLOB_DIR, data_dir / NEXT_BLOBS
    target.mkdir(mode=0o700)
    (target / "tmp").mkdir()
    copied = 0
    for sha in hashes:
        path = source / before.relative(sha)
        if not path.is_file():  # a paper already missing stays missing (self-check says so)
            continue
        moved = target / after.relative(sha)
        moved.parent.mkdir(exist_ok=True)
        write_durably(moved, after.seal(before.open(path.read_bytes(), sha), sha))
        copied += 1
    _fsync_tree(target)
    return copied


@contextlib.contextmanager
def _alone(data_dir: Path) -> Iterator[None]:
    with exclusive_lock(data_dir / (DB_FILENAME + LOCK_SUFFIX)) as held:
        if not held:
            raise DeskInUse(data_dir)
        yield


def replace_data_key(data_dir: Path, old: DataKey) -> Replaced:
    """A new data key for the desk in ``data_dir`` (whose database is closed), following
    the journal above; the keyring's ``rekey_due`` is cleared by the commit."""
    with _alone(data_dir):
        settle(data_dir)
        ring = Keyring.load(data_dir)
        new = DataKey.new()
        resealed = ring.resealed(new, NEXT_KEYRING)
        resealed.ring.save()  # 1. the journal's marker
        hashes = _export_database(data_dir, old, new)  # 2.
        papers = _copy_papers(data_dir, hashes, old, new)  # 3.
        fsync_dir(data_dir)
        os.replace(data_dir / NEXT_KEYRING, data_dir / KEYRING_FILE)  # 4. commit
        fsync_dir(data_dir)
        _roll_forward(data_dir)  # 5.
    return Replaced(new, resealed.dropped, resealed.recovery_code, papers)
