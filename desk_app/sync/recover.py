"""After a restore from an older backup: fetch back what this desk had already sent.

The server keeps every entry a desk sent. A desk put back from an older snapshot has a
change log that ends before what the server acknowledged; left alone it would number its
next entries with sequence numbers the server already holds with other content (a
conflict at every sync), and hand out dossier codes it had already given citizens. So
each sync first asks how far the server holds this desk's log; when that is beyond what
the desk knows, the missing entries come back (``/changes/own``, signed answers only),
are written into the log exactly as the server holds them, and rebuild what they record:
the dossiers with their checklists, their status changes and printings, their digitised
papers (fetched back from the server, checked against their SHA-256), and the day's code
and book counters, so no code is issued twice. Each page is one transaction with the
acknowledged position, so a cut mid-way resumes where it stopped. A paper the server
cannot give back is listed on the Đồng bộ page for a person.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import desk_protocol as protocol
from desk_app.domain import decode
from desk_app.domain.codes import in_desk_space
from desk_app.domain.documents import DocumentRole, DocumentType, NewDocument
from desk_app.domain.ids import uuid7
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.change_log import ChangeLog, EventLog
from desk_app.storage.database import Storage
from desk_app.storage.document_store import DocumentStore
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync.client import SyncClient, SyncError
from desk_app.sync.recover_fees import FEE_KINDS, rebuild_fee

log = logging.getLogger(__name__)

PAGE = 200
PAPER_KINDS = ("component_digitised", "component_reused", "result_digitised")


@dataclass(frozen=True)
class Recovered:
    entries: int = 0  # entries put back into the log
    dossiers: int = 0  # dossiers rebuilt
    papers: int = 0  # digitised papers put back (fetched from the server)
    papers_upstream: int = 0  # papers the server could not give back: listed for a person
    moved: int = 0  # entries recorded after the restore, renumbered after the server's


@dataclass
class _Rebuild:
    """What rebuilding needs, and what it counted."""

    dossiers: DossierStore
    settings: SettingsStore
    events: EventLog
    documents: DocumentStore
    blobs: BlobStore
    store: SyncStore
    now: Callable[[], datetime]
    fees: FeeStore | None = None
    papers: dict[str, bytes] = field(default_factory=dict)  # fetched back, by SHA-256
    counts: Counter[str] = field(default_factory=Counter)


def recover(
    storage: Storage,
    store: SyncStore,
    dossiers: DossierStore,
    settings: SettingsStore,
    blobs: BlobStore,
    client: SyncClient,
    now: Callable[[], datetime],
) -> Recovered:
    changes = ChangeLog(storage)
    held = int(client.request("GET", protocol.CHANGES_PATH)["acked_through"])
    position = store.state().acked_through
    if held <= position:
        return Recovered()  # the usual case: the server holds no more than the desk knows
    # The server holds more than this desk knows to be acknowledged: a restore from an
    # older backup (or a cut after the server's commit). What overlaps must be the same
    # entries; what the desk lacks comes back.
    log.warning("server holds %d, desk knew %d, log ends at %d: checking and fetching back",
                held, position, changes.last_seq())  # fmt: skip
    work = _Rebuild(
        dossiers, settings, EventLog(storage), DocumentStore(storage), blobs, store, now,
        FeeStore(storage),
    )  # fmt: skip
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
        lacking = [e for e in entries if local.get(int(e["seq"])) is None
                   or local[int(e["seq"])]["content_sha256"] != e["content_sha256"]]  # fmt: skip
        _fetch_papers(client, work, lacking)  # before the write lock: the network is slow
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
                    work.counts["moved"] += changes.move_tail(seq, held)
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
                _rebuild(work, entry, officer)
                work.counts["entries"] += 1
            position = seqs[-1]
            store.set_acked(position, now())
        work.papers.clear()
    counts = work.counts
    if counts["entries"]:
        log.warning(
            "recovered %d entries, %d dossiers, %d papers (%d held upstream only); "
            "%d later entries moved",
            counts["entries"], counts["dossiers"], counts["papers"], counts["upstream"],
            counts["moved"],
        )  # fmt: skip
    return Recovered(
        counts["entries"], counts["dossiers"], counts["papers"], counts["upstream"],
        counts["moved"],
    )  # fmt: skip


def _fetch_papers(client: SyncClient, work: _Rebuild, entries: list[dict[str, Any]]) -> None:
    """The papers these entries name that this desk no longer holds, from the server; one
    the server cannot give (or gives wrong) is left out and listed later."""
    for entry in entries:
        for sha in json.loads(str(entry["blob_hashes"])):
            if sha in work.papers or work.blobs.path(sha).exists():
                continue
            try:
                data = client.raw("GET", f"{protocol.BLOBS_PATH}/{sha}", b"", {}).content
            except SyncError as err:
                if err.status != 404:
                    raise  # the link failed: the whole page waits for the next sync
                continue
            if hashlib.sha256(data).hexdigest() == sha:
                work.papers[sha] = data


def _rebuild(work: _Rebuild, entry: dict[str, Any], officer: int) -> None:
    kind = str(entry["kind"])
    payload = json.loads(str(entry["payload"]))
    at = datetime.fromisoformat(str(entry["device_time"]))
    dossiers = work.dossiers
    if kind in FEE_KINDS:
        assert work.fees is not None
        if rebuild_fee(work.fees, dossiers, kind, str(entry["entity_uuid"]), payload, officer, at):
            work.counts["fees"] += 1
        return
    if kind == "dossier_received":
        new = replace(decode.new_dossier(payload), officer_id=officer)
        _count_up(work.settings, new.code, new.desk_number, new.received_at, new.book_volume,
                  new.book_entry)  # fmt: skip
        if dossiers.id_for_uuid(new.uuid) is not None:
            return
        if dossiers.id_for_code(new.code) is not None:
            # received here again after the restore, before the first sync: two citizens
            # hold receipts with one code. Only a person can settle it.
            work.store.note_problem(
                "entry", str(entry["seq"]), "code_twice",
                f"Mã hồ sơ {new.code} đã cấp cho hai hồ sơ: một trước khi quầy khôi phục bản "
                "sao lưu cũ (đã gửi lên máy chủ), một sau đó. Hãy báo cán bộ huyện và liên hệ "
                "công dân để đổi giấy tiếp nhận của một hồ sơ.",
                work.now(),
            )  # fmt: skip
            return
        (dossier_id,) = dossiers.insert_many([new])
        work.events.append(dossier_id=dossier_id, at=new.received_at, officer_id=officer,
                           kind="received", from_status=None, to_status=int(new.status))  # fmt: skip
        work.counts["dossiers"] += 1
        return
    held = dossiers.id_for_uuid(str(entry["entity_uuid"]))
    if held is None:
        return
    if kind == "dossier_transition":
        dossiers.apply_life(held, decode.life(payload["state"]))
        work.events.append(dossier_id=held, at=at, officer_id=officer,
                           kind=str(payload.get("action", "transition")),
                           from_status=payload.get("from"), to_status=payload.get("to"),
                           reason=str(payload.get("reason", "")),
                           payload=payload.get("details") or None)  # fmt: skip
    elif kind == "receipt_printed":
        prints = dossiers.count_print(held)
        work.events.append(dossier_id=held, at=at, officer_id=officer, kind=kind,
                           from_status=None, to_status=None, payload={"print": prints})  # fmt: skip
    elif kind in PAPER_KINDS or kind == "component_unlinked":
        if _paper(work, kind, payload, held, officer, at):
            work.counts["papers"] += 1
            return
        work.counts["upstream"] += 1
        work.store.note_problem(
            "entry", str(entry["seq"]), "paper_upstream",
            f"Bản số hóa của hồ sơ {payload.get('code', '')} đã được gửi lên máy chủ trước "
            "khi quầy khôi phục bản sao lưu cũ, nhưng máy chủ không gửi lại được. Xem bản ở "
            "máy chủ huyện hoặc quét lại giấy tờ, rồi đánh dấu đã xử lý.",
            work.now(),
        )  # fmt: skip


def _paper(
    work: _Rebuild,
    kind: str,
    payload: dict[str, Any],
    dossier_id: int,
    officer: int,
    at: datetime,
) -> bool:
    """Put a digitised paper back on its dossier as the entry recorded it; False when its
    file is neither here nor fetched back."""
    documents = work.documents
    if kind in ("component_unlinked", "component_reused"):
        document_id = documents.id_for_uuid(str(payload["document_uuid"]))
        if document_id is None:
            return kind == "component_unlinked"  # nothing here to take off
        if kind == "component_unlinked":
            documents.unlink(dossier_id, document_id, DocumentRole.COMPONENT)
        elif not documents.is_linked(dossier_id, document_id, DocumentRole.COMPONENT):
            documents.link(dossier_id, document_id, DocumentRole.COMPONENT, at=at,
                           component_position=int(payload["position"]), reused=True)  # fmt: skip
        _recount(work, dossier_id)
        return True
    sha = str(payload["sha256"])
    data = work.papers.get(sha)
    if data is not None:
        work.blobs.put(data, media_type="application/pdf", now=at)
    elif not work.blobs.path(sha).exists():
        return False
    record = work.dossiers.get(dossier_id, lambda _v, _p, _k: "")
    assert record is not None
    if kind == "result_digitised":
        document_id = documents.add(
            NewDocument(
                uuid=uuid7(at), sha256=sha, doc_type=DocumentType.RESULT,
                title=f"Kết quả hồ sơ {record.code}",
                owner_id_number=(record.principal or record.applicant).id_number,
                created_at=at, officer_id=officer, pages=payload.get("pages"),
            )
        )  # fmt: skip
        documents.link(dossier_id, document_id, DocumentRole.RESULT, at=at)
        work.dossiers.mark_result_digitised(dossier_id)
        return True
    if documents.id_for_uuid(str(payload["document_uuid"])) is not None:
        return True
    position = int(payload["position"])
    name = next((c.name for c in record.components if c.position == position), "")
    document_id = documents.add(
        NewDocument(
            uuid=str(payload["document_uuid"]), sha256=sha,
            doc_type=DocumentType(str(payload["doc_type"])),
            title=name or f"Thành phần {position}",
            owner_id_number=str(payload.get("owner_id_number") or ""),
            created_at=at, officer_id=officer,
            number=str(payload.get("number") or ""), issuer=str(payload.get("issuer") or ""),
            issued_on=_day(payload.get("issued_on")),
            valid_until=_day(payload.get("valid_until")),
            pages=payload.get("pages"), signed_by=str(payload.get("signed_by") or ""),
            file_name=str(payload.get("file_name") or ""),
        )
    )  # fmt: skip
    documents.link(dossier_id, document_id, DocumentRole.COMPONENT, at=at,
                   component_position=position)  # fmt: skip
    _recount(work, dossier_id)
    return True


def _recount(work: _Rebuild, dossier_id: int) -> None:
    digitised, reused = work.documents.digitised_counts(dossier_id)
    work.dossiers.set_components_digitised(dossier_id, digitised, reused)


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _count_up(
    settings: SettingsStore,
    code: str,
    desk: int,
    received_at: datetime,
    book_volume: str,
    book_entry: int,
) -> None:
    """Counters at least as far as a dossier already issued (no code given out twice)."""
    numbers = [int(n) for n in re.findall(r"\d+", code) if in_desk_space(desk, int(n))]
    key = f"{received_at:%Y-%m-%d}/{desk}"
    if numbers and numbers[-1] > (settings.counter("dossier_seq", key) or 0):
        settings.set_counter("dossier_seq", key, numbers[-1])
    if book_volume and book_entry > (settings.counter("book_entry", book_volume) or 0):
        settings.set_counter("book_entry", book_volume, book_entry)
