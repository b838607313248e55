"""Dossiers: statuses, the draft an officer fills in, and its validation.

A draft holds what was typed, as strings; ``validate_draft`` turns it into a
``ValidIntake`` (typed, NFC, checked) or raises ``DraftInvalid`` listing every field
error at once, so the form can show each one next to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum, StrEnum
from typing import TypeVar

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.catalogue import CopyKind, Fee, Procedure
from desk_app.domain.errors import ClockWrong, DeskError, DraftInvalid, FieldError
from desk_app.domain.fee_amounts import ProvinceAmount
from desk_app.domain.fees import FeeQuote, OriginalLine, check_exemption, check_originals, quote
from desk_app.domain.identity import (
    IdKind,
    normalise_email,
    normalise_phone,
    parse_id_number,
    parse_identifier,
    parse_vn_date,
)
from desk_app.domain.text import clean_line

T = TypeVar("T")

# Limits generous enough for real papers, small enough for one line of the receipt.
MAX_NAME = 120
MAX_ADDRESS = 300
MAX_COMPONENT_NAME = 300
MAX_NOTE = 500
MAX_SETS = 50
MAX_COMPONENT_COUNT = 99
MAX_PAGES = 2000

# The legal basis of this software (Decree 118/2025) is in force from this date; a clock
# earlier than that is wrong, and so is a clock behind the last recorded dossier.
EARLIEST_PLAUSIBLE = datetime(2025, 7, 1, tzinfo=VN_TZ)
CLOCK_TOLERANCE = timedelta(minutes=10)


class Status(IntEnum):
    """National portal status codes (domain.md). "Late" is derived, never a status."""

    SUBMITTED_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    IN_PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    FEES_REQUIRED = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STATUSES


_STATUS_LABELS = {
    Status.SUBMITTED_ONLINE: "Nộp trực tuyến",
    Status.RECEIVED: "Đã tiếp nhận",
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.IN_PROCESSING: "Đang giải quyết",
    Status.SUPPLEMENT_REQUESTED: "Chờ bổ sung",
    Status.FEES_REQUIRED: "Chờ nộp phí",
    Status.WITHDRAWN: "Công dân rút hồ sơ",
    Status.STOPPED: "Dừng giải quyết",
    Status.RESULT_READY: "Có kết quả, chờ trả",
    Status.RETURNED: "Đã trả kết quả",
}
CLOSED_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})
# Statuses in which the processing clock runs (a paused or finished dossier's does not;
# nor does one waiting for the applicant's fees, status 6: docs/rules/deadlines.md).
RUNNING_STATUSES = frozenset({Status.SUBMITTED_ONLINE, Status.RECEIVED, Status.IN_PROCESSING})
FINISHED_STATUSES = frozenset({Status.RESULT_READY, Status.RETURNED})  # ended with a result


class Channel(StrEnum):
    """How the dossier reached the commune (the reports count each)."""

    DIRECT = "direct"
    ONLINE = "online"
    POST = "post"

    @property
    def label(self) -> str:
        return {"direct": "Trực tiếp", "online": "Trực tuyến", "post": "Qua bưu chính"}[self.value]


def is_late(
    status: Status, deadline_at: datetime, settled_at: datetime | None, now: datetime
) -> bool:
    """Late = finished (result ready or returned) after the deadline, or running past it.

    Paused (waiting for a supplement) and refused, withdrawn or stopped dossiers are not
    late. The deadline is the original appointment moved only by a supplement wait.
    """
    if status in FINISHED_STATUSES:
        return settled_at is not None and settled_at > deadline_at
    return status in RUNNING_STATUSES and now > deadline_at


@dataclass
class PersonDraft:
    """A person as typed into the form (applicant, or the principal who authorised them)."""

    full_name: str = ""
    id_number: str = ""
    birth_date: str = ""
    sex: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    id_kind: str = IdKind.PERSONAL.value  # personal, organisation (tax code) or passport


@dataclass
class ComponentDraft:
    name: str
    copy_kind: str
    count: int = 1
    received: bool = True
    spec_key: str | None = None  # None for a paper the officer added by hand


@dataclass
class OriginalDraft:
    """An original paper to certify, as typed: its pages and the copies wanted of it."""

    name: str = "Bản chính"
    pages: int | None = None
    copies: int | None = 1


@dataclass
class DossierDraft:
    procedure_code: str = ""
    applicant: PersonDraft = field(default_factory=PersonDraft)
    principal: PersonDraft | None = None  # set when a delegate submits for someone
    authorisation: str = ""  # the authorisation paper (giấy ủy quyền), when delegated
    components: list[ComponentDraft] = field(default_factory=list)
    sets_count: int = 1
    pages: int | None = None  # for fees charged per page (one original; see ``originals``)
    result_location: str = ""
    note: str = ""
    channel: str = "direct"  # how it reached the desk: direct, or by post
    # Certification of several originals at once: pages and copies of each (the number of
    # sets above is how many dossiers, never how many copies).
    originals: list[OriginalDraft] = field(default_factory=list)
    fee_exemption: str = ""  # the legal reason when the fee is waived


@dataclass(frozen=True)
class Person:
    full_name: str
    id_number: str
    birth_date: date | None
    sex: str
    address: str
    phone: str
    email: str
    id_kind: IdKind = IdKind.PERSONAL

    @property
    def is_organisation(self) -> bool:
        return self.id_kind is IdKind.ORGANISATION


@dataclass(frozen=True)
class ComponentEntry:
    position: int
    name: str
    copy_kind: CopyKind
    count: int
    received: bool
    spec_key: str | None


@dataclass(frozen=True)
class ValidIntake:
    procedure: Procedure
    applicant: Person
    principal: Person | None
    authorisation: str
    components: tuple[ComponentEntry, ...]
    sets_count: int
    pages: int | None
    fee: Fee
    result_location: str
    note: str
    channel: Channel = Channel.DIRECT
    originals: tuple[OriginalLine, ...] = ()
    fee_quote: FeeQuote | None = None


def components_for(procedure: Procedure) -> list[ComponentDraft]:
    """The checklist a new draft starts with: every paper the procedure lists."""
    return [
        ComponentDraft(
            name=spec.name,
            copy_kind=spec.copy_kind.value,
            count=spec.count,
            received=spec.required,
            spec_key=spec.key,
        )
        for spec in procedure.components
    ]


class _Collector:
    """Runs field checks, keeping every error instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def check(self, fn: Callable[[], T], default: T) -> T:
        try:
            return fn()
        except DeskError as err:
            self.errors.append(FieldError(err.field or "", err.message))
            return default


