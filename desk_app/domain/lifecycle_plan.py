"""What each action does to a dossier (see ``lifecycle`` for the rules kept): ``plan``
checks the action against the status and the history, reads what the officer typed, and
returns the new state and the event to record; or raises, changing nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, time, timedelta

from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.deadlines import CaseRules, plan_extension, restart_due
from desk_app.domain.dossier import MAX_NAME, MAX_NOTE, Status
from desk_app.domain.errors import DeskError, DraftInvalid, FieldError, InvalidField
from desk_app.domain.identity import mask_id_number, parse_person_identifier, parse_vn_date
from desk_app.domain.lifecycle import (
    ACTION_FROM,
    ALLOWED_TRANSITIONS,
    DESK,
    Action,
    ActionInput,
    Collector,
    LifecycleState,
    LifeEvent,
    ReturnMethod,
    Satisfaction,
    TransitionRefused,
    check_transition,
    timeliness,
)
from desk_app.domain.text import clean_line

S = Status
# Actions that end a dossier without a result, and the status each ends it in.
_ENDS: Mapping[Action, Status] = {
    Action.REFUSE: S.REFUSED,
    Action.STOP: S.STOPPED,
    Action.WITHDRAW: S.WITHDRAWN,
}


def plan(
    action: Action,
    state: LifecycleState,
    given: ActionInput,
    *,
    now: datetime,
    calendar: WorkCalendar,
    rules: CaseRules | None = None,
) -> tuple[LifecycleState, LifeEvent]:
    """What ``action`` does to a dossier in ``state``: its new state and the event to record.

    ``rules`` is what the dossier's procedure says about its time (extension limits, pause
    or restart after a supplement); a default when not given.

    Raises ``TransitionRefused`` when the status or the history forbids it and
    ``DraftInvalid`` (every field error at once) when the input is wrong.
    """
    if action is Action.REQUEST_SUPPLEMENT and state.paused_at is not None:
        raise TransitionRefused(
            f"Hồ sơ đã được yêu cầu bổ sung một lần (ngày {state.paused_at:%d/%m/%Y}). "
            "Theo Nghị định 118/2025/NĐ-CP, chỉ được yêu cầu bổ sung một lần."
        )
    if state.status not in ACTION_FROM[action]:
        ended = " Hồ sơ đã kết thúc." if not ALLOWED_TRANSITIONS[state.status] else ""
        raise TransitionRefused(
            f"Hồ sơ đang ở trạng thái «{state.status.label}»: không thể "
            f"«{action.label.lower()}».{ended}"
        )
    errors: list[FieldError] = []
    details: dict[str, str | int | None] = {}
    new = _step(action, state, given, now, calendar, errors, details, rules or CaseRules())
    if errors:
        raise DraftInvalid(errors)
    if new.status is not state.status:
        check_transition(state.status, new.status)
    reason = str(details.pop("reason", "") or "")
    event = LifeEvent(action, now, state.status, new.status, reason, details)
    return new, event


def _text(
    errors: list[FieldError], value: str, key: str, label: str, *, required: bool, limit: int
) -> str:
    try:
        return clean_line(value, field=key, label=label, max_len=limit, required=required)
    except DeskError as err:
        errors.append(FieldError(key, err.message))
        return ""


def _step(
    action: Action,
    state: LifecycleState,
    given: ActionInput,
    now: datetime,
    calendar: WorkCalendar,
    errors: list[FieldError],
    details: dict[str, str | int | None],
    rules: CaseRules,
) -> LifecycleState:
    reason_required = action in (
        Action.REQUEST_SUPPLEMENT,
        Action.REFUSE,
        Action.APOLOGISE,
        Action.STOP,
        Action.WITHDRAW,
    )
    reason_label = {
        Action.REQUEST_SUPPLEMENT: "Nội dung cần bổ sung",
        Action.REFUSE: "Lý do từ chối",
        Action.APOLOGISE: "Lý do chậm trả kết quả",
    }.get(action, "Lý do")
    details["reason"] = _text(
        errors, given.reason, "reason", reason_label, required=reason_required, limit=MAX_NOTE
    )
    match action:
        case Action.HAND_OVER:
            party = _text(
                errors, given.party, "party", "Nơi nhận xử lý", required=True, limit=MAX_NAME
            )
            person = _text(
                errors, given.person, "person", "Người nhận", required=False, limit=MAX_NAME
            )
            details.update({"from": state.holder, "to": party, "receiver": person})
            return replace(state, status=S.IN_PROCESSING, holder=party)
        case Action.RESULT_READY:
            party = _text(
                errors, given.party, "party", "Nơi trả kết quả", required=False, limit=MAX_NAME
            )
            details.update(
                {
                    "from": party or state.holder,
                    "to": DESK,
                    "outcome": timeliness(now, state.deadline_at).value,
                }
            )
            return replace(
                state,
                status=S.RESULT_READY,
                holder=DESK,
                settled_at=now,
                settled_status=S.RESULT_READY,
            )
        case Action.REQUEST_SUPPLEMENT:
            return replace(
                state, status=S.SUPPLEMENT_REQUESTED, paused_at=now, paused_from=state.status
            )
        case Action.RECEIVE_SUPPLEMENT:
            assert state.paused_at is not None and state.paused_from is not None
            waited = calendar.working_time_between(state.paused_at, now)
            due, deadline = _shifted(state, waited, calendar)
            restarted = restart_due(rules, now, calendar)
            if restarted is not None:  # the procedure's period runs again from today
                due = deadline = max(restarted, state.deadline_at)
            details.update(
                {
                    "waited_minutes": int(waited.total_seconds() // 60),
                    "old_due": state.due_at.isoformat(),
                    "new_due": due.isoformat(),
                    "period": rules.after_supplement.value,
                }
            )
            return replace(
                state, status=state.paused_from, resumed_at=now, due_at=due, deadline_at=deadline
            )
        case Action.EXTEND:
            extension = plan_extension(
                kind_text=given.extension,
                days_text=given.days,
                reason=str(details["reason"] or ""),
                rules=rules,
                received_at=state.received_at,
                deadline_at=state.deadline_at,
                calendar=calendar,
                errors=errors,
            )
            if extension is None:
                return state
            details.update(
                {
                    "extension": extension.kind.value,
                    "days": extension.days,
                    "basis": extension.kind.basis,
                    "old_due": state.due_at.isoformat(),
                    "new_due": extension.new_deadline.isoformat(),
                }
            )
            return replace(
                state,
                due_at=max(state.due_at, extension.new_deadline),
                deadline_at=extension.new_deadline,
                extension_note=extension.note,
            )
        case Action.REQUEST_FEES:
            return replace(state, status=S.FEES_REQUIRED, fees_since=now, fees_paid_at=None)
        case Action.FEES_PAID:
            since = state.fees_since  # None for a wait begun elsewhere, unrecorded
            waited = calendar.working_time_between(since, now) if since else timedelta(0)
            due, deadline = _shifted(state, waited, calendar)
            details.update(
                {
                    "waited_minutes": int(waited.total_seconds() // 60),
                    "old_due": state.due_at.isoformat(),
                    "new_due": due.isoformat(),
                }
            )
            return replace(
                state,
                status=S.IN_PROCESSING,
                fees_paid_at=now,
                due_at=due,
                deadline_at=deadline,
            )
        case Action.APOLOGISE:
            new_due = _new_due(errors, given.new_due, state, now, calendar)
            details.update(
                {
                    "old_due": state.due_at.isoformat(),
                    "new_due": new_due.isoformat() if new_due else None,
                }
            )
            return replace(state, due_at=new_due or state.due_at, apologies=state.apologies + 1)
        case Action.REFUSE | Action.STOP | Action.WITHDRAW:
            target = _ENDS[action]
            return replace(state, status=target, settled_at=now, settled_status=target)
        case Action.RETURN_RESULT:
            return _return(state, given, now, errors, details)
    raise AssertionError(action)  # pragma: no cover - every action is matched above


def _shifted(
    state: LifecycleState, waited: timedelta, calendar: WorkCalendar
) -> tuple[datetime, datetime]:
    """The appointment and the deadline moved by ``waited`` of office time."""
    if not waited:
        return state.due_at, state.deadline_at
    return (
        calendar.add_working_time(state.due_at, waited),
        calendar.add_working_time(state.deadline_at, waited),
    )


def _new_due(
    errors: list[FieldError],
    raw: str,
    state: LifecycleState,
    now: datetime,
    calendar: WorkCalendar,
) -> datetime | None:
    text = " ".join(raw.split())
    if not text:
        errors.append(FieldError("new_due", "Chưa nhập ngày hẹn trả mới."))
        return None
    day_text, _, time_text = text.partition(" ")
    try:
        day = parse_vn_date(day_text, field="new_due", label="Ngày hẹn trả mới")
        at = calendar.hours.closing
        if time_text:
            hour, _, minute = time_text.partition(":")
            if not (hour.isdigit() and minute.isdigit()):
                raise InvalidField("Giờ hẹn phải có dạng HH:MM, ví dụ 16:30.", field="new_due")
            at = time(int(hour), int(minute))
    except (DeskError, ValueError) as err:
        message = err.message if isinstance(err, DeskError) else "Giờ hẹn không hợp lệ."
        errors.append(FieldError("new_due", message))
        return None
    moment = datetime.combine(day, at, VN_TZ)
    if moment <= state.due_at:
        errors.append(
            FieldError(
                "new_due",
                f"Ngày hẹn mới ({moment:%H:%M %d/%m/%Y}) phải sau ngày hẹn cũ "
                f"({state.due_at:%H:%M %d/%m/%Y}).",
            )
        )
        return None
    if moment <= now:
        errors.append(FieldError("new_due", "Ngày hẹn mới đã qua; hãy chọn một ngày sắp tới."))
        return None
    if not calendar.is_working_day(day):
        errors.append(
            FieldError(
                "new_due", f"Ngày {day:%d/%m/%Y} không phải ngày làm việc; hãy chọn ngày khác."
            )
        )
        return None
    return moment


def _return(
    state: LifecycleState,
    given: ActionInput,
    now: datetime,
    errors: list[FieldError],
    details: dict[str, str | int | None],
) -> LifecycleState:
    try:
        collector = Collector(given.collector)
    except ValueError:
        errors.append(
            FieldError("collector", "Chọn người nhận kết quả: người nộp hay người được ủy quyền.")
        )
        collector = Collector.APPLICANT
    try:
        method = ReturnMethod(given.method)
    except ValueError:
        errors.append(
            FieldError("method", "Chọn cách trả kết quả: tại Bộ phận Một cửa hay qua bưu chính.")
        )
        method = ReturnMethod.DESK
    name = _text(
        errors,
        given.person,
        "person",
        "Họ tên người nhận",
        required=collector is Collector.DELEGATE,
        limit=MAX_NAME,
    )
    id_number = ""
    if method is ReturnMethod.DESK or given.collector_id.strip():
        try:
            id_number = parse_person_identifier(  # an ID number, or a foreigner's passport
                given.collector_id, today=now.date(), field="collector_id"
            )
        except DeskError as err:
            errors.append(FieldError("collector_id", err.message))
    owners = {state.applicant_id_number, state.principal_id_number or ""} - {""}
    if id_number and collector is Collector.APPLICANT and id_number not in owners:
        errors.append(
            FieldError(
                "collector_id",
                "Số định danh của người nhận không khớp với người nộp hồ sơ ("
                + mask_id_number(state.applicant_id_number)
                + "). Nếu người khác nhận thay, chọn «Người được ủy quyền» và ghi giấy ủy quyền.",
            )
        )
    if collector is Collector.DELEGATE and not given.reason.strip():
        errors.append(FieldError("reason", "Ghi giấy ủy quyền của người nhận thay."))
    satisfaction: Satisfaction | None = None
    if given.satisfaction is not None:
        try:
            satisfaction = Satisfaction(given.satisfaction)
        except ValueError:
            errors.append(FieldError("satisfaction", "Mức hài lòng phải từ 1 đến 4."))
    comment = _text(
        errors, given.comment, "comment", "Ý kiến của công dân", required=False, limit=MAX_NOTE
    )
    details.update(
        {
            "collector": collector.value,
            "collector_name": name,
            "collector_id": id_number,
            "method": method.value,
            "satisfaction": int(satisfaction) if satisfaction else None,
            "comment": comment,
        }
    )
    settled_at = state.settled_at or now
    return replace(
        state,
        status=S.RETURNED,
        returned_at=now,
        satisfaction=satisfaction,
        settled_at=settled_at,
        settled_status=state.settled_status or S.RETURNED,
    )
