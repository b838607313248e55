"""Digitised documents (a file in the blob store, tagged) and their links to dossiers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk_app.domain.documents import (
    DocumentRole,
    DocumentType,
    LinkedDocument,
    NewDocument,
    StoredDocument,
)
from desk_app.storage.database import Storage

_COLUMNS = (
    "d.id, d.uuid, d.sha256, d.doc_type, d.title, d.owner_id_number, d.number, d.issuer, "
    "d.issued_on, d.valid_until, d.pages, d.created_at, d.officer_id, d.colour_mode, "
    "d.signed_by, d.file_name"
)


class DocumentStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def add(self, document: NewDocument) -> int:
        """Insert a document row (inside the caller's transaction); return its id."""
        cursor = self._storage.db.execute(
            "INSERT INTO documents (uuid, sha256, doc_type, title, owner_id_number, number, "
            "issuer, issued_on, valid_until, pages, created_at, officer_id, colour_mode, "
            "signed_by, file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                document.colour_mode,
                document.signed_by,
                document.file_name,
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

    def unlink(self, dossier_id: int, document_id: int, role: DocumentRole) -> bool:
        cursor = self._storage.db.execute(
            "DELETE FROM dossier_documents WHERE dossier_id = ? AND document_id = ? AND role = ?",
            [dossier_id, document_id, role.value],
        )
        return cursor.rowcount > 0

    def is_linked(self, dossier_id: int, document_id: int, role: DocumentRole) -> bool:
        row = self._storage.db.execute(
            "SELECT 1 FROM dossier_documents WHERE dossier_id = ? AND document_id = ? AND role = ?",
            [dossier_id, document_id, role.value],
        ).fetchone()
        return row is not None

    def id_for_uuid(self, document_uuid: str) -> int | None:
        row = self._storage.db.execute(
            "SELECT id FROM documents WHERE uuid = ?", [document_uuid]
        ).fetchone()
        return int(row[0]) if row else None

    def get(self, document_id: int) -> StoredDocument | None:
        row = self._storage.db.execute(
            f"SELECT {_COLUMNS} FROM documents d WHERE d.id = ?", [document_id]
        ).fetchone()
        return _document(row) if row else None

    def for_dossier(self, dossier_id: int, role: DocumentRole) -> list[tuple[int, str, str]]:
        """(document id, sha256, title) of the dossier's documents with ``role``."""
        return [
            (linked.document.id, linked.document.sha256, linked.document.title)
            for linked in self.linked(dossier_id)
            if linked.role is role
        ]

    def linked(self, dossier_id: int) -> list[LinkedDocument]:
        """Every document the dossier holds, in the order they were linked."""
        rows = self._storage.db.execute(
            f"SELECT {_COLUMNS}, l.role, l.component_position, l.reused "
            "FROM dossier_documents l JOIN documents d ON d.id = l.document_id "
            "WHERE l.dossier_id = ? ORDER BY l.id",
            [dossier_id],
        ).fetchall()
        return [
            LinkedDocument(
                document=_document(row[:16]),
                role=DocumentRole(row[16]),
                component_position=row[17],
                reused=bool(row[18]),
            )
            for row in rows
        ]

    def of_owner(self, id_number: str, *, valid_on: date) -> list[StoredDocument]:
        """The citizen's documents still valid on ``valid_on``, newest first."""
        rows = self._storage.db.execute(
            f"SELECT {_COLUMNS} FROM documents d WHERE d.owner_id_number = ? "
            "AND (d.valid_until IS NULL OR d.valid_until >= ?) ORDER BY d.created_at DESC, d.id DESC",
            [id_number, valid_on.isoformat()],
        ).fetchall()
        return [_document(row) for row in rows]

    def digitised_counts(self, dossier_id: int) -> tuple[int, int]:
        """(components with a digitised copy, of which reused) for the dossier."""
        row = self._storage.db.execute(
            "SELECT COUNT(DISTINCT component_position), "
            "COUNT(DISTINCT CASE WHEN reused THEN component_position END) "
            "FROM dossier_documents WHERE dossier_id = ? AND role = 'component'",
            [dossier_id],
        ).fetchone()
        return int(row[0]), int(row[1])

    # --- the hot folder's memory ------------------------------------------------------

    def hot_file_seen(self, sha256: str) -> bool:
        row = self._storage.db.execute(
            "SELECT 1 FROM hot_folder_imports WHERE sha256 = ?", [sha256]
        ).fetchone()
        return row is not None

    def remember_hot_file(self, sha256: str, name: str, at: datetime) -> None:
        self._storage.db.execute(
            "INSERT INTO hot_folder_imports (sha256, name, imported_at) VALUES (?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            [sha256, name, at.isoformat(timespec="seconds")],
        )


def _document(row: Any) -> StoredDocument:
    return StoredDocument(
        id=int(row[0]),
        uuid=str(row[1]),
        sha256=str(row[2]),
        doc_type=DocumentType(row[3]),
        title=str(row[4]),
        owner_id_number=str(row[5]),
        number=str(row[6]),
        issuer=str(row[7]),
        issued_on=date.fromisoformat(row[8]) if row[8] else None,
        valid_until=date.fromisoformat(row[9]) if row[9] else None,
        pages=row[10],
        created_at=datetime.fromisoformat(row[11]),
        officer_id=int(row[12]),
        colour_mode=str(row[13]),
        signed_by=str(row[14]),
        file_name=str(row[15]),
    )
