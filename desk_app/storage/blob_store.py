"""Content-addressed files (scans, digitised results) under the data folder, by SHA-256.

A file is written to a temporary name, flushed and fsynced, renamed into place and its
folder fsynced *before* its row is committed, so a row never points to a missing file.
A crash between the two leaves a file with no row: ``sweep_orphans`` (run at start-up)
removes it. Identical content is stored once.

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
from desk_app.storage.files import fsync_dir, write_durably

BLOB_DIR = "blobs"
_TMP = "tmp"


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
        (root / _TMP).mkdir(parents=True, exist_ok=True)

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
            target.parent.mkdir(parents=True, exist_ok=True)
            sealed = self._seal(data, digest)
            write_durably(target, sealed, temporary=self.root / _TMP / uuid.uuid4().hex)
            fsync_dir(target.parent)
        db.execute(
            "INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            [digest, len(data), media_type, now.isoformat(timespec="seconds")],
        )
        return digest

    def read(self, sha256: str) -> bytes:
        return self._cipher.open(self.path(sha256).read_bytes(), sha256)

    def sweep_orphans(self) -> int:
        """Remove temporary files and files with no row (left by a crash); return how many."""
        known = {
            self.path(row[0]).name for row in self._storage.db.execute("SELECT sha256 FROM blobs")
        }
        removed = 0
        for path in self.root.glob("*/*"):
            stray = path.parent.name == _TMP or path.name not in known
            if path.is_file() and stray:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        return removed

    def missing(self) -> list[str]:
        """Hashes with a row but no file (should never happen; the integrity check asks)."""
        return [
            sha
            for (sha,) in self._storage.db.execute("SELECT sha256 FROM blobs")
            if not self.path(sha).is_file()
        ]
