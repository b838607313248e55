"""The desk as the UI and the CLI see it: its services, for one data folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desk_app.services.access import AccountService, DatabaseDamaged, Session, damaged_message
from desk_app.services.audit import AuditService
from desk_app.services.backup import BackupService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.digitisation import DigitisationService
from desk_app.services.dossiers import DossierQueryService
from desk_app.services.fees import FeeService
from desk_app.services.intake import IntakeService
from desk_app.services.lifecycle import LifecycleService
from desk_app.services.receipts import ReceiptService
from desk_app.services.reports import ReportService
from desk_app.services.settings import SettingsService
from desk_app.services.sync import SyncService
from desk_app.services.today import TodayService
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.database import Storage

log = logging.getLogger(__name__)


class DemoMade(Protocol):
    @property
    def dossiers(self) -> int: ...
    @property
    def citizens(self) -> int: ...


class DemoMaker(Protocol):
    """The demo commune's maker (``desk_app.demo.DemoService``, given by ``desk_app.app``):
    synthetic data is no use case of the desk, so services only say what it offers."""

    def create(
        self,
        count: int,
        *,
        seed: int = ...,
        progress: Callable[[int, int], None] | None = ...,
        in_worker: bool | None = ...,
    ) -> DemoMade: ...


@dataclass
class Desk:
    """Everything the UI and the CLI may call. Built by ``desk_app.app.open_desk``."""

    data_dir: Path
    storage: Storage  # for close() and integrity checks; callers use the services
    blobs: BlobStore  # the encrypted scan store, for integrity checks
    session: Session  # the officer signed in
    audit: AuditService
    accounts: AccountService
    settings: SettingsService
    catalogue: CatalogueService
    intake: IntakeService
    dossiers: DossierQueryService
    receipts: ReceiptService
    lifecycle: LifecycleService
    today: TodayService
    reports: ReportService
    digitisation: DigitisationService
    sync: SyncService
    demo: DemoMaker  # desk-app demo, the self-check, the tests and benchmarks
    backups: BackupService
    fees: FeeService

    def finish_start_check(self) -> None:
        """Prove, after the window is up, that the files hold what the last clean close
        left (``open_desk(check_later=True)``): reads the whole file, so on a worker
        thread. Raises ``DatabaseDamaged`` when they do not and SQLite's check fails too;
        from then on every save is refused in words and no mark vouches for the files."""
        if not self.storage.finish_start_check():
            raise DatabaseDamaged(damaged_message(self.data_dir))

    def close(self) -> None:
        """Close this thread's connections (and any other thread's that already ended);
        then, after a revocation, replace the data key (``storage.rekey``)."""
        try:
            self.accounts.drop_revoked()  # revocations pulled from the district meanwhile
        except Exception:  # a damaged or unreadable database: close anyway, next open checks
            log.warning("could not read the revocations before closing", exc_info=True)
        self.storage.close()
        try:
            self.accounts.replace_key_if_due()
        except OSError:  # a full disk, say: rolled back at the next start, tried again then
            log.exception("data key replacement failed; it is tried again at the next start")
