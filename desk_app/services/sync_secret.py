"""The nightly sync's password, sealed on Windows with DPAPI.

The scheduled ``desk-app sync`` signs in like an officer. Rather than a
``DESK_APP_PASSWORD`` left in the account's environment, ``desk-app seal-password``
checks the officer's password and seals ``officer`` and password to the Windows user who
runs it (DPAPI: no key to keep; another user, another PC or a changed byte cannot unseal)
in ``<data>/sync-secret.dpapi``. ``desk-app sync`` with no ``DESK_APP_PASSWORD`` unseals
it. It protects the secret from a copied disk or data folder and from other accounts; not
from that same Windows user or an administrator of the running PC (README).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desk_app.platform import seal_dpapi
from desk_app.platform.seal_dpapi import SealError

SEALED_FILE = "sync-secret.dpapi"
_MAX_SEALED = 64 * 1024  # a sealed password is a few hundred bytes


def seal_sync_password(data_dir: Path, officer: str, password: str) -> Path:
    """Seals ``officer`` and ``password`` for this Windows user; durable before it returns
    (written beside, fsynced, then renamed over any earlier one)."""
    sealed = seal_dpapi.protect(f"{officer}\n{password}".encode())
    target = data_dir / SEALED_FILE
    partial = target.with_name(SEALED_FILE + ".partial")
    with open(partial, "wb") as out:
        out.write(sealed)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return target


def sealed_sync_password(data_dir: Path, officer: str) -> str | None:
    """The password sealed for ``officer`` in ``data_dir``; None when there is none (or
    not on Windows). ``SealError`` when the file cannot be unsealed here or was sealed for
    another officer."""
    target = data_dir / SEALED_FILE
    if sys.platform != "win32" or not target.is_file():
        return None
    if target.stat().st_size > _MAX_SEALED:
        raise SealError(f"Tệp {target.name} quá lớn: không phải mật khẩu niêm phong.")
    name, _, password = seal_dpapi.unprotect(target.read_bytes()).decode().partition("\n")
    if name != officer:
        raise SealError(
            f"Mật khẩu niêm phong trong {target.name} là của «{name}», không phải của "
            f"«{officer}»: chạy lại desk-app seal-password --officer {officer}."
        )
    return password
