"""The desk's application log: ``<data folder>/logs/desk.log``, rotated (5 × 1 MB).

The log is for a maintainer reading what happened (which command, how long, what failed
and where), so it sits outside the encrypted data and must hold no personal data: log
lines name dossiers by code and officers by user name, never a citizen's name, ID number,
phone or address, and never a message built from what an officer typed. As a second line
of defence every record passes ``PersonalDataFilter``, which masks runs of 9 or more
digits (ID numbers, old ID numbers, phones) before anything is written, and writes an
exception's traceback with its frames and types but without its messages: an exception's
text may quote what was typed (a name, even one without accents, an ID number, a phone),
so only what cannot be personal is kept (an ``OSError``'s errno name, SQLite's result
code, the message's length).
"""

from __future__ import annotations

import errno
import logging
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desk_app.domain.identity import mask_id_number

LOG_DIR = "logs"
LOG_FILE = "desk.log"
_DIGITS = re.compile(r"(?<![\d-])(\d[\d .]{7,}\d)(?![\d-])")
# In an exception's text: quoted text, e-mail addresses, words with a letter beyond ASCII
# (Vietnamese, composed or not), and any run of 3+ digits (parts of ID numbers, phones).
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»|“[^”\n]*”")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FOREIGN_WORD = re.compile(r"\w*[^\x00-\x7f\s]+[\w\u0300-\u036f]*")
_NUMBERS = re.compile(r"\d(?:[\d .-]*\d){2,}")


def _mask(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(1))
    return match.group(1) if len(digits) < 9 else mask_id_number(digits)


def mask_exception_text(text: str) -> str:
    """Text that may quote a citizen (a traceback already formatted, a stack): quoted text,
    e-mail addresses, words with Vietnamese letters and runs of 3+ digits hidden."""
    text = _QUOTED.sub("'…'", text)
    text = _EMAIL.sub("…@…", text)
    text = _FOREIGN_WORD.sub("…", text)
    return _NUMBERS.sub("#", text)


def safe_traceback(error: BaseException) -> str:
    """The traceback of ``error`` and the exceptions it was raised from or while handling:
    every frame (file, line, function, source line: the program's, not the citizen's), each
    exception's type, and instead of its message, its length; an ``OSError`` keeps its
    errno name and a SQLite error its result code."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 16:
        chain.append(current)
        if current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    parts: list[str] = []
    previous: BaseException | None = None
    for exc in reversed(chain):
        if previous is not None:
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if exc.__cause__ is previous
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        previous = exc
        if exc.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(exc.__traceback__))
        parts.append(f"{_type_name(exc)}: {_safe_message(exc)}\n")
    return "".join(parts).rstrip("\n")


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    module = kind.__module__
    return (
        kind.__qualname__ if module in ("builtins", "__main__") else f"{module}.{kind.__qualname__}"
    )


def _safe_message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # a broken __str__ must not break the log
        text = ""
    hints = []
    if isinstance(exc, OSError) and exc.errno is not None:
        hints.append(errno.errorcode.get(exc.errno, str(exc.errno)))
    code = getattr(exc, "sqlite_errorname", None)
    if isinstance(code, str):
        hints.append(code)
    hints.append(f"message hidden, {len(text)} characters" if text else "no message")
    return " ".join(f"[{h}]" for h in hints)


class PersonalDataFilter(logging.Filter):
    """Masks digit runs that could be an ID number or a phone (keeps the first and last
    three, as lists do); dossier codes (digits joined by dashes and dots) stay readable.
    An exception's traceback is written by ``safe_traceback``; a stack is masked too."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _DIGITS.sub(_mask, message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            # the formatter uses exc_text when it is set, instead of formatting exc_info
            record.exc_text = safe_traceback(record.exc_info[1])
        elif record.exc_text:
            record.exc_text = mask_exception_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_exception_text(record.stack_info)
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
