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
from desk_app.forms.layout import Page, Styles, day_text, e, header, p, signatures, when


class NoticeForm(StrEnum):
    SUPPLEMENT = "02"
    REFUSAL = "03"
    APOLOGY = "04"
    STOPPED = "05"

    @property
    def paper_name(self) -> str:
        return _TITLES[self]


_TITLES = {
    NoticeForm.SUPPLEMENT: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    NoticeForm.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    NoticeForm.APOLOGY: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    NoticeForm.STOPPED: "Thông báo dừng giải quyết hồ sơ",
}


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
    # Form 03 issued at the counter instead of receiving (issue 25 item 3): no dossier
    # code ("Mã hồ sơ (nếu có)" left empty), and signed by the submitter and the officer.
    at_counter: bool = False


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
    if d.at_counter:  # nothing was received: no code, the time it was presented
        return [
            p(
                f"Hồ sơ đề nghị giải quyết thủ tục: <b>{e(d.procedure_name)}</b> "
                f"(mã thủ tục {e(d.procedure_code)})",
                s["body"],
            ),
            p("Mã hồ sơ (nếu có): .........", s["body"]),
            p(f"Thời điểm nộp hồ sơ: {when(d.received_at)}", s["body"]),
        ]
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
            return [
                *_dossier(d, s),
                p(
                    f"Sau khi xem xét, {unit} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ "
                    "gồm những nội dung sau:",
                    s["body"],
                ),
                p(f"<b>{reason}</b>", s["body"]),
                p(
                    "Thời gian chờ bổ sung không tính vào thời hạn giải quyết; ngày hẹn trả "
                    "kết quả sẽ được lùi tương ứng khi nhận đủ hồ sơ. Hồ sơ chỉ được yêu cầu "
                    "bổ sung một lần.",
                    s["body"],
                ),
                p(
                    "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ "
                    f"{unit}{' — ' + e(d.contact) if d.contact else ''} để được hướng dẫn.",
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
            return [
                *_dossier(d, s),
                p(f"Thời gian hẹn trả kết quả: {when(d.due_at)}", s["body"]),
                p(f"Lý do chậm trả kết quả: <b>{reason}</b>", s["body"]),
                p(
                    f"{unit} thành thật xin lỗi Ông/Bà vì sự chậm trễ này và xin hẹn lại "
                    f"thời gian trả kết quả vào lúc: <b>{when(d.new_due)}</b>.",
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
    page.add(
        p(e(f"Mẫu số {data.form.value}"), s["right_small"]),
        header(
            parent_unit=data.parent_unit,
            unit=data.unit,
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
        *_about(data, s),
        *_body(data, s),
        Spacer(1, 5 * mm),
        p(f"<i>{e(data.place)}, {day_text(data.issued_at)}</i>", s["body"]),
        signatures(
            [("Người nộp hồ sơ", data.applicant.full_name), (data.signer_title, data.signer_name)]
            if data.at_counter
            else [("", ""), (data.signer_title, data.signer_name)],
            s,
            page.width,
        ),
    )
    return page.build(
        title=f"{data.form.paper_name} {data.dossier_code}",
        author=data.receiving_unit,
        subject=data.dossier_code,
    )
