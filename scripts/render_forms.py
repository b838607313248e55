"""Render every paper the desk issues (Forms 01–07 and the periodic report) to PNG in
docs/forms/, from a throw-away desk walked through a dossier's life by the real code.

    PYTHONPATH=. .venv/bin/python scripts/render_forms.py [OUT_DIR]

Needs poppler-utils (pdftoppm). The data are invented (Xã Minh Phú); the clock is fixed so
the pictures only change when the forms do.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from desk_app.app import open_desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import ComponentDraft, DossierDraft, PersonDraft
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.services.access import set_up_desk
from desk_app.storage.keyring import KdfCost

PASSWORD = "Cá heo leo núi tháng mười ở Minh Phú"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        return self.now


def _draft(desk: object, code: str, applicant: PersonDraft, **more: object) -> DossierDraft:
    procedure = desk.catalogue.find(code)  # type: ignore[attr-defined]
    return DossierDraft(
        procedure_code=code,
        applicant=applicant,
        components=[
            ComponentDraft(c.name, c.copy_kind.value, c.count, c.required, c.key)
            for c in procedure.components
        ],
        **more,  # type: ignore[arg-type]
    )


def _png(pdf: bytes, out: Path, dpi: int = 70) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile",
             str(src), str(out.with_suffix(""))],
            check=True,
        )  # fmt: skip


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp, "desk")
        set_up_desk(data, username="admin", full_name="Nguyễn Thị Thu Hà", password=PASSWORD,
                    clock=clock, cost=KdfCost(time_cost=1, memory_kib=64, parallelism=1))  # fmt: skip
        desk = open_desk(data, password=PASSWORD, clock=clock)
        try:
            desk.settings.save(replace(
                desk.settings.load(), agency_code="000.00.31.H26", parent_unit="UBND xã Minh Phú",
                unit="Trung tâm Phục vụ hành chính công xã Minh Phú", unit_code="TTPVHCC",
                receiving_unit="Trung tâm Phục vụ hành chính công xã Minh Phú", place="Minh Phú",
                lookup_base_url="https://dichvucong.hanoi.gov.vn/tra-cuu",
                leader_name="Trần Văn Chủ", contact_phone="024 3888 1234",
            ))  # fmt: skip
            citizen = PersonDraft(
                "Nguyễn Thị Hồng Nhung",
                "001190012345",
                "05/09/1990",
                "Nữ",
                "Thôn Đông, xã Minh Phú, thành phố Hà Nội",
                "0912345678",
                "",
            )
            delegate = PersonDraft(
                "Phạm Văn Đức",
                "001085004321",
                "01/02/1985",
                "Nam",
                "Xóm Chùa, xã Minh Phú, thành phố Hà Nội",
                "0987654321",
                "",
            )
            principal = PersonDraft("Đỗ Thị Lan", "001160002222", "03/04/1960", "Nữ",
                                    "Xóm Chùa, xã Minh Phú, thành phố Hà Nội", "", "")  # fmt: skip
            birth = desk.intake.receive(_draft(desk, "1.001193", citizen)).record
            clock.now += timedelta(minutes=20)
            signed = desk.intake.receive(_draft(
                desk, "2.000884", delegate, principal=principal,
                authorisation="Giấy ủy quyền ngày 01/03/2026",
            )).record  # fmt: skip
            clock.now += timedelta(minutes=20)
            refused = desk.intake.receive(_draft(desk, "1.000656", citizen)).record
            life = desk.lifecycle
            _png(desk.receipts.render(birth), out / "01-giay-tiep-nhan.png")
            clock.now += timedelta(minutes=30)
            life.perform(
                birth.id,
                Action.HAND_OVER,
                ActionInput(party="Công chức Tư pháp - Hộ tịch", person="Lê Văn Minh"),
            )
            clock.now += timedelta(hours=1)
            life.perform(
                birth.id,
                Action.REQUEST_SUPPLEMENT,
                ActionInput(
                    reason="Giấy chứng sinh bản chính; Tờ khai có chữ ký của người đi khai sinh"
                ),
            )
            papers = {"02-phieu-yeu-cau-bo-sung": (birth, Action.REQUEST_SUPPLEMENT)}
            clock.now += timedelta(days=1)
            life.perform(birth.id, Action.RECEIVE_SUPPLEMENT)
            clock.now += timedelta(hours=1)
            life.perform(
                birth.id,
                Action.HAND_OVER,
                ActionInput(party="Công an xã Minh Phú", person="Vũ Văn Công"),
            )
            clock.now += timedelta(days=2)
            life.perform(
                birth.id,
                Action.APOLOGISE,
                ActionInput(
                    reason="Phải xác minh nơi cư trú của người mẹ tại địa phương khác",
                    new_due=f"{clock.now + timedelta(days=3):%d/%m/%Y}",
                ),
            )
            papers["04-van-ban-xin-loi"] = (birth, Action.APOLOGISE)
            clock.now += timedelta(days=2)
            life.perform(
                birth.id, Action.RESULT_READY, ActionInput(party="Công chức Tư pháp - Hộ tịch")
            )
            life.perform(
                refused.id,
                Action.REFUSE,
                ActionInput(reason="Thủ tục không thuộc thẩm quyền giải quyết của xã"),
            )
            papers["03-phieu-tu-choi"] = (refused, Action.REFUSE)
            life.perform(
                signed.id,
                Action.STOP,
                ActionInput(reason="Người yêu cầu đề nghị dừng để bổ sung giấy tờ khác"),
            )
            papers["05-thong-bao-dung"] = (signed, Action.STOP)  # fmt: skip
            for name, (record, action) in papers.items():
                pdf, _ = life.paper_for(life.get(record.id), action)
                assert pdf is not None
                _png(pdf, out / f"{name}.png")
            _png(life.control_slip(life.get(birth.id)), out / "06-phieu-kiem-soat.png")
            book = Path(tmp, "so.pdf")
            desk.reports.write_book(birth.received_at.date(), clock.now.date(), book)
            _png(book.read_bytes(), out / "07-so-theo-doi.png")
            report = Path(tmp, "bao-cao.pdf")
            desk.reports.write_report(desk.reports.report(desk.reports.current_period()), report)
            _png(report.read_bytes(), out / "bao-cao.png")
        finally:
            desk.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "docs" / "forms")
