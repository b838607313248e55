"""Plain records of dossiers as stored and listed (no SQL types; shared by all layers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk_app.domain.dossier import Channel, ComponentEntry, Person, Status
from desk_app.domain.lifecycle import LifecycleState


@dataclass(frozen=True)
class DigitisedCounts:
    """A dossier's digitisation indicators (kept with it so reports stay fast)."""

    components_digitised: int = 0
    components_reused: int = 0
    result_digitised: bool = False


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
    channel: Channel = Channel.DIRECT
    # Its life so far; None for a dossier just received. The demo and sync give it whole.
    life: LifecycleState | None = None
    digitised: DigitisedCounts = field(default_factory=DigitisedCounts)

    def __post_init__(self) -> None:
        if self.life is not None and self.life.status is not self.status:
            raise ValueError("a dossier's status and its life's status differ")

    @property
    def state(self) -> LifecycleState:
        """The lifecycle state (a fresh one for a dossier just received)."""
        if self.life is not None:
            return self.life
        return LifecycleState(
            status=self.status,
            received_at=self.received_at,
            due_at=self.due_at,
            deadline_at=self.due_at,
            applicant_id_number=self.applicant.id_number,
            principal_id_number=self.principal.id_number if self.principal else None,
        )


@dataclass(frozen=True, kw_only=True)
class DossierRecord(NewDossier):
    """One dossier as read back: what intake wrote, with its id, prints and life so far."""

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
    deadline_at: datetime
    settled_at: datetime | None
    returned_at: datetime | None


@dataclass(frozen=True)
class DossierFilter:
    """Filters of the dossier list; ``now`` decides what "late" and "due today" mean.

    ``statuses``, ``due_from``/``due_before`` and ``deadline_before`` are what the Today
    page's lists are made of (the service computes their bounds from the calendar).
    """

    status: Status | None = None
    procedure_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    due_today: bool = False
    late: bool = False
    now: datetime | None = None
    statuses: tuple[Status, ...] = ()
    due_from: datetime | None = None
    due_before: datetime | None = None
    deadline_before: datetime | None = None


@dataclass(frozen=True)
class KnownApplicant:
    person: Person
    updated_at: datetime
    dossier_count: int


@dataclass(frozen=True)
class StoredEvent:
    """One row of a dossier's history, as stored."""

    id: int
    at: datetime
    officer_id: int
    officer_name: str
    kind: str
    from_status: int | None
    to_status: int | None
    reason: str
    details: dict[str, Any]
