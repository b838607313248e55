"""The desk's application log: ``<data folder>/logs/desk.log``, rotated (5 × 1 MB).

The log is for a maintainer reading what happened (which command, how long, what failed
and where), so it sits outside the encrypted data and must hold no personal data: log
lines name dossiers by code and officers by user name, never a citizen's name, ID number,
phone or address, and never a message built from what an officer typed. As a second line
of defence every record passes ``PersonalDataFilter``, which masks runs of 9 or more
digits (ID numbers, old ID numbers, phones) before anything is written.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desk_app.domain.identity import mask_id_number

LOG_DIR = "logs"
LOG_FILE = "desk.log"
_DIGITS = re.compile(r"(?<![\d-])(\d[\d .]{7,}\d)(?![\d-])")


def _mask(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(1))
    return match.group(1) if len(digits) < 9 else mask_id_number(digits)


class PersonalDataFilter(logging.Filter):
    """Masks digit runs that could be an ID number or a phone (keeps the first and last
    three, as lists do); dossier codes (digits joined by dashes and dots) stay readable."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _DIGITS.sub(_mask, message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def configure(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the desk's log records to its log file; returns the file's path."""
    folder = data_dir / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "desk_log", False):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=1024 * 1024, backupCount=5, encoding="utf-8")
    handler.desk_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # A line per request, per image read, or per font table when the signature stamp's font
    # is cut down to the glyphs of the officer's name (which would spell it out).
    for chatty in ("httpx", "httpcore", "PIL", "fontTools"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    return path