def _person(c: _Collector, raw: PersonDraft, prefix: str, today: date) -> Person:
    try:
        kind = IdKind(raw.id_kind or IdKind.PERSONAL.value)
    except ValueError:
        c.errors.append(
            FieldError(f"{prefix}.id_kind", "Chọn loại giấy tờ: cá nhân, tổ chức hay hộ chiếu.")
        )
        kind = IdKind.PERSONAL
    name = c.check(
        lambda: clean_line(
            raw.full_name,
            field=f"{prefix}.full_name",
            label="Tên tổ chức" if kind.is_organisation else "Họ và tên",
            max_len=MAX_NAME,
            required=True,
        ),
        "",
    )
    if kind is not IdKind.PERSONAL:
        return _other_applicant(c, raw, prefix, today, kind, name)
    info = c.check(
        lambda: parse_id_number(raw.id_number, today=today, field=f"{prefix}.id_number"), None
    )
    birth: date | None = None
    if raw.birth_date.strip():
        birth = c.check(
            lambda: parse_vn_date(raw.birth_date, field=f"{prefix}.birth_date", label="Ngày sinh"),
            None,
        )
        if birth is not None and birth > today:
            c.errors.append(FieldError(f"{prefix}.birth_date", "Ngày sinh sau ngày hôm nay."))
        elif birth is not None and info is not None and birth.year != info.birth_year:
            c.errors.append(
                FieldError(
                    f"{prefix}.id_number",
                    f"Số định danh cho năm sinh {info.birth_year}, khác năm sinh đã nhập "
                    f"({birth.year}).",
                )
            )
    sex = raw.sex.strip()
    if sex and info is not None and sex != info.sex:
        c.errors.append(
            FieldError(f"{prefix}.sex", f"Số định danh này là của người giới tính {info.sex}.")
        )
    address, phone, email = _contact(c, raw, prefix, kind)
    return Person(
        full_name=name,
        id_number=info.number if info else "",
        birth_date=birth,
        sex=sex or (info.sex if info else ""),
        address=address,
        phone=phone,
        email=email,
    )


