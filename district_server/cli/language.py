"""The server command's language: Vietnamese, or English with ``DESK_APP_LANG=en`` (the same
variable as the desk's command and window).

Its own words are written in both, side by side (``say("…", "…")``). argparse's words
("usage:", "the following arguments are required", "invalid choice", ...) come from its
gettext calls, looked up through its module's ``_`` and ``ngettext`` when it needs them,
all inside ``parse_args``: ``argparse_in_vietnamese`` answers them from ``ARGPARSE_VI``
meanwhile. (The server may not import the desk's command, so the table is its own.)
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Iterator

LANGUAGE_ENV = "DESK_APP_LANG"

# argparse's messages an administrator can meet, by their msgid in Python 3.11's argparse
# (tests/district_server/cli/test_language.py checks each is still one of argparse's).
ARGPARSE_VI: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu các tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu các tham số: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn không rõ: %(option)s có thể là %(matches)s"
    ),
    "expected one argument": "cần một giá trị",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (chọn một trong: %(choices)s)"
    ),
}


def english() -> bool:
    """Whether ``DESK_APP_LANG`` asks for English (``en``, ``en_GB``, ...)."""
    return os.environ.get(LANGUAGE_ENV, "").strip().lower().startswith("en")


def say(vietnamese: str, english_text: str) -> str:
    """The words in the command's language."""
    return english_text if english() else vietnamese


@contextlib.contextmanager
def argparse_in_vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese inside (unless the command's language is English)."""
    if english():
        yield
        return
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: ARGPARSE_VI.get(message, message)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


def integer() -> Callable[[str], int]:
    """``int`` for argparse, named in the command's language ("invalid số nguyên value")."""

    def whole_number(text: str) -> int:
        return int(text)

    whole_number.__name__ = say("số nguyên", "whole number")
    return whole_number
