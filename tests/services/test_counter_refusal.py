"""Refusal at the counter (issue 25 item 3): Form 03 instead of receiving. No dossier
code, no book entry, not counted as received; signed by the submitter and the officer;
apart from the refusal of a dossier already received."""

from __future__ import annotations

import pytest

from desk_app.app import Desk
from desk_app.domain.errors import DraftInvalid
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.storage.counter_store import CounterStore
from tests.conftest import birth_draft
from tests.pdf_tools import pdf_qr_codes, pdf_text


def test_form_03_at_the_counter_receives_nothing(desk: Desk) -> None:
    applicant = birth_draft(desk).applicant
    pdf = desk.intake.refuse_at_counter(
        applicant, "1.001193", "Giấy chứng sinh không phải bản chính; công dân không bổ sung"
    )
    text = " ".join(pdf_text(pdf).split())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số 03" in text and "Số: 1.1/PTC-BPMC" in text  # Form 03's own series
    assert "Mã hồ sơ (nếu có): ........." in text
    assert "Thời điểm nộp hồ sơ: 09 giờ 15" in text
    assert "Giấy chứng sinh không phải bản chính" in text
    assert "NGƯỜI NỘP HỒ SƠ NGƯỜI TIẾP NHẬN HỒ SƠ" in text  # two signatures
    assert "NGUYỄN THỊ HỒNG NHUNG" in text and "Nguyễn Thị Hồng Nhung" in text
    qr = pdf_qr_codes(pdf, dpi=300)[0]
    assert "MaHoSo: \n" in qr + "\n" and "GiayTo: Phiếu từ chối" in qr
    assert not qr.startswith("http")  # no dossier to look up
    # nothing was received: no dossier, no code used, no book entry, no report line
    assert desk.dossiers.count() == 0
    db = desk.storage.db
    assert db.execute("SELECT COUNT(*) FROM counters WHERE name IN "
                      "('dossier_seq', 'book_entry')").fetchone()[0] == 0  # fmt: skip
    q1 = desk.reports.report(desk.reports.period("2026-Q1")).total
    assert q1.received_direct == 0 and q1.refused == 0
    assert [r.number for r in CounterStore(desk.storage).all()] == ["1.1/PTC-BPMC"]
    audit = [(e.action.value, e.subject) for e in desk.audit.recent(5)]
    assert ("print", "1.1/PTC-BPMC") in audit
    # the next dossier received still gets the first code and book entry of the day
    record = desk.intake.receive(birth_draft(desk)).record
    assert record.code.endswith("-0001") and record.book_entry == 1


def test_refusal_after_intake_is_another_path(desk: Desk) -> None:
    desk.intake.refuse_at_counter(birth_draft(desk).applicant, "1.001193", "Không đủ")
    record = desk.intake.receive(birth_draft(desk)).record
    done = desk.lifecycle.perform(record.id, Action.REFUSE, ActionInput(reason="Giả mạo"))
    text = " ".join(pdf_text(done.paper or b"").split())
    assert f"Mã hồ sơ: {record.code}" in text  # the dossier keeps its code and book entry
    assert "Số: 1.2/PTC-BPMC" in text  # one series for both paths: no number used twice
    assert len(CounterStore(desk.storage).all()) == 1


def test_a_counter_refusal_names_who_what_and_why(desk: Desk) -> None:
    applicant = birth_draft(desk, id_number="123").applicant
    with pytest.raises(DraftInvalid) as caught:
        desk.intake.refuse_at_counter(applicant, "9.999999", " ")
    fields = {e.field for e in caught.value.errors}
    assert fields == {"applicant.id_number", "procedure", "reason"}
    assert CounterStore(desk.storage).all() == []
