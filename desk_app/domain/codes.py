"""Dossier codes (mã hồ sơ) and agency electronic codes (docs/rules/codes.md).

Default format, Circular 01/2018 Art. 19 (the same in Circular 03/2025, not re-read): ``<agency
code>-<YYMMDD>-<NNNN>``, the daily sequence four digits from 0001, e.g.
``H26.031.05-260315-0001``.
The format is a template because Circular 04/2025 adds a shape for centralised systems.

Offline desks must never issue the same code, so the daily sequence space of a commune is
shared out in blocks of a thousand: desk 1 owns 0001–0999, desk d ≥ 2 owns d001–d999
(desk 2: 2001–2999; desks 10–99 five digits, 10001–10999 …: Circular 04/2025 asks for at
least four). Up to 2026 desk 1 owned 1001–1999; no desk ever issued 0001–0999 then and no
other desk ever owns 1001–1999, so the move can clash with nothing: a desk that already
numbered today in its old block finishes the day there (``next_sequence``) and the
district server takes both (``in_desk_space``).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desk_app.domain.errors import DailySequenceExhausted, InvalidField

DEFAULT_TEMPLATE = "{agency}-{yymmdd}-{seq}"
BLOCK_SIZE = 1000
MAX_DESK = 99

_AGENCY_CODE = re.compile(r"[0-9A-Z]+(\.[0-9A-Z]+)*")
# Decision 20/2020/QĐ-TTg: the level-1 code (a group letter and two digits: G ministries,
# H provincial people's committees, …) is the leftmost group, lower levels follow.
_LEVEL1_LEFT = re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]+)*")
# The older layout of the same codes (Circular 01/2018's example ``000.00.12.H12``): three
# numeric groups and the level-1 code rightmost. Still accepted so that no configured desk
# and no issued code stops working.
_LEVEL1_RIGHT = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}")
# Circular 04/2025/TT-VPCP, the code of a dossier in a centralised system names the
# resolving agency as MX1X2.Y1Y2Y3.Z1Z2 (level 1, level 2, level 3).
_RESOLVER = re.compile(r"[A-Z][0-9]{2}\.[0-9]{3}\.[0-9]{2}")
LEGACY_BLOCK_DESK = 1  # the desk whose block moved (1001–1999 → 0001–0999)
_PLACEHOLDERS = {"agency", "yymmdd", "yyyymmdd", "seq", "desk"}
_LITERAL = re.compile(r"[0-9A-Za-z._-]*")


def validate_agency_code(code: str) -> str:
    """An agency electronic code (Decision 20/2020/QĐ-TTg): ≤ 35 characters, dot-separated
    groups of 0-9 A-Z, the level-1 code (letter and two digits) leftmost, e.g. ``H26.31.05``;
    or the older layout with the level-1 code rightmost, ``000.00.31.H26``."""
    text = code.strip().upper()
    if (
        not text
        or len(text) > 35
        or not _AGENCY_CODE.fullmatch(text)
        or not (_LEVEL1_LEFT.fullmatch(text) or _LEVEL1_RIGHT.fullmatch(text))
    ):
        raise InvalidField(
            "Mã định danh cơ quan (Quyết định 20/2020/QĐ-TTg) bắt đầu bằng mã cấp 1 (một chữ "
            "in hoa và hai chữ số, ví dụ H26), tiếp theo là các nhóm chữ số hoặc chữ in hoa "
            "cách nhau bằng dấu chấm, tối đa 35 ký tự (ví dụ H26.31.05; dạng cũ 000.00.31.H26 "
            "vẫn được nhận).",
            field="agency_code",
        )
    return text


def level1_code(agency_code: str) -> str:
    """The level-1 code of a valid agency code, whichever layout it is written in."""
    text = validate_agency_code(agency_code)
    return text.split(".")[-1] if _LEVEL1_RIGHT.fullmatch(text) else text.split(".")[0]


class AgencyLayout(StrEnum):
    RESOLVER_2025 = "tt04_2025"  # Circular 04/2025: MX1X2.Y1Y2Y3.Z1Z2, the resolving agency
    DECISION_2020 = "qd20_2020"  # level-1 code leftmost, other groups free
    LEGACY = "legacy"  # 000.00.31.H26, level-1 code rightmost

    @property
    def label(self) -> str:
        return {
            "tt04_2025": "Thông tư 04/2025/TT-VPCP (MX1X2.Y1Y2Y3.Z1Z2)",
            "qd20_2020": "Quyết định 20/2020/QĐ-TTg",
            "legacy": "dạng cũ (mã cấp 1 ở cuối)",
        }[self.value]


def agency_layout(agency_code: str) -> AgencyLayout:
    """Which layout a valid agency code is written in (the dossier code's prefix, so in the
    Circular 04/2025 layout the dossier code carries the resolving agency)."""
    text = validate_agency_code(agency_code)
    if _RESOLVER.fullmatch(text):
        return AgencyLayout.RESOLVER_2025
    return AgencyLayout.LEGACY if _LEVEL1_RIGHT.fullmatch(text) else AgencyLayout.DECISION_2020


def sequence_block(desk: int) -> range:
    """The daily sequence numbers desk ``desk`` issues: desk 1 → 1..999, desk 2 → 2001..2999."""
    if not 1 <= desk <= MAX_DESK:
        raise InvalidField(f"Số hiệu quầy phải từ 1 đến {MAX_DESK}.", field="desk_number")
    if desk == LEGACY_BLOCK_DESK:
        return range(1, BLOCK_SIZE)
    return range(desk * BLOCK_SIZE + 1, (desk + 1) * BLOCK_SIZE)


def legacy_block(desk: int) -> range:
    """The block desk ``desk`` numbered in before desk 1 moved to 0001 (its own block for
    every other desk)."""
    sequence_block(desk)  # the same check of the desk number
    return range(desk * BLOCK_SIZE + 1, (desk + 1) * BLOCK_SIZE)


def in_desk_space(desk: int, number: int) -> bool:
    """Whether ``number`` is one desk ``desk`` may have issued (its block, now or before)."""
    return number in sequence_block(desk) or number in legacy_block(desk)


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
    """The number after ``last_issued`` in this desk's block for the day.

    A desk that numbered today in its old block (before the upgrade) goes on there until
    the day ends, so one day's numbers of a desk never restart and never repeat.
    """
    block = sequence_block(desk)
    if last_issued is not None and last_issued in legacy_block(desk):
        block = legacy_block(desk)
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
