"""Form 01 (Circular 03/2025/TT-VPCP, Appendix I): Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

Data in, PDF bytes out. The same bytes are previewed, printed, archived and tested.
Fields in the order of the form; two copies (one for the citizen, one kept with the
dossier), each starting on its own page; a reprint says so on every copy.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.domain.dossier import Person
from desk_app.forms.fonts import register_fonts
from desk_app.forms.qr import QrFlowable

PAPER_NAME = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
COPY_LABELS = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu tại Bộ phận Một cửa")


@dataclass(frozen=True)
class ReceiptComponent:
    name: str
    copy_label: str
    count: int


@dataclass(frozen=True)
class ReceiptData:
    """Everything Form 01 prints, already worded; see ``render_receipt_pdf``."""

    parent_unit: str  # e.g. "UBND XÃ MINH PHÚ"
    unit: str  # e.g. "BỘ PHẬN MỘT CỬA"
    receiving_unit: str  # e.g. "Bộ phận Một cửa UBND xã Minh Phú"
    place: str
    number: str
    dossier_code: str
    applicant: Person
    principal: Person | None
    authorisation: str
    procedure_name: str
    procedure_code: str
    components: tuple[ReceiptComponent, ...]
    sets_count: int
    legal_time: str
    received_at: datetime
    due_at: datetime
    result_location: str
    fee_text: str
    book_volume: str
    book_entry: int
    officer_name: str
    qr_payload: str
    reprint: int = 0  # 0 for the first print; n for the n-th reprint
    copies: tuple[str, ...] = field(default=COPY_LABELS)


def _styles(font: str, base: float) -> dict[str, ParagraphStyle]:
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
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def _e(text: str) -> str:
    return escape(text or "")


def _when(moment: datetime) -> str:
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


def _person_lines(person: Person, s: dict[str, ParagraphStyle]) -> list[Paragraph]:
    lines = [
        _p(f"Ông/Bà: <b>{_e(person.full_name).upper()}</b>", s["body"]),
        _p(f"Số định danh cá nhân/tổ chức: <b>{_e(person.id_number)}</b>", s["body"]),
        _p(f"Địa chỉ: {_e(person.address)}", s["body"]),
        _p(
            f"Số điện thoại: {_e(person.phone) or '.........'}"
            f"&nbsp;&nbsp;&nbsp;&nbsp;Email: {_e(person.email) or '.........'}",
            s["body"],
        ),
    ]
    return lines


def _copy_story(
    data: ReceiptData, label: str, s: dict[str, ParagraphStyle], width: float, qr_size: float
) -> list[object]:
    story: list[object] = []
    marks = label + (f" — BẢN IN LẠI (lần {data.reprint})" if data.reprint else "")
    story.append(_p(_e(marks), s["right_small"]))
    left = [
        _p(_e(data.parent_unit).upper(), s["center"]),
        _p(f"<b>{_e(data.unit).upper()}</b>", s["center"]),
        _p(f"Số: {_e(data.number)}", s["center"]),
    ]
    day = data.received_at
    right = [
        _p("<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", s["center"]),
        _p("<b>Độc lập - Tự do - Hạnh phúc</b>", s["center"]),
        _p(f"<i>{_e(data.place)}, ngày {day:%d} tháng {day:%m} năm {day:%Y}</i>", s["center"]),
    ]
    header = Table(
        [[QrFlowable(data.qr_payload, qr_size), left, right]],
        colWidths=[
            qr_size + 3 * mm,
            (width - qr_size - 3 * mm) * 0.36,
            (width - qr_size - 3 * mm) * 0.64,
        ],
    )
    header.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    story += [header, _p(PAPER_NAME.upper(), s["title"])]
    story.append(_p(f"Mã hồ sơ: <b>{_e(data.dossier_code)}</b>", s["center"]))
    story.append(Spacer(1, 3 * mm))
    story.append(_p(f"{_e(data.receiving_unit)} tiếp nhận hồ sơ của:", s["body"]))
    story += _person_lines(data.applicant, s)
    if data.principal is not None:
        story.append(_p("<b>Là người được ủy quyền của:</b>", s["body"]))
        story += _person_lines(data.principal, s)
        story.append(_p(f"Giấy ủy quyền: {_e(data.authorisation)}", s["body"]))
    story.append(
        _p(
            f"Nội dung yêu cầu giải quyết: <b>{_e(data.procedure_name)}</b> "
            f"(mã thủ tục {_e(data.procedure_code)})",
            s["body"],
        )
    )
    story.append(_p("1. Thành phần hồ sơ nộp gồm:", s["body"]))
    rows: list[list[object]] = [
        [
            _p("<b>TT</b>", s["cell"]),
            _p("<b>Tên giấy tờ</b>", s["cell"]),
            _p("<b>Hình thức</b>", s["cell"]),
            _p("<b>Số lượng</b>", s["cell"]),
        ]
    ]
    for index, comp in enumerate(data.components, start=1):
        rows.append(
            [
                _p(str(index), s["cell"]),
                _p(_e(comp.name), s["cell"]),
                _p(_e(comp.copy_label), s["cell"]),
                _p(str(comp.count), s["cell"]),
            ]
        )
    table = Table(
        rows, colWidths=[9 * mm, width - 9 * mm - 42 * mm - 16 * mm, 42 * mm, 16 * mm], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    story += [
        _p(f"2. Số lượng hồ sơ: {data.sets_count:02d} (bộ)", s["body"]),
        _p(f"3. Thời gian giải quyết hồ sơ theo quy định là: {_e(data.legal_time)}", s["body"]),
        _p(f"4. Thời gian nhận hồ sơ: {_when(data.received_at)}", s["body"]),
        _p(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{_when(data.due_at)}</b>", s["body"]),
        _p(f"6. Đăng ký nhận kết quả tại: {_e(data.result_location)}", s["body"]),
        _p(f"7. Phí, lệ phí: {_e(data.fee_text)}", s["body"]),
        _p(
            f"Vào Sổ theo dõi hồ sơ, Quyển số: {_e(data.book_volume)}, "
            f"Số thứ tự: {data.book_entry}",
            s["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    signatures = Table(
        [
            [
                _p("<b>NGƯỜI NỘP HỒ SƠ</b>", s["center"]),
                _p("<b>NGƯỜI TIẾP NHẬN HỒ SƠ</b>", s["center"]),
            ],
            [
                _p("<i>(Ký và ghi rõ họ tên)</i>", s["center"]),
                _p("<i>(Ký và ghi rõ họ tên)</i>", s["center"]),
            ],
            [Spacer(1, 14 * mm), Spacer(1, 14 * mm)],
            [
                _p(_e(data.applicant.full_name), s["center_bold"]),
                _p(_e(data.officer_name), s["center_bold"]),
            ],
        ],
        colWidths=[width / 2, width / 2],
    )
    story.append(KeepTogether([signatures]))
    return story


def render_receipt_pdf(data: ReceiptData, *, paper: str = "A4") -> bytes:
    """Render Form 01 in ``len(data.copies)`` copies; ``paper`` is ``"A4"`` or ``"A5"``."""
    if paper not in ("A4", "A5"):
        raise ValueError(f"paper must be A4 or A5, not {paper!r}")
    font = register_fonts()
    size, margin, base, qr_size = (
        (A4, 18 * mm, 11.0, 30 * mm) if paper == "A4" else (A5, 10 * mm, 8.0, 24 * mm)
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin * 0.7,
        bottomMargin=margin * 0.7,
        title=f"{PAPER_NAME} {data.dossier_code}",
        author=data.receiving_unit,
        subject=data.dossier_code,
        creator="desk-app",
    )
    styles = _styles(font, base)
    story: list[object] = []
    for index, label in enumerate(data.copies):
        if index:
            story.append(PageBreak())
        story += _copy_story(data, label, styles, doc.width, qr_size)
    doc.build(story)
    return buffer.getvalue()
