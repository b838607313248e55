"""A hot folder: where a scanner's "scan to folder" drops files, polled by the desk.

A file is taken only once it has stopped changing (same size and time over two polls at
least ``settle_seconds`` apart) and can be read whole, so a half-written file is never
imported. After import it is moved into ``đã nhập/`` beside it; its SHA-256 is also
remembered (``seen``/``remember``, kept in the database by the service), so a file copied
in again, or one the move could not take away, is never imported twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desk_app.capture.errors import CaptureError
from desk_app.capture.importer import FILE_SUFFIXES, iter_bytes, sniff
from desk_app.capture.page import RawPage

DONE_DIR = "đã nhập"
FAILED_DIR = "lỗi"
_TEMPORARY = (".part", ".tmp", ".crdownload", ".partial", "~")


@dataclass(frozen=True)
class HotFile:
    path: Path
    pages: list[RawPage]
    sha256: str


@dataclass(frozen=True)
class HotFailure:
    path: Path
    error: CaptureError


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float


class HotFolder:
    def __init__(
        self,
        folder: Path,
        *,
        seen: Callable[[str], bool],
        remember: Callable[[str, str], None],
        settle_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = folder
        self._seen = seen
        self._remember = remember
        self._settle = settle_seconds
        self._clock = clock
        self._watch: dict[Path, _Seen] = {}
        # A file that looks like a scan but will not decode is retried this long after its
        # last change before it is set aside as broken.
        self.give_up_seconds = 30.0

    def candidates(self) -> list[Path]:
        """Files of ours directly in the folder (not in sub-folders, not links out of it)."""
        if not self.folder.is_dir():
            return []
        root = self.folder.resolve()
        found = []
        for path in sorted(self.folder.iterdir()):
            name = path.name
            if name.startswith(".") or name.lower().endswith(_TEMPORARY) or not path.is_file():
                continue
            if path.suffix.lower() not in FILE_SUFFIXES:
                continue
            if path.resolve().parent != root:
                continue  # a link pointing outside the hot folder
            found.append(path)
        return found

    def poll(self) -> tuple[list[HotFile], list[HotFailure]]:
        """Import every file that has settled; returns what was imported and what failed."""
        now = self._clock()
        ready: list[HotFile] = []
        failed: list[HotFailure] = []
        present = set()
        for path in self.candidates():
            present.add(path)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            mark = self._watch.get(path)
            if mark is None or (mark.size, mark.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
                self._watch[path] = _Seen(stat.st_size, stat.st_mtime_ns, now)
                continue
            if now - mark.since < self._settle or stat.st_size == 0:
                continue
            outcome = self._take(path)
            if isinstance(outcome, HotFailure):
                failed.append(outcome)
            elif outcome is not None:
                ready.append(outcome)
            self._watch.pop(path, None)
        for gone in set(self._watch) - present:
            del self._watch[gone]
        return ready, failed

    def _take(self, path: Path) -> HotFile | HotFailure | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # still locked by the scanner's software: next poll
        digest = hashlib.sha256(data).hexdigest()
        if self._seen(digest):
            self._move(path, DONE_DIR)
            return None
        try:
            if path.stat().st_size != len(data):
                return None  # grew while we read it
            pages = [page.packed() for page in iter_bytes(data, path.name)]  # one at a time
        except CaptureError as err:
            if sniff(data) is not None and self._young(path):
                return None  # looks like ours but cut short: a scanner that paused; look again
            self._move(path, FAILED_DIR)  # unreadable for good: set aside, never retried
            return HotFailure(path, err)
        return HotFile(path, pages, digest)

    def _young(self, path: Path) -> bool:
        try:
            return time.time() - path.stat().st_mtime < self.give_up_seconds
        except FileNotFoundError:
            return False

    def done(self, item: HotFile) -> None:
        """Call once the file's pages are safely with the officer: remembered, moved aside."""
        self._remember(item.sha256, item.path.name)
        self._move(item.path, DONE_DIR)

    def _move(self, path: Path, sub: str) -> None:
        target_dir = self.folder / sub
        with contextlib.suppress(OSError):
            target_dir.mkdir(exist_ok=True)
            target = target_dir / path.name
            if target.exists():
                target = target_dir / f"{path.stem}-{time.time_ns()}{path.suffix}"
            path.replace(target)
