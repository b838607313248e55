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
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from desk_app.domain.errors import LoginFailed
from desk_app.domain.officers import Lockout
from desk_app.storage.kdf import KEYRING_FILE as KEYRING_FILE  # (its callers' import)
from desk_app.storage.kdf import KdfCost as KdfCost
from desk_app.storage.kdf import Prederived

_FORMAT = 2
_READABLE = (1, 2)  # format 1 (the data key wrapped directly) is read and upgraded
_WRAP_AAD = b"desk-app keyring v1|"


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


def _wrap(kek: bytes, key: DataKey | bytes, label: str) -> str:
    nonce = secrets.token_bytes(12)
    raw = key.raw if isinstance(key, DataKey) else key
    sealed = AESGCM(kek).encrypt(nonce, raw, _WRAP_AAD + label.encode())
    return base64.b64encode(nonce + sealed).decode()


def _unwrap_raw(kek: bytes, wrapped: str, label: str) -> bytes | None:
    blob = base64.b64decode(wrapped)
    try:
        return AESGCM(kek).decrypt(blob[:12], blob[12:], _WRAP_AAD + label.encode())
    except InvalidTag:
        return None


def _unwrap(kek: bytes, wrapped: str, label: str) -> DataKey | None:
    raw = _unwrap_raw(kek, wrapped, label)
    return DataKey(raw) if raw is not None else None


# Format 2: each officer (and the recovery code) holds an X25519 key pair; the private half
# is wrapped under argon2id(password) as the data key was, and the data key is *sealed* to
# the public half (ephemeral X25519, HKDF-SHA256, AES-256-GCM). Whoever holds the data key
# can therefore seal a new one to every remaining officer without knowing their passwords:
# that is what a revocation does (``storage.rekey``), so an old keys.json and a revoked
# officer's password open nothing written after it.


def _public_text(private: X25519PrivateKey) -> str:
    return base64.b64encode(
        private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ).decode()


def _seal(public_text: str, key: DataKey, label: str) -> str:
    public = base64.b64decode(public_text)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    info = b"desk-app seal v2|" + label.encode() + ephemeral_public + public
    kek = HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(shared)
    return base64.b64encode(ephemeral_public + base64.b64decode(_wrap(kek, key, label))).decode()


def _open_sealed(private: X25519PrivateKey, sealed: str, label: str) -> DataKey | None:
    blob = base64.b64decode(sealed)
    ephemeral_public, wrapped = blob[:32], blob[32:]
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    info = b"desk-app seal v2|" + label.encode() + ephemeral_public + public
    kek = HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(shared)
    return _unwrap(kek, base64.b64encode(wrapped).decode(), label)


@dataclass
class _Sealed:
    """A key pair whose private half is wrapped under a KEK, and the data key sealed to it."""

    public: str
    private: str  # the X25519 private key wrapped under the KEK
    sealed: str  # the data key sealed to ``public``

    @classmethod
    def make(cls, kek: bytes, key: DataKey, label: str) -> _Sealed:
        private = X25519PrivateKey.generate()
        raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        public = _public_text(private)
        return cls(public, _wrap(kek, raw, "private|" + label), _seal(public, key, label))

    def open(self, kek: bytes, label: str) -> DataKey | None:
        raw = _unwrap_raw(kek, self.private, "private|" + label)
        if raw is None:
            return None
        return _open_sealed(X25519PrivateKey.from_private_bytes(raw), self.sealed, label)

    def resealed(self, key: DataKey, label: str) -> _Sealed:
        return _Sealed(self.public, self.private, _seal(self.public, key, label))

    def to_json(self) -> dict[str, str]:
        return {"public": self.public, "private": self.private, "sealed": self.sealed}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Sealed:
        return cls(str(data["public"]), str(data["private"]), str(data["sealed"]))


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
    wrapped: str  # format 1: the data key wrapped under the KEK ("" once upgraded)
    cost: KdfCost
    failures: int = 0
    last_failure: str | None = None
    # Only read, from a keyring written before the flag moved into the encrypted database
    # (it told anyone with the file which accounts had a temporary password).
    must_change: bool = False
    sealed: _Sealed | None = None  # format 2

    def open(self, kek: bytes, username: str) -> DataKey | None:
        """The data key this entry keeps under ``kek``, or None for another password."""
        if self.sealed is not None:
            return self.sealed.open(kek, username)
        return _unwrap(kek, self.wrapped, username)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "salt": self.salt,
            "kdf": self.cost.to_json(),
            "failures": self.failures,
            "last_failure": self.last_failure,
        }
        if self.sealed is not None:
            data |= self.sealed.to_json()
        else:
            data["wrapped"] = self.wrapped
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Entry:
        return cls(
            salt=data["salt"],
            wrapped=str(data.get("wrapped", "")),
            cost=KdfCost.from_json(data["kdf"]),
            failures=int(data.get("failures", 0)),
            last_failure=data.get("last_failure"),
            must_change=bool(data.get("must_change", False)),
            sealed=_Sealed.from_json(data) if "sealed" in data else None,
        )


@dataclass
class Rekeyed:
    """What a new data key left: the keyring to commit, the officers it could not carry
    (format-1 entries of officers who have not signed in since the upgrade: an
    administrator resets their passwords), and a new recovery code when the old one was
    of format 1 (to print: the old code no longer opens anything)."""

    ring: Keyring
    dropped: list[str]
    recovery_code: str | None


