"""The desk's audit chain goes up after its changes: entries in order, each sealed to the
one before, so the district holds a copy the desk alone cannot rewrite."""

from __future__ import annotations

import desk_protocol as protocol
from desk_app.domain.audit import GENESIS, AuditAction, AuditEntry, seal
from desk_app.storage.audit_store import AuditStore, action_of
from desk_app.storage.database import Storage
from desk_app.storage.sync_store import SyncStore
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


def rejoin_after_restore(
    client: SyncClient, storage: Storage, audit: AuditStore, store: SyncStore
) -> bool:
    """After a restore from an older backup the desk's chain goes on from the snapshot
    while the server's copy holds what was sent since: the server refuses the next entry.
    When the desk's first entry past the server's copy is that restore, the server's
    entries are put back and the desk's own later ones appended again after them (their
    content kept, the restore first), so the chain is whole on both sides and the
    district sees the restore in it. Any other break (entries edited after they were
    sent) is left for a person: True only when the chain was joined."""
    sent = store.audit_sent_through()
    held: list[tuple[AuditEntry, str, str]] = []
    while True:
        page = client.request(
            "GET", f"{protocol.AUDIT_PATH}?after={sent + len(held)}"
            f"&limit={protocol.MAX_AUDIT_ENTRIES}",
        )  # fmt: skip
        rows = page.get("entries") or []
        for seq, at, officer, action, subject, detail, prev_hash, digest in rows:
            held.append((AuditEntry(int(seq), str(at), str(officer), action_of(str(action)),
                                    str(subject), str(detail)), str(prev_hash), str(digest)))  # fmt: skip
        if len(rows) < protocol.MAX_AUDIT_ENTRIES:
            break
    local = audit.after(sent, len(held) + 1)
    first = next(
        (i for i, (mine, theirs) in enumerate(zip(local, held, strict=False))
         if mine[2] != theirs[2]),
        min(len(local), len(held)),
    )  # fmt: skip
    if first >= len(held) or first >= len(local) or local[first][0].action != AuditAction.RESTORE:
        return False
    if first:
        previous = held[first - 1][2]  # the last entry both hold alike
    elif sent:
        previous = audit.after(sent - 1, 1)[0][2]
    else:
        previous = GENESIS
    for number, (entry, prev_hash, digest) in enumerate(held[first:]):
        if (
            entry.seq != sent + first + 1 + number
            or prev_hash != previous
            or seal(prev_hash, entry) != digest
        ):
            return False  # the server's copy does not chain: leave it for a person
        previous = digest
    with storage.write():
        taken = audit.rejoin(sent + first + 1, held[first:])
        for entry in taken:
            audit.append(entry.at, entry.officer, entry.action, entry.subject, entry.detail)
        store.set_audit_sent(held[-1][0].seq)
    return True
