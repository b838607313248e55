"""Form 06 (Circular 03/2025, Appendix I): Phiếu kiểm soát quá trình giải quyết hồ sơ.

Headed by the body that processes the dossier and the bodies that coordinate; one row per
hand-over of the dossier (from, to, when, who gave and who received), the pause while a
supplement was awaited, and the outcome when the result came back (early / on time /
late). A view of the event log, dated at reception like the receipt it goes with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desk_app.forms.layout import Page, e, grid, header, p, when

PAPER_NAME = "Phiếu kiểm soát quá trình giải quyết hồ sơ"


@dataclass(frozen=True)
class HandOverRow:
    giver_unit: str
    receiver_unit: str
    at: datetime
    giver: str
    receiver: str
    outcome: str  # "Trước hạn", "Đúng hạn", "Quá hạn", or "" for a hand-over on the way
    note: str = ""


@dataclass(frozen=True)
class ControlSlipData:
    parent_unit: str
    unit: str
    place: str
    number: str
    issued_at: datetime
    dossier_code: str
    procedure_name: str
    applicant_name: str
    applicant_address: str
    received_at: datetime
    due_at: datetime
    rows: tuple[HandOverRow, ...]
    processing_body: str = ""
    coordinating_bodies: str = ""
    paused: str = ""  # e.g. "Từ 10:00 ngày 05/01/2026 đến 09:00 ngày 07/01/2026 (chờ bổ sung)"


def render_control_slip_pdf(data: ControlSlipData, *, paper: str = "A4") -> bytes:
    page = Page(paper=paper)
    s, width = page.s, page.width
    page.add(
        p("Mẫu số 06", s["right_small"]),
        header(
            parent_unit=data.parent_unit,
            unit=data.unit,
            number=data.number,
            place=data.place,
            issued_at=data.issued_at,
            s=s,
            width=width,
        ),
        p(PAPER_NAME.upper(), s["title"]),
        p(f"Kèm theo hồ sơ mã: <b>{e(data.dossier_code)}</b>", s["center"]),
        Spacer(1, 3 * mm),
        p(f"Tên thủ tục: {e(data.procedure_name)}", s["body"]),
        p(f"Người nộp: {e(data.applicant_name)} — {e(data.applicant_address)}", s["body"]),
        p(f"Cơ quan giải quyết: {e(data.processing_body) or '.........'}", s["body"]),
        p(f"Cơ quan phối hợp giải quyết: {e(data.coordinating_bodies) or 'Không'}", s["body"]),
        p(f"Thời gian nhận hồ sơ: {when(data.received_at)}", s["body"]),
        p(f"Thời gian hẹn trả kết quả: {when(data.due_at)}", s["body"]),
        p(f"Thời gian tạm dừng giải quyết: {e(data.paused) or 'Không'}", s["body"]),
        Spacer(1, 3 * mm),
    )
    c = s["cell"]
    rows: list[list[object]] = [
        [
            p("<b>Tên cơ quan, đơn vị</b>", c),
            p("<b>Thời gian giao, nhận hồ sơ</b>", c),
            p("<b>Người giao</b>", c),
            p("<b>Người nhận</b>", c),
            p("<b>Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)</b>", c),
            p("<b>Ghi chú</b>", c),
        ]
    ]
    for number, row in enumerate(data.rows, start=1):
        rows.append(
            [
                p(f"{number}. Giao: {e(row.giver_unit)}<br/>Nhận: {e(row.receiver_unit)}", c),
                p(f"{row.at:%H:%M} ngày {row.at:%d/%m/%Y}", c),
                p(e(row.giver), c),
                p(e(row.receiver), c),
                p(e(row.outcome), c),
                p(e(row.note), c),
            ]
        )
    widths = [0.27, 0.16, 0.14, 0.14, 0.16, 0.13]
    page.add(grid(rows, [width * w for w in widths]))
    return page.build(
        title=f"{PAPER_NAME} {data.dossier_code}",
        author=data.unit,
        subject=data.dossier_code,
    )
