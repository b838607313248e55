"""Form 01 (Circular 03/2025/TT-VPCP, Appendix I): Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

Data in, PDF bytes out. The same bytes are previewed, printed, archived and tested.
Fields in the order of the form; two copies (one for the citizen, one kept with the
dossier), each starting on its own page; a reprint says so on every copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from desk_app.domain.dossier import Person
from desk_app.forms.layout import (
    DIGITAL_CAPTION,
    Page,
    Signer,
    Styles,
    e,
    grid,
    header,
    p,
    signatures,
    when,
)

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


_p, _e, _when = p, e, when


def _person_lines(person: Person, s: Styles) -> list[Paragraph]:
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
    data: ReceiptData, label: str, s: Styles, width: float, qr_size: float
) -> list[object]:
    story: list[object] = []
    marks = label + (f" — BẢN IN LẠI (lần {data.reprint})" if data.reprint else "")
    story.append(_p(_e(marks), s["right_small"]))
    story.append(
        header(
            parent_unit=data.parent_unit,
            unit=data.unit,
            number=data.number,
            place=data.place,
            issued_at=data.received_at,
            s=s,
            width=width,
            qr_payload=data.qr_payload,
            qr_size=qr_size,
        )
    )
    story.append(_p(PAPER_NAME.upper(), s["title"]))
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
    table = grid(rows, [9 * mm, width - 9 * mm - 42 * mm - 16 * mm, 42 * mm, 16 * mm])
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
    story.append(
        signatures(
            [
                Signer("Người nộp hồ sơ", data.applicant.full_name),
                Signer("Người tiếp nhận hồ sơ", data.officer_name, DIGITAL_CAPTION),
            ],
            s,
            width,
        )
    )
    return story


def render_receipt_pdf(data: ReceiptData, *, paper: str = "A4") -> bytes:
    """Render Form 01 in ``len(data.copies)`` copies; ``paper`` is ``"A4"`` or ``"A5"``."""
    if paper not in ("A4", "A5"):
        raise ValueError(f"paper must be A4 or A5, not {paper!r}")
    page = Page(paper=paper)
    qr_size = 30 * mm if paper == "A4" else 24 * mm
    for index, label in enumerate(data.copies):
        if index:
            page.add(PageBreak())
        page.add(*_copy_story(data, label, page.s, page.width, qr_size))
    return page.build(
        title=f"{PAPER_NAME} {data.dossier_code}",
        author=data.receiving_unit,
        subject=data.dossier_code,
    )
