"""Vietnamese text: NFC storage, clean single-line input, diacritic-insensitive folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desk_app.domain.errors import InvalidField

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[0-9a-z]+")
# đ/Đ have no Unicode decomposition, so stripping combining marks leaves them as they are.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})
# Every combining mark of the Basic Multilingual Plane, dropped in one C-speed translate.
_DROP_MARKS = dict.fromkeys(c for c in range(0x10000) if unicodedata.combining(chr(c)))


def nfc(text: str) -> str:
    """Return ``text`` in NFC: input methods send NFC or NFD, and NFD breaks equality."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=16384)  # names repeat a lot; a few MB at most
def fold(text: str) -> str:
    """Fold for search: no diacritics, đ→d, case-folded, single spaces ("Đặng  Thị" → "dang thi")."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = decomposed.translate(_DROP_MARKS)
    if not stripped.isascii():  # marks outside the BMP (rare): the slow, complete way
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_FOLD_EXTRA).casefold()).strip()


def search_tokens(query: str) -> list[str]:
    """Folded alphanumeric words of a search query; every other character is a separator.

    Quotes, ``*``, ``NEAR(`` and other FTS or SQL syntax can never reach the database.
    """
    return _TOKEN.findall(fold(query))


def clean_line(value: str | None, *, field: str, label: str, max_len: int, required: bool) -> str:
    """One line of officer input: NFC, trimmed, inner whitespace collapsed, checked.

    Raises :class:`InvalidField` naming ``label`` when the value is required and empty,
    longer than ``max_len`` characters, or holds control characters.
    """
    text = nfc(value or "")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        raise InvalidField(f"{label} có ký tự điều khiển không hợp lệ; hãy gõ lại.", field=field)
    text = _SPACES.sub(" ", text).strip()
    if required and not text:
        raise InvalidField(f"Chưa nhập {label.lower()}.", field=field)
    if len(text) > max_len:
        raise InvalidField(
            f"{label} quá dài ({len(text):,} ký tự); tối đa {max_len} ký tự.".replace(",", "."),
            field=field,
        )
    return text
