"""Issue 25 item 10: a published list imported at the desk from a real .xlsx / .csv file
becomes the catalogue in force (versioned, audited); earlier dossiers keep their version."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from desk_app.app import Desk
from desk_app.domain.dossier import ComponentDraft, DossierDraft
from desk_app.domain.errors import InvalidCatalogue
from tests.conftest import birth_draft

HEAD = ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí",
        "Cơ quan thực hiện", "Căn cứ pháp lý"]  # fmt: skip
ROWS = [
    [1, "1.001193", "Đăng ký khai sinh", "Hộ tịch", "Trong ngày", "Miễn", "UBND cấp xã",
     "Luật Hộ tịch 2014"],
    [2, "1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
     "Bảo trợ xã hội", "07 ngày làm việc", "Không", "UBND cấp xã", "Nghị định 20/2021/NĐ-CP"],
]  # fmt: skip


def _xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Phụ lục: DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    sheet.append([])
    sheet.append(HEAD)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def test_an_excel_list_comes_into_force_and_old_dossiers_keep_their_version(
    desk: Desk, tmp_path: Path
) -> None:
    before = desk.intake.receive(birth_draft(desk)).record
    old_version = desk.catalogue.catalogue.version
    catalogue = desk.catalogue.import_published(_xlsx(tmp_path / "qd-12.xlsx"), version="2026.2")
    assert catalogue.version == "2026.2" and desk.catalogue.catalogue.version == "2026.2"
    assert [p.code for p in desk.catalogue.procedures()] == ["1.001193", "1.001776"]
    new = desk.catalogue.find("1.001776")
    assert new is not None and new.sector == "Bảo trợ xã hội"
    # the new procedure can be received at once, with its one generic paper
    draft = DossierDraft(
        procedure_code="1.001776",
        applicant=birth_draft(desk).applicant,
        components=[ComponentDraft(c.name, c.copy_kind.value, c.count, c.required, c.key)
                    for c in new.components],
    )  # fmt: skip
    record = desk.intake.receive(draft).record
    assert record.catalogue_version == "2026.2"
    assert desk.catalogue.procedure_in_version(old_version, "1.000894") is not None
    assert desk.lifecycle.get(before.id).catalogue_version == old_version
    (change,) = [e for e in desk.audit.recent() if e.subject == "qd-12.xlsx"]
    assert "phiên bản 2026.2 (2 thủ tục)" in change.detail


def test_a_csv_list_and_a_list_that_is_not_one(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "danh-muc.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEAD, *ROWS])
    catalogue = desk.catalogue.import_published(path)
    assert catalogue.version.endswith(tuple("0123456789abcdef")) and len(catalogue.procedures) == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(InvalidCatalogue, match=r"Không mở được «bad\.xlsx»"):
        desk.catalogue.import_published(bad)
    assert desk.catalogue.catalogue.version == catalogue.version  # nothing changed
