"""Digitised documents (a file in the blob store, tagged) and their links to dossiers."""

from __future__ import annotations

from datetime import datetime

from desk_app.domain.documents import DocumentRole, NewDocument
from desk_app.storage.database import Storage


class DocumentStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def add(self, document: NewDocument) -> int:
        """Insert a document row (inside the caller's transaction); return its id."""
        cursor = self._storage.db.execute(
            "INSERT INTO documents (uuid, sha256, doc_type, title, owner_id_number, number, "
            "issuer, issued_on, valid_until, pages, created_at, officer_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document.uuid,
                document.sha256,
                document.doc_type.value,
                document.title,
                document.owner_id_number,
                document.number,
                document.issuer,
                document.issued_on.isoformat() if document.issued_on else None,
                document.valid_until.isoformat() if document.valid_until else None,
                document.pages,
                document.created_at.isoformat(timespec="seconds"),
                document.officer_id,
            ],
        )
        return int(cursor.lastrowid or 0)

    def link(
        self,
        dossier_id: int,
        document_id: int,
        role: DocumentRole,
        *,
        at: datetime,
        component_position: int | None = None,
        reused: bool = False,
    ) -> None:
        self._storage.db.execute(
            "INSERT INTO dossier_documents (dossier_id, document_id, role, component_position, "
            "reused, linked_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                dossier_id,
                document_id,
                role.value,
                component_position,
                int(reused),
                at.isoformat(timespec="seconds"),
            ],
        )

    def for_dossier(self, dossier_id: int, role: DocumentRole) -> list[tuple[int, str, str]]:
        """(document id, sha256, title) of the dossier's documents with ``role``."""
        rows = self._storage.db.execute(
            "SELECT d.id, d.sha256, d.title FROM dossier_documents l "
            "JOIN documents d ON d.id = l.document_id WHERE l.dossier_id = ? AND l.role = ? "
            "ORDER BY l.id",
            [dossier_id, role.value],
        ).fetchall()
        return [(int(i), str(sha), str(title)) for i, sha, title in rows]
