"""A demo commune with synthetic dossiers spread over five years.

The dossiers go through the same ``DossierStore.insert_many`` as intake, with codes from
the real template and desk blocks and due dates from the real calendar. They are history
the district already knows, so they get one ``demo_seeded`` change-log entry, not one
each (a sync of a million invented dossiers would be no demo of anything).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from queue import Empty
from typing import Any

from desk_app.demo.commune import PROCEDURE_WEIGHTS, Plan, population, reception_moments
from desk_app.domain.calendar import DayOverride, WorkCalendar
from desk_app.domain.catalogue import Procedure
from desk_app.domain.codes import CodeTemplate
from desk_app.domain.errors import DeskError
from desk_app.domain.ids import uuid7
from desk_app.resources import resource
from desk_app.services.access import Session
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.settings import DeskSettings, SettingsService
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.database import Storage
from desk_app.storage.dossier_rows import PreparedDossiers, prepare_dossiers
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.settings_store import SettingsStore

Progress = Callable[[int, int], None]
WORKER_THRESHOLD = 50_000


@dataclass(frozen=True)
class DemoSummary:
    dossiers: int
    citizens: int
    first_received: datetime | None
    last_received: datetime | None


class DemoService:
    def __init__(
        self,
        storage: Storage,
        dossiers: DossierStore,
        changes: ChangeLog,
        settings_store: SettingsStore,
        settings: SettingsService,
        catalogue: CatalogueService,
        clock: Clock,
        *,
        session: Session,
    ) -> None:
        self._session = session
        self._storage = storage
        self._dossiers = dossiers
        self._changes = changes
        self._settings_store = settings_store
        self._settings = settings
        self._catalogue = catalogue
        self._clock = clock

    @permitted
    def create(
        self,
        count: int,
        *,
        seed: int = 2026,
        progress: Progress | None = None,
        in_worker: bool | None = None,
    ) -> DemoSummary:
        """Make this data folder a demo commune with ``count`` synthetic dossiers.

        Large demos are made in a worker process while this one writes (``in_worker``,
        default from ``WORKER_THRESHOLD`` dossiers up): the same rows either way, and on two
        cores about twice as fast.
        """
        if count < 0:
            raise DeskError("Số hồ sơ mẫu phải là số không âm.")
        existing = self._dossiers.count()
        if existing:
            raise DeskError(
                f"Thư mục dữ liệu này đã có {existing} hồ sơ. Hãy chọn một thư mục trống cho "
                "dữ liệu mẫu; dữ liệu thật không bao giờ bị ghi đè."
            )
        data = json.loads(resource("demo", "people.json").read_text(encoding="utf-8"))
        commune = data["commune"]
        settings = DeskSettings(
            agency_code=commune["agency_code"],
            parent_unit=commune["parent_unit"],
            unit=commune["unit"],
            receiving_unit=commune["receiving_unit"],
            place=commune["place"],
            province=commune["province"],
            result_location=commune["result_location"],
            desk_number=1,
            demo=True,
        )
        self._settings.save(settings)
        with self._storage.write():
            self._settings_store.rename_officer(1, commune["officer"])
        now = self._clock()
        job = _Job(
            seed=seed,
            count=count,
            now=now,
            settings=settings,
            data=data,
            procedures=tuple(
                p for p in self._catalogue.procedures() if p.code in PROCEDURE_WEIGHTS
            ),
            overrides=tuple(self._settings_store.day_overrides()),
            version=self._catalogue.catalogue.version,
        )
        if in_worker is None:
            in_worker = count >= WORKER_THRESHOLD
        done = 0
        finished: _Done | None = None
        with self._storage.bulk_load():
            for item in _in_worker(job) if in_worker else _generate(job):
                if isinstance(item, _Done):
                    finished = item
                    break
                with self._storage.write():
                    self._dossiers.insert_prepared(item)
                done += len(item.dossiers)
                if progress:
                    progress(done, count)
        assert finished is not None
        sequences, book = finished.sequences, finished.book
        with self._storage.write():
            for (day, desk), seq in sequences.items():
                if day == now.date():
                    self._settings_store.set_counter("dossier_seq", f"{day:%Y-%m-%d}/{desk}", seq)
            for volume, entry in book.items():
                self._settings_store.set_counter("book_entry", volume, entry)
            self._changes.append(
                kind="demo_seeded",
                entity_uuid=uuid7(now),
                device_time=now,
                officer_id=1,
                payload={"dossiers": count, "seed": seed},
            )
        if progress:
            progress(done, count)
        return DemoSummary(count, finished.citizens, finished.first, finished.last)


@dataclass(frozen=True)
class _Job:
    """Everything needed to make the demo rows, picklable for a worker process."""

    seed: int
    count: int
    now: datetime
    settings: DeskSettings
    data: dict[str, Any]
    procedures: tuple[Procedure, ...]
    overrides: tuple[DayOverride, ...]
    version: str


@dataclass(frozen=True)
class _Done:
    sequences: dict[tuple[date, int], int]
    book: dict[str, int]  # tracking book volume → its last entry
    citizens: int
    first: datetime | None
    last: datetime | None


def _generate(job: _Job) -> Iterator[PreparedDossiers | _Done]:
    """The demo's rows, batch by batch, then a summary; deterministic for a given seed."""
    rng = random.Random(job.seed)
    calendar = WorkCalendar(job.overrides)
    people = population(rng, job.data, max(50, job.count // 3), job.now.date())
    weights = [PROCEDURE_WEIGHTS[p.code] for p in job.procedures]
    moments = reception_moments(rng, calendar, job.now, job.count)
    plan = Plan(
        rng,
        people,
        list(job.procedures),
        weights,
        calendar,
        job.now,
        job.settings,
        CodeTemplate(job.settings.code_template),
        job.version,
    )
    for batch in plan.batches(moments):
        yield prepare_dossiers(batch)
    yield _Done(
        plan.sequences,
        plan.book,
        len(people),
        moments[0] if moments else None,
        moments[-1] if moments else None,
    )


def _worker_main(job: _Job, queue: Any) -> None:
    try:
        for item in _generate(job):
            queue.put(item)
    except BaseException as err:  # reported to the parent, which raises it
        queue.put(DeskError(f"Lỗi khi tạo dữ liệu mẫu: {type(err).__name__}: {err}"))


def _in_worker(job: _Job) -> Iterator[PreparedDossiers | _Done]:
    """``_generate(job)`` in a spawned process, at most two batches ahead of the writer."""
    import multiprocessing  # (here: not loaded by every start of the window)

    context = multiprocessing.get_context("spawn")  # the same on Windows and Linux
    queue = context.Queue(maxsize=2)
    process = context.Process(target=_worker_main, args=(job, queue), daemon=True)
    process.start()
    try:
        while True:
            try:
                item = queue.get(timeout=120)
            except Empty:
                raise DeskError("Tiến trình tạo dữ liệu mẫu không phản hồi.") from None
            if isinstance(item, DeskError):
                raise item
            yield item
            if isinstance(item, _Done):
                return
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.terminate()
