"""Which protocol each side speaks, and which side is behind when they differ.

The desk names the one version it speaks in every request (``X-Desk-Protocol``). The
server names the versions it accepts in every answer of the API (``X-Server-Protocol``,
``"2"`` or ``"2-3"``) and refuses a request outside them with HTTP 426 and a code that
says which side must be updated: ``old_desk`` or ``old_server``. The desk reads the
server's versions on every answer, before anything else in it, so an old desk facing a
newer server and a newer desk facing an old server both say which software to update
(an old server that knows nothing of newer desks would otherwise call them too old).

A server from before ``X-Server-Protocol`` spoke version 2 alone (``BEFORE_NEGOTIATION``).
A request with no version comes from a desk too old to check the server's signed answers
(version 1): it is refused, since it would believe a forged acknowledgement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

HEADER_PROTOCOL = "X-Desk-Protocol"
HEADER_SERVER_PROTOCOL = "X-Server-Protocol"
PROTOCOL_VERSION = "2"  # what this code speaks, as a desk sends it

_VERSION = re.compile(r"[1-9][0-9]{0,3}")
_RANGE = re.compile(r"([1-9][0-9]{0,3})(?:-([1-9][0-9]{0,3}))?")


@dataclass(frozen=True)
class Versions:
    """The protocol versions a server accepts, ``oldest`` to ``newest`` inclusive."""

    oldest: int
    newest: int

    def __post_init__(self) -> None:
        if not 1 <= self.oldest <= self.newest:
            raise ValueError(f"versions {self.oldest}-{self.newest}")

    def __str__(self) -> str:
        if self.oldest == self.newest:
            return str(self.oldest)
        return f"{self.oldest}-{self.newest}"

    def __contains__(self, version: object) -> bool:
        return isinstance(version, int) and self.oldest <= version <= self.newest


SERVER_VERSIONS = Versions(int(PROTOCOL_VERSION), int(PROTOCOL_VERSION))  # what this server accepts
BEFORE_NEGOTIATION = Versions(2, 2)  # what a server that names no versions speaks


class Behind(StrEnum):
    """Which side must be updated for the two to talk (the code of the 426 answer)."""

    DESK = "old_desk"
    SERVER = "old_server"


def parse_version(text: str | None) -> int | None:
    """A desk's version from its header, or None (absent or not a version)."""
    if text is None or not _VERSION.fullmatch(text.strip()):
        return None
    return int(text.strip())


def parse_versions(text: str | None) -> Versions | None:
    """A server's versions from its header, or None (absent or malformed)."""
    match = _RANGE.fullmatch((text or "").strip())
    if match is None:
        return None
    oldest = int(match.group(1))
    newest = int(match.group(2) or oldest)
    return Versions(oldest, newest) if oldest <= newest else None


def behind(desk: int | None, server: Versions) -> Behind | None:
    """Which side is behind when a desk speaking ``desk`` meets a server accepting
    ``server``; None when they can talk. A desk naming no version is behind."""
    if desk is None or desk < server.oldest:
        return Behind.DESK
    if desk > server.newest:
        return Behind.SERVER
    return None