def _other_applicant(
    c: _Collector, raw: PersonDraft, prefix: str, today: date, kind: IdKind, name: str
) -> Person:
    """An organisation (tax code; no birth date or sex) or a foreigner (passport number)."""
    number = c.check(
        lambda: parse_identifier(kind, raw.id_number, today=today, field=f"{prefix}.id_number"),
        "",
    )
    birth: date | None = None
    if kind is IdKind.PASSPORT and raw.birth_date.strip():
        birth = c.check(
            lambda: parse_vn_date(raw.birth_date, field=f"{prefix}.birth_date", label="Ngày sinh"),
            None,
        )
        if birth is not None and birth > today:
            c.errors.append(FieldError(f"{prefix}.birth_date", "Ngày sinh sau ngày hôm nay."))
    address, phone, email = _contact(c, raw, prefix, kind)
    sex = "" if kind.is_organisation else raw.sex.strip()
    return Person(name, number, birth, sex, address, phone, email, kind)


def _contact(c: _Collector, raw: PersonDraft, prefix: str, kind: IdKind) -> tuple[str, str, str]:
    """Address (a head office's for an organisation), phone and e-mail, checked."""
    address = c.check(
        lambda: clean_line(
            raw.address,
            field=f"{prefix}.address",
            label="Địa chỉ trụ sở" if kind.is_organisation else "Địa chỉ",
            max_len=MAX_ADDRESS,
            required=True,
        ),
        "",
    )
    phone = c.check(lambda: normalise_phone(raw.phone, field=f"{prefix}.phone"), "")
    email = c.check(lambda: normalise_email(raw.email, field=f"{prefix}.email"), "")
    return address, phone, email


def validate_person(raw: PersonDraft, *, today: date, prefix: str = "applicant") -> Person:
    """One person (or organisation) as typed, checked alone; ``DraftInvalid`` on any error
    (e.g. who is refused at the counter, where there is no dossier to validate)."""
    c = _Collector()
    person = _person(c, raw, prefix, today)
    if c.errors:
        raise DraftInvalid(c.errors)
    return person


