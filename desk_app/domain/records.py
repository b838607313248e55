"""Plain records of dossiers as stored and listed (no SQL types; shared by all layers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.domain.dossier import ComponentEntry, Person, Status


@dataclass(frozen=True, kw_only=True)
class NewDossier:
    """Everything intake writes for one dossier, already validated."""

    uuid: str
    code: str
    code_key: str  # the code without the agency prefix; see domain.codes.code_key
    desk_number: int
    procedure_code: str
    catalogue_version: str
    status: Status
    received_at: datetime
    due_at: datetime
    applicant: Person
    principal: Person | None
    authorisation: str
    components: tuple[ComponentEntry, ...]
    sets_count: int
    pages: int | None
    fee_amount: int | None
    fee_text: str
    result_location: str
    note: str
    lookup_secret: str
    book_volume: str
    book_entry: int
    officer_id: int
    returned_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class DossierRecord(NewDossier):
    """One dossier as read back: what intake wrote, with its id and how often it was printed."""

    id: int
    receipt_prints: int


@dataclass(frozen=True)
class DossierRow:
    """The columns of the dossier list."""

    id: int
    code: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    procedure_code: str
    status: Status
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None


@dataclass(frozen=True)
class DossierFilter:
    """Filters of the dossier list; ``now`` decides what "late" and "due today" mean."""

    status: Status | None = None
    procedure_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    due_today: bool = False
    late: bool = False
    now: datetime | None = None


@dataclass(frozen=True)
class KnownApplicant:
    person: Person
    updated_at: datetime
    dossier_count: int
