"""The life of a dossier after intake: allowed transitions and what each action does.

``plan`` is pure: given the dossier's state, an action and what the officer typed, it
returns the new state and the event to record, or raises a Vietnamese error and changes
nothing. The services write the result, the event and its change-log entry together.

Rules kept here (domain.md, Decree 118/2025):
- the national status codes 1–10; ``ALLOWED_TRANSITIONS`` is the whole table;
- "late" is derived from the deadline, never stored;
- a supplement may be requested once; the clock stops while waiting and the appointment
  and the deadline move by the working time waited;
- an apology moves the appointment given to the citizen, not the deadline the dossier is
  judged by: an apologised dossier that finishes after its deadline is still late.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from enum import IntEnum, StrEnum

from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.dossier import (
    MAX_NAME,
    MAX_NOTE,
    RUNNING_STATUSES,
    Status,
)
from desk_app.domain.dossier import is_late as _is_late
from desk_app.domain.errors import DeskError, DraftInvalid, FieldError, InvalidField
from desk_app.domain.identity import mask_id_number, parse_id_number, parse_vn_date
from desk_app.domain.text import clean_line

S = Status
# Every status change the desk accepts, from whatever source (desk action or sync pull).
ALLOWED_TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    S.SUBMITTED_ONLINE: frozenset({S.RECEIVED, S.REFUSED}),
    S.RECEIVED: frozenset(
        {S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED, S.FEES_REQUIRED, S.REFUSED, S.WITHDRAWN}
        | {S.STOPPED, S.RESULT_READY}
    ),
    S.IN_PROCESSING: frozenset(
        {S.SUPPLEMENT_REQUESTED, S.FEES_REQUIRED, S.REFUSED, S.WITHDRAWN, S.STOPPED}
        | {S.RESULT_READY}
    ),
    S.SUPPLEMENT_REQUESTED: frozenset(
        {S.RECEIVED, S.IN_PROCESSING, S.REFUSED, S.WITHDRAWN, S.STOPPED}
    ),
    S.FEES_REQUIRED: frozenset({S.IN_PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.RESULT_READY: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}
DESK = "Bộ phận Một cửa"


class Action(StrEnum):
    HAND_OVER = "hand_over"  # to the processing officer or body (a row of Form 06)
    REQUEST_SUPPLEMENT = "request_supplement"  # Form 02; once per dossier
    RECEIVE_SUPPLEMENT = "receive_supplement"
    REFUSE = "refuse"  # Form 03
    APOLOGISE = "apologise"  # Form 04: apology and a new appointment
    STOP = "stop"  # Form 05: processing stopped at the citizen's request
    WITHDRAW = "withdraw"
    RESULT_READY = "result_ready"  # the result is back at the desk (closes a Form 06 row)
    RETURN_RESULT = "return_result"  # handed to the citizen

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.HAND_OVER: "Chuyển xử lý",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung hồ sơ",
    Action.RECEIVE_SUPPLEMENT: "Nhận hồ sơ bổ sung",
    Action.REFUSE: "Từ chối tiếp nhận, giải quyết",
    Action.APOLOGISE: "Xin lỗi và hẹn lại",
    Action.STOP: "Dừng giải quyết theo đề nghị",
    Action.WITHDRAW: "Công dân rút hồ sơ",
    Action.RESULT_READY: "Nhận kết quả về Bộ phận Một cửa",
    Action.RETURN_RESULT: "Trả kết quả",
}
_OPEN = frozenset({S.SUBMITTED_ONLINE, S.RECEIVED, S.IN_PROCESSING, S.FEES_REQUIRED})
_FROM: Mapping[Action, frozenset[Status]] = {
    Action.HAND_OVER: frozenset({S.RECEIVED, S.IN_PROCESSING}),
    Action.REQUEST_SUPPLEMENT: frozenset({S.RECEIVED, S.IN_PROCESSING}),
    Action.RECEIVE_SUPPLEMENT: frozenset({S.SUPPLEMENT_REQUESTED}),
    Action.REFUSE: frozenset({S.SUBMITTED_ONLINE, S.RECEIVED, S.IN_PROCESSING})
    | {S.SUPPLEMENT_REQUESTED},
    Action.APOLOGISE: _OPEN | {S.SUPPLEMENT_REQUESTED},
    Action.STOP: frozenset({S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED})
    | {S.FEES_REQUIRED},
    Action.WITHDRAW: frozenset({S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED})
    | {S.FEES_REQUIRED},
    Action.RESULT_READY: frozenset({S.RECEIVED, S.IN_PROCESSING}),
    Action.RETURN_RESULT: frozenset({S.RESULT_READY}),
}
# Actions that end a dossier without a result, and the status each ends it in.
_ENDS: Mapping[Action, Status] = {
    Action.REFUSE: S.REFUSED,
    Action.STOP: S.STOPPED,
    Action.WITHDRAW: S.WITHDRAWN,
}


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


def timeliness(finished_at: datetime, deadline_at: datetime) -> Timeliness:
    """Early when finished on a day before the deadline's day; late after the deadline."""
    if finished_at > deadline_at:
        return Timeliness.LATE
    if finished_at.astimezone(VN_TZ).date() < deadline_at.astimezone(VN_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


class Satisfaction(IntEnum):
    VERY_SATISFIED = 4
    SATISFIED = 3
    ACCEPTABLE = 2
    DISSATISFIED = 1

    @property
    def label(self) -> str:
        return _SATISFACTION_LABELS[self]


_SATISFACTION_LABELS = {
    Satisfaction.VERY_SATISFIED: "Rất hài lòng",
    Satisfaction.SATISFIED: "Hài lòng",
    Satisfaction.ACCEPTABLE: "Chấp nhận được",
    Satisfaction.DISSATISFIED: "Không hài lòng",
}


class Collector(StrEnum):
    APPLICANT = "applicant"  # the person who submitted (or the one they submitted for)
    DELEGATE = "delegate"  # someone else, with an authorisation


class ReturnMethod(StrEnum):
    DESK = "desk"
    POST = "post"

    @property
    def label(self) -> str:
        return "Tại Bộ phận Một cửa" if self is ReturnMethod.DESK else "Qua dịch vụ bưu chính"


class TransitionRefused(DeskError):
    """An action that the dossier's status (or history) does not allow; nothing changed."""


@dataclass(frozen=True)
class LifecycleState:
    """The part of a dossier that its life after intake changes."""

    status: Status
    received_at: datetime
    due_at: datetime  # the appointment given to the citizen (moved by an apology)
    deadline_at: datetime  # what timeliness is judged by (moved only by a supplement wait)
    applicant_id_number: str
    principal_id_number: str | None = None
    holder: str = DESK
    paused_at: datetime | None = None
    paused_from: Status | None = None
    resumed_at: datetime | None = None
    apologies: int = 0
    settled_at: datetime | None = None  # processing ended (result ready, refused, ...)
    settled_status: Status | None = None
    returned_at: datetime | None = None
    satisfaction: Satisfaction | None = None


@dataclass
class ActionInput:
    """What the officer typed for an action; each action reads the fields it needs."""

    reason: str = ""
    party: str = ""  # hand-over: the body it goes to; result ready: the body it comes from
    person: str = ""  # hand-over: who receives it; return: who collects it
    new_due: str = ""  # apology: "dd/mm/yyyy" or "dd/mm/yyyy HH:MM"
    collector: str = Collector.APPLICANT.value
    collector_id: str = ""
    method: str = ReturnMethod.DESK.value
    satisfaction: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class LifeEvent:
    """One row of the dossier's history (and of Form 06 when it is a hand-over)."""

    action: Action
    at: datetime
    from_status: Status
    to_status: Status
    reason: str
    details: dict[str, str | int | None] = field(default_factory=dict)


def is_late(state: LifecycleState, now: datetime) -> bool:
    """See ``desk_app.domain.dossier.is_late``."""
    return _is_late(state.status, state.deadline_at, state.settled_at, now)


def apology_horizon(now: datetime, calendar: WorkCalendar) -> datetime:
    """The end of the next working day: a running dossier due by then will be late unless
    it is ready, so the desk asks for an apology and a new date."""
    return calendar.closing_time(calendar.next_working_day(now.astimezone(VN_TZ).date()))


def needs_apology(state: LifecycleState, now: datetime, calendar: WorkCalendar) -> bool:
    """Will be late: running, not ready, and due by the end of the next working day (or past)."""
    return state.status in RUNNING_STATUSES and state.due_at <= apology_horizon(now, calendar)


def available_actions(state: LifecycleState) -> list[Action]:
    """The actions the dossier's status allows now, in the order the desk offers them."""
    actions = [a for a in Action if state.status in _FROM[a]]
    if state.paused_at is not None and Action.REQUEST_SUPPLEMENT in actions:
        actions.remove(Action.REQUEST_SUPPLEMENT)
    return actions


def check_transition(current: Status, target: Status) -> None:
    """Raise ``TransitionRefused`` unless ``ALLOWED_TRANSITIONS`` has ``current → target``."""
    if target not in ALLOWED_TRANSITIONS[current]:
        ended = " Hồ sơ đã kết thúc." if not ALLOWED_TRANSITIONS[current] else ""
        raise TransitionRefused(
            f"Không thể chuyển hồ sơ từ «{current.label}» sang «{target.label}».{ended}"
        )


def plan(
    action: Action,
    state: LifecycleState,
    given: ActionInput,
    *,
    now: datetime,
    calendar: WorkCalendar,
) -> tuple[LifecycleState, LifeEvent]:
    """What ``action`` does to a dossier in ``state``: its new state and the event to record.

    Raises ``TransitionRefused`` when the status or the history forbids it and
    ``DraftInvalid`` (every field error at once) when the input is wrong.
    """
    if action is Action.REQUEST_SUPPLEMENT and state.paused_at is not None:
        raise TransitionRefused(
            f"Hồ sơ đã được yêu cầu bổ sung một lần (ngày {state.paused_at:%d/%m/%Y}). "
            "Theo Nghị định 118/2025/NĐ-CP, chỉ được yêu cầu bổ sung một lần."
        )
    if state.status not in _FROM[action]:
        ended = " Hồ sơ đã kết thúc." if not ALLOWED_TRANSITIONS[state.status] else ""
        raise TransitionRefused(
            f"Hồ sơ đang ở trạng thái «{state.status.label}»: không thể "
            f"«{action.label.lower()}».{ended}"
        )
    errors: list[FieldError] = []
    details: dict[str, str | int | None] = {}
    new = _step(action, state, given, now, calendar, errors, details)
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
            due = calendar.add_working_time(state.due_at, waited) if waited else state.due_at
            deadline = (
                calendar.add_working_time(state.deadline_at, waited)
                if waited
                else state.deadline_at
            )
            details.update(
                {
                    "waited_minutes": int(waited.total_seconds() // 60),
                    "old_due": state.due_at.isoformat(),
                    "new_due": due.isoformat(),
                }
            )
            return replace(
                state, status=state.paused_from, resumed_at=now, due_at=due, deadline_at=deadline
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
            id_number = parse_id_number(
                given.collector_id, today=now.date(), field="collector_id"
            ).number
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


# Where a commune dossier usually goes on hand-over; the officer may type any other. The
# words are stored with the dossier, so they stay Vietnamese in every language of the window.
PROCESSING_BODIES = (
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính - Xây dựng",
    "Công an xã",
    "Lãnh đạo UBND xã",
)
