"""A published list of procedures (the province's or ministry's decision announcing the
catalogue, or an export of the National Database of Administrative Procedures) turned into
a catalogue version (issue 25 item 10).

Published lists are tables: one row per procedure with its code, name, sector (lĩnh vực),
processing time, fee, body that performs it and legal basis, under headers whose wording
varies from one publisher to the next ("Mã số TTHC", "Mã thủ tục", "Mã TTHC" …). Headers
are recognised by their folded words. A list states no components: a procedure the desk's
current catalogue already has keeps its components and fee rule (matched on the national
code, the first ``X.NNNNNN``); a new one gets one component, "the dossier as the procedure
requires", for the officer to detail. The result is a catalogue document (the JSON of
``resources/catalogue/``), checked by ``parse_catalogue`` like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from desk_app.domain.catalogue import Catalogue, Procedure
from desk_app.domain.errors import InvalidCatalogue
from desk_app.domain.text import fold, nfc

# field → the folded header words that name it (first match wins)
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("ma so tthc", "ma tthc", "ma thu tuc", "ma so", "ma"),
    "name": ("ten thu tuc hanh chinh", "ten thu tuc", "ten tthc", "thu tuc hanh chinh"),
    "sector": ("linh vuc",),
    "processing": ("thoi han giai quyet", "thoi gian giai quyet", "thoi han"),
    "fee": ("phi, le phi", "phi le phi", "le phi", "phi"),
    "performed_by": ("co quan thuc hien", "co quan giai quyet", "dia diem thuc hien"),
    "source": ("can cu phap ly", "can cu"),
}
REQUIRED = ("code", "name", "sector")
_CODE = re.compile(r"\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z0-9]+)?")
_NATIONAL = re.compile(r"\d\.\d{6}")
_DAYS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngay|gio)")
GENERIC_COMPONENT = "Hồ sơ theo quy định của thủ tục hành chính"


def header_map(headers: Iterable[str]) -> dict[str, int]:
    """Which column holds which field; raises :class:`InvalidCatalogue` naming what lacks."""
    folded = [fold(nfc(str(h or ""))).strip(" :*") for h in headers]
    found: dict[str, int] = {}
    for field, names in HEADERS.items():
        for name in names:
            index = next(
                (i for i, h in enumerate(folded) if (h == name or h.startswith(name + " "))
                 and i not in found.values()),
                None,
            )  # fmt: skip
            if index is not None:
                found[field] = index
                break
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        labels = {"code": "Mã thủ tục", "name": "Tên thủ tục", "sector": "Lĩnh vực"}
        raise InvalidCatalogue(
            "Không thấy cột " + ", ".join(f"«{labels[f]}»" for f in missing)
            + " trong dòng tiêu đề của danh mục."
        )  # fmt: skip
    return found


def processing_of(text: str) -> dict[str, Any]:
    """ "05 ngày làm việc" → 5 working days; "Trong ngày" / "ngay trong ngày" → same day;
    "4 giờ làm việc" → half a day; anything else: 0 days (same day) is not guessed, it is
    refused."""
    words = fold(nfc(text))
    if "trong ngay" in words or "ngay khi" in words:
        after_15 = "15" in words and "gio" in words
        return {"kind": "same_day", **({"cutoff": "15:00"} if after_15 else {})}
    match = _DAYS.search(words)
    if match is None:
        raise ValueError(f"không đọc được thời hạn giải quyết «{text}»")
    amount = float(match.group(1).replace(",", "."))
    days = amount if match.group(2) == "ngay" else amount / 8
    return {"kind": "working_days", "days": days}


def fee_of(text: str) -> dict[str, Any]:
    words = fold(nfc(text))
    if not words or words.startswith("khong") or "mien" in words:
        return {"kind": "free", "note": nfc(text.strip())}
    return {"kind": "set_by_province", "note": nfc(text.strip())}


def _national(code: str) -> str:
    match = _NATIONAL.match(code)
    return match.group(0) if match else code


def _from_base(known: Procedure) -> dict[str, Any]:
    fee = known.fee
    return {
        "fee": {
            "kind": fee.kind.value, "amount": fee.amount, "first_pages": fee.first_pages,
            "first_rate": fee.first_rate, "rate": fee.rate, "cap": fee.cap, "note": fee.note,
        },
        "components": [
            {"key": c.key, "name": c.name, "copy": c.copy_kind.value,
             "required": c.required, "count": c.count}
            for c in known.components
        ],
    }  # fmt: skip


def catalogue_document(
    rows: Iterable[Mapping[str, str]],
    base: Catalogue | None,
    *,
    version: str,
    published: str,
    source: str,
) -> dict[str, Any]:
    """The catalogue document for ``rows`` (field → text, fields as in ``HEADERS``)."""
    known = {_national(p.code): p for p in base.procedures} if base else {}
    procedures: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        code = nfc(str(row.get("code") or "")).strip().upper()
        name = " ".join(nfc(str(row.get("name") or "")).split())
        if not code and not name:
            continue  # blank lines and group captions without a code
        if not _CODE.fullmatch(code):
            if not code and name:
                continue  # a caption row ("I. Lĩnh vực Hộ tịch")
            problems.append(f"dòng {number}: mã thủ tục «{code}» không đúng dạng X.NNNNNN")
            continue
        try:
            processing_text = str(row.get("processing") or "")
            previous = known.get(_national(code))
            if processing_text.strip():
                processing = processing_of(processing_text)
            elif previous is not None:
                processing = {
                    "kind": previous.processing.kind.value, "days": previous.processing.days,
                    **({"cutoff": f"{previous.processing.cutoff:%H:%M}"}
                       if previous.processing.cutoff else {}),
                }  # fmt: skip
            else:
                raise ValueError("không có thời hạn giải quyết")
        except ValueError as err:
            problems.append(f"dòng {number} ({code}): {err}")
            continue
        entry: dict[str, Any] = {
            "code": code,
            "name": name,
            "sector": " ".join(nfc(str(row.get("sector") or "")).split()),
            "performed_by": " ".join(nfc(str(row.get("performed_by") or "")).split())
            or (previous.performed_by if previous else "UBND cấp xã"),
            "processing": processing,
            "source": " ".join(nfc(str(row.get("source") or "")).split()) or source,
        }
        if previous is not None:
            entry |= _from_base(previous)
            if str(row.get("fee") or "").strip() and previous.fee.kind.value in (
                "set_by_province", "free"
            ):  # fmt: skip
                entry["fee"] = fee_of(str(row["fee"]))
        else:
            entry["fee"] = fee_of(str(row.get("fee") or ""))
            entry["components"] = [
                {"key": "ho-so", "name": GENERIC_COMPONENT, "copy": "original_or_certified_copy"}
            ]
        if not entry["sector"]:
            problems.append(f"dòng {number} ({code}): thiếu lĩnh vực")
            continue
        procedures.append(entry)
    if problems:
        raise InvalidCatalogue(
            "Danh mục công bố có dòng không đọc được: " + "; ".join(problems[:10])
            + (f" (và {len(problems) - 10} dòng khác)" if len(problems) > 10 else "")
        )  # fmt: skip
    if not procedures:
        raise InvalidCatalogue("Danh mục công bố không có thủ tục nào.")
    return {"version": version, "published": published, "source": source, "procedures": procedures}


def table_rows(table: Iterable[Iterable[object]]) -> list[dict[str, str]]:
    """The rows of a published table (cells as read from a sheet or a CSV file) as field →
    text, from the first row that holds the headers (titles and blank lines above it are
    skipped; a list has a few)."""
    rows = [["" if cell is None else str(cell) for cell in row] for row in table]
    for start, row in enumerate(rows[:30]):
        try:
            columns = header_map(row)
        except InvalidCatalogue:
            continue
        return [
            {field: (row[i] if i < len(row) else "") for field, i in columns.items()}
            for row in rows[start + 1 :]
        ]
    header_map(rows[0] if rows else [])  # raises, naming the columns not found
    raise AssertionError("unreachable")  # pragma: no cover
