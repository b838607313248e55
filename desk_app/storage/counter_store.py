"""Refusals at the counter: an append-only table, apart from the dossiers (no code, no
book entry, no status), numbered in their own series."""

from __future__ import annotations

from datetime import datetime

from desk_app.domain.counter import CounterRefusal
from desk_app.storage.database import Storage
from desk_app.storage.dossier_rows import person_from_json, person_json
from desk_app.storage.times import to_text


class CounterStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def add(self, refusal: CounterRefusal) -> None:
        """Inside the caller's write transaction."""
        self._storage.db.execute(
            "INSERT INTO counter_refusals (uuid, number, refused_at, officer_id, procedure_code, "
            "applicant, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                refusal.uuid,
                refusal.number,
                to_text(refusal.refused_at),
                refusal.officer_id,
                refusal.procedure_code,
                person_json(refusal.applicant),
                refusal.reason,
            ],
        )

    def all(self) -> list[CounterRefusal]:
        rows = self._storage.db.execute(
            "SELECT uuid, number, refused_at, officer_id, procedure_code, applicant, reason "
            "FROM counter_refusals ORDER BY id"
        ).fetchall()
        result = []
        for uuid, number, at, officer, code, applicant, reason in rows:
            person = person_from_json(applicant)
            assert person is not None
            result.append(
                CounterRefusal(
                    uuid, number, datetime.fromisoformat(at), officer, code, person, reason
                )
            )
        return result
