"""Deadlines that depend on the case (docs/rules/deadlines.md).

- A per-dossier **extension** with its legal reason: verification for civil status (the
  whole time at most 5 working days, Law on Civil Status 2014 Art. 18(2)); certification
  of many documents, many pages or many copies (at most 2 more working days, Decree
  23/2015/NĐ-CP Art. 7); longer by written agreement with the applicant (same article).
  An extension moves the appointment *and* the deadline the dossier is judged by (it is
  the law's own time, unlike an apology).
- **After a supplement** the period either pauses (the appointment moves by the working
  time waited; the default) or restarts from the day the supplement is received, as the
  procedure's catalogue entry says (``SupplementRule``).
- **Waiting for fees** (status 6) does not run the clock: when the fees are paid the
  appointment and the deadline move by the working time waited.
- A **same-day** procedure of the civil-status or certification sectors received after
  15:00 is due the next working day even when its catalogue entry names no cut-off
  (Decree 23/2015 Art. 7; the same 15:00 rule for civil status, domain.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from enum import StrEnum

from desk_app.domain.calendar import ProcessingKind, ProcessingTime, WorkCalendar
from desk_app.domain.errors import FieldError

CIVIL_STATUS_SECTOR = "Hộ tịch"
CERTIFICATION_SECTOR = "Chứng thực"
SAME_DAY_CUTOFF = time(15, 0)
VERIFICATION_MAX_DAYS = 5
MANY_PAGES_MAX_DAYS = 2
AGREEMENT_MAX_DAYS = 60


class SupplementRule(StrEnum):
    PAUSE = "pause"  # the period stops while waiting and goes on from where it stood
    RESTART = "restart"  # the whole period runs again from the supplement's reception

    @property
    def label(self) -> str:
        return "tạm dừng" if self is SupplementRule.PAUSE else "tính lại từ đầu"


class ExtensionKind(StrEnum):
    VERIFICATION = "verification"
    MANY_PAGES = "many_pages"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return _EXTENSION_LABELS[self]

    @property
    def basis(self) -> str:
        return _EXTENSION_BASIS[self]


_EXTENSION_LABELS = {
    ExtensionKind.VERIFICATION: "Cần xác minh (hộ tịch)",
    ExtensionKind.MANY_PAGES: "Nhiều giấy tờ, nhiều trang hoặc nhiều bản sao (chứng thực)",
    ExtensionKind.AGREEMENT: "Thỏa thuận bằng văn bản với người yêu cầu",
}
_EXTENSION_BASIS = {
    ExtensionKind.VERIFICATION: "khoản 2 Điều 18 Luật Hộ tịch 2014",
    ExtensionKind.MANY_PAGES: "khoản 1 Điều 7 Nghị định 23/2015/NĐ-CP",
    ExtensionKind.AGREEMENT: "Điều 7 Nghị định 23/2015/NĐ-CP",
}
_SECTOR_OF = {
    ExtensionKind.VERIFICATION: CIVIL_STATUS_SECTOR,
    ExtensionKind.MANY_PAGES: CERTIFICATION_SECTOR,
    ExtensionKind.AGREEMENT: CERTIFICATION_SECTOR,
}


@dataclass(frozen=True)
class CaseRules:
    """What the procedure of a dossier says about its time (from the catalogue)."""

    sector: str = ""
    processing: ProcessingTime | None = None
    after_supplement: SupplementRule = SupplementRule.PAUSE


def effective_processing(processing: ProcessingTime, sector: str) -> ProcessingTime:
    """The processing time intake applies: a same-day civil-status or certification
    procedure has the 15:00 cut-off even where its catalogue entry omits it."""
    if (
        processing.kind is ProcessingKind.SAME_DAY
        and processing.cutoff is None
        and sector in (CIVIL_STATUS_SECTOR, CERTIFICATION_SECTOR)
    ):
        return replace(processing, cutoff=SAME_DAY_CUTOFF)
    return processing


@dataclass(frozen=True)
class Extension:
    kind: ExtensionKind
    days: int
    new_deadline: datetime
    note: str  # what the receipt prints: the new time, the reason and its basis


def plan_extension(
    *,
    kind_text: str,
    days_text: str,
    reason: str,
    rules: CaseRules,
    received_at: datetime,
    deadline_at: datetime,
    calendar: WorkCalendar,
    errors: list[FieldError],
) -> Extension | None:
    """Check an extension against its legal limit; append field errors, or return it."""
    try:
        kind = ExtensionKind(kind_text)
    except ValueError:
        errors.append(FieldError("extension", "Chọn lý do gia hạn theo quy định."))
        return None
    sector = _SECTOR_OF[kind]
    if rules.sector and rules.sector != sector:
        errors.append(
            FieldError(
                "extension",
                f"«{kind.label}» chỉ áp dụng cho thủ tục lĩnh vực {sector} "
                f"({kind.basis}); thủ tục này thuộc lĩnh vực {rules.sector}.",
            )
        )
        return None
    limit = {
        ExtensionKind.VERIFICATION: VERIFICATION_MAX_DAYS,
        ExtensionKind.MANY_PAGES: MANY_PAGES_MAX_DAYS,
        ExtensionKind.AGREEMENT: AGREEMENT_MAX_DAYS,
    }[kind]
    text = days_text.strip() or (str(limit) if kind is not ExtensionKind.AGREEMENT else "")
    if not text.isdigit() or not 1 <= int(text) <= limit:
        errors.append(
            FieldError("days", f"Số ngày làm việc gia hạn phải từ 1 đến {limit} ({kind.basis}).")
        )
        return None
    days = int(text)
    if kind is ExtensionKind.AGREEMENT and not reason.strip():
        errors.append(FieldError("reason", "Ghi số, ngày của văn bản thỏa thuận với công dân."))
        return None
    day = calendar.hours.day_length
    if kind is ExtensionKind.VERIFICATION:  # the whole time, from reception, at most 5 days
        new = calendar.add_working_time(received_at, day * days)
    else:  # more time on top of the deadline
        new = calendar.add_working_time(deadline_at, day * days)
    if new <= deadline_at:
        errors.append(
            FieldError(
                "days",
                f"Gia hạn {days} ngày làm việc kể từ khi tiếp nhận không muộn hơn hạn hiện tại "
                f"({deadline_at:%H:%M %d/%m/%Y}).",
            )
        )
        return None
    note = f"Gia hạn đến {new:%H:%M} ngày {new:%d/%m/%Y}: {kind.label.lower()} ({kind.basis})"
    if reason.strip():
        note += f"; {reason.strip()}"
    return Extension(kind, days, new, note)


def restart_due(
    rules: CaseRules, supplemented_at: datetime, calendar: WorkCalendar
) -> datetime | None:
    """The new appointment when the procedure restarts its period after a supplement."""
    if rules.after_supplement is not SupplementRule.RESTART or rules.processing is None:
        return None
    return calendar.appointment(
        supplemented_at, effective_processing(rules.processing, rules.sector)
    )
