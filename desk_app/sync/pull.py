"""Pull: what the commune's other desks recorded (a citizen may come back to any desk).

Each page is applied in one transaction together with the new cursor, so a cut mid-pull
re-reads at most one page and applies nothing twice. Pulled data never enters this desk's
change log (it would echo back). Ownership: the desk that received a dossier owns its
intake data (a pulled dossier is inserted once, never edited here); whoever holds it owns
its status (a pulled transition replaces the state it carries).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import desk_protocol as protocol
from desk_app.domain import decode
from desk_app.storage.database import Storage
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync.client import SyncClient


@dataclass(frozen=True)
class PullResult:
    received: int  # entries applied
    cursor: int


def pull(
    storage: Storage,
    dossiers: DossierStore,
    store: SyncStore,
    client: SyncClient,
    *,
    limit: int = 200,
    upstream: bool = False,
) -> PullResult:
    """``upstream``: from the commune hub's upstream, synced to straight while the hub is
    off (its own cursor; a dossier pulled from both is inserted once)."""
    applied = 0
    while True:
        cursor = store.pull_cursor(upstream)
        client.backlog = store.state().pending
        page = client.request("GET", f"{protocol.UPDATES_PATH}?cursor={cursor}&limit={limit}")
        entries: list[dict[str, Any]] = page["entries"]
        with storage.write():
            for entry in entries:
                applied += _apply(dossiers, entry)
            store.set_pull_cursor(int(page["next_cursor"]), upstream)
        if not page.get("more"):
            break
    return PullResult(applied, store.pull_cursor(upstream))


def _apply(dossiers: DossierStore, entry: dict[str, Any]) -> int:
    payload = json.loads(entry["payload"])
    if entry["kind"] == "dossier_received":
        if dossiers.id_for_code(payload["code"]) is not None:
            return 0  # already here (a page read twice after a cut)
        dossiers.insert_many([decode.new_dossier(payload)])
        return 1
    if entry["kind"] == "dossier_transition":
        dossier_id = dossiers.id_for_code(payload["code"])
        if dossier_id is None:
            return 0
        dossiers.apply_life(dossier_id, decode.life(payload["state"]))
        return 1
    return 0
