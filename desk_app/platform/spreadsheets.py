"""Tables from files: the first sheet of an Excel workbook, or a CSV file, as rows of cells.

Here and not in services because the district server's command line reads the same
published lists (it may import ``desk_app.platform`` and the domain, not the services).

Bounded before anything is parsed (issue 20): the file's size, a workbook's members as
its zip directory declares them (``zipfile`` reads no more than a member declares), and
then the rows, columns and characters kept. A sheet's ``<dimension>`` may claim 16,384 columns for a
few cells: read-only openpyxl pads every row to it, so rows are cut to ``MAX_COLUMNS``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

from desk_app.domain.errors import InvalidCatalogue

MAX_FILE_BYTES = 20 * 1024 * 1024  # a province's list or a month's statement: a few MB
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # a workbook's members, as its directory declares
MAX_ROWS = 50_000
MAX_COLUMNS = 100
# the text of all cells: a workbook stores a text once and may name it from every cell
MAX_TEXT_CHARS = 20_000_000


class TableUnreadable(ValueError):
    """A file that is not a table this program reads, or larger than it reads; the message
    is Vietnamese and names the file."""


def read_cells(path: Path, delimiter: Callable[[str], str] | None = None) -> list[list[object]]:
    """The cells of the first sheet of ``path`` (.xlsx, .xlsm) or of a CSV file (UTF-8),
    at most ``MAX_ROWS`` rows of ``MAX_COLUMNS`` cells; ``delimiter`` picks a CSV file's
    delimiter from its text (a comma when None)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise TableUnreadable(f"Không mở được «{path.name}» ({type(err).__name__}).") from None
    if size > MAX_FILE_BYTES:
        raise TableUnreadable(
            f"Tệp «{path.name}» lớn {size // (1024 * 1024)} MB, quá giới hạn "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB của một bảng: hãy tách thành nhiều tệp."
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableUnreadable(
            f"Không đọc được «{path.name}»: tệp CSV phải mã hóa UTF-8 "
            "(trong Excel: Lưu thành → CSV UTF-8)."
        ) from None
    except OSError as err:
        raise TableUnreadable(f"Không đọc được «{path.name}» ({type(err).__name__}).") from None
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter(text) if delimiter else ",")
        return _bounded(path, reader)
    except csv.Error as err:
        raise TableUnreadable(f"Không đọc được «{path.name}» như tệp CSV ({err}).") from None


def _workbook(path: Path) -> list[list[object]]:
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (OSError, zipfile.BadZipFile):
        raise TableUnreadable(f"Không mở được «{path.name}» như một tệp Excel.") from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise TableUnreadable(
            f"Tệp Excel «{path.name}» khi giải nén lớn {unzipped // (1024 * 1024)} MB, quá giới "
            f"hạn {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB: không phải một bảng danh mục hay "
            "sao kê bình thường."
        )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as err:
        raise TableUnreadable(
            f"Không mở được «{path.name}» như một tệp Excel ({type(err).__name__})."
        ) from None
    try:
        sheet = book.worksheets[0]
        return _bounded(path, sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
    except TableUnreadable:
        raise
    except (ValueError, KeyError, IndexError, zipfile.BadZipFile) as err:
        raise TableUnreadable(
            f"Không đọc được trang tính của «{path.name}» ({type(err).__name__})."
        ) from None
    finally:
        book.close()


def _bounded(path: Path, rows: Iterable[Iterable[object]]) -> list[list[object]]:
    kept: list[list[object]] = []
    text = 0
    for row in islice(rows, MAX_ROWS + 1):
        kept.append(cells := list(islice(row, MAX_COLUMNS)))
        text += sum(len(cell) for cell in cells if isinstance(cell, str))
        if text > MAX_TEXT_CHARS:
            raise TableUnreadable(
                f"Tệp «{path.name}» có hơn {MAX_TEXT_CHARS:,} ký tự chữ".replace(",", ".")
                + ": không phải một bảng danh mục hay sao kê bình thường."
            )
    if len(kept) > MAX_ROWS:
        raise TableUnreadable(
            f"Tệp «{path.name}» có hơn {MAX_ROWS:,} dòng".replace(",", ".")
            + ": hãy tách thành nhiều tệp."
        )
    return kept


def read_table(path: Path) -> list[list[object]]:
    """The cells of the first sheet of ``path`` (.xlsx) or of a CSV file (UTF-8)."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InvalidCatalogue(f"Không đọc được «{path.name}»: chỉ nhận tệp .xlsx hoặc .csv.")
    try:
        return read_cells(path)
    except TableUnreadable as err:
        raise InvalidCatalogue(str(err)) from None
