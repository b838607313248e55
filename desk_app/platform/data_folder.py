"""Where the desk keeps its data when no folder is given: the platform's per-user
application data folder. Its own module, light to import: the command line reads it
before anything else of the desk is loaded (the window's sign-in starts before that)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def default_data_dir() -> Path:
    """``DESK_APP_DATA_DIR``, else the platform's per-user application data folder."""
    env = os.environ.get("DESK_APP_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "DeskApp"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "desk-app"
