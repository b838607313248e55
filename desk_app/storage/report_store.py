"""The report's counts and the tracking book's rows, straight from the dossiers table.

One grouped pass over the dossiers active in the period (received before its end and not
settled before its start): the settled_at index finds them, so a quarter of a
million-dossier desk reads only that quarter's dossiers and the ones still open.
Stored times are ISO text in Vietnam time, so text comparison is time comparison and
``substr(x, 1, 10)`` is the day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import FINISHED_STATUSES, Status
from desk_app.domain.fees import PeriodFees
from desk_app.domain.lifecycle import Satisfaction
from desk_app.domain.reporting import ProgressCounts
from desk_app.storage.database import Storage
from desk_app.storage.times import from_text, to_text

_FINISHED = f"settled_status IN ({', '.join(str(int(s)) for s in sorted(FINISHED_STATUSES))})"
_UNSETTLED_AT_END = "(settled_at IS NULL OR settled_at >= :end)"
# Paused at the period's end: waiting for a supplement, or for fees (status 6, which does
# not run the clock either: docs/rules/deadlines.md).
_PAUSED_AT_END = (
    "((paused_at IS NOT NULL AND paused_at < :end AND (resumed_at IS NULL OR resumed_at >= :end))"
    " OR (fees_since IS NOT NULL AND fees_since < :end"
    " AND (fees_paid_at IS NULL OR fees_paid_at >= :end)))"
)
_COUNTS = {
    "carried_over": "received_at < :start",
    "received_direct": "received_at >= :start AND channel = 'direct'",
    "received_online": "received_at >= :start AND channel = 'online'",
    "received_post": "received_at >= :start AND channel = 'post'",
    "finished_early": f"settled_at < :end AND {_FINISHED} "
    "AND substr(settled_at, 1, 10) < substr(deadline_at, 1, 10)",
    "finished_on_time": f"settled_at < :end AND {_FINISHED} AND settled_at <= deadline_at "
    "AND substr(settled_at, 1, 10) >= substr(deadline_at, 1, 10)",
    "finished_late": f"settled_at < :end AND {_FINISHED} AND settled_at > deadline_at",
    "open_in_time": f"{_UNSETTLED_AT_END} AND NOT {_PAUSED_AT_END} AND deadline_at >= :as_of",
    "open_late": f"{_UNSETTLED_AT_END} AND NOT {_PAUSED_AT_END} AND deadline_at < :as_of",
    "paused": f"{_UNSETTLED_AT_END} AND {_PAUSED_AT_END}",
    "refused": f"settled_at < :end AND settled_status = {int(Status.REFUSED)}",
    "withdrawn": f"settled_at < :end AND settled_status = {int(Status.WITHDRAWN)}",
    "stopped": f"settled_at < :end AND settled_status = {int(Status.STOPPED)}",
    "fully_digitised": "received_at >= :start AND components_count > 0 "
    "AND components_digitised >= components_count",
    "results_digitised": f"settled_at < :end AND {_FINISHED} AND result_digitised = 1",
    "late_apologised": "apologies > 0 AND ((settled_at < :end AND "
    f"{_FINISHED} AND settled_at > deadline_at) OR ({_UNSETTLED_AT_END} AND NOT "
    f"{_PAUSED_AT_END} AND deadline_at < :as_of))",
}
_ACTIVE_COLUMNS = (
    "procedure_code, received_at, channel, settled_at, settled_status, deadline_at, paused_at, "
    "resumed_at, components_count, components_digitised, components_reused, result_digitised, "
    "apologies, fees_since, fees_paid_at"
)
_PROGRESS_SQL = (
    "SELECT procedure_code, "
    + ", ".join(f"COUNT(*) FILTER (WHERE {cond}) AS {name}" for name, cond in _COUNTS.items())
    + ", TOTAL(CASE WHEN received_at >= :start THEN components_reused END) AS components_reused "
    # Two index ranges instead of one OR (which SQLite would answer by scanning every row):
    # the dossiers still open, and those settled since the period began.
    f"FROM (SELECT {_ACTIVE_COLUMNS} FROM dossiers WHERE settled_at IS NULL AND received_at < :end "
    f"UNION ALL SELECT {_ACTIVE_COLUMNS} FROM dossiers WHERE settled_at >= :start "
    "AND received_at < :end) GROUP BY procedure_code"
)


@dataclass(frozen=True)
class BookRow:
    code: str
    procedure_code: str
    catalogue_version: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    processing_body: str
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None
    status: int
    return_method: str | None
    book_entry: int
    principal: str | None = None  # JSON of the person the applicant acts for


class ReportStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    @property
    def storage(self) -> Storage:
        return self._storage

    def progress(
        self, start: datetime, end: datetime, as_of: datetime
    ) -> dict[str, ProgressCounts]:
        """Counts per procedure code for dossiers active in ``[start, end)``.

        ``as_of`` (the end, or now for a period still running) decides which open
        dossiers are late.
        """
        params = {"start": to_text(start), "end": to_text(end), "as_of": to_text(min(as_of, end))}
        cursor = self._storage.db.execute(_PROGRESS_SQL, params)
        names = [c[0] for c in cursor.description]
        result: dict[str, ProgressCounts] = {}
        for row in cursor:
            values = dict(zip(names, row, strict=True))
            code = values.pop("procedure_code")
            values["components_reused"] = int(values["components_reused"])
            result[code] = ProgressCounts(**values)
        return result

    def satisfaction(self, start: datetime, end: datetime) -> dict[Satisfaction, int]:
        """Answers of citizens whose result was returned in ``[start, end)``."""
        rows = self._storage.db.execute(
            "SELECT satisfaction, COUNT(*) FROM dossiers WHERE returned_at >= ? "
            "AND returned_at < ? AND satisfaction IS NOT NULL GROUP BY satisfaction",
            [to_text(start), to_text(end)],
        ).fetchall()
        return {Satisfaction(level): int(n) for level, n in rows}

    def book(self, start: datetime, end: datetime) -> Iterator[BookRow]:
        """Dossiers received in ``[start, end)``, in book order, for Form 07."""
        cursor = self._storage.db.execute(
            "SELECT code, procedure_code, catalogue_version, applicant_name, applicant_address, "
            "applicant_phone, "
            "(SELECT json_extract(e.payload, '$.to') FROM dossier_events e WHERE e.dossier_id = "
            "d.id AND e.kind = 'hand_over' ORDER BY e.id DESC LIMIT 1), "
            "received_at, due_at, returned_at, status, "
            "(SELECT json_extract(e.payload, '$.method') FROM dossier_events e WHERE "
            "e.dossier_id = d.id AND e.kind = 'return_result' LIMIT 1), book_entry, principal "
            "FROM dossiers d WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id",
            [to_text(start), to_text(end)],
        )
        for row in cursor:
            yield BookRow(
                code=row[0],
                procedure_code=row[1],
                catalogue_version=row[2],
                applicant_name=row[3],
                applicant_address=row[4],
                applicant_phone=row[5],
                processing_body=row[6] or "",
                received_at=datetime.fromisoformat(row[7]),
                due_at=datetime.fromisoformat(row[8]),
                returned_at=from_text(row[9]),
                status=row[10],
                return_method=row[11],
                book_entry=row[12],
                principal=row[13],
            )

    def fees(self, first: date, end: date) -> PeriodFees:
        """Fee receipts issued on days ``[first, end)``, and dossiers received then with
        the fee waived."""
        cash, transfer, receipts, voided = self._storage.db.execute(
            "SELECT "
            "COALESCE(SUM(CASE WHEN voided_at IS NULL AND method = 'cash' THEN amount END), 0), "
            "COALESCE(SUM(CASE WHEN voided_at IS NULL AND method = 'transfer' THEN amount END), "
            "0), COUNT(voided_at IS NULL OR NULL), COUNT(voided_at) "
            "FROM fee_receipts WHERE paid_day >= ? AND paid_day < ?",
            [first.isoformat(), end.isoformat()],
        ).fetchone()
        (exempted,) = self._storage.db.execute(
            "SELECT COUNT(*) FROM dossiers WHERE fee_amount = 0 AND fee_text LIKE 'Miễn %đ (%' "
            "AND received_at >= ? AND received_at < ?",
            [to_text(_midnight(first)), to_text(_midnight(end))],
        ).fetchone()
        return PeriodFees(int(cash), int(transfer), int(receipts), int(voided), int(exempted))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), VN_TZ)
