"""Unsaved forms kept across a power cut (``drafts``): one row per kind of form."""

from __future__ import annotations

from desk_app.storage.database import Storage


class DraftStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def put(self, kind: str, officer_id: int, saved_at: str, body: str) -> None:
        """Keep the form (its own small durable transaction, or the caller's)."""
        with self._storage.write() as db:
            db.execute(
                "INSERT INTO drafts (kind, officer_id, saved_at, body) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET officer_id = excluded.officer_id, "
                "saved_at = excluded.saved_at, body = excluded.body",
                [kind, officer_id, saved_at, body],
            )

    def get(self, kind: str) -> tuple[str, str] | None:
        """(saved_at, body) of the kept form, if any."""
        row = self._storage.db.execute(
            "SELECT saved_at, body FROM drafts WHERE kind = ?", [kind]
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def clear(self, kind: str) -> None:
        with self._storage.write() as db:
            db.execute("DELETE FROM drafts WHERE kind = ?", [kind])
