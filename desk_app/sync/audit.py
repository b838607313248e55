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


def keep_anchor(audit: AuditStore, store: SyncStore, signed: object) -> bool:
    """Keep the server's signed anchor of the chain when it checks against the pinned
    server key and this desk; whether it was kept (an older one never replaces a newer)."""
    identity = store.identity()
    if identity is None or signed is None:
        return False
    anchor = protocol.read_audit_anchor(identity.server_public_key, identity.desk_id, signed)
    if anchor is None:
        return False
    seq, head, _at = anchor
    return audit.set_anchor(seq, head, signed)


def push_audit(client: SyncClient, audit: AuditStore, store: SyncStore) -> int:
    """Send what the server lacks of the chain; return how many entries went up. Each
    answer carries the server's signed anchor of the head it holds: the desk keeps it."""
    sent = 0
    through = store.audit_sent_through()
    while batch := audit.after(through, protocol.MAX_AUDIT_ENTRIES):
        answer = client.request("POST", protocol.AUDIT_PATH, {"entries": audit_rows(batch)})
        through = int(answer["through"])
        keep_anchor(audit, store, answer.get("anchor"))
        store.set_audit_sent(through)
        sent += len(batch)
    return sent
