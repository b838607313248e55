"""The server's blob folder: uploads grow in ``uploads/<desk>/<sha>.part`` and become
``blobs/<sha[:2]>/<sha>`` only once their SHA-256 is verified. (S3-compatible storage for
the scale-out path would replace this module; see the README.)"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class BlobFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "blobs").mkdir(parents=True, exist_ok=True)
        (root / "uploads").mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / "blobs" / sha256[:2] / sha256

    def part(self, desk_id: str, sha256: str) -> Path:
        folder = self.root / "uploads" / desk_id
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{sha256}.part"

    def offset(self, desk_id: str, sha256: str) -> int:
        part = self.part(desk_id, sha256)
        return part.stat().st_size if part.exists() else 0

    def append(self, desk_id: str, sha256: str, chunk: bytes) -> int:
        part = self.part(desk_id, sha256)
        with open(part, "ab") as handle:
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        return part.stat().st_size

    def complete(self, desk_id: str, sha256: str) -> bool:
        """Verify the finished upload and move it into place; False (and discarded) when
        its bytes do not match the hash."""
        part = self.part(desk_id, sha256)
        digest = hashlib.sha256()
        with open(part, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            part.unlink(missing_ok=True)
            return False
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
        return True

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()
