"""Content-addressed files (scans, digitised results) under the data folder, by SHA-256.

A file is written to a temporary name, flushed and fsynced, renamed into place and its
folder fsynced (and a new folder's name in its parent) *before* its row is committed, so a
row never points to a missing file. A crash between the two leaves a file with no row. Before a new file is written, its name
is recorded in ``pending/`` (durably); the mark goes once the row's transaction commits.
``sweep_orphans`` (run at start-up, on a database already found sound) removes a file only
on that evidence: a pending mark whose row is not there, which only a transaction that
never committed leaves. A file without a row and without a mark is kept: the database
may be an older copy (a backup put back by hand), and the newer one needed it; a missing
or empty database is refused before any sweep (``Storage``). Identical content is
stored once.

Each file is encrypted (AES-256-GCM, a fresh 96-bit nonce each, the content's SHA-256 as
associated data) under the desk's blob key, and named by an HMAC of that hash, so a copy
of the folder tells neither what the papers say nor which known paper is among them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desk_app.storage.database import Storage
from desk_app.storage.files import fsync_dir, mkdir_durably, write_durably

BLOB_DIR = "blobs"
_TMP = "tmp"
_PENDING = "pending"  # names of files written by a transaction not yet committed


class BlobCorrupt(Exception):
    """A stored file whose content no longer matches its SHA-256."""


class BlobCipher:
    """How the files are named and sealed under one blob key (also used to move every file
    to a new key when the data key is replaced: ``storage.rekey``)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)
        self._names = hmac.new(key, b"blob names", hashlib.sha256).digest()

    def relative(self, sha256: str) -> Path:
        name = hmac.new(self._names, sha256.encode("ascii"), hashlib.sha256).hexdigest()
        return Path(name[:2]) / name

    def seal(self, data: bytes, sha256: str) -> bytes:
        nonce = secrets.token_bytes(12)
        return nonce + self._aead.encrypt(nonce, data, sha256.encode("ascii"))

    def open(self, sealed: bytes, sha256: str) -> bytes:
        try:
            data = self._aead.decrypt(sealed[:12], sealed[12:], sha256.encode("ascii"))
        except (InvalidTag, ValueError):  # altered, or cut shorter than a nonce
            raise BlobCorrupt(f"stored file {sha256} does not decrypt (altered)") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobCorrupt(f"stored file {sha256} does not match its hash")
        return data


class BlobStore:
    def __init__(self, storage: Storage, root: Path, key: bytes) -> None:
        self._storage = storage
        self._cipher = BlobCipher(key)
        self.root = root
        if not storage.read_only:
            mkdir_durably(root / _TMP)
            mkdir_durably(root / _PENDING)

    def path(self, sha256: str) -> Path:
        return self.root / self._cipher.relative(sha256)

    def _seal(self, data: bytes, sha256: str) -> bytes:
        return self._cipher.seal(data, sha256)

    def put(self, data: bytes, *, media_type: str, now: datetime) -> str:
        """Store ``data`` durably and record it (inside the caller's transaction)."""
        db = self._storage.db
        if not db.conn.in_transaction:
            raise RuntimeError("blobs are recorded inside the caller's write transaction")
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            mkdir_durably(target.parent)  # a new folder's name, or the file is lost with it
            sealed = self._seal(data, digest)
            mark = self.root / _PENDING / target.name
            write_durably(mark, b"", temporary=self.root / _TMP / uuid.uuid4().hex)
            fsync_dir(mark.parent)  # the mark is on disk before the file it names
            try:
                write_durably(target, sealed, temporary=self.root / _TMP / uuid.uuid4().hex)
                fsync_dir(target.parent)
            except BaseException:  # (a full disk): no file, so no mark either
                with contextlib.suppress(OSError):
                    target.unlink(missing_ok=True)
                    mark.unlink(missing_ok=True)
                raise
            self._storage.after_commit(lambda: _remove(mark))
        db.execute(
            "INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            [digest, len(data), media_type, now.isoformat(timespec="seconds")],
        )
        return digest

    def read(self, sha256: str) -> bytes:
        return self._cipher.open(self.path(sha256).read_bytes(), sha256)

    def sweep_orphans(self) -> int:
        """Remove what an aborted write left: temporary files, and files whose pending
        mark has no row (their transaction never committed); return how many files.

        Runs under the database's write lock, so no other process is between writing a
        file and committing its row. Call it only on a database found sound."""
        if not self._leftovers():
            return 0
        removed = 0
        with self._storage.write() as db:
            marks = [p for p in (self.root / _PENDING).glob("*") if p.is_file()]
            known: set[str] = set()
            if marks:
                known = {self.path(sha).name for (sha,) in db.execute("SELECT sha256 FROM blobs")}
            for mark in marks:
                if mark.name not in known and _is_name(mark.name):
                    aborted = self.root / mark.name[:2] / mark.name
                    with contextlib.suppress(FileNotFoundError):
                        aborted.unlink()
                        removed += 1
                mark.unlink(missing_ok=True)
            for temporary in (self.root / _TMP).glob("*"):
                with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                    temporary.unlink()
                    removed += 1
        return removed

    def _leftovers(self) -> bool:
        return any(
            any(True for _ in (self.root / folder).glob("*"))
            for folder in (_PENDING, _TMP)
            if (self.root / folder).is_dir()
        )

    def unreferenced(self) -> list[Path]:
        """Files with no row and no pending mark (kept by the sweep; for a person to judge)."""
        known = {
            self.path(sha).name for (sha,) in self._storage.db.execute("SELECT sha256 FROM blobs")
        }
        return sorted(
            path
            for path in self.root.glob("*/*")
            if path.parent.name not in (_TMP, _PENDING)
            and path.is_file()
            and path.name not in known
        )

    def missing(self) -> list[str]:
        """Hashes with a row but no file (should never happen; the integrity check asks)."""
        return [
            sha
            for (sha,) in self._storage.db.execute("SELECT sha256 FROM blobs")
            if not self.path(sha).is_file()
        ]


def _remove(path: Path) -> None:
    """(after a commit: a mark that cannot be removed now is resolved by the next sweep)"""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _is_name(name: str) -> bool:
    return len(name) == 64 and all(ch in "0123456789abcdef" for ch in name)
