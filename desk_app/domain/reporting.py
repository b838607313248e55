"""The figures of a periodic report (domain.md, Reports; Decision 766/QĐ-TTg indicators).

Every dossier active in a period lands in exactly one end bucket, so for any row:
carried over + received = finished + open + paused + refused + withdrawn + stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

from desk_app.domain.fees import PeriodFees
from desk_app.domain.lifecycle import Satisfaction
from desk_app.domain.periods import Period


@dataclass(frozen=True)
class ProgressCounts:
    carried_over: int = 0
    received_direct: int = 0
    received_online: int = 0
    received_post: int = 0
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    open_in_time: int = 0
    open_late: int = 0
    paused: int = 0  # waiting for a supplement at the end of the period
    refused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    # digitisation (Decision 766): of the dossiers received / finished in the period
    fully_digitised: int = 0
    components_reused: int = 0
    results_digitised: int = 0
    late_apologised: int = 0  # late (finished or open) with an apology letter

    @property
    def received(self) -> int:
        return self.received_direct + self.received_online + self.received_post

    @property
    def to_handle(self) -> int:
        return self.carried_over + self.received

    @property
    def finished(self) -> int:
        return self.finished_early + self.finished_on_time + self.finished_late

    @property
    def open(self) -> int:
        return self.open_in_time + self.open_late

    @property
    def ended_without_result(self) -> int:
        return self.refused + self.withdrawn + self.stopped

    @property
    def on_time_percent(self) -> float:
        """Finished early or on time, as a share of all finished."""
        return percent(self.finished_early + self.finished_on_time, self.finished)

    @property
    def balanced(self) -> bool:
        """Every dossier counted once: what came in equals where it ended."""
        return self.to_handle == (
            self.finished + self.open + self.paused + self.ended_without_result
        )

    def __add__(self, other: ProgressCounts) -> ProgressCounts:
        return ProgressCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class ProcedureRow:
    code: str
    name: str
    counts: ProgressCounts
    sector: str = ""  # lĩnh vực, from the catalogue the procedure was received under


def by_sector(rows: tuple[ProcedureRow, ...]) -> list[tuple[str, list[ProcedureRow]]]:
    """``rows`` grouped by sector (lĩnh vực), sectors and codes in order."""
    groups: dict[str, list[ProcedureRow]] = {}
    for row in sorted(rows, key=lambda r: (r.sector, r.code)):
        groups.setdefault(row.sector, []).append(row)
    return list(groups.items())


@dataclass(frozen=True)
class Report:
    period: Period
    generated_at: datetime
    parent_unit: str
    unit: str
    total: ProgressCounts
    by_procedure: tuple[ProcedureRow, ...]
    satisfaction: dict[Satisfaction, int]
    fees: PeriodFees = field(default_factory=PeriodFees)  # receipts of the period (issue 22)

    @property
    def satisfaction_answers(self) -> int:
        return sum(self.satisfaction.values())

    @property
    def satisfied_percent(self) -> float:
        happy = self.satisfaction.get(Satisfaction.VERY_SATISFIED, 0) + self.satisfaction.get(
            Satisfaction.SATISFIED, 0
        )
        return percent(happy, self.satisfaction_answers)


@dataclass(frozen=True)
class BookEntry:
    number: int
    code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    processing_body: str
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None
    how_returned: str  # e.g. "Tại Bộ phận Một cửa", "Qua dịch vụ bưu chính", or the status
    sector: str = ""
    principal_name: str = ""  # the person the applicant acts for, when delegated

    @property
    def applicant_text(self) -> str:
        if not self.principal_name:
            return self.applicant_name
        return f"{self.applicant_name} (được ủy quyền của {self.principal_name})"


@dataclass(frozen=True)
class BookHeader:
    parent_unit: str
    unit: str
    date_from: date
    date_to: date
    number: str = ""  # the book's number in the "STD" series
    sector: str = ""  # one book per sector (or group of sectors); "" for all


# Form 07 columns, in order.
BOOK_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên người nộp",
    "Địa chỉ, số điện thoại",
    "Cơ quan giải quyết",
    "Ngày, giờ nhận hồ sơ",
    "Ngày, giờ hẹn trả",
    "Ngày, giờ trả kết quả",
    "Cách thức trả kết quả",
    "Ký nhận",
)


# (group, column title, how to read it from the counts)
PROGRESS_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("", "Kỳ trước chuyển qua", "carried_over"),
    ("Tiếp nhận trong kỳ", "Trực tiếp", "received_direct"),
    ("Tiếp nhận trong kỳ", "Trực tuyến", "received_online"),
    ("Tiếp nhận trong kỳ", "Qua bưu chính", "received_post"),
    ("", "Tổng số phải giải quyết", "to_handle"),
    ("Đã giải quyết", "Trước hạn", "finished_early"),
    ("Đã giải quyết", "Đúng hạn", "finished_on_time"),
    ("Đã giải quyết", "Quá hạn", "finished_late"),
    ("Đang giải quyết", "Trong hạn", "open_in_time"),
    ("Đang giải quyết", "Quá hạn", "open_late"),
    ("", "Tạm dừng (chờ bổ sung)", "paused"),
    ("Không giải quyết", "Từ chối", "refused"),
    ("Không giải quyết", "Rút hồ sơ", "withdrawn"),
    ("Không giải quyết", "Dừng giải quyết", "stopped"),
)
DIGITISATION_ROWS: tuple[tuple[str, str], ...] = (
    ("Hồ sơ tiếp nhận trong kỳ", "received"),
    ("Hồ sơ được số hóa đầy đủ thành phần", "fully_digitised"),
    ("Thành phần hồ sơ được tái sử dụng", "components_reused"),
    ("Hồ sơ đã giải quyết", "finished"),
    ("Kết quả giải quyết được số hóa", "results_digitised"),
    ("Hồ sơ trễ hạn đã có văn bản xin lỗi", "late_apologised"),
)
