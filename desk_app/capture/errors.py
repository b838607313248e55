"""What can go wrong while digitising, each with a message the officer can act on."""

from __future__ import annotations

from desk_app.domain.errors import DeskError


class CaptureError(DeskError):
    """Base of every digitisation error; ``str(err)`` is the Vietnamese message."""


class UnreadableFile(CaptureError):
    """Empty, truncated, corrupt, or not what its name says."""


class UnsafeFile(CaptureError):
    """A file refused on purpose: encrypted or scripted PDF, decompression bomb, odd path."""


class ScannerError(CaptureError):
    """The scanner failed or disappeared; pages already scanned are kept."""


class SigningError(CaptureError):
    """The officer's certificate or token could not sign."""


class StorageFull(CaptureError):
    """The disk is full: nothing was stored, pages on screen are kept."""
