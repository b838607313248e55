"""The papers a one-stop desk issues and their numbering (Circular 03/2025, Appendix I).

Each kind of paper has its own numbering series ("Số: 12/PBS-…"): a number is never used
for two papers, a reprint carries the number of the first print, and two desks of the same
commune never issue the same number (the desk's number leads: desk 2's papers are 2.1,
2.2, …, so no block can run out). The series letters of Forms 02, 03, 04, 06 and 07 are those printed on the forms;
Forms 01 and 05 print no series letters on the template, so theirs are the desk's choice.
"""

from __future__ import annotations

import re
from enum import StrEnum

from desk_app.domain.codes import sequence_block
from desk_app.domain.errors import InvalidField


class PaperKind(StrEnum):
    RECEIPT = "01"
    SUPPLEMENT = "02"
    REFUSAL = "03"
    APOLOGY = "04"
    STOPPED = "05"
    CONTROL_SLIP = "06"
    TRACKING_BOOK = "07"

    @property
    def series(self) -> str:
        return _SERIES[self]

    @property
    def paper_name(self) -> str:
        return _TITLES[self]

    @property
    def with_unit(self) -> bool:
        """Whether the number ends with the issuing unit's short name ("…/PBS-TTPVHCC")."""
        return self is not PaperKind.APOLOGY  # Form 04 is the processing body's letter


_SERIES = {
    PaperKind.RECEIPT: "TNHS",
    PaperKind.SUPPLEMENT: "PBS",
    PaperKind.REFUSAL: "PTC",
    PaperKind.APOLOGY: "PXL",
    PaperKind.STOPPED: "TBDGQ",
    PaperKind.CONTROL_SLIP: "PKS",
    PaperKind.TRACKING_BOOK: "STD",
}

_TITLES = {
    PaperKind.RECEIPT: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    PaperKind.SUPPLEMENT: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    PaperKind.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    PaperKind.APOLOGY: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    PaperKind.STOPPED: "Thông báo dừng giải quyết hồ sơ",
    PaperKind.CONTROL_SLIP: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    PaperKind.TRACKING_BOOK: "Sổ theo dõi hồ sơ",
}

_UNIT_CODE = re.compile(r"[A-ZĐ0-9]{1,20}")


def validate_unit_code(code: str) -> str:
    """The unit's short name on paper numbers ("BPMC", "TTPVHCC"): capitals and digits."""
    code = code.strip().upper()
    if not _UNIT_CODE.fullmatch(code):
        raise InvalidField(
            "Tên viết tắt của đơn vị chỉ gồm chữ in hoa và chữ số (ví dụ BPMC, TTPVHCC).",
            field="unit_code",
        )
    return code


def paper_number(kind: PaperKind, desk: int, seq: int, unit_code: str) -> str:
    """How a paper's number prints: ``2.15/PBS-TTPVHCC`` (desk 2's 15th Form 02 of the year)."""
    sequence_block(desk)  # the same check of the desk number
    tail = f"-{unit_code}" if kind.with_unit and unit_code else ""
    return f"{desk}.{seq}/{kind.series}{tail}"


def next_paper_seq(last: int | None) -> int:
    """The number after ``last`` in a desk's series for the year (1 for the first)."""
    return 1 if last is None else last + 1


def book_volume(year: int, sector: str) -> str:
    """The tracking book a dossier is entered in: one book per sector (lĩnh vực) a year,
    "2026 - Hộ tịch" (printed on Form 01 as "Quyển số")."""
    return f"{year} - {sector}"
