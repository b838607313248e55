"""The desk's keys: one random data key, wrapped once per officer and once for recovery.

Everything personal on the desk (the SQLCipher database, the scans) is encrypted under
keys derived from one 256-bit *data key*. The data key is never stored as it is: the
keyring file ``keys.json`` holds it wrapped (AES-256-GCM)

- once per officer, under a key derived from the officer's password by argon2id (64 MiB,
  3 passes by default), with the user name bound in as associated data so entries cannot
  be swapped between accounts;
- once under the administrator's recovery code (200 random bits, shown once at set-up),
  for the day every administrator has forgotten the password.

Knowing a password therefore means being able to open the data, which is what makes login
work offline. Changing a password rewraps the same data key; nothing else is re-encrypted.
The keyring also keeps each account's failed-login count, so a lockout survives restarts.
It is written to a temporary file, fsynced and renamed into place: a power cut leaves the
old keyring or the new one, never half of one.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desk_app.domain.errors import LoginFailed
from desk_app.domain.officers import Lockout

KEYRING_FILE = "keys.json"
_FORMAT = 1
_WRAP_AAD = b"desk-app keyring v1|"


@dataclass(frozen=True)
class KdfCost:
    """argon2id parameters: 128 MiB, 3 passes, 2 lanes by default (RFC 9106's second
    recommendation is 64 MiB; the desk doubles the memory, which is what a guessing rig
    pays for). About 0.5 s a guess on the 2-core build machine (``bench/kdf_cost.py``)."""

    time_cost: int = 3
    memory_kib: int = 131072
    parallelism: int = 2

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


_FORMER_DEFAULT = KdfCost(time_cost=3, memory_kib=65536, parallelism=2)


class DataKey:
    """The desk's data key and the purpose keys derived from it (HKDF-SHA256)."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        if len(raw) != 32:
            raise ValueError("a data key is 32 bytes")
        self._raw = raw

    @classmethod
    def new(cls) -> DataKey:
        return cls(secrets.token_bytes(32))

    def derive(self, purpose: str) -> bytes:
        return HKDF(hashes.SHA256(), 32, salt=None, info=purpose.encode()).derive(self._raw)

    @property
    def raw(self) -> bytes:
        return self._raw

    def __repr__(self) -> str:  # never print a key by accident
        return "DataKey(…)"


def _wrap(kek: bytes, key: DataKey, label: str) -> str:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, key.raw, _WRAP_AAD + label.encode())
    return base64.b64encode(nonce + sealed).decode()


def _unwrap(kek: bytes, wrapped: str, label: str) -> DataKey | None:
    blob = base64.b64decode(wrapped)
    try:
        return DataKey(AESGCM(kek).decrypt(blob[:12], blob[12:], _WRAP_AAD + label.encode()))
    except InvalidTag:
        return None


def new_recovery_code() -> str:
    """40 base32 letters in groups of 5: easy to copy by hand from a printout."""
    letters = base64.b32encode(secrets.token_bytes(25)).decode()
    return "-".join(letters[i : i + 5] for i in range(0, 40, 5))


def _recovery_kek(code: str) -> bytes:
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(letters) != 40:
        raise LoginFailed("Mã khôi phục gồm 40 chữ cái (8 nhóm 5 chữ); hãy đọc lại bản in.")
    try:
        secret = base64.b32decode(letters)
    except ValueError:
        raise LoginFailed("Mã khôi phục có ký tự không hợp lệ; hãy đọc lại bản in.") from None
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"desk-app recovery").derive(secret)


@dataclass
class _Entry:
    salt: str
    wrapped: str
    cost: KdfCost
    failures: int = 0
    last_failure: str | None = None
    # Only read, from a keyring written before the flag moved into the encrypted database
    # (it told anyone with the file which accounts had a temporary password).
    must_change: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "salt": self.salt,
            "wrapped": self.wrapped,
            "kdf": {
                "name": "argon2id",
                "time_cost": self.cost.time_cost,
                "memory_kib": self.cost.memory_kib,
                "parallelism": self.cost.parallelism,
            },
            "failures": self.failures,
            "last_failure": self.last_failure,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Entry:
        kdf = data["kdf"]
        return cls(
            salt=data["salt"],
            wrapped=data["wrapped"],
            cost=KdfCost(kdf["time_cost"], kdf["memory_kib"], kdf["parallelism"]),
            failures=int(data.get("failures", 0)),
            last_failure=data.get("last_failure"),
            must_change=bool(data.get("must_change", False)),
        )


