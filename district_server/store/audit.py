"""Each desk's audit chain as the desk sent it, kept so that a desk whose log was edited or
cut after sending is caught by comparing with this copy."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from desk_app.domain import audit
from district_server.store.sql import Part
from district_server.store.tables import audit_entries, relay_queue

AuditLink = tuple[audit.AuditEntry, str, str]  # an entry, its previous hash, its hash


def _head(db: Any, desk_id: str) -> tuple[int, str]:
    last = db.execute(
        select(audit_entries.c.seq, audit_entries.c.hash)
        .where(audit_entries.c.desk_id == desk_id)
        .order_by(audit_entries.c.seq.desc())
        .limit(1)
    ).first()
    return (int(last.seq), str(last.hash)) if last else (0, audit.GENESIS)


class AuditChains(Part):
    def append_audit(
        self,
        desk_id: str,
        entries: list[AuditLink],
        now: datetime,
        relay: dict[str, Any] | None = None,
    ) -> tuple[int, str]:
        """Extend the desk's audit chain; (entries held through, "" or why it stopped).

        An entry already held with the same hash is a resend and changes nothing; one held
        with another hash, or not sealed to the one before it, means the desk's log was
        rewritten: nothing after it is taken and the reason is returned. ``relay`` (a
        hub): the request as the desk signed it, queued in the same transaction when it
        brings new entries, to be forwarded upstream unchanged."""
        with self.engine.begin() as db:
            through, head = _head(db, desk_id)
            rows = []
            for entry, prev_hash, digest in entries:
                if entry.seq <= through:
                    held = db.execute(
                        select(audit_entries.c.hash).where(
                            audit_entries.c.desk_id == desk_id, audit_entries.c.seq == entry.seq
                        )
                    ).scalar()
                    if held != digest:
                        return through, f"mục {entry.seq} khác bản máy chủ đã nhận"
                    continue
                if entry.seq != through + 1:
                    return through, f"thiếu mục {through + 1}"
                if prev_hash != head or audit.seal(prev_hash, entry) != digest:
                    return through, f"mục {entry.seq} không nối đúng chuỗi"
                rows.append(
                    {"desk_id": desk_id, "seq": entry.seq, "at": entry.at,
                     "officer": entry.officer, "action": str(entry.action),
                     "subject": entry.subject, "detail": entry.detail, "prev_hash": prev_hash,
                     "hash": digest, "received_at": now}
                )  # fmt: skip
                through, head = entry.seq, digest
            if rows:
                db.execute(insert(audit_entries), rows)
                if relay is not None:
                    db.execute(
                        insert(relay_queue).values(
                            **relay, desk_id=desk_id, last_seq=through, queued_at=now
                        )
                    )
        return through, ""

    def audit_head(self, desk_id: str) -> tuple[int, str]:
        """(seq, hash) of the last audit entry held for the desk; (0, GENESIS) when none."""
        with self.engine.connect() as db:
            return _head(db, desk_id)

    def audit_of(self, desk_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            rows = db.execute(
                select(audit_entries)
                .where(audit_entries.c.desk_id == desk_id)
                .order_by(audit_entries.c.seq)
            ).all()
        return [dict(row._mapping) for row in rows]

    def audit_after(self, desk_id: str, after: int, limit: int) -> list[list[Any]]:
        """``desk_id``'s audit entries after ``after`` as the wire's rows (a desk restored
        from an older backup joins its chain back onto the server's copy)."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(audit_entries)
                .where(audit_entries.c.desk_id == desk_id, audit_entries.c.seq > after)
                .order_by(audit_entries.c.seq)
                .limit(limit)
            ).all()
        return [
            [r.seq, r.at, r.officer, r.action, r.subject, r.detail, r.prev_hash, r.hash]
            for r in rows
        ]
