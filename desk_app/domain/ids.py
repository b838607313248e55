"""Identifiers made at the desk, without asking anyone (offline-first)."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

_RAND_BITS = 74


def uuid7(at: datetime, rand: int | None = None) -> str:
    """A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then 74 random bits.

    Time-ordered ids keep the database's unique index appending at its end instead of
    writing all over it, and still never collide between desks.
    """
    ms = int(at.timestamp() * 1000) & ((1 << 48) - 1)
    bits = secrets.randbits(_RAND_BITS) if rand is None else rand & ((1 << _RAND_BITS) - 1)
    rand_a, rand_b = bits >> 62, bits & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return str(uuid.UUID(int=value))
