"""The audit log table: entries appended with their hash sealed to the previous one."""

from __future__ import annotations

import json
from collections.abc import Iterator

from desk_app.domain.audit import GENESIS, AuditAction, AuditEntry, seal
from desk_app.storage.database import Storage

_READ_BATCH = 2000
_NO_DELETE = (  # as in schema.py
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)


class AuditStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def append(
        self, at: str, officer: str, action: AuditAction, subject: str, detail: str
    ) -> tuple[AuditEntry, str]:
        """One entry, inside a write transaction (the caller's, or its own)."""
        with self._storage.write() as db:
            last, previous = self.head()  # read under the write lock: no two get one seq
            seq = last + 1
            entry = AuditEntry(seq, at, officer, action, subject, detail)
            digest = seal(previous, entry)
            db.execute(
                "INSERT INTO audit_log (seq, at, officer, action, subject, detail, prev_hash, "
                "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [seq, at, officer, action.value, subject, detail, previous, digest],
            )
        return entry, digest

    def after(self, seq: int, limit: int) -> list[tuple[AuditEntry, str, str]]:
        """Up to ``limit`` entries after ``seq``, in order, with their stored links; an
        action no longer known is kept as it is so the hash still checks."""
        rows = self._storage.db.execute(
            "SELECT seq, at, officer, action, subject, detail, prev_hash, hash "
            "FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
            [seq, limit],
        ).fetchall()
        return [
            (AuditEntry(int(r[0]), r[1], r[2], _action(r[3]), r[4], r[5]), str(r[6]), str(r[7]))
            for r in rows
        ]

    def chain(self) -> Iterator[tuple[AuditEntry, str, str]]:
        """Every entry in order with its stored links."""
        after = 0
        while batch := self.after(after, _READ_BATCH):
            yield from batch
            after = batch[-1][0].seq

    def head(self) -> tuple[int, str]:
        row = self._storage.db.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    def anchor(self) -> object | None:
        """The server's latest signed anchor as received (checked by the caller)."""
        row = self._storage.db.execute("SELECT signed FROM audit_anchor WHERE id = 1").fetchone()
        if row is None:
            return None
        try:
            signed: object = json.loads(row[0])
        except ValueError:
            return {"damaged": True}  # never passes the signature check
        return signed

    def set_anchor(self, seq: int, digest: str, signed: object) -> bool:
        """Keep a newer anchor (already checked by the caller); an older one (a replayed
        answer, an old acknowledgement file) never replaces it. Whether it was kept."""
        with self._storage.write() as db:
            row = db.execute("SELECT seq FROM audit_anchor WHERE id = 1").fetchone()
            if row is not None and int(row[0]) > seq:
                return False
            db.execute(
                "INSERT OR REPLACE INTO audit_anchor (id, seq, hash, signed) VALUES (1, ?, ?, ?)",
                [seq, digest, json.dumps(signed, ensure_ascii=False, sort_keys=True)],
            )
        return True

    def rejoin(self, first: int, held: list[tuple[AuditEntry, str, str]]) -> list[AuditEntry]:
        """Put the server's copy of the chain back from ``first`` on, and return the local
        entries it replaces (inside the caller's transaction), for the caller to append
        again after it.

        Only for a desk restored from an older backup: its chain went on from the
        snapshot while the server's copy holds what the desk had sent since. The server's
        entries come back as they were; the desk's own later entries (the restore itself,
        and what followed) are not lost but written again after them. The append-only
        trigger is lifted for this one statement and put back in the same transaction."""
        db = self._storage.db
        if not db.conn.in_transaction:
            raise RuntimeError("the audit chain is rejoined inside the caller's transaction")
        taken = [entry for entry, _prev, _digest in self.after(first - 1, 2**31 - 1)]
        db.execute("DROP TRIGGER audit_log_no_delete")
        db.execute("DELETE FROM audit_log WHERE seq >= ?", [first])
        db.execute(_NO_DELETE)
        for entry, prev_hash, digest in held:
            db.execute(
                "INSERT INTO audit_log (seq, at, officer, action, subject, detail, prev_hash, "
                "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [entry.seq, entry.at, entry.officer, str(entry.action), entry.subject,
                 entry.detail, prev_hash, digest],
            )  # fmt: skip
        return taken

    def recent(self, limit: int = 200) -> list[AuditEntry]:
        rows = self._storage.db.execute(
            "SELECT seq, at, officer, action, subject, detail FROM audit_log "
            "ORDER BY seq DESC LIMIT ?",
            [limit],
        ).fetchall()
        return [AuditEntry(int(r[0]), r[1], r[2], _action(r[3]), r[4], r[5]) for r in rows]


def action_of(value: str) -> AuditAction:
    """An action as stored or sent; one this version does not know is kept as it is."""
    return _action(value)


def _action(value: str) -> AuditAction:
    try:
        return AuditAction(value)
    except ValueError:
        return value  # type: ignore[return-value]  # canonical() str()s it the same way
