"""From a stored dossier to its Form 01 PDF; printing is counted and recorded."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.domain.dossier import Status
from desk_app.domain.errors import DossierNotFound
from desk_app.domain.records import DossierRecord
from desk_app.services.access import Session
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.settings import DeskSettings, SettingsService
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.database import Storage
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.settings_store import SettingsStore

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desk_app.forms.receipt import ReceiptData

# desk_app.forms (reportlab, qrcode, fonts) is imported when first needed, not at start-up:
# it is a fifth of the window's start. ``warm_up`` loads it in the background right after.


@dataclass(frozen=True)
class PrintedReceipt:
    code: str
    pdf: bytes
    print_number: int  # 1 for the original, 2 for the first reprint ...

    @property
    def is_reprint(self) -> bool:
        return self.print_number > 1


class ReceiptService:
    def __init__(
        self,
        storage: Storage,
        dossiers: DossierStore,
        events: EventLog,
        changes: ChangeLog,
        settings_store: SettingsStore,
        settings: SettingsService,
        catalogue: CatalogueService,
        clock: Clock,
        *,
        session: Session,
        lookup_token: Callable[[DossierRecord], str] | None = None,
    ) -> None:
        self._session = session
        self._lookup_token = lookup_token
        self._storage = storage
        self._dossiers = dossiers
        self._events = events
        self._changes = changes
        self._settings_store = settings_store
        self._settings = settings
        self._catalogue = catalogue
        self._clock = clock

    @permitted
    def warm_up(self) -> None:
        """Load the form renderer and parse its fonts, so the first receipt is as fast as the
        rest (call off the UI thread, after start-up)."""
        from desk_app.forms.fonts import register_fonts
        from desk_app.forms.receipt import render_receipt_pdf  # imports reportlab and qrcode

        assert render_receipt_pdf is not None
        register_fonts()

    @permitted
    def load(self, code: str) -> DossierRecord:
        dossier_id = self._dossiers.id_for_code(code.strip())
        record = (
            self._dossiers.get(dossier_id, self._catalogue.component_name) if dossier_id else None
        )
        if record is None:
            raise DossierNotFound(f"Không có hồ sơ mã «{code.strip()}» tại quầy này.")
        return record

    @permitted
    def render(self, record: DossierRecord, *, reprint: int = 0) -> bytes:
        """The PDF of ``record``'s receipt; ``reprint`` > 0 marks it as the n-th reprint."""
        settings = self._settings.load()
        from desk_app.forms.receipt import render_receipt_pdf

        return render_receipt_pdf(
            self.receipt_data(record, settings, reprint), paper=settings.paper
        )

    @permitted
    def next_print(self, code: str) -> PrintedReceipt:
        """The PDF of the next printing of ``code``'s receipt, not yet counted.

        The first printing is the original; every later one is marked "BẢN IN LẠI (lần n)".
        A printing counts only once the job was handed to the printer (``record_print``), so
        a printer that was not ready leaves the next sheet that does print the original."""
        record = self.load(code)
        number = record.receipt_prints + 1
        return PrintedReceipt(record.code, self.render(record, reprint=number - 1), number)

    @permitted
    def record_print(self, printed: PrintedReceipt) -> int:
        """Count ``printed`` as handed to the printer; return how many printings there are."""
        record = self.load(printed.code)
        now = self._clock()
        with self._storage.write():
            prints = self._dossiers.count_print(record.id)
            self._events.append(
                dossier_id=record.id,
                at=now,
                officer_id=self._session.officer_id,
                kind="receipt_printed",
                from_status=None,
                to_status=None,
                payload={"print": prints},
            )
            self._changes.append(
                kind="receipt_printed",
                entity_uuid=record.uuid,
                device_time=now,
                officer_id=self._session.officer_id,
                payload={"code": record.code, "print": prints},
            )
        if prints != printed.print_number:  # another printing was counted in between
            log.warning("receipt %s counted as printing %d, not %d", record.code, prints,
                        printed.print_number)  # fmt: skip
        log.info("receipt printed %s (printing %d)", record.code, prints)
        return prints

    @permitted
    def print_copy(self, code: str) -> PrintedReceipt:
        """The next printing, counted at once: for a copy whose hand-over cannot fail."""
        printed = self.next_print(code)
        self.record_print(printed)
        return printed

    def _paper_number(self, record: DossierRecord, settings: DeskSettings) -> str:
        from desk_app.domain.papers import PaperKind
        from desk_app.storage.paper_store import PaperStore

        return PaperStore(self._storage).number(
            PaperKind.RECEIPT,
            record.uuid,
            desk=settings.desk_number,
            unit_code=settings.unit_code,
            at=record.received_at,
        )

    @permitted
    def receipt_data(
        self, record: DossierRecord, settings: DeskSettings, reprint: int
    ) -> ReceiptData:
        from desk_app.forms.qr import QrContent, lookup_url
        from desk_app.forms.receipt import COPY_LABELS, PAPER_NAME, ReceiptComponent, ReceiptData

        # A dossier prints with the catalogue version it was received under.
        procedure = self._catalogue.procedure_in_version(
            record.catalogue_version, record.procedure_code
        )
        qr = QrContent(
            lookup_url=lookup_url(
                settings.lookup_base_url,
                record.code,
                record.lookup_secret,
                self._lookup_token(record) if self._lookup_token else "",
            ),
            dossier_code=record.code,
            procedure_code=record.procedure_code,
            id_number=record.applicant.id_number,
            paper_name=PAPER_NAME,
            issuing_system=settings.issuing_system,
            issued_at=record.received_at,
            due_at=record.due_at if record.status is not Status.REFUSED else None,
        )
        return ReceiptData(
            parent_unit=settings.parent_unit,
            unit=settings.unit,
            receiving_unit=settings.receiving_unit,
            place=settings.place,
            number=self._paper_number(record, settings),
            dossier_code=record.code,
            applicant=record.applicant,
            principal=record.principal,
            authorisation=record.authorisation,
            procedure_name=procedure.name if procedure else record.procedure_code,
            procedure_code=record.procedure_code,
            components=tuple(
                ReceiptComponent(c.name, c.copy_kind.label, c.count)
                for c in record.components
                if c.received
            ),
            sets_count=record.sets_count,
            legal_time=procedure.processing.describe() if procedure else "",
            received_at=record.received_at,
            due_at=record.due_at,
            result_location=record.result_location or settings.result_location,
            fee_text=record.fee_text,
            book_volume=record.book_volume,
            book_entry=record.book_entry,
            officer_name=self._settings_store.officer_name(record.officer_id),
            qr_payload=qr.payload(),
            reprint=reprint,
            copies=(COPY_LABELS[0], f"Liên 2: Lưu tại {settings.unit}"),
        )
