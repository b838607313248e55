"""Desk settings (key/value), counters, calendar overrides and officers."""

from __future__ import annotations

from datetime import date

from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.calendar_days import DaySource, StoredDay
from desk_app.storage.database import Storage


class SettingsStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def get_all(self) -> dict[str, str]:
        rows = self._storage.db.execute("SELECT key, value FROM desk_settings").fetchall()
        return {key: value for key, value in rows}

    def set_many(self, values: dict[str, str]) -> None:
        """Upsert settings (call inside the caller's write transaction)."""
        self._storage.db.conn.executemany(
            "INSERT INTO desk_settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )

    def counter(self, name: str, key: str) -> int | None:
        """The last value of a counter, ``None`` when it was never set."""
        row = self._storage.db.execute(
            "SELECT value FROM counters WHERE name = ? AND key = ?", [name, key]
        ).fetchone()
        return int(row[0]) if row else None

    def set_counter(self, name: str, key: str, value: int) -> None:
        self._storage.db.execute(
            "INSERT INTO counters (name, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT (name, key) DO UPDATE SET value = excluded.value",
            [name, key, value],
        )

    def day_overrides(self) -> list[DayOverride]:
        rows = self._storage.db.execute("SELECT day, kind, note FROM day_overrides").fetchall()
        return [DayOverride(date.fromisoformat(d), OverrideKind(k), n) for d, k, n in rows]

    def set_day_override(
        self,
        override: DayOverride,
        source: str = "local",
        *,
        changed_at: str = "",
        changed_by: str = "",
        upstream_note: str = "",
    ) -> None:
        self._storage.db.execute(
            "INSERT INTO day_overrides (day, kind, note, source, changed_at, changed_by, "
            "upstream_note) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, "
            "source = excluded.source, changed_at = excluded.changed_at, "
            "changed_by = excluded.changed_by, upstream_note = excluded.upstream_note",
            [
                override.day.isoformat(),
                override.kind.value,
                override.note,
                source,
                changed_at,
                changed_by,
                upstream_note,
            ],
        )

    def stored_days(self) -> list[StoredDay]:
        """The table of days off and make-up days, with where each came from."""
        rows = self._storage.db.execute(
            "SELECT day, kind, note, source, changed_at, changed_by, upstream_note "
            "FROM day_overrides ORDER BY day"
        ).fetchall()
        return [
            StoredDay(
                DayOverride(date.fromisoformat(d), OverrideKind(k), n),
                DaySource(src),
                at,
                by,
                up,
            )
            for d, k, n, src, at, by, up in rows
        ]

    def stored_day(self, day: date) -> StoredDay | None:
        return next((row for row in self.stored_days() if row.override.day == day), None)

    def remove_day_override(self, day: date) -> None:
        self._storage.db.execute("DELETE FROM day_overrides WHERE day = ?", [day.isoformat()])

    def officer_name(self, officer_id: int) -> str:
        row = self._storage.db.execute(
            "SELECT full_name FROM officers WHERE id = ?", [officer_id]
        ).fetchone()
        return str(row[0]) if row else ""

    def apply_officer(
        self,
        username: str,
        full_name: str,
        role: str,
        revoked_at: str | None,
        reason: str,
        now: str,
    ) -> None:
        """An account as the district published it (inside the caller's transaction)."""
        self._storage.db.execute(
            "INSERT INTO officers (username, full_name, role, created_at, source, revoked_at, "
            "revoked_reason) VALUES (?, ?, ?, ?, 'district', ?, ?) ON CONFLICT (username) DO "
            "UPDATE SET full_name = CASE WHEN excluded.full_name = '' THEN full_name "
            "ELSE excluded.full_name END, role = excluded.role, source = 'district', "
            "revoked_at = excluded.revoked_at, revoked_reason = excluded.revoked_reason",
            [username, full_name, role, now, revoked_at, reason],
        )

    def officers(self) -> list[dict[str, str | None]]:
        rows = self._storage.db.execute(
            "SELECT username, full_name, role, source, revoked_at, revoked_reason FROM officers "
            "ORDER BY id"
        ).fetchall()
        keys = ("username", "full_name", "role", "source", "revoked_at", "revoked_reason")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def rename_officer(self, officer_id: int, full_name: str) -> None:
        self._storage.db.execute(
            "UPDATE officers SET full_name = ? WHERE id = ?", [full_name, officer_id]
        )
