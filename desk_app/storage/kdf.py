"""The slow half of a sign-in: argon2id from an officer's password to the key that opens
the officer's entry in the keyring (``storage.keyring``).

It has a module of its own so that a sign-in can start deriving (``prederive``) as soon
as the program starts, with nothing loaded but argon2: the keyring's cryptography and the
database's modules load beside it (``services.signin``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw

KEYRING_FILE = "keys.json"


@dataclass(frozen=True)
class KdfCost:
    """argon2id parameters: 128 MiB, 3 passes, 2 lanes by default (RFC 9106's second
    recommendation is 64 MiB; the desk doubles the memory, which is what a guessing rig
    pays for). About 0.5 s a guess on the 2-core build machine (``bench/kdf_cost.py``)."""

    time_cost: int = 3
    memory_kib: int = 131072
    parallelism: int = 2

    @classmethod
    def from_json(cls, kdf: dict[str, Any]) -> KdfCost:
        """The cost as the keyring file keeps it (an officer's ``kdf``)."""
        return cls(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
        }

    def derive(self, password: str, salt: bytes) -> bytes:
        """The key for ``password`` in NFC, so a password typed decomposed (some input
        methods send "u" + combining acute for "ú") opens what it wrapped composed."""
        return hash_secret_raw(
            unicodedata.normalize("NFC", password).encode("utf-8"),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


@dataclass(frozen=True)
class Prederived:
    """An officer's key-encryption key derived ahead of ``Keyring.unlock``: argon2, the
    slow half of a sign-in, can start before the rest of the program has loaded
    (``services.signin``). It remembers the salt and cost it was derived for, so a keyring
    changed meanwhile (a password change, a data-key replacement) is derived again, never
    counted as a wrong password."""

    username: str
    salt: str
    cost: KdfCost
    kek: bytes = field(repr=False)
    password: bytes = field(repr=False)  # SHA-256 of the password it was derived from

    def fits(self, username: str, password: str, salt: str, cost: KdfCost) -> bool:
        """Made for this officer, this password and this salt and cost."""
        return (self.username, self.salt, self.cost) == (username, salt, cost) and (
            hmac.compare_digest(self.password, _digest(password))
        )


def _digest(password: str) -> bytes:
    return hashlib.sha256(unicodedata.normalize("NFC", password).encode("utf-8")).digest()


def prederive(data_dir: Path, username: str, password: str) -> Prederived | None:
    """``password``'s key-encryption key for ``username``'s entry in the keyring as it is
    now, for ``Keyring.unlock(early=…)``; None when there is no readable keyring or no such
    officer (``unlock`` then does the work, and says why)."""
    try:
        keyring = json.loads((data_dir / KEYRING_FILE).read_text(encoding="utf-8"))
        entry = keyring["officers"][username]
        salt, cost = str(entry["salt"]), KdfCost.from_json(entry["kdf"])
        kek = cost.derive(password, base64.b64decode(salt, validate=True))
    except (OSError, ValueError, KeyError, TypeError, OverflowError, HashingError):
        return None  # (unlock says what is wrong)
    return Prederived(username, salt, cost, kek, _digest(password))
