"""Writing files so that a power cut never leaves half of one: the data goes to a
temporary file, is flushed and fsynced, then renamed over the target. A reader sees the
old file or the whole new one; a failure (a full disk, a pulled USB drive) leaves
nothing behind."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def make_private(path: Path, mode: int) -> None:
    """``chmod`` to ``mode`` (0700 for a folder, 0600 for a file) where the file system
    keeps POSIX modes; on Windows the per-user profile's ACLs do that job, and a USB stick
    formatted FAT has no modes at all: both are left as they are."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    if os.name == "nt":  # Windows cannot open a folder to fsync it; NTFS journals renames
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def mkdir_durably(path: Path) -> None:
    """``path`` and any missing parents, each new folder's name made durable in its parent
    (a file fsynced into a folder whose own name was never fsynced is lost with it)."""
    if path.is_dir():
        return
    mkdir_durably(path.parent)
    try:
        path.mkdir()
    except FileExistsError:
        if not path.is_dir():
            raise
        return
    fsync_dir(path.parent)


def write_durably(target: Path, data: bytes, *, temporary: Path | None = None) -> None:
    """``data`` as the whole of ``target``; ``temporary`` (default: a hidden name beside
    it) must be on the same file system."""
    temporary = temporary or target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        # private to the desk's user (0600): keyrings, papers and snapshots alike
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600)
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
