"""Issue 25 item 6: the 2025 papers read back from the real desk (PDF text and layout):
the unit, one numbering series per paper kind, Forms 02, 04, 06, the tracking book."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from desk_app.app import Desk
from desk_app.domain.dossier import ComponentDraft, DossierDraft, PersonDraft
from desk_app.domain.errors import InvalidField
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.domain.records import DossierRecord
from desk_app.services.settings import DeskSettings
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.pdf_tools import pdf_pages, pdf_text, pdf_words

CENTRE = "Trung tâm Phục vụ hành chính công xã Minh Phú"
SETTINGS = DeskSettings(
    agency_code="000.00.31.H26",
    parent_unit="UBND xã Minh Phú",
    unit=CENTRE,
    unit_code="TTPVHCC",
    receiving_unit=CENTRE,
    place="Minh Phú",
    lookup_base_url="https://motcua.example.vn",
    leader_name="Trần Văn Chủ",
    contact_phone="024 3888 1234",
)
NUMBER = re.compile(r"Số: (\d+\.\d+/[A-Z]+(?:-[A-Z]+)?)")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _number(pdf: bytes) -> str:
    match = NUMBER.search(pdf_text(pdf))
    assert match, pdf_text(pdf)[:400]
    return match.group(1)


def _signature_draft(desk: Desk) -> DossierDraft:
    """Signature certification (sector Chứng thực), submitted by a delegate."""
    procedure = desk.catalogue.find("2.000884")
    assert procedure is not None
    return DossierDraft(
        procedure_code="2.000884",
        applicant=PersonDraft("Phạm Văn Đức", "001085004321", "01/02/1985", "Nam",
                              "Xóm Chùa, xã Minh Phú", "0987 654 321", ""),
        principal=PersonDraft("Đỗ Thị Lan", "001160002222", "03/04/1960", "Nữ",
                              "Xóm Chùa, xã Minh Phú", "", ""),
        authorisation="Giấy ủy quyền ngày 01/03/2026",
        components=[ComponentDraft(c.name, c.copy_kind.value, c.count, c.required, c.key)
                    for c in procedure.components],
    )  # fmt: skip


@pytest.fixture
def centre(desk: Desk) -> Desk:
    desk.settings.save(SETTINGS)
    return desk


def _walk(desk: Desk, clock: FakeClock, record: DossierRecord) -> None:
    """Hand over, ask for a supplement (two items), receive it, result back, late."""
    life = desk.lifecycle
    clock.now += timedelta(minutes=30)
    life.perform(
        record.id,
        Action.HAND_OVER,
        ActionInput(party="Công chức Tư pháp - Hộ tịch", person="Lê Văn Minh"),
    )
    clock.now += timedelta(hours=1)
    life.perform(
        record.id,
        Action.REQUEST_SUPPLEMENT,
        ActionInput(reason="Giấy chứng sinh bản chính; Tờ khai có chữ ký người đi khai"),
    )
    clock.now += timedelta(days=1)
    life.perform(record.id, Action.RECEIVE_SUPPLEMENT)
    clock.now += timedelta(hours=1)
    life.perform(
        record.id, Action.HAND_OVER, ActionInput(party="Công an xã Minh Phú", person="Vũ Văn Công")
    )
    clock.now += timedelta(days=5)
    life.perform(record.id, Action.RESULT_READY,
                 ActionInput(party="Công chức Tư pháp - Hộ tịch"))  # fmt: skip


def test_each_kind_of_paper_has_its_own_series_and_a_reprint_keeps_its_number(
    centre: Desk, clock: FakeClock
) -> None:
    first = centre.intake.receive(birth_draft(centre)).record
    second = centre.intake.receive(birth_draft(centre, full_name="Hoàng Văn Bình")).record
    numbers = {
        "01a": _number(centre.receipts.render(first)),
        "01b": _number(centre.receipts.render(second)),
        "06a": _number(centre.lifecycle.control_slip(first)),
    }
    for record, key in ((first, "a"), (second, "b")):
        centre.lifecycle.perform(record.id, Action.REQUEST_SUPPLEMENT,
                                 ActionInput(reason="Giấy chứng sinh"))  # fmt: skip
        paper, _ = centre.lifecycle.paper_for(record, Action.REQUEST_SUPPLEMENT)
        assert paper is not None
        numbers[f"02{key}"] = _number(paper)
    assert numbers == {
        "01a": "1.1/TNHS-TTPVHCC",
        "01b": "1.2/TNHS-TTPVHCC",
        "06a": "1.1/PKS-TTPVHCC",
        "02a": "1.1/PBS-TTPVHCC",
        "02b": "1.2/PBS-TTPVHCC",
    }
    # a reprint, and the receipt printed again: the same numbers, no new ones used
    again, _ = centre.lifecycle.paper_for(first, Action.REQUEST_SUPPLEMENT)
    assert again is not None and _number(again) == "1.1/PBS-TTPVHCC"
    assert _number(centre.receipts.render(first, reprint=1)) == "1.1/TNHS-TTPVHCC"
    clock.now += timedelta(days=1)
    centre.lifecycle.perform(first.id, Action.RECEIVE_SUPPLEMENT)
    centre.lifecycle.perform(first.id, Action.APOLOGISE, ActionInput(
        reason="Chờ xác minh", new_due=f"{clock.now + timedelta(days=7):%d/%m/%Y}"))  # fmt: skip
    letter, _ = centre.lifecycle.paper_for(first, Action.APOLOGISE)
    assert letter is not None and _number(letter) == "1.1/PXL"  # Form 04 prints no unit tail


def test_numbers_survive_a_restart_and_another_desk_never_issues_the_same(
    tmp_path: Path, clock: FakeClock
) -> None:
    numbers = []
    for desk_number in (1, 2):
        path = tmp_path / f"desk{desk_number}"
        for _ in range(2):  # closed and opened again: the counter was stored with the number
            desk = desk_at(path, clock=clock)
            try:
                desk.settings.save(SETTINGS.__class__(**{**SETTINGS.__dict__,
                                                         "desk_number": desk_number}))  # fmt: skip
                record = desk.intake.receive(birth_draft(desk)).record
                numbers.append(_number(desk.receipts.render(record)))
            finally:
                desk.close()
    assert numbers == [
        "1.1/TNHS-TTPVHCC", "1.2/TNHS-TTPVHCC", "2.1/TNHS-TTPVHCC", "2.2/TNHS-TTPVHCC",
    ]  # fmt: skip


def test_the_unit_is_the_communes_service_centre_where_it_has_one(centre: Desk) -> None:
    record = centre.intake.receive(birth_draft(centre)).record
    text = _read(centre.receipts.render(record))
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ MINH PHÚ" in text
    assert f"{CENTRE} tiếp nhận hồ sơ của:" in text
    assert f"Liên 2: Lưu tại {CENTRE}" in _flat(pdf_text(centre.receipts.render(record)))
    with pytest.raises(InvalidField) as err:
        centre.settings.save(SETTINGS.__class__(**{**SETTINGS.__dict__, "unit_code": "TT PV"}))
    assert err.value.field == "unit_code"


def test_form_02_is_signed_by_the_guide_with_a_numbered_list(
    centre: Desk, clock: FakeClock
) -> None:
    record = centre.intake.receive(birth_draft(centre)).record
    _walk(centre, clock, record)
    paper, _ = centre.lifecycle.paper_for(record, Action.REQUEST_SUPPLEMENT)
    assert paper is not None
    text = _read(paper)
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Hồ sơ của: NGUYỄN THỊ HỒNG NHUNG",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Địa chỉ: Thôn Đông, xã Minh Phú, thành phố Hà Nội",
        "Số điện thoại: 0912345678",
        "1. Giấy chứng sinh bản chính",
        "2. Tờ khai có chữ ký người đi khai",
        "Lý do:",
        f"Ông/Bà liên hệ {CENTRE} — số điện thoại 024 3888 1234",
        "NGƯỜI HƯỚNG DẪN",
        "(Ký, ghi rõ họ tên hoặc ký số)",
    ):
        assert expected in text, expected
    assert "Kính gửi" not in text and "NGƯỜI TIẾP NHẬN" not in text
    # one signer, on the right, and no caption left over on the empty left column
    width, words = pdf_words(paper)
    guide = next(x for w, x, _ in words if w == "HƯỚNG")
    assert guide > width / 2
    assert [w for w, _, _ in words].count("(Ký,") == 1
    assert "(Ký" not in [w for w, x, _ in words if x < width / 2]


def test_form_04_comes_from_the_processing_body_signed_by_its_head(
    centre: Desk, clock: FakeClock
) -> None:
    record = centre.intake.receive(birth_draft(centre)).record
    clock.now += timedelta(minutes=30)
    centre.lifecycle.perform(record.id, Action.HAND_OVER,
                             ActionInput(party="Công chức Tư pháp - Hộ tịch"))  # fmt: skip
    clock.now += timedelta(days=3)
    centre.lifecycle.perform(
        record.id,
        Action.APOLOGISE,
        ActionInput(
            reason="Phải xác minh nơi cư trú", new_due=f"{clock.now + timedelta(days=6):%d/%m/%Y}"
        ),
    )
    paper, _ = centre.lifecycle.paper_for(record, Action.APOLOGISE)
    assert paper is not None
    text = _read(paper)
    for expected in (
        "UBND XÃ MINH PHÚ CÔNG CHỨC TƯ PHÁP",  # the header: the body that processes it
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Số định danh cá nhân/tổ chức: 001190012345",
        "Công chức Tư pháp - Hộ tịch thành thật xin lỗi Ông/Bà",
        "đề nghị gia hạn thời gian giải quyết",
        "Lý do: Phải xác minh nơi cư trú",
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        "Trần Văn Chủ",
    ):
        assert expected in text, expected
    width, words = pdf_words(paper)
    head = next((x, y) for w, x, y in words if w == "THỦ")
    name = next((x, y) for w, x, y in words if w == "Chủ")
    assert head[0] > width / 2 and name[1] > head[1]  # the name under the title, right side


def test_form_06_names_the_bodies_the_pause_and_who_gave_the_result_back(
    centre: Desk, clock: FakeClock
) -> None:
    record = centre.intake.receive(birth_draft(centre)).record
    _walk(centre, clock, record)
    slip = centre.lifecycle.control_slip(record)
    text = _flat(pdf_text(slip))
    for expected in (
        "Cơ quan giải quyết: Công chức Tư pháp - Hộ tịch",
        "Cơ quan phối hợp giải quyết: Công an xã Minh Phú",
        "Thời gian tạm dừng giải quyết: từ 10:45 ngày 04/03/2026 đến 10:45 ngày 05/03/2026",
        "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 04/03/2026",
        "Minh Phú, ngày 04 tháng 03 năm 2026",  # dated at reception, like the receipt
    ):
        assert expected in text, expected
    # the return row: the body gave the result back, the desk's officer received it
    width, words = pdf_words(slip)
    late_y = next(y for w, _, y in words if w == "Quá")
    row = [w for w, _, y in words if abs(y - late_y) < 2]
    assert row[:3] == ["3.", "Giao:", "Công"] and "trị" in row, row  # giver unit .. officer
    givers = [w for w, x, y in words if abs(y - late_y) < 2 and 0.43 < x / width < 0.58]
    assert givers and givers[0] == "Công", givers  # the giver's column is filled


def test_tracking_book_one_per_sector_with_number_and_the_principal(
    centre: Desk, tmp_path: Path, clock: FakeClock
) -> None:
    centre.intake.receive(birth_draft(centre))
    clock.now += timedelta(minutes=10)
    signed = centre.intake.receive(_signature_draft(centre)).record
    assert signed.book_volume == "2026 - Chứng thực" and signed.book_entry == 1
    out = tmp_path / "so.pdf"
    day = clock.now.date()
    assert centre.reports.write_book(day, day, out) == 2
    pdf = out.read_bytes()
    assert pdf_pages(pdf) == 2
    pages = [_flat(pdf_text_page(pdf, n)) for n in (1, 2)]
    layout = _flat(pdf_text(pdf))
    assert "SỔ THEO DÕI HỒ SƠ Số: 1.1/STD-TTPVHCC Lĩnh vực: Chứng thực" in pages[0]
    assert "Phạm Văn Đức (được ủy quyền của Đỗ Thị Lan)" in pages[0], layout
    assert "Lĩnh vực: Hộ tịch" in pages[1] and "Số: 1.2/STD-TTPVHCC" in pages[1]
    assert "Nguyễn Thị Hồng Nhung" in pages[1] and "Phạm Văn Đức" not in pages[1]
    sheet = openpyxl.load_workbook(
        _written(centre.reports.write_book, day, out.with_suffix(".xlsx"))
    ).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Phạm Văn Đức (được ủy quyền của Đỗ Thị Lan)" in cells  # the Excel book too
    # the same book printed again keeps its number
    centre.reports.write_book(day, day, out)
    assert "Số: 1.1/STD-TTPVHCC" in pdf_text(out.read_bytes())


def _written(write: Callable[[date, date, Path], int], day: date, out: Path) -> Path:
    write(day, day, out)
    return out


def pdf_text_page(pdf: bytes, page: int) -> str:
    """The text of one page in reading order (each column of the header as its block)."""
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip


def _read(pdf: bytes) -> str:
    return _flat(pdf_text_page(pdf, 1))


def test_reports_group_procedures_by_sector(centre: Desk, clock: FakeClock) -> None:
    centre.intake.receive(birth_draft(centre))
    centre.intake.receive(_signature_draft(centre))
    report = centre.reports.report(centre.reports.current_period())
    assert {(r.code, r.sector) for r in report.by_procedure} == {
        ("1.001193", "Hộ tịch"), ("2.000884", "Chứng thực"),
    }  # fmt: skip
    from desk_app.forms.report_pdf import render_report_pdf

    text = _flat(pdf_text(render_report_pdf(report)))
    assert text.index("Lĩnh vực: Chứng thực") < text.index("2.000884") < text.index(
        "Lĩnh vực: Hộ tịch") < text.index("1.001193")  # fmt: skip