def validate_draft(
    draft: DossierDraft,
    procedure: Procedure | None,
    *,
    today: date,
    unknown_procedure: str = "",
    province: ProvinceAmount | None = None,
) -> ValidIntake:
    """Check every field of ``draft`` against ``procedure``; raise ``DraftInvalid`` on any error.

    ``procedure`` is None when the draft names none (or one not in the catalogue); that is
    reported with ``unknown_procedure`` as its message, together with every other error.
    ``province``: the amount the desk has for a fee the province sets (none: the dossier is
    received all the same, its fee taken once the amount is set).
    """
    c = _Collector()
    if procedure is None:
        c.errors.append(
            FieldError("procedure", unknown_procedure or "Chưa chọn thủ tục hành chính.")
        )
    applicant = _person(c, draft.applicant, "applicant", today)
    principal = _person(c, draft.principal, "principal", today) if draft.principal else None
    authorisation = ""
    if draft.principal is not None:
        authorisation = c.check(
            lambda: clean_line(
                draft.authorisation,
                field="authorisation",
                label="Giấy ủy quyền",
                max_len=MAX_COMPONENT_NAME,
                required=True,
            ),
            "",
        )
    components: list[ComponentEntry] = []
    for index, comp in enumerate(draft.components):
        key = f"components.{index}"
        name = c.check(
            lambda comp=comp, key=key: clean_line(  # type: ignore[misc]
                comp.name,
                field=key,
                label="Tên thành phần hồ sơ",
                max_len=MAX_COMPONENT_NAME,
                required=True,
            ),
            "",
        )
        if not 1 <= comp.count <= MAX_COMPONENT_COUNT:
            c.errors.append(FieldError(key, f"Số lượng phải từ 1 đến {MAX_COMPONENT_COUNT}."))
        try:
            kind = CopyKind(comp.copy_kind)
        except ValueError:
            c.errors.append(FieldError(key, "Chọn bản chính hoặc bản sao."))
            kind = CopyKind.ORIGINAL
        components.append(
            ComponentEntry(index + 1, name, kind, comp.count, comp.received, comp.spec_key)
        )
    received_keys = {e.spec_key for e in components if e.received}
    specs = procedure.components if procedure else ()
    missing = [s.name for s in specs if s.required and s.key not in received_keys]
    if missing:
        c.errors.append(
            FieldError(
                "components",
                "Chưa nhận đủ thành phần bắt buộc: "
                + "; ".join(missing)
                + ". Hãy yêu cầu công dân bổ sung ngay hoặc đánh dấu đã nhận.",
            )
        )
    if not 1 <= draft.sets_count <= MAX_SETS:
        c.errors.append(FieldError("sets_count", f"Số bộ hồ sơ phải từ 1 đến {MAX_SETS}."))
    pages = draft.pages
    needs_pages = procedure is not None and procedure.fee.needs_pages
    originals, original_errors = check_originals(
        (o.name, o.pages, o.copies) for o in draft.originals
    )
    c.errors.extend(original_errors)
    if needs_pages and draft.originals:
        pages = sum(o.pages for o in originals) or None
    elif needs_pages and not (pages and 1 <= pages <= MAX_PAGES):
        c.errors.append(FieldError("pages", f"Nhập số trang cần chứng thực (1 đến {MAX_PAGES})."))
    exemption = (
        c.check(lambda: check_exemption(procedure.fee, draft.fee_exemption), "")
        if procedure is not None
        else ""
    )
    location = c.check(
        lambda: clean_line(
            draft.result_location,
            field="result_location",
            label="Nơi nhận kết quả",
            max_len=MAX_ADDRESS,
            required=False,
        ),
        "",
    )
    note = c.check(
        lambda: clean_line(
            draft.note, field="note", label="Ghi chú", max_len=MAX_NOTE, required=False
        ),
        "",
    )
    try:
        channel = Channel(draft.channel)
    except ValueError:
        c.errors.append(FieldError("channel", "Chọn hình thức nộp: trực tiếp hoặc qua bưu chính."))
        channel = Channel.DIRECT
    if c.errors:
        raise DraftInvalid(c.errors)
    assert procedure is not None  # a missing procedure is an error above
    fee_quote = quote(
        procedure.fee,
        sets=draft.sets_count,
        originals=originals if needs_pages else (),
        pages=pages,
        exemption=exemption,
        province=province,
    )
    return ValidIntake(
        procedure=procedure,
        applicant=applicant,
        principal=principal,
        authorisation=authorisation,
        components=tuple(components),
        sets_count=draft.sets_count,
        pages=pages if needs_pages else None,
        fee=Fee(fee_quote.total, fee_quote.text),
        result_location=location,
        note=note,
        channel=channel,
        originals=tuple(originals) if needs_pages else (),
        fee_quote=fee_quote,
    )


def check_clock(now: datetime, last_recorded: datetime | None) -> None:
    """Refuse to issue dates and codes when the clock is obviously wrong."""
    if now < EARLIEST_PLAUSIBLE:
        raise ClockWrong(
            f"Đồng hồ máy tính đang chỉ ngày {now:%d/%m/%Y}, không thể đúng. "
            "Hãy chỉnh lại ngày giờ của máy trước khi tiếp nhận hồ sơ."
        )
    if last_recorded is not None and now < last_recorded - CLOCK_TOLERANCE:
        raise ClockWrong(
            f"Đồng hồ máy tính ({now:%H:%M %d/%m/%Y}) đang chậm hơn hồ sơ đã tiếp nhận gần nhất "
            f"({last_recorded:%H:%M %d/%m/%Y}). Hãy chỉnh lại ngày giờ của máy."
        )
