"""The transition table and what each action does, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.dossier import Status
from desk_app.domain.errors import DraftInvalid
from desk_app.domain.lifecycle import (
    ALLOWED_TRANSITIONS,
    Action,
    ActionInput,
    LifecycleState,
    Timeliness,
    TransitionRefused,
    available_actions,
    check_transition,
    is_late,
    needs_apology,
    timeliness,
)
from desk_app.domain.lifecycle_plan import plan

CAL = WorkCalendar()
RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)  # Monday
DUE = datetime(2026, 3, 6, 17, 0, tzinfo=VN_TZ)  # Friday
ID = "001190012345"


def fresh(status: Status = Status.RECEIVED) -> LifecycleState:
    return LifecycleState(
        status=status,
        received_at=RECEIVED,
        due_at=DUE,
        deadline_at=DUE,
        applicant_id_number=ID,
    )


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=VN_TZ)


def test_closed_statuses_allow_nothing_and_every_action_target_is_in_the_table() -> None:
    for status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED):
        assert ALLOWED_TRANSITIONS[status] == frozenset()
        assert available_actions(fresh(status)) == []
    with pytest.raises(TransitionRefused, match="đã kết thúc"):
        check_transition(Status.REFUSED, Status.IN_PROCESSING)


@given(st.sampled_from(list(Status)), st.sampled_from(list(Action)))
def test_an_action_either_follows_the_table_or_is_refused(status: Status, action: Action) -> None:
    state = fresh(status)
    if status is Status.SUPPLEMENT_REQUESTED:
        state = replace(state, paused_at=at(3), paused_from=Status.RECEIVED)
    given_input = ActionInput(
        reason="Lý do",
        party="Công chức Tư pháp - Hộ tịch",
        new_due="20/03/2026",
        collector_id=ID,
        extension="many_pages",
    )
    try:
        new, event = plan(action, state, given_input, now=at(4), calendar=CAL)
    except TransitionRefused:
        assert action not in available_actions(state)
        return
    assert action in available_actions(state)
    assert new.status is event.to_status and event.from_status is status
    assert new.status is status or new.status in ALLOWED_TRANSITIONS[status]


def test_hand_over_and_result_ready_make_form_06_rows_with_outcome() -> None:
    state, event = plan(
        Action.HAND_OVER,
        fresh(),
        ActionInput(party="Công chức Tư pháp - Hộ tịch", person="Lê Văn Minh"),
        now=at(2, 14),
        calendar=CAL,
    )
    assert state.status is Status.IN_PROCESSING and state.holder == "Công chức Tư pháp - Hộ tịch"
    assert event.details == {
        "from": "Bộ phận Một cửa",
        "to": "Công chức Tư pháp - Hộ tịch",
        "receiver": "Lê Văn Minh",
    }
    state, event = plan(Action.RESULT_READY, state, ActionInput(), now=at(5), calendar=CAL)
    assert state.status is Status.RESULT_READY and state.settled_at == at(5)
    assert event.details["outcome"] == "early"


def test_supplement_once_pauses_the_clock_and_moves_both_dates_by_the_time_waited() -> None:
    state, _ = plan(
        Action.REQUEST_SUPPLEMENT,
        fresh(),
        ActionInput(reason="Bổ sung bản sao giấy chứng nhận kết hôn"),
        now=at(3, 9),  # Tuesday 09:00
        calendar=CAL,
    )
    assert state.status is Status.SUPPLEMENT_REQUESTED and state.paused_at == at(3, 9)
    assert not is_late(state, DUE + timedelta(days=3))  # paused: the clock does not run
    # Back on Thursday 09:00: two working days waited (Tue 09:00 → Thu 09:00).
    state, event = plan(Action.RECEIVE_SUPPLEMENT, state, ActionInput(), now=at(5, 9), calendar=CAL)
    assert state.status is Status.RECEIVED
    assert state.due_at == state.deadline_at == datetime(2026, 3, 10, 17, 0, tzinfo=VN_TZ)
    assert event.details["waited_minutes"] == 2 * 8 * 60
    with pytest.raises(TransitionRefused, match="chỉ được yêu cầu bổ sung một lần"):
        plan(
            Action.REQUEST_SUPPLEMENT, state, ActionInput(reason="Lần hai"), now=at(5), calendar=CAL
        )
    assert Action.REQUEST_SUPPLEMENT not in available_actions(state)


def test_apology_moves_the_appointment_but_not_the_deadline() -> None:
    state, event = plan(
        Action.APOLOGISE,
        fresh(Status.IN_PROCESSING),
        ActionInput(reason="Chờ xác minh của cơ quan khác", new_due="12/03/2026"),
        now=at(6, 9),
        calendar=CAL,
    )
    assert state.due_at == datetime(2026, 3, 12, 17, 0, tzinfo=VN_TZ)
    assert state.deadline_at == DUE and state.apologies == 1
    assert event.details["old_due"] == DUE.isoformat()
    finished, _ = plan(Action.RESULT_READY, state, ActionInput(), now=at(11), calendar=CAL)
    assert is_late(finished, at(12))  # still late: an apology is not an extension


@pytest.mark.parametrize(
    ("new_due", "message"),
    [
        ("", "Chưa nhập ngày hẹn trả mới"),
        ("05/03/2026", "phải sau ngày hẹn cũ"),
        ("06/03/2026 16:00", "phải sau ngày hẹn cũ"),
        ("07/03/2026", "không phải ngày làm việc"),  # a Saturday
        ("31/02/2026", "không"),
        ("12/03/2026 25:99", "Giờ hẹn"),
    ],
)
def test_bad_new_appointments_are_refused(new_due: str, message: str) -> None:
    with pytest.raises(DraftInvalid) as caught:
        plan(
            Action.APOLOGISE,
            fresh(),
            ActionInput(reason="Chậm", new_due=new_due),
            now=at(4),
            calendar=CAL,
        )
    assert message in (caught.value.for_field("new_due") or "")


def test_refusal_needs_a_reason_and_ends_the_dossier() -> None:
    with pytest.raises(DraftInvalid) as caught:
        plan(Action.REFUSE, fresh(), ActionInput(reason="  "), now=at(2, 10), calendar=CAL)
    assert caught.value.for_field("reason") == "Chưa nhập lý do từ chối."
    state, _ = plan(
        Action.REFUSE,
        fresh(),
        ActionInput(reason="Không thuộc thẩm quyền"),
        now=at(2, 10),
        calendar=CAL,
    )
    assert state.status is Status.REFUSED and state.settled_status is Status.REFUSED
    with pytest.raises(TransitionRefused, match="Từ chối tiếp nhận"):
        plan(Action.HAND_OVER, state, ActionInput(party="UBND"), now=at(3), calendar=CAL)


def test_return_checks_the_collector_id() -> None:
    ready = replace(
        fresh(Status.RESULT_READY), settled_at=at(5), settled_status=Status.RESULT_READY
    )
    with pytest.raises(DraftInvalid) as caught:
        plan(
            Action.RETURN_RESULT,
            ready,
            ActionInput(collector_id="001085012345"),
            now=at(6),
            calendar=CAL,
        )
    assert "không khớp" in (caught.value.for_field("collector_id") or "")
    with pytest.raises(DraftInvalid) as caught:
        plan(
            Action.RETURN_RESULT,
            ready,
            ActionInput(collector="delegate", collector_id="001085012345"),
            now=at(6),
            calendar=CAL,
        )
    assert caught.value.for_field("person") and caught.value.for_field("reason")
    state, event = plan(
        Action.RETURN_RESULT,
        ready,
        ActionInput(collector_id=ID, satisfaction=4, comment="Nhanh, chu đáo"),
        now=at(6),
        calendar=CAL,
    )
    assert state.status is Status.RETURNED and state.returned_at == at(6)
    assert state.settled_at == at(5)  # finished when the result was ready, not at pick-up
    assert event.details["satisfaction"] == 4 and event.details["method"] == "desk"
    with pytest.raises(DraftInvalid, match="từ 1 đến 4"):
        plan(
            Action.RETURN_RESULT,
            ready,
            ActionInput(collector_id=ID, satisfaction=5),
            now=at(6),
            calendar=CAL,
        )


def test_timeliness_and_the_apology_prompt() -> None:
    assert timeliness(at(5), DUE) is Timeliness.EARLY
    assert timeliness(at(6, 16), DUE) is Timeliness.ON_TIME
    assert timeliness(DUE + timedelta(minutes=1), DUE) is Timeliness.LATE
    assert not needs_apology(fresh(), at(4, 16), CAL)  # more than a working day left
    assert needs_apology(fresh(), at(5, 16), CAL)  # due tomorrow 17:00
    assert needs_apology(fresh(), at(9), CAL)  # already late
    assert not needs_apology(fresh(Status.RESULT_READY), at(9), CAL)  # ready: nothing to say
