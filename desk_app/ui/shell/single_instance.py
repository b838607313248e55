"""One desk window per data folder on a PC (issue 26 item 8). A second start on the same
folder does not open the encrypted data a second time: it asks the first to come forward
and ends.

The first holds a lock file (``QLockFile``: a crashed holder's stale lock is taken over)
and listens on a local socket (``QLocalServer``); both are named after the folder's path,
in a folder of the user's own, so the data folder itself is not touched. Not the shared
/tmp of a Linux PC: another user could take the names there first (a lock file naming a
process of theirs called like the desk) and keep the desk from ever starting (issue 20).
On Windows the temporary folder is the user's own already."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

RAISE = b"raise\n"
CONNECT_MS = 1000


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


def _paths(folder: Path) -> tuple[str, str]:
    """(lock file, local socket) of ``folder``'s claim."""
    name = instance_name(folder)
    if os.name == "nt":
        return QDir.temp().filePath(f"{name}.lock"), name  # a pipe name
    own = private_folder()
    socket = own / name
    return str(own / f"{name}.lock"), str(socket) if len(str(socket)) < 100 else name


class SingleInstance(QObject):
    """Held by the running desk; ``raise_requested`` when another start asked for it."""

    raise_requested = Signal()

    def __init__(self, lock: QLockFile, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket left by a crashed holder
        self.server.listen(name)
        self.server.newConnection.connect(self._connected)
        self.raise_requested.connect(bring_forward)

    def _connected(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def release(self) -> None:
        self.server.close()
        self._lock.unlock()


def claim(folder: Path) -> SingleInstance | None:
    """This start's claim on ``folder``: the holder, or None when another desk window has it
    (that one was asked to come forward)."""
    lock_path, name = _paths(folder)
    lock = QLockFile(lock_path)
    lock.setStaleLockTime(0)  # only a holder that is gone (its process ended) is stale
    if lock.tryLock(100):
        return SingleInstance(lock, name)
    socket = QLocalSocket()
    socket.connectToServer(name)
    if socket.waitForConnected(CONNECT_MS):
        socket.write(RAISE)
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
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
