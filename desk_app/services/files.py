"""Writing exported files so that a power cut never leaves half of one."""

from __future__ import annotations

from pathlib import Path

from desk_app.storage.files import write_durably


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync, then rename over it."""
    write_durably(path.resolve(), data)
