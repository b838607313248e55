"""The desk's audit chain goes up after its changes: entries in order, each sealed to the
one before, so the district holds a copy the desk alone cannot rewrite."""

from __future__ import annotations

from desk_app.domain.audit import AuditEntry
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync import protocol
from desk_app.sync.client import SyncClient


def audit_rows(batch: list[tuple[AuditEntry, str, str]]) -> list[list[object]]:
    """The wire form of audit entries (``/audit`` and USB packs alike)."""
    return [
        [e.seq, e.at, e.officer, str(e.action), e.subject, e.detail, prev, digest]
        for e, prev, digest in batch
    ]


def push_audit(client: SyncClient, audit: AuditStore, store: SyncStore) -> int:
    """Send what the server lacks of the chain; return how many entries went up."""
    sent = 0
    through = store.audit_sent_through()
    while batch := audit.after(through, protocol.MAX_AUDIT_ENTRIES):
        answer = client.request("POST", protocol.AUDIT_PATH, {"entries": audit_rows(batch)})
        through = int(answer["through"])
        store.set_audit_sent(through)
        sent += len(batch)
    return sent
