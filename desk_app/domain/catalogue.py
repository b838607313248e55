"""The procedure catalogue: procedures, their required components, times and fees.

The catalogue is versioned data (it changes by decree); a dossier records the version in
force when it was received. ``parse_catalogue`` checks a catalogue document (the JSON in
``resources/catalogue/``) and turns it into typed values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Any

from desk_app.domain.calendar import ProcessingKind, ProcessingTime
from desk_app.domain.deadlines import SupplementRule
from desk_app.domain.errors import InvalidCatalogue
from desk_app.domain.text import fold, nfc


class CopyKind(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    CERTIFIED_COPY = "certified_copy"
    ORIGINAL_OR_CERTIFIED_COPY = "original_or_certified_copy"

    @property
    def label(self) -> str:
        return _COPY_LABELS[self]


_COPY_LABELS = {
    CopyKind.ORIGINAL: "Bản chính",
    CopyKind.COPY: "Bản sao",
    CopyKind.CERTIFIED_COPY: "Bản sao chứng thực",
    CopyKind.ORIGINAL_OR_CERTIFIED_COPY: "Bản chính hoặc bản sao chứng thực",
}


class FeeKind(StrEnum):
    FREE = "free"
    FIXED = "fixed"
    PER_PAGE = "per_page"  # certified copies: per page, cheaper from a given page, capped
    BY_CHANNEL = "by_channel"  # different amounts at the desk and online
    SET_BY_PROVINCE = "set_by_province"


@dataclass(frozen=True)
class FeeRule:
    kind: FeeKind
    amount: int = 0  # FIXED, or BY_CHANNEL at the desk
    first_pages: int = 0  # PER_PAGE: pages charged at first_rate
    first_rate: int = 0
    rate: int = 0
    cap: int = 0  # PER_PAGE: maximum per copy
    note: str = ""
    # Legal reasons the fee may be waived at the counter (empty: the officer types one)
    exemptions: tuple[str, ...] = ()

    @property
    def needs_pages(self) -> bool:
        return self.kind is FeeKind.PER_PAGE


@dataclass(frozen=True)
class Fee:
    amount: int | None  # None when the amount is set elsewhere (province) or unknown yet
    text: str


def format_money(amount: int) -> str:
    """``12000`` → ``12.000 đ`` (Vietnamese grouping)."""
    return f"{amount:,} đ".replace(",", ".")


def compute_fee(rule: FeeRule, *, sets: int, pages: int | None) -> Fee:
    """The fee for ``sets`` copies (bộ) of a dossier, ``pages`` pages each when it matters."""
    if rule.kind is FeeKind.FREE:
        return Fee(0, "Miễn phí" + (f" ({rule.note})" if rule.note else ""))
    if rule.kind is FeeKind.FIXED:
        total = rule.amount * sets
        return Fee(total, format_money(total))
    if rule.kind is FeeKind.BY_CHANNEL:
        total = rule.amount * sets
        return Fee(total, f"{format_money(total)} (nộp trực tiếp)")
    if rule.kind is FeeKind.PER_PAGE:
        if not pages:
            return Fee(None, "Nhập số trang để tính phí")
        first = min(pages, rule.first_pages)
        per_copy = first * rule.first_rate + (pages - first) * rule.rate
        if rule.cap:
            per_copy = min(per_copy, rule.cap)
        total = per_copy * sets
        return Fee(total, f"{format_money(total)} ({pages} trang × {sets} bản)")
    return Fee(None, rule.note or "Theo mức thu của tỉnh")


@dataclass(frozen=True)
class ComponentSpec:
    """A paper the procedure asks for (thành phần hồ sơ)."""

    key: str  # stable within the procedure, e.g. "to-khai"
    name: str
    copy_kind: CopyKind
    required: bool = True
    count: int = 1


@dataclass(frozen=True)
class Procedure:
    code: str  # national code, e.g. "1.001193"
    name: str
    sector: str
    processing: ProcessingTime
    fee: FeeRule
    components: tuple[ComponentSpec, ...]
    performed_by: str
    source: str
    # After a supplement the period pauses (default) or runs again from the supplement's
    # reception: the catalogue entry's ``processing.after_supplement``.
    after_supplement: SupplementRule = SupplementRule.PAUSE

    @property
    def folded(self) -> str:
        return fold(f"{self.code} {self.name} {self.sector}")


@dataclass(frozen=True)
class Catalogue:
    version: str
    published: str
    source: str
    procedures: tuple[Procedure, ...]

    def find(self, code: str) -> Procedure | None:
        return next((p for p in self.procedures if p.code == code), None)


_PROCEDURE_CODE = re.compile(r"\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z0-9]+)?")


def parse_catalogue(document: dict[str, Any]) -> Catalogue:
    """Check and type a catalogue document; raises :class:`InvalidCatalogue` naming the fault."""
    try:
        procedures = tuple(_parse_procedure(p) for p in document["procedures"])
        catalogue = Catalogue(
            version=_text(document["version"]),
            published=_text(document["published"]),
            source=_text(document["source"]),
            procedures=procedures,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise InvalidCatalogue(f"Danh mục thủ tục không hợp lệ: {err!r}") from None
    codes = [p.code for p in procedures]
    if len(set(codes)) != len(codes):
        raise InvalidCatalogue("Danh mục thủ tục có mã thủ tục trùng nhau.")
    return catalogue


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a non-empty string, got {value!r}")
    return nfc(value.strip())


def _parse_procedure(raw: dict[str, Any]) -> Procedure:
    code = _text(raw["code"])
    if not _PROCEDURE_CODE.fullmatch(code):
        raise ValueError(f"procedure code {code!r} is not of the form X.NNNNNN")
    proc = raw["processing"]
    kind = ProcessingKind(proc["kind"])
    cutoff = proc.get("cutoff")
    processing = ProcessingTime(
        kind=kind,
        days=float(proc.get("days", 0)),
        cutoff=time.fromisoformat(cutoff) if cutoff else None,
    )
    fee_raw = raw["fee"]
    fee = FeeRule(
        kind=FeeKind(fee_raw["kind"]),
        amount=int(fee_raw.get("amount", 0)),
        first_pages=int(fee_raw.get("first_pages", 0)),
        first_rate=int(fee_raw.get("first_rate", 0)),
        rate=int(fee_raw.get("rate", 0)),
        cap=int(fee_raw.get("cap", 0)),
        note=nfc(fee_raw.get("note", "")),
        exemptions=tuple(_text(e) for e in fee_raw.get("exemptions", ())),
    )
    if any(
        isinstance(fee_raw.get(k), float | bool)
        for k in ("amount", "first_pages", "first_rate", "rate", "cap")
    ):
        raise ValueError(f"procedure {code}: fee amounts are whole đồng, never fractions")
    components = tuple(
        ComponentSpec(
            key=_text(c["key"]),
            name=_text(c["name"]),
            copy_kind=CopyKind(c["copy"]),
            required=bool(c.get("required", True)),
            count=int(c.get("count", 1)),
        )
        for c in raw["components"]
    )
    if not components:
        raise ValueError(f"procedure {code} lists no components")
    return Procedure(
        code=code,
        name=_text(raw["name"]),
        sector=_text(raw["sector"]),
        processing=processing,
        fee=fee,
        components=components,
        performed_by=_text(raw["performed_by"]),
        source=_text(raw["source"]),
        after_supplement=SupplementRule(proc.get("after_supplement", SupplementRule.PAUSE.value)),
    )
