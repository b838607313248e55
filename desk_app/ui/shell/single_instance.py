"""One desk window per data folder on a PC (issue 26 item 8). A second start on the same
folder does not open the encrypted data a second time: it asks the first to come forward
and ends.

The first holds a lock file (``QLockFile``: a crashed holder's stale lock is taken over)
and watches a request file beside it (``QFileSystemWatcher``); a second start that finds
the folder locked adds a line to that file, and the first comes forward. Both are named
after the folder's path, in a folder of the user's own, so the data folder itself is not
touched. Not the shared /tmp of a Linux PC: another user could take the names there first
(a lock file naming a process of theirs called like the desk) and keep the desk from ever
starting (issue 20). On Windows the temporary folder is the user's own already. (Qt's
local sockets would need QtNetwork in the built program, 3 MB for this alone, and a
Windows pipe name is the whole machine's, not the user's.)"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from PySide6.QtCore import QDir, QFileSystemWatcher, QLockFile, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

RAISE = b"raise\n"


def instance_name(folder: Path) -> str:
    digest = hashlib.sha256(str(folder.expanduser().resolve()).encode()).hexdigest()[:16]
    return f"desk-app-{digest}"


def private_folder() -> Path:
    """Where this user's lock and socket live: a folder only this user can write to."""
    if os.name == "nt":
        return Path(QDir.tempPath())  # the user's own %TEMP%
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(runtime)] if runtime else []
    candidates.append(Path.home() / ".cache" / "desk-app")
    for folder in candidates:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            held = folder.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(held.st_mode) and held.st_uid == os.getuid():
            if held.st_mode & 0o022:
                folder.chmod(0o700)
            return folder
    return Path(QDir.tempPath())  # no folder of our own: the old place, rather than none


def _paths(folder: Path) -> tuple[str, Path]:
    """(lock file, request file) of ``folder``'s claim."""
    name = instance_name(folder)
    own = private_folder()
    return str(own / f"{name}.lock"), own / f"{name}.raise"


class SingleInstance(QObject):
    """Held by the running desk; ``raise_requested`` when another start asked for it."""

    raise_requested = Signal()

    def __init__(self, lock: QLockFile, requests: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self._requests = requests
        requests.write_bytes(b"")  # (a request left by an earlier start is not for us)
        requests.chmod(0o600)
        self.watcher = QFileSystemWatcher([str(requests)], self)
        self.watcher.fileChanged.connect(self._changed)
        self.raise_requested.connect(bring_forward)

    def watching(self) -> bool:
        return str(self._requests) in self.watcher.files()

    def _changed(self, path: str) -> None:
        try:
            asked = RAISE.strip() in Path(path).read_bytes()
            Path(path).write_bytes(b"")  # answered
        except OSError:
            asked = False
        if path not in self.watcher.files():  # (some systems stop watching a rewritten file)
            self.watcher.addPath(path)
        if asked:
            self.raise_requested.emit()

    def release(self) -> None:
        self.watcher.removePaths(self.watcher.files())
        self._lock.unlock()


def claim(folder: Path) -> SingleInstance | None:
    """This start's claim on ``folder``: the holder, or None when another desk window has it
    (that one was asked to come forward)."""
    lock_path, requests = _paths(folder)
    lock = QLockFile(lock_path)
    lock.setStaleLockTime(0)  # only a holder that is gone (its process ended) is stale
    if lock.tryLock(100):
        return SingleInstance(lock, requests)
    try:
        with requests.open("ab") as asking:  # the holder watches it (its own user's folder)
            asking.write(RAISE)
    except OSError:
        pass  # the holder is there all the same: this start ends
    return None


def bring_forward() -> None:
    """The desk's visible windows, restored and in front (the dialog on top last)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for window in app.topLevelWidgets():
        if window.isVisible():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
            window.raise_()
            window.activateWindow()
