"""Forms 02–05 (Circular 03/2025/TT-VPCP, Appendix I): the papers the desk issues to a
citizen during a dossier's life. Data in, PDF bytes out; the same look as Form 01.

02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ · 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ ·
04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết · 05 Thông báo dừng giải quyết
hồ sơ. Each names the dossier (code, procedure, received), the citizen, and what the
form is about; each carries the paper's QR (Circular 01/2023 Art. 26).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desk_app.domain.dossier import Person
from desk_app.domain.papers import PaperKind
from desk_app.forms.layout import (
    SIGN_CAPTION,
    Page,
    Signer,
    Styles,
    e,
    header,
    p,
    signatures,
    when,
)


class NoticeForm(StrEnum):
    SUPPLEMENT = "02"
    REFUSAL = "03"
    APOLOGY = "04"
    STOPPED = "05"

    @property
    def paper_name(self) -> str:
        return PaperKind(self.value).paper_name


@dataclass(frozen=True)
class NoticeData:
    """Everything one of Forms 02–05 prints, already worded."""

    form: NoticeForm
    parent_unit: str
    unit: str
    receiving_unit: str
    place: str
    number: str
    issued_at: datetime
    dossier_code: str
    procedure_name: str
    procedure_code: str
    applicant: Person
    received_at: datetime
    due_at: datetime  # the appointment before this paper
    reason: str
    signer_title: str  # the officer for 02/03, the head of the body for 04/05
    signer_name: str
    qr_payload: str
    new_due: datetime | None = None  # Form 04
    contact: str = ""  # where the citizen can ask (phone of the desk)
    # Form 02: what to supply, one line each (the reason split by line when not given)
    items: tuple[str, ...] = ()
    why: str = ""  # Form 02's "Lý do"
    # Form 04: the body that processes the dossier writes the letter (the commune if empty)
    processing_body: str = ""
    signer_caption: str = SIGN_CAPTION

    @property
    def supplement_items(self) -> tuple[str, ...]:
        if self.items:
            return self.items
        lines = [line.strip(" -•\t") for line in self.reason.replace(";", "\n").splitlines()]
        return tuple(line for line in lines if line)

    @property
    def writer(self) -> str:
        return self.processing_body or self.receiving_unit


_DEFAULT_WHY = "Hồ sơ chưa đầy đủ thành phần hoặc chưa đúng quy định của thủ tục hành chính."


def _about(d: NoticeData, s: Styles) -> list[Flowable]:
    person = d.applicant
    return [
        p(f"Kính gửi: Ông/Bà <b>{e(person.full_name).upper()}</b>", s["body"]),
        p(f"Số định danh cá nhân/tổ chức: {e(person.id_number)}", s["body"]),
        p(f"Địa chỉ: {e(person.address)}", s["body"]),
        p(
            f"Số điện thoại: {e(person.phone) or '.........'}&nbsp;&nbsp;&nbsp;&nbsp;"
            f"Email: {e(person.email) or '.........'}",
            s["body"],
        ),
        Spacer(1, 2 * mm),
    ]


def _dossier(d: NoticeData, s: Styles) -> list[Flowable]:
    return [
        p(
            f"Hồ sơ đề nghị giải quyết thủ tục: <b>{e(d.procedure_name)}</b> "
            f"(mã thủ tục {e(d.procedure_code)})",
            s["body"],
        ),
        p(f"Mã hồ sơ: <b>{e(d.dossier_code)}</b>", s["body"]),
        p(f"Tiếp nhận lúc: {when(d.received_at)}", s["body"]),
    ]


def _body(d: NoticeData, s: Styles) -> list[Flowable]:
    reason = e(d.reason)
    unit = e(d.receiving_unit)
    match d.form:
        case NoticeForm.SUPPLEMENT:
            person = d.applicant
            contact = f" — số điện thoại {e(d.contact)}" if d.contact else ""
            return [
                p(f"Hồ sơ của: <b>{e(person.full_name).upper()}</b>", s["body"]),
                p(
                    f"Nội dung yêu cầu giải quyết: <b>{e(d.procedure_name)}</b> "
                    f"(mã thủ tục {e(d.procedure_code)}; mã hồ sơ {e(d.dossier_code)})",
                    s["body"],
                ),
                p(f"Địa chỉ: {e(person.address)}", s["body"]),
                p(f"Số điện thoại: {e(person.phone) or '.........'}", s["body"]),
                p(
                    "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
                    s["body"],
                ),
                *[
                    p(f"{n}. {e(item)}", s["body"])
                    for n, item in enumerate(d.supplement_items, start=1)
                ],
                p(f"Lý do: {e(d.why) or _DEFAULT_WHY}", s["body"]),
                p(
                    "Thời gian chờ bổ sung không tính vào thời hạn giải quyết; hồ sơ chỉ được "
                    "yêu cầu bổ sung một lần.",
                    s["body"],
                ),
                p(
                    "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ "
                    f"{unit}{contact} để được hướng dẫn.",
                    s["body"],
                ),
            ]
        case NoticeForm.REFUSAL:
            return [
                *_dossier(d, s),
                p(
                    f"Qua xem xét, {unit} thông báo không tiếp nhận, giải quyết hồ sơ này "
                    "với lý do cụ thể như sau:",
                    s["body"],
                ),
                p(f"<b>{reason}</b>", s["body"]),
                p("Xin thông báo để Ông/Bà được biết và thực hiện.", s["body"]),
            ]
        case NoticeForm.APOLOGY:
            assert d.new_due is not None
            writer = e(d.writer)
            return [
                p(
                    f"Ngày {d.received_at:%d/%m/%Y}, {unit} tiếp nhận hồ sơ đề nghị giải quyết "
                    f"thủ tục <b>{e(d.procedure_name)}</b> (mã thủ tục {e(d.procedure_code)}) "
                    f"của Ông/Bà, mã hồ sơ <b>{e(d.dossier_code)}</b>, hẹn trả kết quả vào "
                    f"{when(d.due_at)}.",
                    s["body"],
                ),
                p(
                    f"Đến nay, {writer} chưa trả được kết quả giải quyết hồ sơ đúng hạn. "
                    f"Lý do: <b>{reason}</b>",
                    s["body"],
                ),
                p(
                    f"{writer} thành thật xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị gia hạn "
                    f"thời gian giải quyết, hẹn trả kết quả vào <b>{when(d.new_due)}</b>.",
                    s["body"],
                ),
                p("Rất mong nhận được sự thông cảm của Ông/Bà.", s["body"]),
            ]
        case NoticeForm.STOPPED:
            return [
                *_dossier(d, s),
                p(
                    "Theo đề nghị của Ông/Bà về việc dừng giải quyết hồ sơ, "
                    f"{unit} thông báo dừng giải quyết hồ sơ nêu trên.",
                    s["body"],
                ),
                p(f"Lý do: <b>{reason}</b>", s["body"]),
                p(
                    "Hồ sơ và giấy tờ đã nộp được trả lại theo đề nghị của Ông/Bà.",
                    s["body"],
                ),
            ]
    raise AssertionError(d.form)  # pragma: no cover


def render_notice_pdf(data: NoticeData, *, paper: str = "A4") -> bytes:
    """Render one of Forms 02–05 (one copy: the desk keeps its record in the database)."""
    page = Page(paper=paper)
    s = page.s
    by_body = data.form is NoticeForm.APOLOGY and data.processing_body
    page.add(
        p(e(f"Mẫu số {data.form.value}"), s["right_small"]),
        header(
            parent_unit=data.parent_unit,
            unit=data.processing_body if by_body else data.unit,
            number=data.number,
            place=data.place,
            issued_at=data.issued_at,
            s=s,
            width=page.width,
            qr_payload=data.qr_payload,
            qr_size=26 * mm if paper == "A4" else 20 * mm,
        ),
        p(e(data.form.paper_name).upper(), s["title"]),
        Spacer(1, 3 * mm),
        *([] if data.form is NoticeForm.SUPPLEMENT else _about(data, s)),
        *_body(data, s),
        Spacer(1, 5 * mm),
        signatures(
            [("", ""), Signer(data.signer_title, data.signer_name, data.signer_caption)],
            s,
            page.width,
        ),
    )
    return page.build(
        title=f"{data.form.paper_name} {data.dossier_code}",
        author=data.writer if by_body else data.receiving_unit,
        subject=data.dossier_code,
    )
