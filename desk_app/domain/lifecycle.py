"""The life of a dossier after intake: its statuses' allowed transitions, its actions
and state, and what is derived from them (late, apology due, the actions offered); what
each action does is ``lifecycle_plan``.

``lifecycle_plan.plan`` is pure: given the dossier's state, an action and what the officer typed, it
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
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum

from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.dossier import (
    RUNNING_STATUSES,
    Status,
)
from desk_app.domain.dossier import is_late as _is_late
from desk_app.domain.errors import DeskError

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
    EXTEND = "extend"  # a longer time the law allows for this case (deadlines.py)
    REQUEST_FEES = "request_fees"  # status 6: the clock waits for the applicant's fees
    FEES_PAID = "fees_paid"  # back to processing; the time waited is given back

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
    Action.EXTEND: "Gia hạn theo quy định",
    Action.REQUEST_FEES: "Yêu cầu nộp phí, lệ phí",
    Action.FEES_PAID: "Công dân đã nộp phí, lệ phí",
}
_OPEN = frozenset({S.SUBMITTED_ONLINE, S.RECEIVED, S.IN_PROCESSING, S.FEES_REQUIRED})
# The statuses each action may start from.
ACTION_FROM: Mapping[Action, frozenset[Status]] = {
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
    Action.EXTEND: frozenset({S.RECEIVED, S.IN_PROCESSING}),
    Action.REQUEST_FEES: frozenset({S.RECEIVED, S.IN_PROCESSING}),
    Action.FEES_PAID: frozenset({S.FEES_REQUIRED}),
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
    extension_note: str = ""  # the last legal extension, as the receipt prints it
    fees_since: datetime | None = None  # waiting for fees (status 6) since
    fees_paid_at: datetime | None = None  # the end of the last such wait


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
    extension: str = ""  # extend: an ExtensionKind value
    days: str = ""  # extend: working days


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
    actions = [a for a in Action if state.status in ACTION_FROM[a]]
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


# Where a commune dossier usually goes on hand-over; the officer may type any other. The
# words are stored with the dossier, so they stay Vietnamese in every language of the window.
PROCESSING_BODIES = (
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính - Xây dựng",
    "Công an xã",
    "Lãnh đạo UBND xã",
)
