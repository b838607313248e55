"""Intake end to end through the services, on a real SQLite file, receipt read back."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import PersonDraft
from desk_app.domain.errors import ClockWrong, DraftInvalid
from desk_app.services.settings import DeskSettings
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.database import IntegrityError, OperationalError
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.pdf_tools import pdf_pages, pdf_qr_codes, pdf_text


def _configure(desk: Desk, desk_number: int = 1) -> None:
    desk.settings.save(
        DeskSettings(
            agency_code="000.00.31.H26",
            parent_unit="UBND xã Minh Phú",
            receiving_unit="Bộ phận Một cửa UBND xã Minh Phú",
            place="Minh Phú",
            desk_number=desk_number,
            lookup_base_url="https://motcua.example.vn",
        )
    )


def test_receive_commits_codes_and_dates(desk: Desk) -> None:
    _configure(desk)
    first = desk.intake.receive(birth_draft(desk)).record
    second = desk.intake.receive(
        birth_draft(desk, id_number="001085012345", sex="Nam", birth_date="")
    ).record
    assert first.code == "000.00.31.H26-260304-1001"
    assert second.code == "000.00.31.H26-260304-1002"
    assert first.due_at == datetime(2026, 3, 4, 17, tzinfo=VN_TZ)  # same day, before 15:00
    # one book per sector a year (issue 25 item 6)
    assert (first.book_volume, first.book_entry, second.book_entry) == ("2026 - Hộ tịch", 1, 2)
    assert desk.dossiers.count() == 2


def test_receipt_pdf_has_every_field_and_a_qr_that_decodes(desk: Desk) -> None:
    _configure(desk)
    draft = birth_draft(desk)
    draft.principal = PersonDraft(
        "Trần Văn Bình",
        "001080012345",
        "",
        "",
        "Thôn Hạ, xã Minh Phú",
        "0987654321",
        "binh@example.vn",
    )
    draft.authorisation = "Giấy ủy quyền số 12/2026"
    received = desk.intake.receive(draft)
    record, pdf = received.record, received.receipt_pdf
    assert pdf_pages(pdf) == 2  # two copies
    text = " ".join(pdf_text(pdf).split())
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {record.code}",
        "UBND XÃ MINH PHÚ",
        "Số: 1.1/TNHS-BPMC",
        "Minh Phú, ngày 04 tháng 03 năm 2026",
        "Bộ phận Một cửa UBND xã Minh Phú tiếp nhận hồ sơ của",
        "NGUYỄN THỊ HỒNG NHUNG",
        "001190012345",
        "Thôn Đông, xã Minh Phú",
        "0912345678",
        "Là người được ủy quyền của",
        "TRẦN VĂN BÌNH",
        "001080012345",
        "binh@example.vn",
        "Giấy ủy quyền số 12/2026",
        "Đăng ký khai sinh",
        "1.001193",
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh",
        "Bản chính",
        "Số lượng hồ sơ: 01 (bộ)",
        "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 04/03/2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 04/03/2026",
        "Đăng ký nhận kết quả tại",
        "Quyển số: 2026 - Hộ tịch, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        desk.session.officer.full_name,  # the officer signed in
        "Liên 1: Giao người nộp hồ sơ",
        "Liên 2: Lưu tại Bộ phận Một cửa",
        "Miễn phí",
    ]:
        assert expected in text, expected
    assert "Văn bản ủy quyền (trường hợp" not in text  # not received, so not listed
    assert "BẢN IN LẠI" not in text
    (qr,) = pdf_qr_codes(pdf)
    lines = qr.splitlines()
    assert lines[0] == (f"https://motcua.example.vn/tra-cuu/{record.code}?k={record.lookup_secret}")
    assert "MaHoSo: 000.00.31.H26-260304-1001" in lines
    assert "MaTTHC: 1.001193" in lines
    assert "SoDinhDanh: 001190012345" in lines
    assert "GiayTo: Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in lines
    assert "ThoiGianCap: 2026-03-04T09:15+0700" in lines
    assert "HenTra: 2026-03-04T17:00+0700" in lines
    assert any(line.startswith("HeThong: ") for line in lines)
    assert "001190012345" not in lines[0]  # no personal data in the URL


def test_reprints_are_counted_and_marked(desk: Desk) -> None:
    record = desk.intake.receive(birth_draft(desk)).record
    first = desk.receipts.print_copy(record.code)
    second = desk.receipts.print_copy(record.code)
    assert (first.print_number, second.print_number) == (1, 2)
    assert "BẢN IN LẠI" not in pdf_text(first.pdf)
    assert "BẢN IN LẠI (lần 1)" in " ".join(pdf_text(second.pdf).split())
    assert desk.receipts.load(record.code).receipt_prints == 2


def test_a_16h_reception_of_a_15h_cutoff_procedure_is_due_next_working_day(
    desk: Desk, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 4, 16, 0, tzinfo=VN_TZ)
    record = desk.intake.receive(birth_draft(desk)).record
    assert record.due_at == datetime(2026, 3, 5, 17, tzinfo=VN_TZ)


def test_decomposed_vietnamese_is_stored_nfc_and_found_without_accents(desk: Desk) -> None:
    nfd = unicodedata.normalize("NFD", "Đặng Thị Thủy")
    desk.intake.receive(birth_draft(desk, full_name=nfd))
    (hit,) = desk.dossiers.search("dang thi thuy")
    assert hit.applicant_name == "Đặng Thị Thủy"
    assert unicodedata.is_normalized("NFC", hit.applicant_name)
    assert desk.dossiers.search("ĐẶNG thủy")[0].code == hit.code
    assert desk.dossiers.search("0912345")[0].code == hit.code
    assert desk.dossiers.search("001190012345")[0].code == hit.code


# Syntax only separates words: no word at all lists every dossier, every word must match.
SYNTAX = [('"', 1), ("*", 1), ("NEAR(", 0), ("'", 1), ('nguyễn" OR "', 0), ("a'; DROP TABLE x", 0)]
SYNTAX += [('"nhung"', 1), ("nhung*", 1), ("(nhung", 1), ("nhung'", 1), ('nguyễn" "nhung', 1)]


@pytest.mark.parametrize(("query", "hits"), SYNTAX)
def test_search_box_syntax_characters_never_break_search(desk: Desk, query: str, hits: int) -> None:
    desk.intake.receive(birth_draft(desk))
    found = [hit.applicant_name for hit in desk.dossiers.search(query)]
    assert found == ["Nguyễn Thị Hồng Nhung"] * hits
    after = [hit.applicant_name for hit in desk.dossiers.search("nhung")]
    assert after == ["Nguyễn Thị Hồng Nhung"]  # and the search box still finds her afterwards


def test_known_applicant_is_offered_on_the_next_visit(desk: Desk, clock: FakeClock) -> None:
    assert desk.intake.known_applicant("001190012345") is None
    desk.intake.receive(birth_draft(desk, phone="0912000111"))
    clock.now = datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ)
    known = desk.intake.known_applicant("001190012345")
    assert known is not None
    assert known.person.full_name == "Nguyễn Thị Hồng Nhung"
    assert known.person.phone == "0912000111"
    assert known.dossier_count == 1


def test_an_invalid_draft_leaves_nothing(desk: Desk) -> None:
    before = desk.storage.db.execute("SELECT COUNT(*) FROM change_log").fetchone()
    with pytest.raises(DraftInvalid):
        desk.intake.receive(birth_draft(desk, id_number="12345"))
    with pytest.raises(DraftInvalid, match="không có trong danh mục"):
        draft = birth_draft(desk)
        draft.procedure_code = "9.999999"
        desk.intake.receive(draft)
    assert desk.dossiers.count() == 0
    assert desk.storage.db.execute("SELECT COUNT(*) FROM change_log").fetchone() == before


def test_a_save_that_fails_midway_leaves_no_receipt_and_no_half_dossier(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(desk)

    def power_cut(*args: object, **kwargs: object) -> int:
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(ChangeLog, "append", power_cut)
    with pytest.raises(OperationalError):
        desk.intake.receive(birth_draft(desk))
    db = desk.storage.db
    for table in ["dossiers", "dossier_components", "dossier_events", "applicants", "counters"]:
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table
    monkeypatch.undo()
    # The next save gets the number the failed one would have had: no gaps, no duplicates.
    assert desk.intake.receive(birth_draft(desk)).record.code.endswith("-1001")


def test_the_change_log_is_gapless_and_immutable(desk: Desk) -> None:
    for _ in range(3):
        desk.intake.receive(birth_draft(desk))
    db = desk.storage.db
    seqs = [r[0] for r in db.execute("SELECT seq FROM change_log ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))
    kinds = {r[0] for r in db.execute("SELECT kind FROM change_log")}
    assert kinds == {"dossier_received"}
    with pytest.raises(IntegrityError, match="immutable"):
        db.execute("UPDATE change_log SET payload = '{}' WHERE seq = 1")
    with pytest.raises(IntegrityError, match="immutable"):
        db.execute("DELETE FROM change_log WHERE seq = 1")
    with pytest.raises(IntegrityError, match="append-only"):
        db.execute("DELETE FROM dossier_events")


def test_a_clock_set_to_1970_refuses_intake(desk: Desk, clock: FakeClock) -> None:
    clock.now = datetime(1970, 1, 1, 8, 0, tzinfo=VN_TZ)
    with pytest.raises(ClockWrong):
        desk.intake.receive(birth_draft(desk))
    assert desk.dossiers.count() == 0


def test_two_desks_of_one_commune_never_issue_the_same_code(tmp_path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    codes = []
    for number in (1, 2):
        other = desk_at(tmp_path / f"desk{number}", clock=clock)
        _configure(other, desk_number=number)
        codes += [other.intake.receive(birth_draft(other)).record.code for _ in range(5)]
        other.close()
    assert len(set(codes)) == 10
    assert codes[5] == "000.00.31.H26-260304-2001"


def test_settings_survive_reopening(tmp_path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    first = desk_at(tmp_path / "d", clock=clock)
    _configure(first, desk_number=3)
    first.close()
    again = desk_at(tmp_path / "d", clock=clock)
    assert again.settings.load().desk_number == 3
    assert again.storage.integrity_ok()
    again.close()


def test_search_by_code_scanned_or_typed(desk: Desk) -> None:
    _configure(desk)
    codes = [desk.intake.receive(birth_draft(desk)).record.code for _ in range(3)]
    assert [h.code for h in desk.dossiers.search(codes[1])] == [codes[1]]
    assert [h.code for h in desk.dossiers.search(codes[1].split("-", 1)[1])] == [codes[1]]
    assert [h.code for h in desk.dossiers.search("1003")] == [codes[2]]  # the sequence alone
    assert len(desk.dossiers.search("260304")) == 3  # the date part
    # Short digit runs are whole words, not prefixes of every ID number and phone.
    assert desk.dossiers.search("00") == []
    assert desk.dossiers.search("000.00.31.H26-260304-9999") == []


def test_an_extra_day_off_moves_appointments_from_then_on(desk: Desk, clock: FakeClock) -> None:
    from datetime import date

    from desk_app.domain.calendar import DayOverride, OverrideKind

    clock.now = datetime(2026, 3, 4, 16, 0, tzinfo=VN_TZ)  # after the 15:00 cut-off
    assert desk.intake.receive(birth_draft(desk)).record.due_at.day == 5
    desk.intake.set_day_override(DayOverride(date(2026, 3, 5), OverrideKind.OFF, "nghỉ bù"))
    assert desk.intake.receive(birth_draft(desk)).record.due_at.day == 6  # Thursday is off
    reopened = desk_at(desk.data_dir, clock=clock)  # stored, not just remembered
    assert reopened.intake.due_at("1.001193", clock.now).day == 6
    reopened.close()
