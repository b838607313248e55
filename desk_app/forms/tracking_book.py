"""Form 07 (Circular 03/2025, Appendix I): Sổ theo dõi hồ sơ, for any date range.

Columns: No. | dossier code | procedure | applicant | address/phone | processing body |
received | appointment | returned | how returned | signature. Landscape A4, the header
row repeated on every page. One book per sector (lĩnh vực) or group of sectors, each with
its header (unit, title, book number, sector, date range) on a page of its own; a
delegate is written with the name of the person they act for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desk_app.domain.reporting import BOOK_COLUMNS as COLUMNS
from desk_app.domain.reporting import BookEntry, BookHeader
from desk_app.forms.layout import Page, e, grid, p

PAPER_NAME = "Sổ theo dõi hồ sơ"


def _moment(moment: datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def _book_story(head: BookHeader, entries: Iterable[BookEntry], page: Page) -> list[Flowable]:
    s, width = page.s, page.width
    story: list[Flowable] = [
        p(e(head.parent_unit).upper(), s["body"]),
        p(f"<b>{e(head.unit).upper()}</b>", s["body"]),
        p(PAPER_NAME.upper(), s["title"]),
    ]
    if head.number:
        story.append(p(f"Số: {e(head.number)}", s["center"]))
    if head.sector:
        story.append(p(f"Lĩnh vực: <b>{e(head.sector)}</b>", s["center"]))
    story += [
        p(f"Từ ngày {head.date_from:%d/%m/%Y} đến ngày {head.date_to:%d/%m/%Y}", s["center"]),
        Spacer(1, 3 * mm),
    ]
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
                p(e(entry.applicant_text), c),
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
    story.append(grid(rows, [width * w for w in widths], header_rows=2))
    if count == 0:
        story.append(p("Không có hồ sơ nào trong khoảng thời gian này.", s["body"]))
    return story


def render_tracking_books_pdf(books: Sequence[tuple[BookHeader, Iterable[BookEntry]]]) -> bytes:
    """Several books (one per sector) in one PDF, each starting on its own page."""
    page = Page(wide=True, base=9.0)
    for index, (head, entries) in enumerate(books):
        if index:
            page.add(PageBreak())
        page.add(*_book_story(head, entries, page))
    first = books[0][0]
    return page.build(
        title=f"{PAPER_NAME} {first.date_from:%d/%m/%Y}–{first.date_to:%d/%m/%Y}",
        author=first.unit,
        subject=PAPER_NAME,
    )


def render_tracking_book_pdf(head: BookHeader, entries: Iterable[BookEntry]) -> bytes:
    return render_tracking_books_pdf([(head, entries)])
