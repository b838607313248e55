"""Composition root: builds the stores and services of one desk once, for UI and CLI alike."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desk_app.demo import DemoService
from desk_app.domain.audit import AuditAction
from desk_app.domain.calendar import WorkCalendar
from desk_app.domain.errors import DeskError, LoginFailed
from desk_app.platform.long_paths import data_folder_too_long
from desk_app.services.access import (
    ADMIN,
    PASSWORD_ENV,
    AccountService,
    Session,
    Unlocked,
    open_storage,
    password_from_environment,
    replace_key_if_due,
    unlock,
)
from desk_app.services.audit import AuditService
from desk_app.services.backup import BackupService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock, system_clock
from desk_app.services.desk import Desk
from desk_app.services.digitisation import DigitisationService
from desk_app.services.dossiers import DossierQueryService
from desk_app.services.fees import FeeService
from desk_app.services.intake import IntakeService
from desk_app.services.lifecycle import LifecycleService
from desk_app.services.receipts import ReceiptService
from desk_app.services.reports import ReportService
from desk_app.services.settings import SettingsService
from desk_app.services.sync import SyncService, lookup_token
from desk_app.services.today import TodayService
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.blob_store import BLOB_DIR, BlobStore
from desk_app.storage.catalogue_store import CatalogueStore
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.document_store import DocumentStore
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.officer_store import OfficerStore
from desk_app.storage.report_store import ReportStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncStore


def open_desk(
    data_dir: Path,
    *,
    officer: str = ADMIN,
    password: str | None = None,
    clock: Clock = system_clock,
    unlocked: Unlocked | None = None,
    check_later: bool = False,
) -> Desk:
    """Sign ``officer`` in and open the desk whose data lives in ``data_dir`` (migrating
    when needed). The password is ``password``, else ``DESK_APP_PASSWORD``; a desk not
    yet set up raises ``NotSetUp``, a wrong password ``LoginFailed``. ``check_later``
    (the window): after a clean close the files are proved to be what it left by
    ``Desk.finish_start_check`` (after the first paint) instead of before opening."""
    too_long = data_folder_too_long(data_dir)  # Windows without long paths
    if too_long:
        raise DeskError(too_long)
    if unlocked is None:
        if password is None:
            password = password_from_environment()
        if password is None:
            raise LoginFailed(
                f"Cần mật khẩu của «{officer}»: nhập khi được hỏi, hoặc đặt biến môi trường "
                f"{PASSWORD_ENV}."
            )
        unlocked = unlock(data_dir, officer, password, clock)
    replaced = replace_key_if_due(data_dir, unlocked.key)  # a revocation not yet followed
    if replaced is not None:
        unlocked = replace(unlocked, key=replaced.key)
    storage, officer_row = open_storage(data_dir, unlocked, check_later=check_later)
    session = Session(officer_row, must_change_password=officer_row.must_change_password)
    audit_store = AuditStore(storage)
    audit = AuditService(audit_store, session, clock)
    audit.record(AuditAction.LOGIN, officer_row.username)
    settings_store = SettingsStore(storage)
    dossier_store = DossierStore(storage)
    events = EventLog(storage)
    changes = ChangeLog(storage, audit_store)
    settings = SettingsService(storage, settings_store, session, audit)
    catalogue_store = CatalogueStore(storage)
    catalogue = CatalogueService(catalogue_store, session, audit)
    catalogue.ensure_loaded()
    sync_store = SyncStore(storage, changes)

    def pinned() -> tuple[str, str] | None:  # the audit anchor's signer and this desk
        identity = sync_store.identity()
        return (identity.server_public_key, identity.desk_id) if identity else None

    audit.pinned = pinned
    receipts = ReceiptService(
        storage,
        dossier_store,
        events,
        changes,
        settings_store,
        settings,
        catalogue,
        clock,
        session=session,
        lookup_token=lambda record: lookup_token(sync_store, record),
    )
    fee_store = FeeStore(storage)
    intake = IntakeService(
        storage,
        dossier_store,
        events,
        changes,
        settings_store,
        settings,
        catalogue,
        receipts,
        clock,
        session=session,
        audit=audit,
        fee_store=fee_store,
    )
    documents = DocumentStore(storage)
    blobs = BlobStore(storage, data_dir / BLOB_DIR, unlocked.key.derive("blobs"))
    if not storage.read_only:  # (a read-only folder can be read, not swept)
        blobs.sweep_orphans()  # files an aborted write left without their row

    def calendar() -> WorkCalendar:
        return intake.calendar

    def published() -> None:  # a new catalogue or calendar days came from the district
        catalogue.reload()
        intake.forget_calendar()

    return Desk(
        data_dir=data_dir,
        storage=storage,
        blobs=blobs,
        session=session,
        audit=audit,
        accounts=AccountService(
            data_dir, storage, OfficerStore(storage), audit, session, unlocked.key, clock
        ),
        settings=settings,
        catalogue=catalogue,
        intake=intake,
        dossiers=DossierQueryService(dossier_store, catalogue, settings, clock, session=session),
        receipts=receipts,
        lifecycle=LifecycleService(
            storage,
            dossier_store,
            events,
            changes,
            documents,
            blobs,
            settings,
            catalogue,
            calendar,
            clock,
            session=session,
            audit=audit,
            receipts=receipts.render,
        ),
        today=TodayService(dossier_store, calendar, clock, session=session),
        reports=ReportService(
            ReportStore(storage), settings, catalogue, clock, audit, session=session
        ),
        digitisation=DigitisationService(
            storage,
            dossier_store,
            documents,
            blobs,
            changes,
            settings,
            catalogue,
            clock,
            session=session,
            audit=audit,
        ),
        sync=SyncService(
            sync_store,
            blobs,
            storage,
            dossier_store,
            clock,
            session=session,
            catalogues=catalogue_store,
            settings_store=settings_store,
            fees=fee_store,
            on_published=published,
            audit_store=audit_store,
            audit=audit,
        ),
        demo=DemoService(
            storage,
            dossier_store,
            changes,
            settings_store,
            settings,
            catalogue,
            clock,
            session=session,
        ),
        backups=BackupService(storage, blobs, data_dir, session, audit, clock),
        fees=FeeService(
            storage,
            fee_store,
            changes,
            settings_store,
            settings,
            catalogue,
            receipts,
            clock,
            session=session,
            audit=audit,
        ),
    )
