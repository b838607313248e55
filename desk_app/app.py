"""Composition root: builds the stores and services of one desk once, for UI and CLI alike."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desk_app.domain.calendar import WorkCalendar
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock, system_clock
from desk_app.services.demo import DemoService
from desk_app.services.desk import Desk
from desk_app.services.digitisation import DigitisationService
from desk_app.services.dossiers import DossierQueryService
from desk_app.services.intake import IntakeService
from desk_app.services.lifecycle import LifecycleService
from desk_app.services.receipts import ReceiptService
from desk_app.services.reports import ReportService
from desk_app.services.settings import SettingsService
from desk_app.services.sync import SyncService, lookup_token
from desk_app.services.today import TodayService
from desk_app.storage import DB_FILENAME, Storage
from desk_app.storage.blob_store import BLOB_DIR, BlobStore
from desk_app.storage.catalogue_store import CatalogueStore
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.document_store import DocumentStore
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.report_store import ReportStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncStore


def default_data_dir() -> Path:
    """``DESK_APP_DATA_DIR``, else the platform's per-user application data folder."""
    env = os.environ.get("DESK_APP_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "DeskApp"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "desk-app"


def open_desk(data_dir: Path, *, clock: Clock = system_clock) -> Desk:
    """Open (creating and migrating when needed) the desk whose data lives in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    storage = Storage(data_dir / DB_FILENAME)
    settings_store = SettingsStore(storage)
    dossier_store = DossierStore(storage)
    events = EventLog(storage)
    changes = ChangeLog(storage)
    settings = SettingsService(storage, settings_store)
    catalogue_store = CatalogueStore(storage)
    catalogue = CatalogueService(catalogue_store)
    catalogue.ensure_loaded()
    sync_store = SyncStore(storage, changes)
    receipts = ReceiptService(
        storage,
        dossier_store,
        events,
        changes,
        settings_store,
        settings,
        catalogue,
        clock,
        lookup_token=lambda record: lookup_token(sync_store, record),
    )
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
    )
    documents = DocumentStore(storage)
    blobs = BlobStore(storage, data_dir / BLOB_DIR)
    blobs.sweep_orphans()  # files a crash left without their row

    def calendar() -> WorkCalendar:
        return intake.calendar

    def published() -> None:  # a new catalogue or calendar days came from the district
        catalogue.reload()
        intake.forget_calendar()

    return Desk(
        data_dir=data_dir,
        storage=storage,
        settings=settings,
        catalogue=catalogue,
        intake=intake,
        dossiers=DossierQueryService(dossier_store, catalogue, settings, clock),
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
        ),
        today=TodayService(dossier_store, calendar, clock),
        reports=ReportService(ReportStore(storage), settings, catalogue, clock),
        digitisation=DigitisationService(
            storage, dossier_store, documents, blobs, changes, settings, catalogue, clock
        ),
        sync=SyncService(
            sync_store,
            blobs,
            storage,
            dossier_store,
            clock,
            catalogues=catalogue_store,
            settings_store=settings_store,
            on_published=published,
        ),
        demo=DemoService(
            storage, dossier_store, changes, settings_store, settings, catalogue, clock
        ),
    )
