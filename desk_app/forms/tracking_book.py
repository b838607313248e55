"""Form 07 (Circular 03/2025, Appendix I): Sổ theo dõi hồ sơ, for any date range.

Columns: No. | dossier code | procedure | applicant | address/phone | processing body |
received | appointment | returned | how returned | signature. Landscape A4, the header
row repeated on every page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desk_app.domain.reporting import BOOK_COLUMNS as COLUMNS
from desk_app.domain.reporting import BookEntry, BookHeader
from desk_app.forms.layout import Page, e, grid, p

PAPER_NAME = "Sổ theo dõi hồ sơ"


def _moment(moment: datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def render_tracking_book_pdf(head: BookHeader, entries: Iterable[BookEntry]) -> bytes:
    page = Page(wide=True, base=9.0)
    s, width = page.s, page.width
    page.add(
        p(e(head.parent_unit).upper(), s["body"]),
        p(f"<b>{e(head.unit).upper()}</b>", s["body"]),
        p(PAPER_NAME.upper(), s["title"]),
        p(f"Từ ngày {head.date_from:%d/%m/%Y} đến ngày {head.date_to:%d/%m/%Y}", s["center"]),
        Spacer(1, 3 * mm),
    )
    c = s["cell"]
    rows: list[list[object]] = [[p(f"<b>{name}</b>", s["cell_center"]) for name in COLUMNS]]
    rows.append([p(f"({n})", s["cell_center"]) for n in range(1, len(COLUMNS) + 1)])
    count = 0
    for entry in entries:
        count += 1
        rows.append(
            [
                p(str(entry.number), c),
                p(e(entry.code), c),
                p(e(entry.procedure_name), c),
                p(e(entry.applicant_name), c),
                p(e(entry.address_phone), c),
                p(e(entry.processing_body), c),
                p(_moment(entry.received_at), c),
                p(_moment(entry.due_at), c),
                p(_moment(entry.returned_at), c),
                p(e(entry.how_returned), c),
                p("", c),
            ]
        )
    widths = [0.04, 0.1, 0.16, 0.1, 0.13, 0.09, 0.08, 0.08, 0.08, 0.08, 0.06]
    page.add(grid(rows, [width * w for w in widths], header_rows=2))
    if count == 0:
        page.add(p("Không có hồ sơ nào trong khoảng thời gian này.", s["body"]))
    return page.build(
        title=f"{PAPER_NAME} {head.date_from:%d/%m/%Y}–{head.date_to:%d/%m/%Y}",
        author=head.unit,
        subject=PAPER_NAME,
    )
