"""The append-only dossier history and the sync change log (outbox).

Both are written inside the caller's transaction, together with the change they record.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any

from desk_app.domain.audit import AuditAction
from desk_app.domain.changes import content_hash
from desk_app.domain.records import StoredEvent
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.database import Storage


def _plain(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a change-log payload")


def canonical_json(payload: dict[str, Any]) -> str:
    """Sorted keys, no spaces, UTF-8 text; dates and times as ISO text."""
    return json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )


_NO_UPDATE = (  # as in schema.py
    "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log\n"
    "BEGIN SELECT RAISE(ABORT, 'change log entries are immutable'); END"
)


class ChangeLog:
    """The outbox. With an ``audit`` store, every change is also an entry of the audit
    chain, written in the same transaction."""

    def __init__(self, storage: Storage, audit: AuditStore | None = None) -> None:
        self._storage = storage
        self._audit = audit

    def append(
        self,
        *,
        kind: str,
        entity_uuid: str,
        device_time: datetime,
        officer_id: int,
        payload: dict[str, Any],
        blob_hashes: list[str] | None = None,
    ) -> int:
        """Append one entry and return its ``seq`` (previous + 1, never a gap)."""
        db = self._storage.db
        if not db.conn.in_transaction:
            raise RuntimeError("change log entries are written inside the change's transaction")
        if self._audit is not None:
            row = db.execute("SELECT username FROM officers WHERE id = ?", [officer_id]).fetchone()
            subject = str(payload.get("code") or entity_uuid)
            self._audit.append(
                device_time.isoformat(), str(row[0]) if row else f"#{officer_id}",
                AuditAction.CHANGE, subject, kind,
            )  # fmt: skip
        body = canonical_json(payload)
        hashes = json.dumps(sorted(blob_hashes or []))
        digest = content_hash(kind, entity_uuid, body, hashes)
        (last,) = db.execute("SELECT COALESCE(MAX(seq), 0) FROM change_log").fetchone()
        seq = int(last) + 1
        db.execute(
            "INSERT INTO change_log (seq, uuid, kind, entity_uuid, device_time, officer_id, "
            "payload, blob_hashes, content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                seq,
                str(uuid.uuid4()),
                kind,
                entity_uuid,
                device_time.isoformat(),
                officer_id,
                body,
                hashes,
                digest,
            ],
        )
        return seq

    def last_seq(self) -> int:
        (last,) = self._storage.db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM change_log"
        ).fetchone()
        return int(last)

    def put_back(self, entry: dict[str, Any], officer_id: int) -> None:
        """Write an entry this desk made and the server holds, exactly as the server holds
        it, after a restore from an older backup lost it here (inside the caller's
        transaction). Only ever right after an entry it holds, so the log stays without a
        gap (a ``seq`` already held is refused by its key). ``officer_id``
        is the entry's own when that account is here, else one that is (a restore can lose
        accounts made after the backup); the content hash does not cover it."""
        db = self._storage.db
        if not db.conn.in_transaction:
            raise RuntimeError("change log entries are written inside the change's transaction")
        seq = int(entry["seq"])
        before = db.execute("SELECT 1 FROM change_log WHERE seq = ?", [seq - 1]).fetchone()
        if seq < 1 or (seq > 1 and before is None):
            raise ValueError(f"entry {seq} does not follow the log")
        digest = content_hash(
            str(entry["kind"]), str(entry["entity_uuid"]), str(entry["payload"]),
            str(entry["blob_hashes"]),
        )  # fmt: skip
        if digest != entry["content_sha256"]:
            raise ValueError(f"entry {seq} does not match its content hash")
        db.execute(
            "INSERT INTO change_log (seq, uuid, kind, entity_uuid, device_time, officer_id, "
            "payload, blob_hashes, content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                seq, str(entry["uuid"]), str(entry["kind"]), str(entry["entity_uuid"]),
                str(entry["device_time"]), officer_id, str(entry["payload"]),
                str(entry["blob_hashes"]), digest,
            ],
        )  # fmt: skip

    def move_tail(self, first: int, after: int) -> int:
        """Renumber the entries from ``first`` on to follow ``after`` (inside the caller's
        transaction); return how many moved.

        Only for a desk restored from an older backup that recorded new entries before its
        first sync: their numbers are held at the server by the entries the backup lost,
        which come back in their place, and these go up after them. The content hash does
        not cover ``seq``. The log's immutability triggers are lifted for this one statement
        and put back in the same transaction: a crash here undoes all of it."""
        db = self._storage.db
        if not db.conn.in_transaction:
            raise RuntimeError("change log entries are written inside the change's transaction")
        shift = after + 1 - first
        (count,) = db.execute("SELECT COUNT(*) FROM change_log WHERE seq >= ?", [first]).fetchone()
        if not count or shift <= 0:
            return 0
        db.execute("DROP TRIGGER change_log_no_update")
        # through negative numbers, so no row lands on one not yet moved
        db.execute("UPDATE change_log SET seq = -seq WHERE seq >= ?", [first])
        db.execute("UPDATE change_log SET seq = -seq + ? WHERE seq < 0", [shift])
        db.execute(_NO_UPDATE)
        return int(count)

    def entries(self, after_seq: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
        rows = self._storage.db.execute(
            "SELECT seq, uuid, kind, entity_uuid, device_time, officer_id, payload, blob_hashes, "
            "content_sha256 FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
            [after_seq, limit],
        ).fetchall()
        keys = (
            "seq",
            "uuid",
            "kind",
            "entity_uuid",
            "device_time",
            "officer_id",
            "payload",
            "blob_hashes",
            "content_sha256",
        )
        return [dict(zip(keys, row, strict=True)) for row in rows]


class EventLog:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def append(
        self,
        *,
        dossier_id: int,
        at: datetime,
        officer_id: int,
        kind: str,
        from_status: int | None,
        to_status: int | None,
        reason: str = "",
        payload: dict[str, Any] | None = None,
    ) -> str:
        event_uuid = str(uuid.uuid4())
        self._storage.db.execute(
            "INSERT INTO dossier_events (uuid, dossier_id, at, officer_id, kind, from_status, "
            "to_status, reason, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                event_uuid,
                dossier_id,
                at.isoformat(),
                officer_id,
                kind,
                from_status,
                to_status,
                reason,
                canonical_json(payload) if payload else None,
            ],
        )
        return event_uuid

    def for_dossier(self, dossier_id: int) -> list[StoredEvent]:
        """The dossier's history, oldest first."""
        rows = self._storage.db.execute(
            "SELECT e.id, e.at, e.officer_id, o.full_name, e.kind, e.from_status, e.to_status, "
            "e.reason, e.payload FROM dossier_events e JOIN officers o ON o.id = e.officer_id "
            "WHERE e.dossier_id = ? ORDER BY e.id",
            [dossier_id],
        ).fetchall()
        return [
            StoredEvent(
                id=row[0],
                at=datetime.fromisoformat(row[1]),
                officer_id=row[2],
                officer_name=row[3],
                kind=row[4],
                from_status=row[5],
                to_status=row[6],
                reason=row[7],
                details=json.loads(row[8]) if row[8] else {},
            )
            for row in rows
        ]
