"""After intake: hand-over, supplement, refusal, apology, stop, withdrawal, result, return.

Every action is one durable transaction: the dossier's new state, its event (who, when,
from, to, why) and its change-log entry for sync. The paper the rules ask for (Forms
02–06) is rendered only after that commit, from what was stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.domain.audit import AuditAction
from desk_app.domain.calendar import WorkCalendar
from desk_app.domain.documents import DocumentRole, DocumentType, NewDocument
from desk_app.domain.errors import DeskError, DossierNotFound, InvalidField
from desk_app.domain.ids import uuid7
from desk_app.domain.lifecycle import (
    Action,
    ActionInput,
    Timeliness,
    available_actions,
    needs_apology,
)
from desk_app.domain.lifecycle_plan import plan
from desk_app.domain.officers import Permission
from desk_app.domain.records import DossierRecord, StoredEvent
from desk_app.services.access import Session
from desk_app.services.audit import AuditService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.settings import SettingsService
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.database import Storage
from desk_app.storage.document_store import DocumentStore
from desk_app.storage.dossier_store import DossierStore

if TYPE_CHECKING:
    from desk_app.forms.notices import NoticeForm

MAX_RESULT_BYTES = 50 * 1024 * 1024
_FORM_OF_ACTION = {
    Action.REQUEST_SUPPLEMENT: "02",
    Action.REFUSE: "03",
    Action.APOLOGISE: "04",
    Action.STOP: "05",
    Action.HAND_OVER: "06",
    Action.RESULT_READY: "06",
}


@dataclass(frozen=True)
class DossierView:
    """Everything the dossier window shows, read in one go."""

    record: DossierRecord
    procedure_name: str
    history: list[StoredEvent]
    actions: list[Action]
    needs_apology: bool
    digitised_positions: frozenset[int] = frozenset()  # components with a digitised copy


@dataclass(frozen=True)
class ActionDone:
    """A recorded action: the dossier as it is now and the paper to print, if any."""

    record: DossierRecord
    action: Action
    paper: bytes | None
    paper_name: str


class LifecycleService:
    def __init__(
        self,
        storage: Storage,
        dossiers: DossierStore,
        events: EventLog,
        changes: ChangeLog,
        documents: DocumentStore,
        blobs: BlobStore,
        settings: SettingsService,
        catalogue: CatalogueService,
        calendar: Callable[[], WorkCalendar],
        clock: Clock,
        *,
        session: Session,
        audit: AuditService | None = None,
    ) -> None:
        self._session = session
        self._audit = audit
        self._storage = storage
        self._dossiers = dossiers
        self._events = events
        self._changes = changes
        self._documents = documents
        self._blobs = blobs
        self._settings = settings
        self._catalogue = catalogue
        self._calendar = calendar
        self._clock = clock

    # --- reading ----------------------------------------------------------------------

    @permitted
    def get(self, dossier_id: int) -> DossierRecord:
        record = self._dossiers.get(dossier_id, self._catalogue.component_name)
        if record is None:
            raise DossierNotFound("Không tìm thấy hồ sơ này tại quầy.")
        return record

    @permitted
    def view(self, dossier_id: int) -> DossierView:
        """The dossier with its procedure's name, history, allowed actions and whether it
        needs an apology now."""
        record = self.get(dossier_id)
        if self._audit is not None:  # who saw whose record (Law 91/2025)
            self._audit.record(AuditAction.VIEW, record.code)
        return DossierView(
            record=record,
            procedure_name=self._catalogue.procedure_name(record.procedure_code),
            history=self.history(dossier_id),
            actions=self.actions(record),
            needs_apology=self.needs_apology(record),
            digitised_positions=frozenset(
                linked.component_position
                for linked in self._documents.linked(dossier_id)
                if linked.role is DocumentRole.COMPONENT and linked.component_position is not None
            ),
        )

    @permitted
    def actions(self, record: DossierRecord) -> list[Action]:
        return available_actions(record.state)

    @permitted
    def needs_apology(self, record: DossierRecord) -> bool:
        return needs_apology(record.state, self._clock(), self._calendar())

    @permitted
    def history(self, dossier_id: int) -> list[StoredEvent]:
        return self._events.for_dossier(dossier_id)

    # --- acting -----------------------------------------------------------------------

    @permitted
    def perform(
        self,
        dossier_id: int,
        action: Action,
        given: ActionInput | None = None,
    ) -> ActionDone:
        """Record ``action`` on the dossier and return it with its paper.

        Raises ``TransitionRefused`` or ``DraftInvalid`` (nothing changed) when the status,
        the history or the input does not allow it.
        """
        officer_id = self._session.officer_id
        self._session.require(Permission.PROCESS)
        given = given or ActionInput()
        now = self._clock()
        calendar = self._calendar()
        with self._storage.write():
            record = self.get(dossier_id)  # read inside the write lock: no lost update
            new_state, event = plan(action, record.state, given, now=now, calendar=calendar)
            self._dossiers.apply_life(dossier_id, new_state)
            self._events.append(
                dossier_id=dossier_id,
                at=now,
                officer_id=officer_id,
                kind=action.value,
                from_status=int(event.from_status),
                to_status=int(event.to_status),
                reason=event.reason,
                payload=event.details,
            )
            self._changes.append(
                kind="dossier_transition",
                entity_uuid=record.uuid,
                device_time=now,
                officer_id=officer_id,
                payload={
                    "code": record.code,
                    "action": action.value,
                    "from": int(event.from_status),
                    "to": int(event.to_status),
                    "reason": event.reason,
                    "details": event.details,
                    "state": asdict(new_state),
                },
            )
        record = self.get(dossier_id)
        paper, name = self.paper_for(record, action)
        return ActionDone(record, action, paper, name)

    @permitted
    def paper_for(self, record: DossierRecord, action: Action) -> tuple[bytes | None, str]:
        """The form that ``action`` issues, rendered from the last such event (a reprint
        gives the same paper)."""
        form = _FORM_OF_ACTION.get(action)
        if form is None:
            return None, ""
        if form == "06":
            return self.control_slip(record), "Phiếu kiểm soát quá trình giải quyết hồ sơ"
        event = next((e for e in reversed(self.history(record.id)) if e.kind == action.value), None)
        if event is None:
            return None, ""
        from desk_app.forms.notices import NoticeForm

        notice = NoticeForm(form)
        return self._notice(record, notice, event), notice.paper_name

    @permitted
    def attach_result(
        self,
        dossier_id: int,
        data: bytes,
        *,
        title: str = "",
    ) -> str:
        """Keep the digitised copy of the dossier's result (a PDF); return its SHA-256.

        The file is checked (a real, readable PDF) before anything is stored; the file,
        the document, its link and the change-log entry are one unit.
        """
        officer_id = self._session.officer_id
        pages = _pdf_pages(data)
        now = self._clock()
        with self._storage.write():
            record = self.get(dossier_id)
            sha = self._blobs.put(data, media_type="application/pdf", now=now)
            document_id = self._documents.add(
                NewDocument(
                    uuid=uuid7(now),
                    sha256=sha,
                    doc_type=DocumentType.RESULT,
                    title=title.strip() or f"Kết quả hồ sơ {record.code}",
                    owner_id_number=(record.principal or record.applicant).id_number,
                    created_at=now,
                    officer_id=officer_id,
                    pages=pages,
                )
            )
            self._documents.link(dossier_id, document_id, DocumentRole.RESULT, at=now)
            self._dossiers.mark_result_digitised(dossier_id)
            self._changes.append(
                kind="result_digitised",
                entity_uuid=record.uuid,
                device_time=now,
                officer_id=officer_id,
                payload={"code": record.code, "sha256": sha, "pages": pages},
                blob_hashes=[sha],
            )
        return sha

    @permitted
    def attach_result_file(self, dossier_id: int, path: Path) -> str:
        """``attach_result`` for a file: a file too big is refused before it is read."""
        _check_size(path.stat().st_size)
        return self.attach_result(dossier_id, path.read_bytes(), title=path.stem)

    @permitted
    def result_files(self, dossier_id: int) -> list[tuple[str, str]]:
        """(SHA-256, title) of the dossier's digitised results."""
        return [
            (sha, title)
            for _, sha, title in self._documents.for_dossier(dossier_id, DocumentRole.RESULT)
        ]

    @permitted
    def read_blob(self, sha256: str) -> bytes:
        return self._blobs.read(sha256)

    # --- papers -----------------------------------------------------------------------

    @permitted
    def control_slip(self, record: DossierRecord) -> bytes:
        """Form 06: one row per hand-over, from the event log."""
        from desk_app.forms.control_slip import (
            ControlSlipData,
            HandOverRow,
            render_control_slip_pdf,
        )

        settings = self._settings.load()
        rows = []
        paused_from: datetime | None = None
        pauses: list[str] = []
        coordinating: list[str] = []
        processing_body = ""
        for event in self.history(record.id):
            d = event.details
            if event.kind == Action.REQUEST_SUPPLEMENT.value:
                paused_from = event.at
            elif event.kind == Action.RECEIVE_SUPPLEMENT.value and paused_from is not None:
                pauses.append(
                    f"từ {paused_from:%H:%M} ngày {paused_from:%d/%m/%Y} đến {event.at:%H:%M} "
                    f"ngày {event.at:%d/%m/%Y} (chờ bổ sung hồ sơ)"
                )
                paused_from = None
            if event.kind not in (Action.HAND_OVER.value, Action.RESULT_READY.value):
                continue
            outcome = d.get("outcome")
            giver_unit, receiver_unit = str(d.get("from") or ""), str(d.get("to") or "")
            if event.kind == Action.HAND_OVER.value and receiver_unit:
                if not processing_body:
                    processing_body = receiver_unit
                elif receiver_unit not in (processing_body, *coordinating):
                    coordinating.append(receiver_unit)
            is_hand_over = event.kind == Action.HAND_OVER.value
            rows.append(
                HandOverRow(
                    giver_unit=giver_unit,
                    receiver_unit=receiver_unit,
                    at=event.at,
                    # the return row: the body's officer gives, the desk's officer receives
                    giver=event.officer_name
                    if is_hand_over
                    else str(d.get("giver") or d.get("receiver_before") or giver_unit),
                    receiver=str(d.get("receiver") or "") if is_hand_over else event.officer_name,
                    outcome=Timeliness(outcome).label if outcome else "",
                    note=event.reason,
                )
            )
        if paused_from is not None:
            pauses.append(
                f"từ {paused_from:%H:%M} ngày {paused_from:%d/%m/%Y} (đang chờ bổ sung hồ sơ)"
            )
        from desk_app.domain.papers import PaperKind
        from desk_app.storage.paper_store import PaperStore

        number = PaperStore(self._storage).number(
            PaperKind.CONTROL_SLIP,
            record.uuid,
            desk=settings.desk_number,
            unit_code=settings.unit_code,
            at=record.received_at,
        )
        return render_control_slip_pdf(
            ControlSlipData(
                parent_unit=settings.parent_unit,
                unit=settings.unit,
                place=settings.place,
                number=number,
                # dated at reception, as the receipt it goes with (rows carry their own times)
                issued_at=record.received_at,
                dossier_code=record.code,
                procedure_name=self._catalogue.name_in_version(
                    record.catalogue_version, record.procedure_code
                ),
                applicant_name=record.applicant.full_name,
                applicant_address=record.applicant.address,
                received_at=record.received_at,
                due_at=record.due_at,
                rows=tuple(rows),
                processing_body=processing_body,
                coordinating_bodies=", ".join(coordinating),
                paused="; ".join(pauses),
            ),
            paper=settings.paper,
        )

    def _notice(self, record: DossierRecord, form: NoticeForm, event: StoredEvent) -> bytes:
        from desk_app.forms.notices import NoticeData, NoticeForm, render_notice_pdf
        from desk_app.forms.qr import QrContent, lookup_url

        settings = self._settings.load()
        details = event.details
        old_due = details.get("old_due")
        new_due = details.get("new_due")
        due_before = datetime.fromisoformat(old_due) if old_due else record.due_at
        qr = QrContent(
            lookup_url=lookup_url(settings.lookup_base_url, record.code, record.lookup_secret),
            dossier_code=record.code,
            procedure_code=record.procedure_code,
            id_number=record.applicant.id_number,
            paper_name=form.paper_name,
            issuing_system=settings.issuing_system,
            issued_at=event.at,
            due_at=datetime.fromisoformat(new_due) if new_due else None,
        )
        by_leader = form in (NoticeForm.APOLOGY, NoticeForm.STOPPED)
        from desk_app.domain.papers import PaperKind
        from desk_app.forms.layout import DIGITAL_CAPTION, SIGN_CAPTION
        from desk_app.storage.paper_store import PaperStore

        number = PaperStore(self._storage).number(
            PaperKind(form.value),
            f"{record.uuid}@{event.at.isoformat()}",
            desk=settings.desk_number,
            unit_code=settings.unit_code,
            at=event.at,
        )
        # the body that processes the dossier (the first hand-over; Form 06 names it so)
        holder = next(
            (
                str(e.details.get("to") or "")
                for e in self.history(record.id)
                if e.kind == Action.HAND_OVER.value and e.at <= event.at
            ),
            "",
        )
        if form is NoticeForm.SUPPLEMENT:
            title, caption = "Người hướng dẫn", DIGITAL_CAPTION
        elif form is NoticeForm.APOLOGY:
            title, caption = "Thủ trưởng cơ quan, đơn vị", "(Ký, ghi rõ họ tên và đóng dấu)"
        elif by_leader:
            title, caption = settings.leader_title, SIGN_CAPTION
        else:
            title, caption = "Người tiếp nhận hồ sơ", DIGITAL_CAPTION
        return render_notice_pdf(
            NoticeData(
                form=form,
                parent_unit=settings.parent_unit,
                unit=settings.unit,
                receiving_unit=settings.receiving_unit,
                place=settings.place,
                number=number,
                issued_at=event.at,
                dossier_code=record.code,
                procedure_name=self._catalogue.name_in_version(
                    record.catalogue_version, record.procedure_code
                ),
                procedure_code=record.procedure_code,
                applicant=record.applicant,
                received_at=record.received_at,
                due_at=due_before,
                reason=event.reason,
                signer_title=title,
                signer_name=settings.leader_name if by_leader else event.officer_name,
                signer_caption=caption,
                processing_body=holder if form is NoticeForm.APOLOGY else "",
                items=tuple(str(i) for i in details.get("items") or ()),
                why=str(details.get("why") or ""),
                qr_payload=qr.payload(),
                new_due=datetime.fromisoformat(new_due) if new_due else None,
                contact=settings.contact_phone,
            ),
            paper=settings.paper,
        )


def _check_size(size: int) -> None:
    if size > MAX_RESULT_BYTES:
        raise InvalidField(
            f"Tệp kết quả quá lớn ({size // (1024 * 1024)} MB); tối đa "
            f"{MAX_RESULT_BYTES // (1024 * 1024)} MB.",
            field="result_file",
        )


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF, or a clear error for anything that is not a readable PDF."""
    if not data:
        raise InvalidField("Tệp kết quả rỗng.", field="result_file")
    _check_size(len(data))
    if not data.lstrip()[:5] == b"%PDF-":
        raise InvalidField(
            "Tệp kết quả không phải PDF (có thể chỉ đổi đuôi tệp). Hãy quét lại thành PDF.",
            field="result_file",
        )
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as err:
        raise InvalidField(
            "Tệp PDF kết quả bị hỏng hoặc có mật khẩu, không đọc được.", field="result_file"
        ) from err
    try:
        pages = len(document)
    finally:
        document.close()
    if pages == 0:
        raise DeskError("Tệp PDF kết quả không có trang nào.", field="result_file")
    return pages
