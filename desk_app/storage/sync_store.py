"""This desk's identity at the district server and its acknowledged position."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app.storage.change_log import ChangeLog
from desk_app.storage.database import Storage


@dataclass(frozen=True)
class SyncIdentity:
    desk_id: str
    server_url: str
    private_key: str  # base64 raw Ed25519
    server_public_key: str
    commune_code: str
    desk_number: int
    lookup_base_url: str
    enrolled_at: datetime
    # enrolled with a commune hub: the upstream to sync straight to while the hub is off
    upstream_url: str = ""
    upstream_public_key: str = ""


@dataclass(frozen=True)
class SyncProblem:
    id: int
    kind: str  # "entry" (ref = its seq) or "blob" (ref = its SHA-256)
    ref: str
    code: str
    message: str
    noticed_at: datetime


@dataclass(frozen=True)
class SyncState:
    acked_through: int
    last_success_at: datetime | None
    last_error: str
    pending: int
    problems: int = 0  # items waiting for a person


class SyncStore:
    def __init__(self, storage: Storage, changes: ChangeLog) -> None:
        self._storage = storage
        self._changes = changes

    def identity(self) -> SyncIdentity | None:
        row = self._storage.db.execute(
            "SELECT desk_id, server_url, private_key, server_public_key, commune_code, "
            "desk_number, lookup_base_url, enrolled_at, upstream_url, upstream_public_key "
            "FROM sync_identity WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return SyncIdentity(
            desk_id=row[0],
            server_url=row[1],
            private_key=row[2],
            server_public_key=row[3],
            commune_code=row[4],
            desk_number=int(row[5]),
            lookup_base_url=row[6],
            enrolled_at=datetime.fromisoformat(row[7]),
            upstream_url=row[8],
            upstream_public_key=row[9],
        )

    def save_identity(self, identity: SyncIdentity) -> None:
        with self._storage.write() as db:
            db.execute(
                "INSERT OR REPLACE INTO sync_identity (id, desk_id, server_url, private_key, "
                "server_public_key, commune_code, desk_number, lookup_base_url, enrolled_at, "
                "upstream_url, upstream_public_key) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    identity.desk_id,
                    identity.server_url,
                    identity.private_key,
                    identity.server_public_key,
                    identity.commune_code,
                    identity.desk_number,
                    identity.lookup_base_url,
                    identity.enrolled_at.isoformat(timespec="seconds"),
                    identity.upstream_url,
                    identity.upstream_public_key,
                ],
            )
            # a new identity is a new audit stream at the server: the whole chain goes up
            db.execute("UPDATE sync_state SET audit_sent_through = 0 WHERE id = 1")

    def state(self) -> SyncState:
        acked, success, error = self._storage.db.execute(
            "SELECT acked_through, last_success_at, last_error FROM sync_state WHERE id = 1"
        ).fetchone()
        (pending,) = self._storage.db.execute(
            "SELECT COUNT(*) FROM change_log WHERE seq > ?", [acked]
        ).fetchone()
        (problems,) = self._storage.db.execute(
            "SELECT COUNT(*) FROM sync_problems WHERE resolved_at IS NULL"
        ).fetchone()
        return SyncState(
            int(acked),
            datetime.fromisoformat(success) if success else None,
            error,
            int(pending),
            int(problems),
        )

    def pending_entries(self, limit: int) -> list[dict[str, Any]]:
        return self._changes.entries(after_seq=self.state().acked_through, limit=limit)

    def set_acked(self, acked_through: int, at: datetime) -> None:
        with self._storage.write() as db:
            db.execute(
                "UPDATE sync_state SET acked_through = ?, last_success_at = ?, last_error = '' "
                "WHERE id = 1",
                [acked_through, at.isoformat(timespec="seconds")],
            )

    def audit_sent_through(self) -> int:
        (sent,) = self._storage.db.execute(
            "SELECT audit_sent_through FROM sync_state WHERE id = 1"
        ).fetchone()
        return int(sent)

    def set_audit_sent(self, through: int) -> None:
        with self._storage.write() as db:
            db.execute("UPDATE sync_state SET audit_sent_through = ? WHERE id = 1", [through])

    def pull_cursor(self, upstream: bool = False) -> int:
        """Where pulling resumes: at the server enrolled with, or (``upstream``) at the hub's
        upstream, synced to straight while the hub is off."""
        column = "upstream_pull_cursor" if upstream else "pull_cursor"
        (cursor,) = self._storage.db.execute(
            f"SELECT {column} FROM sync_state WHERE id = 1"
        ).fetchone()
        return int(cursor)

    def set_pull_cursor(self, cursor: int, upstream: bool = False) -> None:
        """Inside the caller's transaction, with the page it moves past."""
        column = "upstream_pull_cursor" if upstream else "pull_cursor"
        self._storage.db.execute(f"UPDATE sync_state SET {column} = ? WHERE id = 1", [cursor])

    def published_cursor(self) -> int:
        (cursor,) = self._storage.db.execute(
            "SELECT published_cursor FROM sync_state WHERE id = 1"
        ).fetchone()
        return int(cursor)

    def set_published_cursor(self, cursor: int) -> None:
        """Inside the caller's transaction, with the page it moves past."""
        self._storage.db.execute(
            "UPDATE sync_state SET published_cursor = ? WHERE id = 1", [cursor]
        )

    # the keys of the commune's hubs the upstream revoked (replaced by a new hub), as its
    # certificates named them: kept with the settings (a JSON list)
    REVOKED_HUBS = "sync_revoked_hub_keys"

    def revoked_hub_keys(self) -> set[str]:
        row = self._storage.db.execute(
            "SELECT value FROM desk_settings WHERE key = ?", [self.REVOKED_HUBS]
        ).fetchone()
        return set(json.loads(row[0])) if row else set()

    def add_revoked_hub_keys(self, keys: set[str]) -> None:
        """Inside the caller's write transaction."""
        self._storage.db.execute(
            "INSERT INTO desk_settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [self.REVOKED_HUBS, json.dumps(sorted(self.revoked_hub_keys() | keys))],
        )

    def set_error(self, message: str) -> None:
        with self._storage.write() as db:
            db.execute("UPDATE sync_state SET last_error = ? WHERE id = 1", [message[:500]])

    # --- items in error, each waiting for a person -------------------------------------

    def note_problem(self, kind: str, ref: str, code: str, message: str, at: datetime) -> None:
        """Record (or re-open) a problem with one item; the same item is listed once."""
        with self._storage.write() as db:
            db.execute(
                "INSERT INTO sync_problems (kind, ref, code, message, noticed_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, ref) DO UPDATE SET "
                "code = excluded.code, message = excluded.message, "
                "noticed_at = CASE WHEN resolved_at IS NULL THEN noticed_at "
                "ELSE excluded.noticed_at END, resolved_at = NULL",
                [kind, ref, code, message[:500], at.isoformat(timespec="seconds")],
            )

    def open_problems(self) -> list[SyncProblem]:
        rows = self._storage.db.execute(
            "SELECT id, kind, ref, code, message, noticed_at FROM sync_problems "
            "WHERE resolved_at IS NULL ORDER BY id"
        ).fetchall()
        return [
            SyncProblem(int(r[0]), r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]))
            for r in rows
        ]

    def unavailable_blobs(self) -> set[str]:
        """Papers this desk has found lost or damaged (still open)."""
        rows = self._storage.db.execute(
            "SELECT ref FROM sync_problems WHERE kind = 'blob' AND resolved_at IS NULL"
        ).fetchall()
        return {r[0] for r in rows}

    def resolve_problem(self, problem_id: int, at: datetime) -> bool:
        with self._storage.write() as db:
            cursor = db.execute(
                "UPDATE sync_problems SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
                [at.isoformat(timespec="seconds"), problem_id],
            )
        return cursor.rowcount == 1
