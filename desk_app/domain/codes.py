"""Dossier codes (mã hồ sơ).

Default format, Circular 01/2018 Art. 19: ``<agency code>-<YYMMDD>-<NNNN>``, e.g.
``000.00.12.H12-240315-1001``. The format is a template because the 2025 rules add other
shapes for centralised systems. Offline desks must never issue the same code: each desk
owns a block of the daily sequence (desk 1: 1001–1999, desk 2: 2001–2999, …).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from desk_app.domain.errors import DailySequenceExhausted, InvalidField

DEFAULT_TEMPLATE = "{agency}-{yymmdd}-{seq}"
BLOCK_SIZE = 1000
MAX_DESK = 99

_AGENCY_CODE = re.compile(r"[0-9A-Z]+(\.[0-9A-Z]+)*")
_PLACEHOLDERS = {"agency", "yymmdd", "yyyymmdd", "seq", "desk"}
_LITERAL = re.compile(r"[0-9A-Za-z._-]*")


def validate_agency_code(code: str) -> str:
    """An agency electronic code (Decision 20/2020/QĐ-TTg): ≤ 35 chars, dot groups of 0-9 A-Z."""
    text = code.strip().upper()
    if not text or len(text) > 35 or not _AGENCY_CODE.fullmatch(text):
        raise InvalidField(
            "Mã định danh cơ quan gồm các nhóm chữ số và chữ in hoa cách nhau bằng dấu chấm, "
            "tối đa 35 ký tự (ví dụ 000.00.12.H12).",
            field="agency_code",
        )
    return text


def sequence_block(desk: int) -> range:
    """The daily sequence numbers desk ``desk`` may issue: desk 2 → 2001..2999."""
    if not 1 <= desk <= MAX_DESK:
        raise InvalidField(f"Số hiệu quầy phải từ 1 đến {MAX_DESK}.", field="desk_number")
    return range(desk * BLOCK_SIZE + 1, (desk + 1) * BLOCK_SIZE)


def numbering_mismatch(commune: str, desk: int, issued_commune: str, issued_desk: int) -> str:
    """Why a desk that has numbered dossiers as desk ``issued_desk`` of ``issued_commune``
    cannot be enrolled as desk ``desk`` of ``commune`` (its codes would collide)."""
    return (
        f"Mã đăng ký này dành cho quầy {desk} của xã {commune}, nhưng quầy này đã cấp mã hồ "
        f"sơ với tư cách quầy {issued_desk} của xã {issued_commune}: hai quầy sẽ trùng mã hồ "
        f"sơ. Hãy xin quản trị máy chủ mã đăng ký cho quầy {issued_desk} của xã "
        f"{issued_commune}, hoặc đăng ký trên máy chưa tiếp nhận hồ sơ nào."
    )


def next_sequence(desk: int, last_issued: int | None) -> int:
    """The number after ``last_issued`` in this desk's block for the day."""
    block = sequence_block(desk)
    candidate = block.start if last_issued is None else last_issued + 1
    if candidate not in block:
        raise DailySequenceExhausted(
            f"Quầy {desk} đã dùng hết {len(block)} số hồ sơ của ngày hôm nay. "
            "Hãy tiếp nhận ở quầy khác hoặc liên hệ quản trị để cấp thêm số hiệu quầy."
        )
    return candidate


@dataclass(frozen=True)
class CodeTemplate:
    pattern: str = DEFAULT_TEMPLATE

    def __post_init__(self) -> None:
        parts = list(string.Formatter().parse(self.pattern))
        names = {name for _, name, _, _ in parts if name}
        if "seq" not in names or not names <= _PLACEHOLDERS:
            raise InvalidField(
                "Mẫu mã hồ sơ phải chứa {seq} và chỉ dùng {agency}, {yymmdd}, {yyyymmdd}, "
                "{seq}, {desk}.",
                field="code_template",
            )
        # What the district server takes as a desk's code (district_server.entry_checks):
        # the commune's agency code first, the desk's sequence number last.
        literals = "".join(text for text, _, _, _ in parts)
        if (
            not self.pattern.startswith("{agency}-")
            or not self.pattern.endswith("-{seq}")
            or not _LITERAL.fullmatch(literals)
            or any(spec or conversion for _, name, spec, conversion in parts if name)
        ):
            raise InvalidField(
                "Mẫu mã hồ sơ phải bắt đầu bằng «{agency}-», kết thúc bằng «-{seq}» và ngoài "
                "các trường chỉ có chữ, số, dấu chấm, gạch ngang (máy chủ cấp trên chỉ nhận mã "
                "như vậy), ví dụ {agency}-{yymmdd}-{seq}.",
                field="code_template",
            )

    def format(self, *, agency: str, day: date, seq: int, desk: int) -> str:
        return self.pattern.format(
            agency=agency,
            yymmdd=f"{day:%y%m%d}",
            yyyymmdd=f"{day:%Y%m%d}",
            seq=f"{seq:04d}",
            desk=desk,
        )


def code_key(code: str, agency: str) -> str:
    """The part of ``code`` after the agency prefix, which search indexes (``240315-1001``)."""
    prefix = f"{agency}-"
    return code[len(prefix) :] if code.startswith(prefix) else code


_DATE_SEQUENCE = re.compile(r"\d{6}-\d{4,}")


def code_key_in_query(query: str, agency: str) -> str | None:
    """The code key when ``query`` is a whole dossier code or its date-sequence part.

    That is what a QR or barcode scanner types, and it is answered by an exact lookup.
    """
    text = query.strip().upper()
    key = code_key(text, agency)
    return key if key != text or _DATE_SEQUENCE.fullmatch(text) else None
