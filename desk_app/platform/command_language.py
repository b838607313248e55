"""The commands' language (``desk-app`` and ``district-server``): Vietnamese, or English with
``DESK_APP_LANG=en``.

Its own words are written in both, side by side (``say("…", "…")``). argparse's words
("usage:", "the following arguments are required", "invalid choice", ...) come from its
gettext calls: ``argparse_in_vietnamese`` answers them from ``ARGPARSE_VI`` while the
arguments are parsed (argparse looks its messages up through its module's ``_`` and
``ngettext`` at the moment it needs them, and they are all needed inside ``parse_args``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Iterator

LANGUAGE_ENV = "DESK_APP_LANG"  # the same variable as the window's (desk_app.ui.i18n)

# argparse's messages an officer or an administrator can meet, by their msgid in Python 3.11's argparse
# (tests/cli/test_language.py checks each is still one of argparse's).
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
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "giá trị %r bị bỏ qua",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (chọn một trong: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
# ngettext's: Vietnamese has one form for every number
ARGPARSE_VI_PLURAL: dict[str, str] = {"expected %s argument": "cần %s giá trị"}


def english() -> bool:
    """Whether ``DESK_APP_LANG`` asks for English (``en``, ``en_GB``, ...)."""
    return os.environ.get(LANGUAGE_ENV, "").strip().lower().startswith("en")


def say(vietnamese: str, english_text: str) -> str:
    """The words in the command's language."""
    return english_text if english() else vietnamese


def number(value: int) -> str:
    """Digit grouping as the reader writes it: 1.000.000 in Vietnamese, 1,000,000 in English."""
    grouped = f"{value:,}"
    return grouped if english() else grouped.replace(",", ".")


def _gettext(message: str) -> str:
    return ARGPARSE_VI.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return ARGPARSE_VI_PLURAL.get(singular, singular if n == 1 else plural)


@contextlib.contextmanager
def argparse_in_vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese inside (unless the command's language is English)."""
    if english():
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def integer() -> Callable[[str], int]:
    """``int`` for argparse, named in the command's language ("invalid số nguyên value")."""

    def whole_number(text: str) -> int:
        return int(text)

    whole_number.__name__ = say("số nguyên", "whole number")
    return whole_number
