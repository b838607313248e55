"""The fee receipt (biên lai thu phí, lệ phí) and the VietQR payment slip.

Fields after Decree 123/2020/NĐ-CP Art. 32 as amended by Decree 70/2025/NĐ-CP (what a
receipt for fees must show; docs/fees.md says which parts could be confirmed): the
receipt's name, form symbol and series symbol, its number; the copy (liên); the name and
tax code of the unit that collects; the payer's name, address and ID number; the fee's
name and amount in figures and in words; how it was paid; the date; the collector's
signature and name. Two copies (liên 1 kept in the book, liên 2 to the payer); a reprint
says so on every copy; a void receipt is printed with its reason across it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from desk_app.domain.catalogue import format_money
from desk_app.domain.fees import FeeLine, amount_in_words
from desk_app.forms.layout import Page, Styles, day_text, e, grid, p, signatures
from desk_app.forms.qr import QrFlowable

PAPER_NAME = "Biên lai thu phí, lệ phí"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp tiền")


@dataclass(frozen=True)
class FeeReceiptData:
    unit: str  # the collecting unit, e.g. "UBND xã Minh Phú"
    tax_code: str  # its tax code (mã số thuế / mã quan hệ ngân sách); "" prints dots
    address: str
    form_symbol: str  # ký hiệu mẫu biên lai
    series: str  # ký hiệu biên lai
    number: str  # 7 digits
    payer_name: str
    payer_address: str
    payer_id_number: str
    dossier_code: str
    fee_name: str
    lines: tuple[FeeLine, ...]
    amount: int
    method_label: str
    paid_at: datetime
    place: str
    collector_name: str
    qr_payload: str | None = None  # the VietQR of a transfer, printed to pay or check
    reprint: int = 0
    void_reason: str = ""
    copies: tuple[str, ...] = field(default=COPY_LABELS)


def _story(data: FeeReceiptData, label: str, s: Styles, width: float) -> list[object]:
    marks = label + (f" — BẢN IN LẠI (lần {data.reprint})" if data.reprint else "")
    story: list[object] = [p(e(marks), s["right_small"])]
    left = [
        p(f"<b>{e(data.unit).upper()}</b>", s["body"]),
        p(f"Mã số thuế: {e(data.tax_code) or '....................'}", s["body"]),
        p(f"Địa chỉ: {e(data.address)}", s["body"]),
    ]
    right = [
        p(f"Mẫu số: {e(data.form_symbol)}", s["body"]),
        p(f"Ký hiệu: <b>{e(data.series)}</b>", s["body"]),
        p(f"Số: <b>{e(data.number)}</b>", s["body"]),
    ]
    head = Table([[left, right]], colWidths=[width * 0.62, width * 0.38])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [head, p(PAPER_NAME.upper(), s["title"])]
    if data.void_reason:
        story.append(p(f"<b>ĐÃ HỦY — Lý do: {e(data.void_reason)}</b>", s["center"]))
    story += [
        p(f"<i>{e(data.place)}, {day_text(data.paid_at)}</i>", s["center"]),
        Spacer(1, 3 * mm),
        p(f"Tên người nộp tiền: <b>{e(data.payer_name)}</b>", s["body"]),
        p(f"Số định danh cá nhân/tổ chức: {e(data.payer_id_number)}", s["body"]),
        p(f"Địa chỉ: {e(data.payer_address)}", s["body"]),
        p(f"Mã hồ sơ: <b>{e(data.dossier_code)}</b>", s["body"]),
        p(f"Tên loại phí, lệ phí: {e(data.fee_name)}", s["body"]),
    ]
    rows: list[list[object]] = [
        [p("<b>TT</b>", s["cell"]), p("<b>Nội dung</b>", s["cell"]),
         p("<b>Số tiền (đồng)</b>", s["cell"])],
    ]  # fmt: skip
    for index, line in enumerate(data.lines, start=1):
        rows.append(
            [p(str(index), s["cell"]), p(e(line.text), s["cell"]),
             p(format_money(line.amount), s["cell"])]
        )  # fmt: skip
    rows.append([p("", s["cell"]), p("<b>Cộng</b>", s["cell"]),
                 p(f"<b>{format_money(data.amount)}</b>", s["cell"])])  # fmt: skip
    story.append(grid(rows, [9 * mm, width - 9 * mm - 36 * mm, 36 * mm]))
    story += [
        p(f"Số tiền bằng chữ: <i>{e(amount_in_words(data.amount))}</i>", s["body"]),
        p(f"Hình thức thanh toán: {e(data.method_label)}", s["body"]),
        Spacer(1, 3 * mm),
    ]
    if data.qr_payload:
        qr = QrFlowable(data.qr_payload, 34 * mm)
        note = p(
            "Quét mã VietQR bằng ứng dụng ngân hàng để chuyển khoản; nội dung chuyển khoản là "
            f"mã hồ sơ <b>{e(data.dossier_code)}</b>.",
            s["body"],
        )
        box = Table([[qr, note]], colWidths=[38 * mm, width - 38 * mm])
        box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(box)
    story.append(signatures([("Người nộp tiền", data.payer_name),
                             ("Người thu tiền", data.collector_name)], s, width))  # fmt: skip
    return story


def render_fee_receipt_pdf(data: FeeReceiptData, *, paper: str = "A5") -> bytes:
    page = Page(paper=paper)
    for index, label in enumerate(data.copies):
        if index:
            page.add(PageBreak())
        page.add(*_story(data, label, page.s, page.width))
    return page.build(
        title=f"{PAPER_NAME} {data.series} {data.number}",
        author=data.unit,
        subject=data.dossier_code,
    )


@dataclass(frozen=True)
class PaymentSlipData:
    unit: str
    dossier_code: str
    payer_name: str
    amount: int
    account_text: str  # "Vietcombank 0123… — UBND XA MINH PHU"
    qr_payload: str


def render_payment_slip_pdf(data: PaymentSlipData, *, paper: str = "A5") -> bytes:
    """A slip to pay by transfer later: the VietQR large, the amount, the note to type."""
    page = Page(paper=paper)
    s = page.s
    page.add(
        p(f"<b>{e(data.unit).upper()}</b>", s["center"]),
        p("PHIẾU THANH TOÁN PHÍ, LỆ PHÍ BẰNG CHUYỂN KHOẢN", s["title"]),
        p(f"Mã hồ sơ: <b>{e(data.dossier_code)}</b> — Người nộp: {e(data.payer_name)}", s["body"]),
        p(
            f"Số tiền: <b>{format_money(data.amount)}</b> ({e(amount_in_words(data.amount))})",
            s["body"],
        ),
        p(f"Tài khoản nhận: {e(data.account_text)}", s["body"]),
        Spacer(1, 4 * mm),
        QrFlowable(data.qr_payload, min(page.width, 80 * mm)),
        p("Biên lai được cấp khi khoản chuyển khoản đã vào tài khoản.", s["body"]),
    )
    return page.build(
        title=f"Phiếu thanh toán {data.dossier_code}", author=data.unit, subject=data.dossier_code
    )
