"""Tables from files: the first sheet of an Excel workbook, or a CSV file, as rows of cells.

Here and not in services because the district server's command line reads the same
published lists (it may import ``desk_app.platform`` and the domain, not the services).
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from desk_app.domain.errors import InvalidCatalogue


def read_table(path: Path) -> list[list[object]]:
    """The cells of the first sheet of ``path`` (.xlsx) or of a CSV file (UTF-8)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as err:
            raise InvalidCatalogue(
                f"Không mở được «{path.name}» như một tệp Excel ({type(err).__name__})."
            ) from None
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                return [list(row) for row in csv.reader(f)]
        except (OSError, UnicodeDecodeError, csv.Error) as err:
            raise InvalidCatalogue(
                f"Không đọc được «{path.name}» ({type(err).__name__}); tệp CSV phải mã hóa UTF-8."
            ) from None
    raise InvalidCatalogue(f"Không đọc được «{path.name}»: chỉ nhận tệp .xlsx hoặc .csv.")
