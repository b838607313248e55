"""Bank statements as banks export them (CSV or Excel): the credit lines to match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desk_app.domain.errors import InvalidField
from desk_app.domain.fees import StatementLine, parse_amount
from desk_app.domain.text import fold
from desk_app.platform.spreadsheets import TableUnreadable, read_cells

_AMOUNT_HEADERS = ("so tien", "ghi co", "credit", "amount", "so tien ghi co", "phat sinh co")
_TEXT_HEADERS = ("noi dung", "dien giai", "description", "mo ta", "noi dung giao dich", "details")
_DATE_HEADERS = ("ngay", "ngay giao dich", "date", "ngay hach toan", "transaction date")


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [fold(h or "").strip() for h in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _delimiter(text: str) -> str:
    """``;`` (Vietnamese Excel), ``,`` or tab: the one that splits the most lines into the
    same number of fields (a title line above the header has none)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]

    def steady(candidate: str) -> int:
        counts = [line.count(candidate) for line in lines if candidate in line]
        return max((counts.count(c) for c in set(counts)), default=0)

    return max(";,\t", key=steady)


def _header_row(rows: list[list[Any]]) -> tuple[int, list[str]]:
    """The first row naming an amount and a description column (banks put titles above)."""
    for index, row in enumerate(rows):
        header = ["" if c is None else str(c) for c in row]
        if (
            _column(header, _AMOUNT_HEADERS) is not None
            and _column(header, _TEXT_HEADERS) is not None
        ):
            return index, header
    raise InvalidField(
        "Không tìm thấy dòng tiêu đề có cột số tiền (Số tiền/Ghi có) và nội dung "
        "(Nội dung/Diễn giải) trong sao kê.",
        field="statement",
    )


def read_statement(path: Path) -> list[StatementLine]:
    """Credit lines of a statement: a header row naming amount and description columns
    (Vietnamese or English, as banks export them), then one line per transaction."""
    try:
        rows = read_cells(path, _delimiter)
    except TableUnreadable as err:
        raise InvalidField(str(err), field="statement") from None
    index, header = _header_row(rows)
    amount_col = _column(header, _AMOUNT_HEADERS)
    text_col = _column(header, _TEXT_HEADERS)
    assert amount_col is not None and text_col is not None
    date_col = _column(header, _DATE_HEADERS)
    lines: list[StatementLine] = []
    for number, row in enumerate(rows[index + 1 :], start=index + 2):
        if len(row) <= max(amount_col, text_col) or row[amount_col] in (None, ""):
            continue
        try:
            amount = parse_amount(row[amount_col])
        except ValueError:
            raise InvalidField(
                f"Dòng {number} của sao kê: số tiền «{row[amount_col]}» không đọc được.",
                field="statement",
            ) from None
        if amount <= 0:
            continue  # a debit
        when = row[date_col] if date_col is not None and date_col < len(row) else ""
        booked = when.date().isoformat() if hasattr(when, "date") else str(when or "")
        lines.append(StatementLine(number, booked, amount, str(row[text_col] or "")))
    return lines