@dataclass
class Keyring:
    path: Path
    officers: dict[str, _Entry] = field(default_factory=dict)
    recovery: str = ""

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / KEYRING_FILE).exists()

    @classmethod
    def load(cls, data_dir: Path) -> Keyring:
        path = data_dir / KEYRING_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                raise ValueError(f"format {data.get('format')}")
            officers = {name: _Entry.from_json(e) for name, e in data["officers"].items()}
            return cls(path, officers, str(data.get("recovery", "")))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise LoginFailed(
                f"Không đọc được tệp khóa {path.name} của quầy ({err}). "
                "Hãy khôi phục thư mục dữ liệu từ bản sao lưu."
            ) from err

    @classmethod
    def create(
        cls, data_dir: Path, username: str, password: str, cost: KdfCost
    ) -> tuple[Keyring, DataKey, str]:
        """A new keyring with a new data key for the first administrator, and the
        recovery code to print once."""
        path = data_dir / KEYRING_FILE
        if path.exists():
            raise FileExistsError(path)
        key = DataKey.new()
        code = new_recovery_code()
        ring = cls(path, recovery=_wrap(_recovery_kek(code), key, "recovery"))
        ring.add(username, password, key, cost)
        return ring, key, code

    def cost(self) -> KdfCost:
        """The argon2id cost the desk was set up with, for new wrappings (tests set up
        cheap desks; a real desk keeps the default). A desk set up at the former default
        (64 MiB) gets today's for every password set from now on."""
        first = next(iter(self.officers.values()), None)
        if first is None or first.cost == _FORMER_DEFAULT:
            return KdfCost()
        return first.cost

    def add(
        self,
        username: str,
        password: str,
        key: DataKey,
        cost: KdfCost,
    ) -> None:
        salt = secrets.token_bytes(16)
        self.officers[username] = _Entry(
            salt=base64.b64encode(salt).decode(),
            wrapped=_wrap(cost.derive(password, salt), key, username),
            cost=cost,
        )
        self.save()

    def remove(self, username: str) -> None:
        if self.officers.pop(username, None) is not None:
            self.save()

    def unlock(
        self, username: str, password: str, now: datetime, lockout: Lockout
    ) -> tuple[DataKey, bool]:
        """The data key and whether the password must be changed now; LoginFailed when the
        name or password is wrong (one message for both) or the account is locked."""
        entry = self.officers.get(username)
        if entry is None:
            KdfCost().derive(password, b"\0" * 16)  # as slow as a real attempt
            raise LoginFailed("Sai tên đăng nhập hoặc mật khẩu.")
        if entry.last_failure:
            until = lockout.locked_until(entry.failures, datetime.fromisoformat(entry.last_failure))
            if until is not None and now < until:
                raise LoginFailed(
                    f"Tài khoản tạm khóa do nhập sai mật khẩu {entry.failures} lần; "
                    f"thử lại sau {until.astimezone(now.tzinfo):%H:%M} "
                    "hoặc nhờ quản trị đặt lại mật khẩu."
                )
        key = _unwrap(entry.cost.derive(password, base64.b64decode(entry.salt)), entry.wrapped,
                      username)  # fmt: skip
        if key is None:
            entry.failures += 1
            entry.last_failure = now.isoformat()
            self.save()
            left = lockout.attempts - entry.failures
            hint = f" Còn {left} lần thử trước khi tài khoản bị tạm khóa." if 0 < left < 3 else ""
            raise LoginFailed("Sai tên đăng nhập hoặc mật khẩu." + hint)
        if entry.failures:
            entry.failures, entry.last_failure = 0, None
            self.save()
        return key, entry.must_change

    def set_password(self, username: str, password: str, key: DataKey, cost: KdfCost) -> None:
        """A new wrapping of the same data key (an officer's change, or an administrator's
        reset, which also clears a lockout)."""
        self.add(username, password, key, cost)

    def forget_legacy_flags(self) -> None:
        """Drop the clear-text must-change flags of an older keyring (the caller has moved
        them into the database)."""
        if any(e.must_change for e in self.officers.values()):
            for entry in self.officers.values():
                entry.must_change = False
            self.save()

    def recover(self, code: str) -> DataKey:
        key = _unwrap(_recovery_kek(code), self.recovery, "recovery")
        if key is None:
            raise LoginFailed("Mã khôi phục không đúng với quầy này.")
        return key

    def new_recovery(self, key: DataKey) -> str:
        code = new_recovery_code()
        self.recovery = _wrap(_recovery_kek(code), key, "recovery")
        self.save()
        return code

    def save(self) -> None:
        data = {
            "format": _FORMAT,
            "officers": {name: e.to_json() for name, e in sorted(self.officers.items())},
            "recovery": self.recovery,
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        # 0600 from the start: no moment when another account of the PC could read it
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if os.name != "nt":
            os.fchmod(fd, 0o600)  # a stale .tmp left by a cut keeps its old mode otherwise
        with open(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        if os.name != "nt":
            fd = os.open(self.path.parent, os.O_RDONLY)
            with contextlib.suppress(OSError):
                os.fsync(fd)
            os.close(fd)
