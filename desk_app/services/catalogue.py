"""The procedure catalogue in force: loaded from resources on first run, searchable."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.domain.calendar import WorkCalendar
from desk_app.domain.catalogue import Catalogue, Procedure, parse_catalogue
from desk_app.domain.errors import InvalidCatalogue, UnknownProcedure
from desk_app.domain.text import search_tokens
from desk_app.resources import resource
from desk_app.services.guard import permitted
from desk_app.storage.catalogue_store import CatalogueStore

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.services.access import Session
    from desk_app.services.audit import AuditService

CATALOGUE_FILE = ("catalogue", "procedures.json")


class CatalogueService:
    def __init__(
        self, store: CatalogueStore, session: Session, audit: AuditService | None = None
    ) -> None:
        self._session = session
        self._store = store
        self._audit = audit
        self._catalogue: Catalogue | None = None

    @permitted
    def ensure_loaded(self) -> Catalogue:
        """The catalogue in force; on first run, the bundled one is stored and put in force."""
        if self._catalogue is None:
            catalogue = self._store.in_force()
            if catalogue is None:
                document = json.loads(resource(*CATALOGUE_FILE).read_text(encoding="utf-8"))
                catalogue = self._store.add_version(document, in_force=True)
            self._catalogue = catalogue
        return self._catalogue

    @permitted
    def import_published(self, path: Path, *, version: str = "") -> Catalogue:
        """Store the published list in ``path`` (.xlsx or .csv, see
        ``domain.catalogue_import``) as a new catalogue version and put it in force; the
        audit log names the file and the version."""
        from desk_app.domain.audit import AuditAction
        from desk_app.services.catalogue_import import published_document

        document = published_document(path, self.catalogue, version=version)
        try:
            catalogue = self._store.add_version(document, in_force=True)
        except ValueError as err:  # the same version number with other content
            raise InvalidCatalogue(
                f"Phiên bản danh mục «{document['version']}» đã có với nội dung khác."
            ) from err
        self._catalogue = None
        if self._audit is not None:
            self._audit.record(
                AuditAction.CHANGE,
                path.name,
                f"danh mục thủ tục phiên bản {catalogue.version} "
                f"({len(catalogue.procedures)} thủ tục)",
            )
        return catalogue

    @permitted
    def reload(self) -> None:
        """Read the catalogue in force again (the district published a new version)."""
        self._catalogue = None

    @property
    @permitted
    def catalogue(self) -> Catalogue:
        return self.ensure_loaded()

    @permitted
    def procedures(self) -> tuple[Procedure, ...]:
        return self.catalogue.procedures

    @permitted
    def find(self, code: str) -> Procedure | None:
        return self.catalogue.find(code.strip())

    @permitted
    def search(self, query: str) -> list[Procedure]:
        """Procedures whose code, name or sector contain every word of ``query``, any accents."""
        words = search_tokens(query)
        return [p for p in self.procedures() if all(w in p.folded for w in words)]

    @permitted
    def procedure_in_version(self, version: str, code: str) -> Procedure | None:
        """``code`` as the catalogue ``version`` defined it (versions are kept forever)."""
        try:
            return self._store.version(version).find(code)
        except KeyError:
            return None

    @permitted
    def procedure_name(self, code: str) -> str:
        """The name of ``code`` in the catalogue in force (the code itself if unknown)."""
        procedure = self.find(code)
        return procedure.name if procedure else code

    @permitted
    def name_in_version(self, version: str, code: str) -> str:
        """The name of ``code`` as catalogue ``version`` had it (the code itself if unknown)."""
        procedure = self.procedure_in_version(version, code)
        return procedure.name if procedure else code

    @permitted
    def component_name(self, version: str, procedure_code: str, key: str) -> str:
        procedure = self.procedure_in_version(version, procedure_code)
        spec = next((c for c in procedure.components if c.key == key), None) if procedure else None
        return spec.name if spec else key


def bundled_catalogue() -> Catalogue:
    """The catalogue shipped in resources/ (what a new desk starts with)."""
    return parse_catalogue(json.loads(resource(*CATALOGUE_FILE).read_text(encoding="utf-8")))


def bundled_due_at(procedure_code: str, received_at: datetime) -> datetime:
    """The appointment by the bundled catalogue and the national calendar, with no desk data."""
    procedure = bundled_catalogue().find(procedure_code.strip())
    if procedure is None:
        raise UnknownProcedure(
            f"Thủ tục mã «{procedure_code.strip()}» không có trong danh mục đang áp dụng."
        )
    return WorkCalendar().appointment(received_at, procedure.processing)
