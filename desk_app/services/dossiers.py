"""Finding dossiers again: search, list rows, open one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.codes import code_key_in_query
from desk_app.domain.dossier import is_late
from desk_app.domain.identity import mask_id_number
from desk_app.domain.records import DossierFilter, DossierRecord, DossierRow
from desk_app.domain.text import search_tokens
from desk_app.services.access import Session
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.settings import SettingsService
from desk_app.storage.dossier_store import DossierStore


@dataclass(frozen=True)
class SearchHit:
    """One line of ``desk-app search`` output."""

    code: str
    applicant_name: str
    applicant_id_number: str
    procedure_code: str
    status: int
    status_label: str
    received_at: str
    due_at: str
    late: bool


class DossierQueryService:
    def __init__(
        self,
        dossiers: DossierStore,
        catalogue: CatalogueService,
        settings: SettingsService,
        clock: Clock,
        *,
        session: Session,
    ) -> None:
        self._session = session
        self._dossiers = dossiers
        self._catalogue = catalogue
        self._settings = settings
        self._clock = clock

    def _agency(self) -> str:
        return self._settings.load().agency_code

    @permitted
    def search_ids(
        self, query: str, filters: DossierFilter | None = None, limit: int | None = None
    ) -> Sequence[int]:
        """Ids of dossiers matching ``query`` (code, name without accents, ID, phone), newest first.

        Every character that is not a letter or digit only separates words, so quotes,
        ``*`` or ``NEAR(`` typed into the search box are harmless.
        """
        filters = filters or DossierFilter()
        if filters.now is None:
            filters = DossierFilter(**{**filters.__dict__, "now": self._clock()})
        key = code_key_in_query(query, self._agency())
        return self._dossiers.search_ids(search_tokens(query), filters, limit, code_key=key)

    @permitted
    def rows(self, ids: Iterable[int]) -> list[DossierRow]:
        return self._dossiers.rows(ids)

    @permitted
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        now = self._clock()
        rows = self.rows(self.search_ids(query, limit=limit))
        return [self.hit(row, now) for row in rows]

    @staticmethod
    def hit(row: DossierRow, now: datetime, *, mask: bool = True) -> SearchHit:
        return SearchHit(
            code=row.code,
            applicant_name=row.applicant_name,
            applicant_id_number=mask_id_number(row.applicant_id_number)
            if mask
            else row.applicant_id_number,
            procedure_code=row.procedure_code,
            status=int(row.status),
            status_label=row.status.label,
            received_at=row.received_at.isoformat(timespec="minutes"),
            due_at=row.due_at.isoformat(timespec="minutes"),
            late=is_late(row.status, row.deadline_at, row.settled_at, now),
        )

    @permitted
    def get(self, dossier_id: int) -> DossierRecord | None:
        return self._dossiers.get(dossier_id, self._catalogue.component_name)

    @permitted
    def procedure_name(self, code: str) -> str:
        procedure = self._catalogue.find(code)
        return procedure.name if procedure else code

    @permitted
    def count(self) -> int:
        return self._dossiers.count()
