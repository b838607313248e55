"""Receiving a dossier: validate, number, date, commit durably, then render the receipt."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

from desk_app.domain.audit import AuditAction
from desk_app.domain.calendar import DayOverride, OverrideKind, ProcessingTime, WorkCalendar
from desk_app.domain.calendar_days import (
    MAX_NOTE as MAX_DAY_NOTE,
)
from desk_app.domain.calendar_days import (
    BelievedDay,
    DaySource,
    believed_days,
    check_day_change,
)
from desk_app.domain.catalogue import Fee, FeeKind, Procedure
from desk_app.domain.codes import CodeTemplate, code_key, next_sequence
from desk_app.domain.counter import CounterRefusal, check_counter_refusal
from desk_app.domain.deadlines import effective_processing
from desk_app.domain.dossier import (
    ComponentDraft,
    DossierDraft,
    OriginalDraft,
    PersonDraft,
    Status,
    check_clock,
    validate_draft,
)
from desk_app.domain.errors import DraftInvalid, FieldError
from desk_app.domain.fee_amounts import ProvinceAmount
from desk_app.domain.fees import OriginalLine, quote
from desk_app.domain.identity import IdCardData, parse_id_card_qr
from desk_app.domain.ids import uuid7
from desk_app.domain.mrz import IdentityCheck
from desk_app.domain.officers import Permission
from desk_app.domain.papers import PaperKind
from desk_app.domain.papers import book_volume as tracking_book_volume
from desk_app.domain.records import DossierRecord, KnownApplicant, NewDossier
from desk_app.domain.text import clean_line
from desk_app.services.access import Session
from desk_app.services.audit import AuditService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.receipts import ReceiptService
from desk_app.services.settings import SettingsService
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.counter_store import CounterStore
from desk_app.storage.database import Storage
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.draft_store import DraftStore
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.paper_store import PaperStore
from desk_app.storage.settings_store import SettingsStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntakePreview:
    """What the form shows live while the officer types."""

    fee: Fee
    due_at: datetime
    processing: str


INTAKE_DRAFT = "intake"


@dataclass(frozen=True)
class KeptDraft:
    draft: DossierDraft
    saved_at: datetime


@dataclass(frozen=True)
class ReceivedDossier:
    record: DossierRecord
    receipt_pdf: bytes


def _processing(procedure: Procedure) -> ProcessingTime:
    """The procedure's time as intake applies it (a same-day civil-status or certification
    procedure has its 15:00 cut-off: domain.deadlines)."""
    return effective_processing(procedure.processing, procedure.sector)


def _unknown_procedure(code: str) -> str:
    if not code.strip():
        return "Chưa chọn thủ tục hành chính."
    return f"Thủ tục mã «{code.strip()}» không có trong danh mục đang áp dụng."


class IntakeService:
    """The officer's most frequent path: one dossier in, one receipt out."""

    def __init__(
        self,
        storage: Storage,
        dossiers: DossierStore,
        events: EventLog,
        changes: ChangeLog,
        settings_store: SettingsStore,
        settings: SettingsService,
        catalogue: CatalogueService,
        receipts: ReceiptService,
        clock: Clock,
        *,
        session: Session,
        audit: AuditService | None = None,
        fee_store: FeeStore | None = None,
    ) -> None:
        self._session = session
        self._audit = audit
        self._storage = storage
        self._fee_store = fee_store  # amounts the province sets, typed at the desk
        self._dossiers = dossiers
        self._events = events
        self._changes = changes
        self._settings_store = settings_store
        self._settings = settings
        self._catalogue = catalogue
        self._receipts = receipts
        self._clock = clock
        self._calendar: WorkCalendar | None = None
        self._drafts = DraftStore(storage)

    @property
    @permitted
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = WorkCalendar(self._settings_store.day_overrides())
        return self._calendar

    @permitted
    def forget_calendar(self) -> None:
        """Rebuild the calendar on next use (the district published calendar days)."""
        self._calendar = None

    @permitted
    def believed_days(self, start: date, end: date) -> list[BelievedDay]:
        """The days of ``[start, end]`` the desk believes are off (weekdays) or worked
        (weekends), and why: the holidays package, this desk, the commune, upstream."""
        return believed_days(start, end, self._settings_store.stored_days())

    @permitted
    def set_day_override(self, override: DayOverride) -> None:
        """Add or change an extra day off or make-up working day (announced by the government
        or the province); appointments computed from now on take it into account. Audited
        and sent up (the commune's other desks take it; upstream's own days win)."""
        note = clean_line(
            override.note, field="note", label="Ghi chú", max_len=MAX_DAY_NOTE, required=False
        )
        self._change_day(replace(override, note=note), override.kind)

    @permitted
    def remove_day_override(self, day: date) -> None:
        """Remove a day this desk (or another desk of the commune) set: the day is again as
        the holidays package says."""
        self._change_day(DayOverride(day, OverrideKind.OFF), None)

    def _change_day(self, override: DayOverride, kind: OverrideKind | None) -> None:
        now = self._clock()
        officer = self._session.username
        with self._storage.write():
            current = self._settings_store.stored_day(override.day)
            check_day_change(override.day, kind, current, now.date())
            if kind is None:
                self._settings_store.remove_day_override(override.day)
            else:
                self._settings_store.set_day_override(
                    override,
                    DaySource.LOCAL.value,
                    changed_at=now.isoformat(timespec="seconds"),
                    changed_by=officer,
                )
            self._changes.append(
                kind="calendar_day",
                entity_uuid=uuid7(now),
                device_time=now,
                officer_id=self._session.officer_id,
                payload={
                    "code": f"lịch {override.day:%d/%m/%Y}",  # the audit log's subject
                    "day": override.day.isoformat(),
                    "kind": kind.value if kind else "none",
                    "note": override.note if kind else "",
                    "changed_at": now.isoformat(timespec="seconds"),
                    "changed_by": officer,
                },
            )
        self._calendar = None

    @permitted
    def refuse_at_counter(self, applicant: PersonDraft, procedure_code: str, reason: str) -> bytes:
        """Form 03 issued instead of receiving (domain.counter): no dossier, no code, no
        book entry, not received; kept in its own append-only table and the audit log."""
        self._session.require(Permission.RECEIVE)
        now = self._clock()
        procedure = self._catalogue.find(procedure_code) if procedure_code.strip() else None
        person, why = check_counter_refusal(applicant, procedure, reason, today=now.date())
        assert procedure is not None
        settings = self._settings.load()
        uuid = uuid7(now)
        with self._storage.write():  # the number (Form 03's own series) and the refusal
            number = PaperStore(self._storage).number(
                PaperKind.REFUSAL, uuid, desk=settings.desk_number,
                unit_code=settings.unit_code, at=now,
            )  # fmt: skip
            refusal = CounterRefusal(
                uuid, number, now, self._session.officer_id, procedure.code, person, why
            )
            CounterStore(self._storage).add(refusal)
        if self._audit is not None:
            self._audit.record(AuditAction.PRINT, refusal.number, "Mẫu 03 tại quầy")
        return self._receipts.counter_refusal(refusal, procedure.name)

    @permitted
    def procedure(self, code: str) -> Procedure:
        procedure = self._catalogue.find(code) if code.strip() else None
        if procedure is None:
            raise DraftInvalid([FieldError("procedure", _unknown_procedure(code))])
        return procedure

    @permitted
    def due_at(self, procedure_code: str, received_at: datetime) -> datetime:
        """The appointment for ``procedure_code`` received at ``received_at`` (as intake does)."""
        return self.calendar.appointment(received_at, _processing(self.procedure(procedure_code)))

    @permitted
    def preview(
        self,
        procedure_code: str,
        *,
        sets: int,
        pages: int | None,
        originals: Sequence[OriginalLine] = (),
        exemption: str = "",
    ) -> IntakePreview:
        procedure = self.procedure(procedure_code)
        now = self._clock()
        fee = quote(
            procedure.fee, sets=max(sets, 1), originals=originals, pages=pages,
            exemption=exemption, province=self._province(procedure),
        )  # fmt: skip
        return IntakePreview(
            fee=Fee(fee.total, fee.text),
            due_at=self.calendar.appointment(now, _processing(procedure)),
            processing=_processing(procedure).describe(),
        )

    def _province(self, procedure: Procedure) -> ProvinceAmount | None:
        """The amount the desk has for ``procedure``'s fee when the province sets it."""
        if self._fee_store is None or procedure.fee.kind is not FeeKind.SET_BY_PROVINCE:
            return None
        return self._fee_store.province_amount(procedure.code)

    @permitted
    def read_id_card(self, qr_text: str) -> IdCardData:
        return parse_id_card_qr(qr_text, today=self._clock().date())

    @permitted
    def known_applicant(self, id_number: str) -> KnownApplicant | None:
        """The citizen's latest details from earlier dossiers, to offer for reuse."""
        return self._dossiers.applicant(id_number.strip()) if id_number.strip() else None

    # --- the form in progress, kept across a power cut -----------------------------------

    @permitted
    def keep_draft(self, draft: DossierDraft) -> None:
        """Keep what is typed so far (the form saves it every few seconds)."""
        body = json.dumps(asdict(draft), ensure_ascii=False)
        now = self._clock().isoformat(timespec="seconds")
        self._drafts.put(INTAKE_DRAFT, self._session.officer_id, now, body)

    @permitted
    def interrupted_draft(self) -> KeptDraft | None:
        """The form that was being typed when the desk last stopped, if any."""
        kept = self._drafts.get(INTAKE_DRAFT)
        if kept is None:
            return None
        saved_at, body = kept
        try:
            data = json.loads(body)
            data["applicant"] = PersonDraft(**data["applicant"])
            if data.get("principal") is not None:
                data["principal"] = PersonDraft(**data["principal"])
            data["components"] = [ComponentDraft(**c) for c in data["components"]]
            data["originals"] = [OriginalDraft(**o) for o in data.get("originals", [])]
            draft = DossierDraft(**data)
        except (ValueError, TypeError, KeyError):  # a form of an older version: let it go
            self._drafts.clear(INTAKE_DRAFT)
            return None
        return KeptDraft(draft, datetime.fromisoformat(saved_at))

    @permitted
    def discard_draft(self) -> None:
        self._drafts.clear(INTAKE_DRAFT)

    @permitted
    def receive(
        self, draft: DossierDraft, *, identity_check: IdentityCheck | None = None
    ) -> ReceivedDossier:
        """Record ``draft`` as a received dossier and render its receipt.

        ``identity_check`` (the applicant's ID card read by its chip) is kept as the
        dossier's ``identity_checked`` event, verified or not: it never blocks intake.

        The dossier, its checklist, its first event and its change-log entry commit in one
        durable transaction; the receipt is rendered only after that commit. Any error
        before the commit leaves nothing behind.
        """
        officer_id = self._session.officer_id
        self._session.require(Permission.RECEIVE)
        procedure = (
            self._catalogue.find(draft.procedure_code) if draft.procedure_code.strip() else None
        )
        now = self._clock()
        check_clock(now, self._dossiers.last_received_at())
        valid = validate_draft(
            draft,
            procedure,
            today=now.date(),
            unknown_procedure=_unknown_procedure(draft.procedure_code),
            province=self._province(procedure) if procedure is not None else None,
        )
        procedure = valid.procedure
        due_at = self.calendar.appointment(now, _processing(procedure))
        settings = self._settings.load()
        template = CodeTemplate(settings.code_template)
        catalogue_version = self._catalogue.catalogue.version
        with self._storage.write():
            day_key = f"{now:%Y-%m-%d}"
            seq = next_sequence(
                settings.desk_number,
                self._settings_store.counter("dossier_seq", f"{day_key}/{settings.desk_number}"),
            )
            self._settings_store.set_counter(
                "dossier_seq", f"{day_key}/{settings.desk_number}", seq
            )
            book_volume = tracking_book_volume(now.year, procedure.sector)
            book_entry = (self._settings_store.counter("book_entry", book_volume) or 0) + 1
            self._settings_store.set_counter("book_entry", book_volume, book_entry)
            code = template.format(
                agency=settings.agency_code, day=now.date(), seq=seq, desk=settings.desk_number
            )
            new = NewDossier(
                uuid=uuid7(now),
                code=code,
                code_key=code_key(code, settings.agency_code),
                desk_number=settings.desk_number,
                procedure_code=procedure.code,
                catalogue_version=catalogue_version,
                status=Status.RECEIVED,
                received_at=now,
                due_at=due_at,
                applicant=valid.applicant,
                principal=valid.principal,
                authorisation=valid.authorisation,
                components=valid.components,
                sets_count=valid.sets_count,
                pages=valid.pages,
                fee_amount=valid.fee.amount,
                fee_text=valid.fee.text,
                result_location=valid.result_location or settings.result_location,
                note=valid.note,
                lookup_secret=secrets.token_urlsafe(12),
                book_volume=book_volume,
                book_entry=book_entry,
                officer_id=officer_id,
                channel=valid.channel,
            )
            (dossier_id,) = self._dossiers.insert_many([new])
            self._events.append(
                dossier_id=dossier_id,
                at=now,
                officer_id=officer_id,
                kind="received",
                from_status=None,
                to_status=int(Status.RECEIVED),
            )
            if identity_check is not None:
                self._events.append(
                    dossier_id=dossier_id,
                    at=now,
                    officer_id=officer_id,
                    kind="identity_checked",
                    from_status=None,
                    to_status=None,
                    payload=identity_check.payload(),
                )
            self._changes.append(
                kind="dossier_received",
                entity_uuid=new.uuid,
                device_time=now,
                officer_id=officer_id,
                # the procedure's name as printed, so the server's status page can say it
                payload=asdict(new) | {"procedure_name": procedure.name},
            )
            self._drafts.clear(INTAKE_DRAFT)  # the form is a dossier now
        record = self._dossiers.get(dossier_id, self._catalogue.component_name)
        assert record is not None  # just committed
        log.info("dossier received %s (procedure %s)", record.code, record.procedure_code)
        return ReceivedDossier(record, self._receipts.render(record))
