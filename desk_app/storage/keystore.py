"""The operating system's keystore: ``seal``/``unseal`` bytes so that only this user on
this PC can read them back. Used for the nightly sync's secret (the scheduled task signs
in like an officer; before, its password sat in the user's environment).

- Windows: DPAPI (``CryptProtectData``/``CryptUnprotectData`` through ctypes), bound to
  the Windows account's logon secret; a copied file opens on no other account or PC.
- Elsewhere: none. Commune PCs on Linux rarely run a Secret Service (GNOME Keyring,
  KWallet) and a scheduled task has no session to unlock one; ``keystore()`` answers
  None and the caller says so (use ``DESK_APP_PASSWORD`` from a systemd credential).

The trade-off: a sealed secret lets the nightly task sign in with no one present, so
whoever runs code as that Windows user (or an administrator of the PC) can unseal it
and open the data. It protects a stolen disk, a copied data folder, another account of
the PC; it does not protect against the running PC's own user. A desk that cannot
accept that leaves the nightly sync off and syncs from the window.
"""

from __future__ import annotations

import ctypes
import json
import sys
from pathlib import Path
from typing import Protocol

from desk_app.storage.files import write_durably

SYNC_SECRET_FILE = "sync-secret.dpapi"
_ENTROPY = b"desk-app nightly sync v1"  # DPAPI's optional entropy: binds it to this use


class KeystoreError(Exception):
    """The keystore refused (another user's or another PC's secret, or damaged)."""


class Keystore(Protocol):
    name: str

    def seal(self, data: bytes) -> bytes: ...

    def unseal(self, sealed: bytes) -> bytes: ...


class Dpapi:
    """Windows DPAPI for the current user, no UI."""

    name = "DPAPI"
    _UI_FORBIDDEN = 0x1

    def __init__(self) -> None:
        from ctypes import wintypes

        class Blob(ctypes.Structure):
            _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

        self._blob = Blob
        self._crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)  # type: ignore[attr-defined]
        self._kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]

    def _in(self, data: bytes) -> tuple[ctypes.Structure, ctypes.Array[ctypes.c_char]]:
        buffer = ctypes.create_string_buffer(data, len(data))
        return self._blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer

    def _call(self, function: str, data: bytes) -> bytes:
        source, _keep = self._in(data)
        entropy, _keep2 = self._in(_ENTROPY)
        out = self._blob()
        ok = getattr(self._crypt32, function)(
            ctypes.byref(source), None, ctypes.byref(entropy), None, None,
            self._UI_FORBIDDEN, ctypes.byref(out),
        )  # fmt: skip
        if not ok:
            raise KeystoreError(f"{function} failed (Windows error {ctypes.get_last_error()})")  # type: ignore[attr-defined]
        try:
            return ctypes.string_at(out.pbData, out.cbData)
        finally:
            self._kernel32.LocalFree(out.pbData)

    def seal(self, data: bytes) -> bytes:
        return self._call("CryptProtectData", data)

    def unseal(self, sealed: bytes) -> bytes:
        return self._call("CryptUnprotectData", sealed)


def keystore() -> Keystore | None:
    """This PC's keystore, or None where there is none the desk can use unattended."""
    if sys.platform == "win32":
        return Dpapi()
    return None


def store_sync_secret(data_dir: Path, officer: str, password: str, store: Keystore) -> Path:
    """The nightly sync's account and password, sealed by ``store``, in the data folder
    (0600, written durably); the path."""
    sealed = store.seal(json.dumps({"officer": officer, "password": password}).encode())
    path = data_dir / SYNC_SECRET_FILE
    write_durably(path, sealed)
    return path


def load_sync_secret(data_dir: Path, store: Keystore | None) -> tuple[str, str] | None:
    """(officer, password) sealed for the nightly sync, or None when there is none (or no
    keystore here); KeystoreError when it does not unseal (another user, another PC)."""
    path = data_dir / SYNC_SECRET_FILE
    if store is None or not path.is_file():
        return None
    try:
        document = json.loads(store.unseal(path.read_bytes()))
        return str(document["officer"]), str(document["password"])
    except (ValueError, KeyError, TypeError) as err:
        raise KeystoreError(f"{path.name} is damaged") from err
