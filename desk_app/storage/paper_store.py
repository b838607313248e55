"""Numbers given to issued papers (Forms 01–07), one series per kind, year and desk."""

from __future__ import annotations

from datetime import datetime

from desk_app.domain.papers import PaperKind, next_paper_seq, paper_number
from desk_app.storage.database import Storage
from desk_app.storage.settings_store import SettingsStore


class PaperStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._counters = SettingsStore(storage)

    def get(self, kind: PaperKind, subject: str) -> str | None:
        row = self._storage.db.execute(
            "SELECT number FROM paper_numbers WHERE kind = ? AND subject = ?",
            [kind.value, subject],
        ).fetchone()
        return str(row[0]) if row else None

    def number(
        self, kind: PaperKind, subject: str, *, desk: int, unit_code: str, at: datetime
    ) -> str:
        """The number of the paper of ``kind`` issued for ``subject``; the next of the
        series (kind, year of ``at``, desk) when it has none yet, stored in one durable
        transaction with the counter (a power cut leaves both or neither)."""
        found = self.get(kind, subject)
        if found is not None:
            return found
        if self._storage.read_only:  # a desk opened read-only (a failing disk) prints unnumbered
            return ""
        with self._storage.write():
            found = self.get(kind, subject)  # another window may have numbered it meanwhile
            if found is not None:
                return found
            key = f"{kind.value}/{at:%Y}/{desk}"
            seq = next_paper_seq(self._counters.counter("paper_seq", key))
            self._counters.set_counter("paper_seq", key, seq)
            number = paper_number(kind, desk, seq, unit_code)
            self._storage.db.execute(
                "INSERT INTO paper_numbers (kind, subject, number, year, issued_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [kind.value, subject, number, at.year, at.isoformat()],
            )
        return number
