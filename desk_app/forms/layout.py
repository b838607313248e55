"""What every printed form shares: type styles, the header with the national motto,
signature blocks and the page set-up. One look for Form 01 to Form 07 and the reports."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.forms.fonts import register_fonts
from desk_app.forms.qr import QrFlowable

Styles = dict[str, ParagraphStyle]


def styles(font: str, base: float) -> Styles:
    body = ParagraphStyle("body", fontName=font, fontSize=base, leading=base * 1.35)
    return {
        "body": body,
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "center_bold": ParagraphStyle(
            "center_bold", parent=body, alignment=TA_CENTER, fontName=f"{font}-Bold"
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            alignment=TA_CENTER,
            fontName=f"{font}-Bold",
            fontSize=base * 1.3,
            leading=base * 1.7,
            spaceBefore=base * 0.6,
        ),
        "right_small": ParagraphStyle(
            "right_small",
            parent=body,
            alignment=TA_RIGHT,
            fontName=f"{font}-Italic",
            fontSize=base * 0.85,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=base * 0.92, leading=base * 1.2),
        "cell_center": ParagraphStyle(
            "cell_center",
            parent=body,
            fontSize=base * 0.92,
            leading=base * 1.2,
            alignment=TA_CENTER,
        ),
    }


def p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def e(text: str | None) -> str:
    """Escape text for a reportlab paragraph."""
    return escape(text or "")


def when(moment: datetime) -> str:
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


def day_text(moment: datetime) -> str:
    return f"ngày {moment:%d} tháng {moment:%m} năm {moment:%Y}"


def header(
    *,
    parent_unit: str,
    unit: str,
    number: str,
    place: str,
    issued_at: datetime,
    s: Styles,
    width: float,
    qr_payload: str | None = None,
    qr_size: float = 30 * mm,
) -> Table:
    """Issuing unit and number on the left, the national motto and place/date on the right;
    the paper's QR code at the top-left (Circular 01/2023 Art. 26) when it has one."""
    left = [
        p(e(parent_unit).upper(), s["center"]),
        p(f"<b>{e(unit).upper()}</b>", s["center"]),
        p(f"Số: {e(number)}", s["center"]),
    ]
    right = [
        p("<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", s["center"]),
        p("<b>Độc lập - Tự do - Hạnh phúc</b>", s["center"]),
        p(f"<i>{e(place)}, {day_text(issued_at)}</i>", s["center"]),
    ]
    if qr_payload is None:
        table = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    else:
        rest = width - qr_size - 3 * mm
        table = Table(
            [[QrFlowable(qr_payload, qr_size), left, right]],
            colWidths=[qr_size + 3 * mm, rest * 0.36, rest * 0.64],
        )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)])
    )
    return table


SIGN_CAPTION = "(Ký và ghi rõ họ tên)"
# The receiving officer may sign the paper digitally (Decree 118/2025: papers issued on the
# one-stop system); the caption says so instead of leaving a wet-ink-only line.
DIGITAL_CAPTION = "(Ký, ghi rõ họ tên hoặc ký số)"


@dataclass(frozen=True)
class Signer:
    title: str
    name: str
    caption: str = SIGN_CAPTION


def signatures(
    columns: Sequence[Signer | tuple[str, str]], s: Styles, width: float
) -> KeepTogether:
    """Signature blocks side by side: title, caption, room to sign and the name. A column
    with no title stays blank (no stray caption); an empty name leaves the line to fill."""
    signers = [c if isinstance(c, Signer) else Signer(*c) for c in columns]
    count = len(signers)
    rows = [
        [p(f"<b>{e(c.title).upper()}</b>", s["center"]) if c.title else "" for c in signers],
        [p(f"<i>{e(c.caption)}</i>", s["center"]) if c.title else "" for c in signers],
        [Spacer(1, 14 * mm) for _ in signers],
        [p(e(c.name), s["center_bold"]) if c.title else "" for c in signers],
    ]
    return KeepTogether([Table(rows, colWidths=[width / count] * count)])


def grid(rows: list[list[object]], widths: Sequence[float], *, header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
            ]
        )
    )
    return table


class Page:
    """A document being built: its paper, margins, styles and the story of flowables."""

    def __init__(self, *, paper: str = "A4", wide: bool = False, base: float | None = None) -> None:
        if paper not in ("A4", "A5"):
            raise ValueError(f"paper must be A4 or A5, not {paper!r}")
        self.font = register_fonts()
        size, self.margin, default_base = (
            (A4, 18 * mm, 11.0) if paper == "A4" else (A5, 10 * mm, 8.0)
        )
        self.size = landscape(size) if wide else size
        self.base = base or default_base
        self.s = styles(self.font, self.base)
        self.width = self.size[0] - 2 * self.margin
        self.story: list[Flowable] = []

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def build(self, *, title: str, author: str, subject: str) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.size,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin * 0.7,
            bottomMargin=self.margin * 0.7,
            title=title,
            author=author,
            subject=subject,
            creator="desk-app",
        )
        doc.build(self.story)
        return buffer.getvalue()
