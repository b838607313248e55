"""The commands' output in UTF-8 whatever the code page.

Python writes a pipe or a redirected file in the locale's encoding: on Windows the ANSI
code page (cp1252 on most Western installs, cp1258 on Vietnamese ones), which has no
"ă", "ư" or "ệ" precomposed, so the first Vietnamese word printed ended the command with
UnicodeEncodeError. A real console window is written through WriteConsoleW (Unicode) by
Python itself; a pipe, a log file or a scheduler's capture now always gets UTF-8.
"""

from __future__ import annotations

import sys


def utf8_output() -> None:
    """Write stdout and stderr in UTF-8 (before anything is printed)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8")
