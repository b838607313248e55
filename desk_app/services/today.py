"""The Today page: what needs the officer now, as lists the dossier table can show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from enum import StrEnum

from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.dossier import RUNNING_STATUSES, Status
from desk_app.domain.lifecycle import apology_horizon
from desk_app.domain.records import DossierFilter
from desk_app.services.access import Session
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.storage.dossier_store import DossierStore

_RUNNING = tuple(sorted(RUNNING_STATUSES))


class TodayView(StrEnum):
    DUE_TODAY = "due_today"
    DUE_NEXT = "due_next"
    LATE = "late"
    NEEDS_APOLOGY = "needs_apology"
    SUPPLEMENT = "supplement"
    READY = "ready"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    TodayView.DUE_TODAY: "Đến hạn trả hôm nay",
    TodayView.DUE_NEXT: "Đến hạn ngày làm việc tiếp theo",
    TodayView.LATE: "Quá hạn",
    TodayView.NEEDS_APOLOGY: "Sắp trễ hoặc đã trễ: cần xin lỗi, hẹn lại",
    TodayView.SUPPLEMENT: "Chờ công dân bổ sung",
    TodayView.READY: "Có kết quả, chờ trả",
}


class TodayService:
    def __init__(
        self,
        dossiers: DossierStore,
        calendar: Callable[[], WorkCalendar],
        clock: Clock,
        *,
        session: Session,
    ) -> None:
        self._session = session
        self._dossiers = dossiers
        self._calendar = calendar
        self._clock = clock

    @permitted
    def filter(self, view: TodayView, now: datetime | None = None) -> DossierFilter:
        """The dossier-list filter that shows ``view``."""
        now = (now or self._clock()).astimezone(VN_TZ)
        calendar = self._calendar()
        midnight = datetime.combine(now.date(), time(0), VN_TZ)
        match view:
            case TodayView.DUE_TODAY:
                return DossierFilter(
                    statuses=_RUNNING,
                    due_from=midnight,
                    due_before=midnight + timedelta(days=1),
                    now=now,
                )
            case TodayView.DUE_NEXT:
                day = calendar.next_working_day(now.date())
                start = datetime.combine(day, time(0), VN_TZ)
                return DossierFilter(
                    statuses=_RUNNING, due_from=start, due_before=start + timedelta(days=1), now=now
                )
            case TodayView.LATE:
                return DossierFilter(statuses=_RUNNING, deadline_before=now, now=now)
            case TodayView.NEEDS_APOLOGY:  # the rule of domain.lifecycle.needs_apology
                horizon = apology_horizon(now, calendar)
                return DossierFilter(
                    statuses=_RUNNING, due_before=horizon + timedelta(seconds=1), now=now
                )
            case TodayView.SUPPLEMENT:
                return DossierFilter(statuses=(Status.SUPPLEMENT_REQUESTED,), now=now)
            case TodayView.READY:
                return DossierFilter(statuses=(Status.RESULT_READY,), now=now)
        raise AssertionError(view)  # pragma: no cover

    @permitted
    def counts(self) -> dict[TodayView, int]:
        now = self._clock()
        return {view: self._dossiers.count_matching(self.filter(view, now)) for view in TodayView}
