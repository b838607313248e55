"""After a restore from an older backup: fetch back what this desk had already sent.

The server keeps every entry a desk sent. A desk put back from an older snapshot has a
change log that ends before what the server acknowledged; left alone it would number its
next entries with sequence numbers the server already holds with other content (a
conflict at every sync), and hand out dossier codes it had already given citizens. So
each sync first asks how far the server holds this desk's log; when that is beyond the
local log, the missing entries come back (``/changes/own``, signed answers only), are
written into the log exactly as the server holds them, and rebuild what they record:
the dossiers with their checklists, their status changes and printings, and the day's
code and book counters, so no code is issued twice. Each page is one transaction with
the acknowledged position, so a cut mid-way resumes where it stopped.

Papers digitised in the lost span are held upstream only: each dossier concerned is
listed on the Đồng bộ page, to be looked up at the district server or scanned again.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from desk_app.domain.codes import sequence_block
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.database import Storage
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync import decode, protocol
from desk_app.sync.client import SyncClient, SyncError

log = logging.getLogger(__name__)

PAGE = 200
PAPER_KINDS = ("component_digitised", "component_reused", "result_digitised")


@dataclass(frozen=True)
class Recovered:
    entries: int = 0  # entries put back into the log
    dossiers: int = 0  # dossiers rebuilt
    papers_upstream: int = 0  # papers held by the server only
    moved: int = 0  # entries recorded after the restore, renumbered after the server's


def recover(
    storage: Storage,
    store: SyncStore,
    dossiers: DossierStore,
    settings: SettingsStore,
    client: SyncClient,
    now: Callable[[], datetime],
) -> Recovered:
    changes, events = ChangeLog(storage), EventLog(storage)
    held = int(client.request("GET", protocol.CHANGES_PATH)["acked_through"])
    position = store.state().acked_through
    if held <= position:
        return Recovered()  # the usual case: the server holds no more than the desk knows
    # The server holds more than this desk knows to be acknowledged: a restore from an
    # older backup (or a cut after the server's commit). What overlaps must be the same
    # entries; what the desk lacks comes back.
    log.warning("server holds %d, desk knew %d, log ends at %d: checking and fetching back",
                held, position, changes.last_seq())  # fmt: skip
    counts = {"entries": 0, "dossiers": 0, "papers": 0, "moved": 0}
    while position < held:
        page = client.request(
            "GET", f"{protocol.OWN_CHANGES_PATH}?from_seq={position + 1}&limit={PAGE}"
        )
        entries: list[dict[str, Any]] = page.get("entries") or []
        seqs = [int(e["seq"]) for e in entries]
        if not entries or seqs != list(range(position + 1, position + 1 + len(entries))):
            raise SyncError(
                f"Máy chủ báo đã nhận đến mục {held} của quầy nhưng không gửi lại được từ mục "
                f"{position + 1}: hãy báo cán bộ huyện. Quầy chưa gửi gì thêm để tránh trùng số.",
                code="recover_failed",
            )
        local = {int(e["seq"]): e for e in changes.entries(position, len(entries))}
        with storage.write():
            for entry in entries:
                seq = int(entry["seq"])
                mine = local.get(seq)
                if mine is not None and mine["content_sha256"] == entry["content_sha256"]:
                    continue
                if mine is not None:
                    # Entries recorded here after the restore, under numbers the server
                    # holds for entries the backup lost: they move after the server's
                    # (their content is unchanged) and the lost ones come back here.
                    counts["moved"] += changes.move_tail(seq, held)
                    local = {k: v for k, v in local.items() if k < seq}
                officer = int(entry.get("officer_id") or 1)
                if not settings.officer_name(officer):
                    officer = 1  # an account made after the backup, not here any more
                try:
                    changes.put_back(entry, officer)
                except ValueError as err:
                    raise SyncError(
                        f"Mục {seq} máy chủ gửi lại không hợp lệ ({err}); quầy không ghi gì. "
                        "Hãy báo cán bộ huyện.",
                        code="recover_failed",
                    ) from None
                _rebuild(dossiers, settings, events, store, entry, officer, now, counts)
                counts["entries"] += 1
            position = seqs[-1]
            store.set_acked(position, now())
    if counts["entries"]:
        log.warning(
            "recovered %d entries, %d dossiers, %d papers held upstream; %d later entries moved",
            counts["entries"], counts["dossiers"], counts["papers"], counts["moved"],
        )  # fmt: skip
    return Recovered(counts["entries"], counts["dossiers"], counts["papers"], counts["moved"])


def _rebuild(
    dossiers: DossierStore,
    settings: SettingsStore,
    events: EventLog,
    store: SyncStore,
    entry: dict[str, Any],
    officer: int,
    now: Callable[[], datetime],
    counts: dict[str, int],
) -> None:
    kind = str(entry["kind"])
    payload = json.loads(str(entry["payload"]))
    at = datetime.fromisoformat(str(entry["device_time"]))
    if kind == "dossier_received":
        new = replace(decode.new_dossier(payload), officer_id=officer)
        _count_up(settings, new.code, new.desk_number, new.received_at, new.book_volume,
                  new.book_entry)  # fmt: skip
        if dossiers.id_for_uuid(new.uuid) is not None:
            return
        if dossiers.id_for_code(new.code) is not None:
            # received here again after the restore, before the first sync: two citizens
            # hold receipts with one code. Only a person can settle it.
            store.note_problem(
                "entry", str(entry["seq"]), "code_twice",
                f"Mã hồ sơ {new.code} đã cấp cho hai hồ sơ: một trước khi quầy khôi phục bản "
                "sao lưu cũ (đã gửi lên máy chủ), một sau đó. Hãy báo cán bộ huyện và liên hệ "
                "công dân để đổi giấy tiếp nhận của một hồ sơ.",
                now(),
            )  # fmt: skip
            return
        (dossier_id,) = dossiers.insert_many([new])
        events.append(dossier_id=dossier_id, at=new.received_at, officer_id=officer,
                      kind="received", from_status=None, to_status=int(new.status))  # fmt: skip
        counts["dossiers"] += 1
        return
    held = dossiers.id_for_uuid(str(entry["entity_uuid"]))
    if held is None:
        return
    if kind == "dossier_transition":
        dossiers.apply_life(held, decode.life(payload["state"]))
        events.append(dossier_id=held, at=at, officer_id=officer,
                      kind=str(payload.get("action", "transition")),
                      from_status=payload.get("from"), to_status=payload.get("to"),
                      reason=str(payload.get("reason", "")),
                      payload=payload.get("details") or None)  # fmt: skip
    elif kind == "receipt_printed":
        prints = dossiers.count_print(held)
        events.append(dossier_id=held, at=at, officer_id=officer, kind=kind,
                      from_status=None, to_status=None, payload={"print": prints})  # fmt: skip
    elif kind in PAPER_KINDS:
        counts["papers"] += 1
        code = str(payload["code"])
        store.note_problem(
            "entry", str(entry["seq"]), "paper_upstream",
            f"Bản số hóa của hồ sơ {code} đã được gửi lên máy chủ trước khi quầy khôi phục "
            "bản sao lưu cũ; quầy không còn tệp này. Xem bản ở máy chủ huyện hoặc quét lại "
            "giấy tờ, rồi đánh dấu đã xử lý.",
            now(),
        )  # fmt: skip


def _count_up(
    settings: SettingsStore,
    code: str,
    desk: int,
    received_at: datetime,
    book_volume: str,
    book_entry: int,
) -> None:
    """Counters at least as far as a dossier already issued (no code given out twice)."""
    block = sequence_block(desk)
    numbers = [int(n) for n in re.findall(r"\d+", code) if int(n) in block]
    key = f"{received_at:%Y-%m-%d}/{desk}"
    if numbers and numbers[-1] > (settings.counter("dossier_seq", key) or 0):
        settings.set_counter("dossier_seq", key, numbers[-1])
    if book_volume and book_entry > (settings.counter("book_entry", book_volume) or 0):
        settings.set_counter("book_entry", book_volume, book_entry)
