"""Import a published list of procedures as a new catalogue version (issue 25 item 10):
an Excel sheet (.xlsx) or a CSV file as the province or the ministry publishes it; see
``desk_app.domain.catalogue_import``. The version comes into force at once, like one the
district publishes; dossiers received before keep the version they were received under."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from desk_app.domain.catalogue import Catalogue
from desk_app.domain.catalogue_import import catalogue_document, table_rows
from desk_app.platform.spreadsheets import read_table


def published_document(
    path: Path, base: Catalogue | None, *, version: str = "", source: str = ""
) -> dict[str, Any]:
    """The catalogue document of the published list in ``path``; the version defaults to
    the file's date and content ("2026-12-06-3f9a1c2e")."""
    rows = table_rows(read_table(path))  # (which refuses a file over its size first)
    data = path.read_bytes()
    today = date.today().isoformat()
    return catalogue_document(
        rows,
        base,
        version=version or f"{today}-{hashlib.sha256(data).hexdigest()[:8]}",
        published=today,
        source=source or f"Danh mục công bố, nhập từ tệp {path.name}",
    )
