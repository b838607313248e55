"""Deadlines that depend on the case (issue 25 items 4, 5): a legal extension printed on
the new receipt and judged by the report; a same-day civil-status procedure received near
closing; a new receipt after a supplement; the wait for fees does not run the clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ, ProcessingKind, ProcessingTime, WorkCalendar
from desk_app.domain.deadlines import CaseRules, SupplementRule
from desk_app.domain.dossier import Status
from desk_app.domain.errors import DraftInvalid
from desk_app.domain.lifecycle import Action, ActionInput, LifecycleState, is_late
from desk_app.domain.lifecycle_plan import plan
from tests.conftest import FakeClock, birth_draft
from tests.pdf_tools import pdf_text


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=VN_TZ)


def _receive(desk: Desk, code: str, **applicant: str) -> int:
    draft = birth_draft(desk, **applicant)
    procedure = desk.catalogue.find(code)
    assert procedure is not None
    draft.procedure_code = code
    draft.components = [
        type(draft.components[0])(c.name, c.copy_kind.value, c.count, True, c.key)
        for c in procedure.components
    ]
    draft.pages = 3 if procedure.fee.needs_pages else None
    return desk.intake.receive(draft).record.id


def _text(pdf: bytes | None) -> str:
    assert pdf is not None
    return " ".join(pdf_text(pdf).split())


def test_marriage_received_near_closing_is_due_the_next_working_day(
    desk: Desk, clock: FakeClock
) -> None:
    clock.now = _at(4, 14, 0)
    early = desk.lifecycle.get(_receive(desk, "1.000894"))
    assert early.due_at == _at(4, 17)
    clock.now = _at(4, 16, 50)  # Wednesday, ten minutes before closing
    late = desk.lifecycle.get(_receive(desk, "1.000894", id_number="001085012345", sex="Nam",
                                       birth_date=""))  # fmt: skip
    assert late.due_at == _at(5, 17)  # not "due in ten minutes"
    assert desk.intake.due_at("1.000894", _at(4, 16, 50)) == _at(5, 17)


def test_a_verification_extension_is_printed_and_judged_by(desk: Desk, clock: FakeClock) -> None:
    dossier = _receive(desk, "1.000894")  # Wednesday 4/3 09:15, due 17:00 the same day
    done = desk.lifecycle.perform(
        dossier, Action.EXTEND, ActionInput(extension="verification", days="5")
    )
    assert done.record.state.deadline_at == _at(11, 9, 15)  # five working days from reception
    assert done.record.due_at == _at(11, 9, 15)
    text = _text(done.paper)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 15" in text.replace(" phút", "")
    assert (
        "Gia hạn đến 09:15 ngày 11/03/2026: cần xác minh (hộ tịch) (khoản 2 Điều 18 Luật Hộ "
        "tịch 2014)" in text
    )
    clock.now = _at(10, 10)  # after the first appointment, before the extended one
    desk.lifecycle.perform(dossier, Action.RESULT_READY)
    report = desk.reports.report(desk.reports.period("2026-Q1"))
    counts = report.total
    assert counts.finished_late == 0 and counts.finished_early == 1


def test_extensions_keep_to_their_legal_limits(desk: Desk) -> None:
    copy = _receive(desk, "2.000815")  # certified copies (Chứng thực), due 17:00 today
    for given, field in [
        (ActionInput(extension="many_pages", days="3"), "days"),
        (ActionInput(extension="verification", days="2"), "extension"),  # civil status only
        (ActionInput(extension="agreement", days="10"), "reason"),  # the agreement is named
        (ActionInput(extension="forever"), "extension"),
    ]:
        with pytest.raises(DraftInvalid) as caught:
            desk.lifecycle.perform(copy, Action.EXTEND, given)
        assert [e.field for e in caught.value.errors] == [field]
    done = desk.lifecycle.perform(copy, Action.EXTEND, ActionInput(extension="many_pages"))
    assert done.record.state.deadline_at == _at(6, 17)  # two more working days
    agreed = desk.lifecycle.perform(
        copy,
        Action.EXTEND,
        ActionInput(extension="agreement", days="3", reason="Văn bản thỏa thuận ngày 04/03/2026"),
    )
    assert agreed.record.state.deadline_at == _at(11, 17)
    assert "Văn bản thỏa thuận ngày 04/03/2026" in _text(agreed.paper)


def test_a_supplement_gives_a_new_receipt_with_the_new_appointment(
    desk: Desk, clock: FakeClock
) -> None:
    dossier = _receive(desk, "1.004873")  # 3 working days: due Monday 9/3 09:15
    assert desk.lifecycle.get(dossier).due_at == _at(9, 9, 15)
    desk.lifecycle.perform(dossier, Action.REQUEST_SUPPLEMENT, ActionInput(reason="Thiếu tờ khai"))
    clock.now = _at(5, 9, 15)  # one working day later
    done = desk.lifecycle.perform(dossier, Action.RECEIVE_SUPPLEMENT)
    assert done.record.due_at == _at(10, 9, 15)  # paused: moved by the day waited
    text = _text(done.paper)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "10 tháng 03 năm 2026" in text or "10/03/2026" in text
    assert "Đã nhận hồ sơ bổ sung lúc 09:15 ngày 05/03/2026; thời hạn giải quyết tạm dừng" in text


def test_restart_or_pause_after_a_supplement_is_the_procedure_s_setting() -> None:
    calendar = WorkCalendar()
    received = _at(4, 9, 15)
    state = LifecycleState(Status.SUPPLEMENT_REQUESTED, received, _at(9, 9, 15), _at(9, 9, 15),
                           "001190012345", paused_at=received,
                           paused_from=Status.RECEIVED)  # fmt: skip
    three_days = ProcessingTime(ProcessingKind.WORKING_DAYS, days=3)
    now = _at(5, 9, 15)
    paused, _ = plan(Action.RECEIVE_SUPPLEMENT, state, ActionInput(), now=now, calendar=calendar,
                     rules=CaseRules("Hộ tịch", three_days, SupplementRule.PAUSE))  # fmt: skip
    restarted, event = plan(Action.RECEIVE_SUPPLEMENT, state, ActionInput(), now=now,
                            calendar=calendar,
                            rules=CaseRules("Hộ tịch", three_days, SupplementRule.RESTART))  # fmt: skip
    assert paused.deadline_at == _at(10, 9, 15)  # 3 days less the day already used, + 1
    assert restarted.deadline_at == calendar.appointment(now, three_days) == _at(10, 9, 15)
    assert event.details["period"] == "restart"
    later = _at(6, 9, 15)  # two working days waited: restart and pause now differ
    p2, _ = plan(Action.RECEIVE_SUPPLEMENT, state, ActionInput(), now=later, calendar=calendar,
                 rules=CaseRules("", three_days, SupplementRule.PAUSE))  # fmt: skip
    r2, _ = plan(Action.RECEIVE_SUPPLEMENT, state, ActionInput(), now=later, calendar=calendar,
                 rules=CaseRules("", three_days, SupplementRule.RESTART))  # fmt: skip
    assert p2.deadline_at == _at(11, 9, 15) and r2.deadline_at == _at(11, 9, 15)
    state_later = LifecycleState(Status.SUPPLEMENT_REQUESTED, received, _at(9, 9, 15),
                                 _at(9, 9, 15), "001190012345", paused_at=_at(6, 9, 15),
                                 paused_from=Status.RECEIVED)  # fmt: skip
    p3, _ = plan(Action.RECEIVE_SUPPLEMENT, state_later, ActionInput(), now=_at(9, 9, 15),
                 calendar=calendar, rules=CaseRules("", three_days))  # fmt: skip
    r3, _ = plan(Action.RECEIVE_SUPPLEMENT, state_later, ActionInput(), now=_at(9, 9, 15),
                 calendar=calendar, rules=CaseRules("", three_days, SupplementRule.RESTART))  # fmt: skip
    assert p3.deadline_at == _at(10, 9, 15)  # one working day of the period was left
    assert r3.deadline_at == _at(12, 9, 15)  # the whole three days again


def test_waiting_for_fees_does_not_run_the_clock(desk: Desk, clock: FakeClock) -> None:
    dossier = _receive(desk, "1.004873")  # due Monday 9/3 09:15
    desk.lifecycle.perform(dossier, Action.REQUEST_FEES, ActionInput(reason="Lệ phí 20.000 đ"))
    clock.now = _at(10, 9, 15)  # past the appointment, still waiting for the fees
    record = desk.lifecycle.get(dossier)
    assert record.status is Status.FEES_REQUIRED
    assert not is_late(record.state, clock.now)
    q1 = desk.reports.report(desk.reports.period("2026-Q1")).total
    assert (q1.open_late, q1.paused) == (0, 1)
    done = desk.lifecycle.perform(dossier, Action.FEES_PAID)
    assert done.record.status is Status.IN_PROCESSING
    assert done.record.due_at == _at(13, 9, 15)  # four working days waited, given back
    assert "không tính vào thời hạn giải quyết" in _text(done.paper)
