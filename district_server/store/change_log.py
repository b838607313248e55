"""The change log of every desk, applied by ``(desk_id, seq)``: an entry already held with the
same content hash is a success, the same ``seq`` with other content a conflict, never
overwritten; a batch that does not start right after what is held is a gap. And what a
desk pulls back: the entries of its commune's other desks, its own entries (restore).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from district_server import entry_checks
from district_server.store import district_view
from district_server.store.enrolment import Desk
from district_server.store.fee_payments import FEE_PULLED, CommuneFees
from district_server.store.sql import Part, among, insert_rows
from district_server.store.tables import blobs, changes, desks, feed, relay_queue
from district_server.store.tables import dossiers as dossier_rows

log = logging.getLogger("district_server.store")


class Conflict(Exception):
    """An entry whose ``seq`` the server holds with other content (never overwritten)."""

    def __init__(self, seq: int, acked_through: int) -> None:
        super().__init__(f"entry {seq} differs from the one already received")
        self.seq = seq
        self.acked_through = acked_through


class MissingBlobs(Exception):
    def __init__(self, hashes: list[str]) -> None:
        super().__init__(f"{len(hashes)} blobs referenced but not held")
        self.hashes = hashes


class Busy(Exception):
    """Entries of the desk written by another request in the same moment (the batch is
    refused whole; the desk sends again from ``acked_through``)."""

    def __init__(self, acked_through: int) -> None:
        super().__init__(f"batch written concurrently after entry {acked_through}")
        self.acked_through = acked_through


class Gap(Exception):
    def __init__(self, acked_through: int) -> None:
        super().__init__(f"batch does not follow entry {acked_through}")
        self.acked_through = acked_through


# What can be wrong with one entry without blocking the ones after it: the entry is kept
# (the log is the record) and acknowledged, the problem is told back to the desk, whose
# sync panel shows it until a person deals with it. Only ``blob_unavailable`` entries
# still reach the status page and the other desks: their data is sound, a paper is lost.
PROBLEMS = {
    "duplicate_entry": "Mục này đã được một quầy khác gửi lên (dữ liệu quầy có thể đã bị sao "
    "chép sang máy khác); máy chủ giữ lại để cán bộ huyện kiểm tra.",
    "code_taken": "Mã hồ sơ này đã có ở một hồ sơ khác trên máy chủ (hai quầy cùng số?); "
    "hãy báo cán bộ huyện.",
    "unreadable": "Máy chủ không đọc được nội dung mục này; đã lưu lại để kiểm tra.",
    "blob_unavailable": "Tệp số hóa của mục này bị mất hoặc hỏng ở quầy; hãy quét lại giấy tờ.",
    # refused by entry_checks: the desk may not send this (see that module's rules)
    "code_outside_block": "Mã hồ sơ không thuộc xã hoặc dải số của quầy này: kiểm tra mã cơ "
    "quan và số hiệu quầy trong Cài đặt (phải đúng như khi đăng ký với máy chủ), rồi báo cán "
    "bộ huyện.",
    "foreign_dossier": "Mục này nói về hồ sơ của xã khác: quầy chỉ được xử lý hồ sơ của xã "
    "mình; máy chủ giữ lại để cán bộ huyện kiểm tra.",
    "unknown_dossier": "Máy chủ chưa có hồ sơ của mục này, nên chưa áp dụng được; hãy xử lý "
    "lỗi của mục tiếp nhận hồ sơ đó trước, hoặc báo cán bộ huyện.",
    "status_conflict": "Thao tác không áp dụng được vì trạng thái hồ sơ trên máy chủ đã khác "
    "(quầy khác của xã đã xử lý trước): lần đồng bộ sau quầy nhận trạng thái mới; hãy xem lại "
    "hồ sơ.",
    "invalid_entry": "Nội dung mục này không hợp lệ nên máy chủ không áp dụng; đã lưu lại để "
    "cán bộ huyện kiểm tra.",
    "fee_paid_twice": "Phí này đã thu một lần (biên lai chưa hủy): hãy hủy biên lai thu sau "
    "ở quầy mình và hoàn tiền cho người nộp, hoặc báo cán bộ huyện.",
}
WITHHELD = {
    "duplicate_entry",
    "code_taken",
    "unreadable",
    "code_outside_block",
    "foreign_dossier",
    "unknown_dossier",
    "status_conflict",
    "invalid_entry",
    "fee_paid_twice",
}


def _message(problem: str, reason: str) -> str:
    """The problem's words, with the entry's own reason first when there is one."""
    if not reason:
        return PROBLEMS[problem]
    return f"{reason[0].upper()}{reason[1:]}. {PROBLEMS[problem]}"


@dataclass(frozen=True)
class Applied:
    acked_through: int
    problems: list[dict[str, Any]]  # {"seq", "code", "message"} of entries kept with a problem


class Changes(Part):
    def acked_through(self, desk_id: str) -> int:
        with self.engine.connect() as db:
            return self._acked(db, desk_id)

    @staticmethod
    def _acked(db: Any, desk_id: str) -> int:
        value = db.execute(
            select(func.max(changes.c.seq)).where(changes.c.desk_id == desk_id)
        ).scalar()
        return int(value or 0)

    def apply(
        self,
        desk_id: str,
        entries: list[dict[str, Any]],
        now: datetime,
        unavailable: frozenset[str] = frozenset(),
        commune: str | None = None,  # unused: the desk's commune is read in the transaction
        relay: dict[str, Any] | None = None,
    ) -> Applied:
        """Apply a batch (entries in ``seq`` order) in one transaction.

        Entries already held with the same content are skipped (a resent batch is a
        success); other content under a held ``seq`` raises ``Conflict``; a first entry
        beyond ``acked + 1`` raises ``Gap``; a paper neither held nor declared
        ``unavailable`` by the desk raises ``MissingBlobs``. Nothing of a refused batch is
        applied. An entry with a problem of its own (``PROBLEMS``), among them every entry
        the desk may not send (``entry_checks``), is kept and acknowledged with it, so it
        never blocks the entries after it. A batch of the desk written by another request at
        the same moment raises ``Busy``.

        ``relay`` (a hub): the request as the desk signed it (``relay_queue``'s columns),
        kept in the same transaction when the batch brings anything new, to be forwarded
        upstream unchanged.
        """
        try:
            return self._apply(desk_id, entries, now, unavailable, relay)
        except IntegrityError:
            raise Busy(self.acked_through(desk_id)) from None

    def _apply(
        self,
        desk_id: str,
        entries: list[dict[str, Any]],
        now: datetime,
        unavailable: frozenset[str],
        relay: dict[str, Any] | None = None,
    ) -> Applied:
        with self.engine.begin() as db:
            if self.engine.dialect.name == "postgresql":
                # one batch per desk at a time; other desks go on in parallel
                db.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (desk_id,))
            acked = self._acked(db, desk_id)
            if not entries:
                return Applied(acked, [])
            seqs = [int(e["seq"]) for e in entries]
            held = {
                row.seq: row.content_sha256
                for row in db.execute(
                    select(changes.c.seq, changes.c.content_sha256).where(
                        changes.c.desk_id == desk_id, among(db, changes.c.seq, seqs)
                    )
                )
            }
            referenced = sorted(
                {h for e in entries for h in entry_checks.blob_list(e["blob_hashes"]) or []}
            )
            if referenced:
                have = set(
                    db.execute(
                        select(blobs.c.sha256).where(among(db, blobs.c.sha256, referenced))
                    ).scalars()
                )
                lacking = [h for h in referenced if h not in have and h not in unavailable]
                if lacking:
                    raise MissingBlobs(lacking)
            expected = acked + 1
            fresh = []
            for entry in entries:
                seq = int(entry["seq"])
                if seq in held:
                    if held[seq] != entry["content_sha256"]:
                        raise Conflict(seq, acked)
                    continue
                if seq != expected:
                    raise Gap(acked)
                expected += 1
                fresh.append({**entry, "desk_id": desk_id, "received_at": now, "problem": None})
            if not fresh:
                return Applied(acked, [])
            sent_by = db.execute(
                select(desks.c.commune_code, desks.c.desk_number).where(desks.c.id == desk_id)
            ).one()
            commune = sent_by.commune_code
            sender = entry_checks.Sender(desk_id, commune, int(sent_by.desk_number))
            reasons: dict[int, str] = {}
            projected = self._judge(db, sender, fresh, unavailable, reasons)
            insert_rows(db, changes, fresh)
            if relay is not None:  # a hub: forwarded upstream as it came, in this order
                db.execute(
                    insert(relay_queue).values(
                        **relay, desk_id=desk_id, last_seq=expected - 1, queued_at=now
                    )
                )
            district_view.project(db, projected)
            passed = [e for e in fresh if e["problem"] not in WITHHELD]
            if passed:  # last: the commune's lock is held from here to the commit
                if self.engine.dialect.name == "postgresql":
                    # Feed ids of one commune are taken in commit order (held to commit), so
                    # a desk that has read up to id N never misses a smaller id committed
                    # later. SQLite writes one transaction at a time anyway.
                    db.exec_driver_sql(
                        "SELECT pg_advisory_xact_lock(hashtext(%s))", ("feed:" + commune,)
                    )
                insert_rows(
                    db,
                    feed,
                    [
                        {"desk_id": desk_id, "seq": e["seq"], "commune_code": commune}
                        for e in passed
                    ],
                )
            problems = [
                {
                    "seq": e["seq"],
                    "code": e["problem"],
                    "message": _message(e["problem"], reasons.get(e["seq"], "")),
                }
                for e in fresh
                if e["problem"]
            ]
            for problem in problems:
                log.warning("entry kept with a problem desk=%s seq=%s code=%s",
                            desk_id, problem["seq"], problem["code"])  # fmt: skip
            return Applied(expected - 1, problems)

    @staticmethod
    def _judge(
        db: Any,
        sender: entry_checks.Sender,
        fresh: list[dict[str, Any]],
        unavailable: frozenset[str],
        reasons: dict[int, str],
    ) -> list[tuple[str, dict[str, Any]]]:
        """Set each fresh entry's ``problem`` (and its reason in ``reasons``, by seq);
        return the status-page changes of the sound. Every entry is checked against the
        desk that sent it (``entry_checks``): its commune, its own codes, valid values."""
        foreign = set(
            db.execute(
                select(changes.c.uuid).where(
                    among(db, changes.c.uuid, [e["uuid"] for e in fresh]),
                    changes.c.desk_id != sender.id,
                )
            ).scalars()
        )
        entities = sorted({e["entity_uuid"] for e in fresh})
        state: dict[str, entry_checks.Held] = {}  # the dossiers spoken of, as they stand
        owner_desk: dict[str, str] = {}
        for row in db.execute(
            select(
                dossier_rows.c.entity_uuid,
                dossier_rows.c.code,
                dossier_rows.c.status,
                dossier_rows.c.desk_id,
                desks.c.commune_code,
            )
            .join(desks, desks.c.id == dossier_rows.c.desk_id)
            .where(among(db, dossier_rows.c.entity_uuid, entities))
        ):
            state[row.entity_uuid] = entry_checks.Held(row.code, row.commune_code, row.status)
            owner_desk[row.entity_uuid] = row.desk_id
        payloads: dict[int, dict[str, Any]] = {}
        codes = []
        for entry in fresh:
            try:
                payloads[entry["seq"]] = payload = entry_checks.payload_of(entry)
            except entry_checks.Refused:
                continue
            if entry["kind"] == "dossier_received" and isinstance(payload.get("code"), str):
                codes.append(payload["code"][: entry_checks.MAX_CODE])
        owners = (
            dict(
                db.execute(
                    select(dossier_rows.c.code, dossier_rows.c.entity_uuid).where(
                        among(db, dossier_rows.c.code, codes)
                    )
                ).all()
            )
            if codes
            else {}
        )
        fees = CommuneFees.of_batch(db, sender, fresh)  # None: no fee paid or voided in it
        projected = []
        for entry in fresh:
            if entry["uuid"] in foreign:
                entry["problem"] = "duplicate_entry"
                continue
            entity = entry["entity_uuid"]
            try:
                payload = payloads.get(entry["seq"]) or entry_checks.payload_of(entry)
                new = Changes._check(
                    entry, payload, sender, state.get(entity), owner_desk.get(entity)
                )
                if new is not None and new.code in owners and owners[new.code] != entity:
                    raise entry_checks.Refused(
                        "code_taken", f"mã {new.code} đã thuộc một hồ sơ khác trên máy chủ"
                    )
                blob_hashes = entry_checks.blob_list(entry["blob_hashes"])
                if blob_hashes is None:
                    raise entry_checks.Refused("invalid_entry", "danh sách tệp số hóa sai")
                if fees is not None and entry["kind"] == "fee_paid":
                    fees.check_new(payload)  # a receipt once, a fee once
                change = district_view.projection(sender.id, entry, payload)
                if change is None and entry["kind"] in ("dossier_received", "dossier_transition"):
                    raise entry_checks.Refused("unreadable", "không đọc được nội dung")
                if fees is not None and entry["kind"] in ("fee_paid", "fee_voided"):
                    fees.record(entry["kind"], payload)
            except entry_checks.Refused as refused:
                entry["problem"] = refused.problem
                reasons[entry["seq"]] = refused.reason
                continue
            if new is not None:  # a dossier received, or a status changed
                state[entity] = new
                if entry["kind"] == "dossier_received":
                    owners[new.code] = entity
                    owner_desk[entity] = sender.id
            if set(blob_hashes) & unavailable:
                entry["problem"] = "blob_unavailable"
            if change is not None:
                projected.append(change)
        return projected

    @staticmethod
    def _check(
        entry: dict[str, Any],
        payload: dict[str, Any],
        sender: entry_checks.Sender,
        held: entry_checks.Held | None,
        held_by: str | None,
    ) -> entry_checks.Held | None:
        """``entry`` checked against its sender; the dossier as it leaves it (None when it
        changes no dossier). Raises ``entry_checks.Refused``."""
        kind = entry["kind"]
        if kind not in entry_checks.KNOWN_KINDS:
            raise entry_checks.Refused(
                "invalid_entry", f"máy chủ không nhận loại mục «{kind[:40]}»"
            )
        if kind == "dossier_received":
            new = entry_checks.received(entry, payload, sender)
            if held is not None and (held.code != new.code or held_by != sender.id):
                raise entry_checks.Refused(
                    "invalid_entry", "hồ sơ này đã có trên máy chủ với mã khác hoặc của quầy khác"
                )
            return new
        if kind == "dossier_transition":
            dossier, status = entry_checks.transition(entry, payload, sender, held)
            return entry_checks.Held(dossier.code, dossier.commune_code, int(status))
        if kind in entry_checks.DOSSIER_KINDS:
            entry_checks.dossier_entry(entry, payload, sender, held)
        if kind in entry_checks.FEE_KINDS:
            entry_checks.fee_entry(payload, sender, kind)
        if kind == "calendar_day":
            entry_checks.calendar_day(payload)
        if kind == "fee_amount":
            entry_checks.fee_amount(payload)
        return None

    # fee receipts pass to the commune's other desks so none takes the same fee twice; a
    # province amount an administrator typed, so they all charge it
    PULLED_KINDS = ("dossier_received", "dossier_transition", "calendar_day", *FEE_PULLED)

    def updates(self, desk: Desk, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Entries of the commune's other desks after ``cursor``, and the next cursor.

        A citizen may come back to any desk of the commune: each desk pulls the dossiers
        the others received and their status changes (whoever holds a dossier owns its
        status; the desk that received it owns its intake data).
        """
        with self.engine.connect() as db:
            rows = db.execute(
                select(feed.c.id, changes)
                .join(
                    changes, (changes.c.desk_id == feed.c.desk_id) & (changes.c.seq == feed.c.seq)
                )
                .where(
                    feed.c.id > cursor,
                    feed.c.commune_code == desk.commune_code,
                    feed.c.desk_id != desk.id,
                    changes.c.kind.in_(self.PULLED_KINDS),
                )
                .order_by(feed.c.id)
                .limit(limit)
            ).all()
        entries = [
            {
                "cursor": row.id,
                "kind": row.kind,
                "entity_uuid": row.entity_uuid,
                "device_time": row.device_time,
                "payload": row.payload,
            }
            for row in rows
        ]
        # Past the last row read, never further: an id beyond it may belong to a transaction
        # of this commune not yet committed (PostgreSQL), and must still be read later.
        # (Rows this desk sent itself are skipped by the query, so the cursor may rest a
        # little behind them; re-reading costs one small query.)
        next_cursor = entries[-1]["cursor"] if entries else cursor
        return entries, int(next_cursor)

    def changes_of(self, desk_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            rows = db.execute(
                select(changes).where(changes.c.desk_id == desk_id).order_by(changes.c.seq)
            ).all()
        return [dict(row._mapping) for row in rows]

    def own_changes(
        self, desk_id: str, from_seq: int, limit: int, *, received: bool = False
    ) -> list[dict[str, Any]]:
        """``desk_id``'s own entries from ``from_seq`` on, as it sent them (a desk restored
        from an older backup fetches them back); never another desk's. ``received``: with
        the time each reached this server (a hub replays the commune's desks in that order)."""
        extra = [changes.c.received_at] if received else []
        with self.engine.connect() as db:
            rows = db.execute(
                select(
                    *extra,
                    changes.c.seq,
                    changes.c.uuid,
                    changes.c.kind,
                    changes.c.entity_uuid,
                    changes.c.device_time,
                    changes.c.officer_id,
                    changes.c.payload,
                    changes.c.blob_hashes,
                    changes.c.content_sha256,
                )
                .where(changes.c.desk_id == desk_id, changes.c.seq >= from_seq)
                .order_by(changes.c.seq)
                .limit(limit)
            ).all()
        return [dict(row._mapping) for row in rows]  # fmt: skip

    def desk_sent_blob(self, desk_id: str, sha256: str) -> bool:
        """Whether ``desk_id`` sent the paper ``sha256`` (a desk may fetch back only papers
        it sent): its bytes came from this desk, or (the same file sent by two desks of one
        commune, stored once) a desk of its commune sent them and an entry of this desk the
        server took names it. Naming a hash alone proves nothing: a refused entry, or one
        naming another commune's paper, gives nothing back."""
        with self.engine.connect() as db:
            sender = db.execute(
                select(blobs.c.desk_id, desks.c.commune_code)
                .join(desks, desks.c.id == blobs.c.desk_id)
                .where(blobs.c.sha256 == sha256)
            ).first()
            if sender is None:
                return False
            if sender.desk_id == desk_id:
                return True
            commune = db.execute(select(desks.c.commune_code).where(desks.c.id == desk_id)).scalar()
            if commune != sender.commune_code:
                return False
            row = db.execute(
                select(changes.c.seq)
                .where(
                    changes.c.desk_id == desk_id,
                    changes.c.blob_hashes.contains(f'"{sha256}"', autoescape=True),
                    changes.c.problem.is_(None) | changes.c.problem.not_in(sorted(WITHHELD)),
                )
                .limit(1)
            ).first()
        return row is not None
