"""The clean-close mark: proof that the database files hold exactly what the last clean
close left, so that a start may skip SQLite's whole-file check.

A clean close writes ``desk.sqlite3.clean``: the database and WAL files' sizes and
SHA-256, and how far the database had come (its last change-log and audit-log entries),
sealed with an HMAC under a key derived from the desk's data key. A crash, a power cut,
another process still writing, a byte the disk flipped or an edit (whatever the file's
modification time says) leaves no mark or one that no longer matches, and only then is
the whole-file check needed. Hashing reads every byte, so proving a mark costs a read of
the whole file: on the 1.19 GB demo desk that is seconds, more than the one-second start
allows. ``Storage(check_later=True)`` (the window) therefore compares only the seal and
the sizes before it opens, and proves the content after the first paint, against a
snapshot that SQLite keeps unchanged on disk meanwhile (see ``database.StartCheck``);
the reasoning is in docs/threat-model.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app.storage.files import write_durably
from desk_app.storage.keyring import DataKey

MARK_SUFFIX = ".clean"
_FORMAT = 2
_SEGMENT = 16 << 20

FileState = list[Any] | None  # [size, SHA-256 hex] of a file, None when there is none


@dataclass(frozen=True)
class Recorded:
    """What a sealed mark says: the files at that close, and how far the database had
    come (last change-log and audit-log entries), when known."""

    files: list[FileState]
    seen: list[int] | None

    @property
    def database(self) -> FileState:
        return self.files[0]

    @property
    def wal(self) -> FileState:
        return self.files[1] if len(self.files) > 1 else None


class CleanMark:
    """The mark beside the database at ``database``, sealed under ``key``."""

    def __init__(self, database: Path, key: DataKey) -> None:
        self.database = database
        self.path = database.with_name(database.name + MARK_SUFFIX)
        self.wal = database.with_name(database.name + "-wal")
        self._key = key

    def read(self) -> Recorded | None:
        """The mark, if there is one sealed by this desk's key in the current format (an
        older mark, sizes and times only, proves nothing)."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(recorded, dict) or recorded.get("format") != _FORMAT:
            return None
        files, seen = recorded.get("files"), recorded.get("seen")
        if not isinstance(files, list) or not hmac.compare_digest(
            str(recorded.get("mac", "")), self._seal(files, seen)
        ):
            return None
        if isinstance(seen, list) and len(seen) == 2 and all(isinstance(n, int) for n in seen):
            return Recorded(files, [int(n) for n in seen])
        return Recorded(files, None)

    def sizes_match(self, recorded: Recorded) -> bool:
        """Whether the files have the sizes the mark says (no byte read)."""
        return [size(self.database), size(self.wal)] == [
            f[0] if isinstance(f, list) and f else None for f in (recorded.database, recorded.wal)
        ]

    def matches(self, recorded: Recorded) -> bool:
        """Whether the files hold exactly what the mark says (every byte read)."""
        return self.sizes_match(recorded) and recorded.files == self.state()

    def state(self) -> list[FileState]:
        return [digest(self.database), digest(self.wal)]

    def write(self, seen: list[int] | None) -> None:
        files = self.state()
        mark = {"format": _FORMAT, "files": files, "seen": seen, "mac": self._seal(files, seen)}
        write_durably(self.path, json.dumps(mark).encode("utf-8"))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def _seal(self, files: object, seen: object) -> str:
        text = json.dumps([files, seen], separators=(",", ":")).encode("utf-8")
        return hmac.new(self._key.derive("clean close mark"), text, hashlib.sha256).hexdigest()


def size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def digest(path: Path) -> FileState:
    """[size, SHA-256 of the content] of ``path`` (None when there is no such file),
    hashed in 16 MB segments on every core (hashlib lets go of the GIL)."""
    length = size(path)
    if length is None:
        return None

    def segment(start: int) -> bytes:
        sha = hashlib.sha256()
        buffer = bytearray(1 << 20)
        view = memoryview(buffer)
        left = min(_SEGMENT, length - start)
        with open(path, "rb") as handle:
            handle.seek(start)
            while left > 0:
                got = handle.readinto(view[: min(len(buffer), left)])
                if not got:
                    break
                sha.update(view[:got])
                left -= got
        return sha.digest()

    starts = list(range(0, length, _SEGMENT)) or [0]
    workers = max(1, min(len(starts), os.cpu_count() or 1, 8))
    try:
        if workers == 1:
            parts = [segment(start) for start in starts]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                parts = list(pool.map(segment, starts))
    except FileNotFoundError:
        return None
    return [length, hashlib.sha256(b"".join(parts)).hexdigest()]