@dataclass
class Keyring:
    path: Path
    officers: dict[str, _Entry] = field(default_factory=dict)
    recovery: str | _Sealed = ""
    # a revocation waits for the data key to be replaced (``storage.rekey``); the number of
    # replacements so far
    rekey_due: bool = False
    epoch: int = 0

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / KEYRING_FILE).exists()

    @classmethod
    def load(cls, data_dir: Path, name: str = KEYRING_FILE) -> Keyring:
        path = data_dir / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") not in _READABLE:
                raise ValueError(f"format {data.get('format')}")
            officers = {name: _Entry.from_json(e) for name, e in data["officers"].items()}
            recovery = data.get("recovery", "")
            return cls(
                path,
                officers,
                _Sealed.from_json(recovery) if isinstance(recovery, dict) else str(recovery),
                bool(data.get("rekey_due", False)),
                int(data.get("epoch", 0)),
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise LoginFailed(
                f"Không đọc được tệp khóa {path.name} của quầy ({err}). "
                "Hãy khôi phục thư mục dữ liệu từ bản sao lưu."
            ) from err

    @classmethod
    def create(
        cls, data_dir: Path, username: str, password: str, cost: KdfCost, key: DataKey | None = None
    ) -> tuple[Keyring, DataKey, str]:
        """A new keyring with a new data key (or ``key``) for the first administrator, and
        the recovery code to print once."""
        path = data_dir / KEYRING_FILE
        if path.exists():
            raise FileExistsError(path)
        key = key or DataKey.new()
        code = new_recovery_code()
        ring = cls(path, recovery=_Sealed.make(_recovery_kek(code), key, "recovery"))
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

    def add(self, username: str, password: str, key: DataKey, cost: KdfCost) -> None:
        salt = secrets.token_bytes(16)
        self.officers[username] = _Entry(
            salt=base64.b64encode(salt).decode(),
            wrapped="",
            cost=cost,
            sealed=_Sealed.make(cost.derive(password, salt), key, username),
        )
        self.save()

    def remove(self, username: str) -> None:
        """Take an officer out; the data key they could open is to be replaced
        (``rekey_due``), since they may keep a copy of this file."""
        if self.officers.pop(username, None) is not None:
            self.rekey_due = True
            self.save()

    def unlock(
        self,
        username: str,
        password: str,
        now: datetime,
        lockout: Lockout,
        early: Prederived | None = None,
    ) -> tuple[DataKey, bool]:
        """The data key and whether an older keyring flagged the password as temporary;
        LoginFailed when the name or password is wrong (one message for both) or the
        account is locked. A format-1 entry is upgraded on the way (the password is here).
        ``early``: the same password's key-encryption key from ``prederive``, used only if
        the officer's salt and cost are still those it was derived for."""
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
        key = None
        if early is not None and early.fits(username, password, entry.salt, entry.cost):
            kek = early.kek  # derived while the program loaded (``prederive``)
            key = entry.open(kek, username)
        if key is None:  # no early key, or one that does not open: derived here, so only
            # this derivation's failure counts against the officer
            kek = entry.cost.derive(password, base64.b64decode(entry.salt))
            key = entry.open(kek, username)
        if key is None:
            entry.failures += 1
            entry.last_failure = now.isoformat()
            self.save()
            left = lockout.attempts - entry.failures
            hint = f" Còn {left} lần thử trước khi tài khoản bị tạm khóa." if 0 < left < 3 else ""
            raise LoginFailed("Sai tên đăng nhập hoặc mật khẩu." + hint)
        changed = bool(entry.failures)
        entry.failures, entry.last_failure = 0, None
        if entry.sealed is None:  # format 1: sealed from now on, so a rekey can carry it
            entry.sealed, entry.wrapped, changed = _Sealed.make(kek, key, username), "", True
        if changed:
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
        kek = _recovery_kek(code)
        if isinstance(self.recovery, _Sealed):
            key = self.recovery.open(kek, "recovery")
        else:
            key = _unwrap(kek, self.recovery, "recovery")
        if key is None:
            raise LoginFailed("Mã khôi phục không đúng với quầy này.")
        return key

    def new_recovery(self, key: DataKey) -> str:
        code = new_recovery_code()
        self.recovery = _Sealed.make(_recovery_kek(code), key, "recovery")
        self.save()
        return code

    def recovery_is_sealed(self) -> bool:
        return isinstance(self.recovery, _Sealed)

    def unsealed_officers(self) -> list[str]:
        """Officers still in format 1 (not signed in since the upgrade): a new data key
        cannot be sealed to them."""
        return sorted(name for name, e in self.officers.items() if e.sealed is None)

    def resealed(self, key: DataKey, name: str) -> Rekeyed:
        """A copy of this keyring for the new data key ``key``, to be saved as ``name``
        beside this one (not saved here): every format-2 officer and the recovery code
        sealed to their public halves, no password needed."""
        officers: dict[str, _Entry] = {}
        dropped = []
        for username, entry in self.officers.items():
            if entry.sealed is None:
                dropped.append(username)
                continue
            officers[username] = replace(entry, sealed=entry.sealed.resealed(key, username))
        code = None
        if isinstance(self.recovery, _Sealed):
            recovery = self.recovery.resealed(key, "recovery")
        else:
            code = new_recovery_code()
            recovery = _Sealed.make(_recovery_kek(code), key, "recovery")
        ring = Keyring(self.path.with_name(name), officers, recovery, False, self.epoch + 1)
        return Rekeyed(ring, dropped, code)

    def save(self) -> None:
        recovery = self.recovery
        data = {
            "format": _FORMAT,
            "epoch": self.epoch,
            "rekey_due": self.rekey_due,
            "officers": {name: e.to_json() for name, e in sorted(self.officers.items())},
            "recovery": recovery.to_json() if isinstance(recovery, _Sealed) else recovery,
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
