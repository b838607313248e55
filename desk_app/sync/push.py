"""Push: the change log goes up in size-capped, compressed batches, acknowledged by the
server's ``acked_through`` only. After any failure the next run starts again from the last
acknowledged entry; the server applies by (desk, seq), so nothing is applied twice."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import desk_protocol as protocol
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync.blobs import referenced, upload_missing
from desk_app.sync.client import SyncClient, SyncError


@dataclass(frozen=True)
class PushResult:
    sent: int  # entries newly acknowledged in this run
    acked_through: int
    pending: int


def push(
    store: SyncStore,
    client: SyncClient,
    now: Callable[[], datetime],
    blobs: BlobStore,
    *,
    max_entries: int = protocol.MAX_BATCH_ENTRIES,
    max_bytes: int = protocol.MAX_BATCH_BYTES // 2,
) -> PushResult:
    start = store.state().acked_through
    stalled = 0
    while True:
        entries = store.pending_entries(max_entries)
        if not entries:
            break
        batch = _capped(entries, max_bytes)

        def lost(sha: str, reason: str) -> None:
            store.note_problem(
                "blob", sha, "blob_unavailable",
                f"Tệp số hóa {sha[:12]}… {reason} ở quầy: các mục nhắc đến tệp này vẫn được "
                "gửi, nhưng cần quét lại giấy tờ.",
                now(),
            )  # fmt: skip

        # papers before the entries naming them; a lost paper is declared, not waited for
        unavailable = upload_missing(client, blobs, referenced(batch), on_lost=lost)
        client.backlog = store.state().pending
        body: dict[str, object] = {"from_seq": batch[0]["seq"], "entries": batch}
        if unavailable:
            body["unavailable_blobs"] = unavailable
        try:
            answer = client.request("POST", protocol.CHANGES_PATH, body, compress=True)
        except SyncError as err:
            if err.code == "gap" and "acked_through" in err.extra:
                # The server holds less (or more) than we thought: continue from its word,
                # unless its word changes nothing (then retrying would go round forever).
                told = int(err.extra["acked_through"])
                stalled = stalled + 1 if told == store.state().acked_through else 0
                if stalled < 3:
                    store.set_acked(told, now())
                    continue
            store.set_error(err.message)
            raise
        stalled = 0
        for problem in answer.get("problems", []):
            store.note_problem(
                "entry", str(problem["seq"]), str(problem["code"]), str(problem["message"]), now()
            )
        acked = int(answer["acked_through"])
        if acked < int(str(batch[-1]["seq"])):
            store.set_error("Máy chủ chưa xác nhận đủ lô vừa gửi.")
            break
        store.set_acked(acked, now())
    state = store.state()
    return PushResult(max(0, state.acked_through - start), state.acked_through, state.pending)


def _capped(entries: list[dict[str, object]], max_bytes: int) -> list[dict[str, object]]:
    """As many entries as fit in ``max_bytes`` of JSON (at least one)."""
    batch: list[dict[str, object]] = []
    size = 0
    for entry in entries:
        size += len(json.dumps(entry, ensure_ascii=False).encode())
        if batch and size > max_bytes:
            break
        batch.append(entry)
    return batch
