"""Signing in while the window's code loads (``desk-app gui`` with the password).

The sign-in's argon2id costs a few hundred milliseconds of processor time. argon2-cffi
releases Python's lock while it derives, so on a thread of its own it runs beside the
imports of Qt and the window's modules instead of before or after them. The thread
starts before the services load: this module and ``storage.kdf`` are all it needs to
begin deriving (``prederive``); the rest of ``access.unlock`` comes after. ``storage.kdf``
is imported here, not on the thread: there it would wait for Python's lock while the
caller imports the window, and argon2 would start tens of milliseconds later.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.domain.errors import DeskError
from desk_app.platform.long_paths import data_folder_too_long
from desk_app.storage.kdf import prederive

if TYPE_CHECKING:
    from desk_app.services.access import Unlocked
    from desk_app.services.clock import Clock

PASSWORD_ENV = "DESK_APP_PASSWORD"


def password_from_environment() -> str | None:
    return os.environ.get(PASSWORD_ENV)


def unlock_in_background(
    data_dir: Path, username: str, password: str, clock: Clock
) -> Future[Unlocked]:
    """``unlock`` on a thread of its own, started now. argon2 runs without Python's lock
    (argon2-cffi releases it), so the caller loads the window's code meanwhile instead of
    after it: the sign-in's cost is mostly hidden. The key stays in this process's
    memory, as with ``unlock``; ``result()`` gives it or raises what ``unlock`` raised."""
    future: Future[Unlocked] = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                too_long = data_folder_too_long(data_dir)  # (what open_desk says first)
                if too_long:
                    raise DeskError(too_long)
                # argon2 first; the services, while it runs, are loaded by the caller's
                # thread (the window imports them too)
                early = prederive(data_dir, username.strip().lower(), password)
                from desk_app.services.access import unlock

                future.set_result(unlock(data_dir, username, password, clock, early))
            except BaseException as err:  # handed to the caller, which reports it
                future.set_exception(err)

    # (not a daemon: a start that fails meanwhile still lets a keyring write finish)
    threading.Thread(target=run, name="unlock").start()
    return future
