"""The server's only SQL (SQLAlchemy Core): desks, enrolment codes, nonces, changes.

Changes are applied by ``(desk_id, seq)``: an entry already held with the same content
hash is a success, the same ``seq`` with other content a conflict, never overwritten; a
batch that does not start right after what is held is a gap. Works on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    any_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from desk_app.domain import audit
from district_server import entry_checks

AuditLink = tuple[audit.AuditEntry, str, str]  # an entry, its previous hash, its hash

log = logging.getLogger("district_server.store")
metadata = MetaData()

desks = Table(
    "desks",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("commune_code", String(32), nullable=False),
    Column("desk_number", Integer, nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_reason", Text),
    Column("last_contact_at", DateTime(timezone=True)),
    Column("backlog", Integer),  # entries waiting at the desk, as it last said
)

admins = Table(
    "admins",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_sha256", String(64), primary_key=True),
    Column("commune_code", String(32), nullable=False),
    Column("desk_number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

nonces = Table(
    "nonces",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("uuid", String(36), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("entity_uuid", String(64), nullable=False),
    Column("device_time", String(40), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("officer_id", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("blob_hashes", Text, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    # why the entry waits for a person at the district (see PROBLEMS); NULL when none
    Column("problem", String(32)),
    Index("changes_uuid", "uuid"),
)

# Each desk's audit chain (desk_app.domain.audit), as the desk sent it: kept so that a
# desk whose log was edited or cut after sending is caught by comparing with this copy.
audit_entries = Table(
    "audit_entries",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("officer", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("desk_id", String(36), nullable=False),  # who sent it first
)

uploads = Table(
    "uploads",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("desk_id", String(36), primary_key=True),
    Column("length", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The order in which entries reached the server: what a desk pulls, by cursor.
feed = Table(
    "feed",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("desk_id", String(36), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("commune_code", String(32), nullable=False, index=True),
)

# What the district publishes to its desks, in order: catalogue versions, holiday calendar
# days (extra days off, make-up working days), officer accounts and their revocations.
# ``commune_code`` NULL is for every commune. A later row with the same (kind, key) wins.
published = Table(
    "published",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("key", String(64), nullable=False),
    Column("commune_code", String(32)),
    Column("document", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
)

# What the public status page needs of each dossier, kept up to date from the entries.
dossiers = Table(
    "dossiers",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("entity_uuid", String(64), nullable=False, unique=True),
    Column("desk_id", String(36), nullable=False),
    Column("procedure_code", String(32), nullable=False),
    Column("procedure_name", Text, nullable=False),
    Column("applicant_masked", Text, nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("due_at", String(40), nullable=False),
    Column("deadline_at", String(40), nullable=False),
    Column("settled_at", String(40)),
    Column("status", Integer, nullable=False),
    Column("lookup_sha256", String(64), nullable=False),
)

ENROL_CODE_DAYS = 7


@dataclass(frozen=True)
class Desk:
    id: str
    commune_code: str
    desk_number: int
    public_key: str
    revoked_at: datetime | None
    revoked_reason: str | None


class Conflict(Exception):
    """An entry whose ``seq`` the server holds with other content (never overwritten)."""

    def __init__(self, seq: int, acked_through: int) -> None:
        super().__init__(f"entry {seq} differs from the one already received")
        self.seq = seq
        self.acked_through = acked_through


class NumberingMismatch(Exception):
    """An enrolment code for other numbers than those the desk has already issued codes
    under (its codes would collide with another desk's)."""

    def __init__(self, commune_code: str, desk_number: int) -> None:
        super().__init__(f"code for desk {desk_number} of {commune_code}")
        self.commune_code = commune_code
        self.desk_number = desk_number


class _Revoked(Exception):
    pass


class MissingBlobs(Exception):
    def __init__(self, hashes: list[str]) -> None:
        super().__init__(f"{len(hashes)} blobs referenced but not held")
        self.hashes = hashes


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


def lookup_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def mask_name(full_name: str) -> str:
    """ "Nguyễn Thị Hồng Nhung" → "Nguyễn T. H. N.": the family name and initials only."""
    words = full_name.split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:])])


def _projection(
    desk_id: str, entry: dict[str, Any], payload: dict[str, Any] | None = None
) -> tuple[str, dict[str, Any]] | None:
    """What an entry changes on the status page: ("insert", row), ("update", values) or
    None. Computed before any SQL, so one unreadable payload costs no savepoint.
    ``payload`` is the entry's, when it is already parsed."""
    try:
        if payload is None:
            payload = json.loads(entry["payload"])
        if entry["kind"] == "dossier_received":
            applicant = payload.get("applicant") or {}
            return "insert", {
                "code": str(payload["code"]),
                "entity_uuid": entry["entity_uuid"],
                "desk_id": desk_id,
                "procedure_code": str(payload["procedure_code"]),
                "procedure_name": str(payload.get("procedure_name") or payload["procedure_code"]),
                "applicant_masked": mask_name(str(applicant.get("full_name", ""))),
                "received_at": str(payload["received_at"]),
                "due_at": str(payload["due_at"]),
                "deadline_at": str(payload["due_at"]),
                "status": int(payload["status"]),
                "lookup_sha256": lookup_hash(str(payload["lookup_secret"])),
            }
        if entry["kind"] == "dossier_transition":
            state = payload["state"]
            return "update", {
                "entity_uuid": entry["entity_uuid"],
                "status": int(state["status"]),
                "due_at": str(state["due_at"]),
                "deadline_at": str(state["deadline_at"]),
                "settled_at": state.get("settled_at"),
            }
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        # The entry is kept (the log is the record); only its status-page row is missing.
        # Logged without the payload (personal data).
        log.warning(
            "entry not projected desk=%s seq=%s: %s", desk_id, entry["seq"], type(err).__name__
        )
    return None


def _insert_rows(db: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in the open transaction: on PostgreSQL by COPY, which costs the
    database a fraction of one INSERT a row (a batch is 500 entries and two tables)."""
    if db.dialect.name != "postgresql":
        db.execute(insert(table), rows)
        return
    columns = [c.name for c in table.columns if c.name in rows[0]]
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    try:
        with db.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except db.dialect.dbapi.IntegrityError as err:  # as SQLAlchemy would have raised it
        raise IntegrityError(statement, None, err) from err


def _project(db: Any, changes_: list[tuple[str, dict[str, Any]]]) -> None:
    """Keep the status page's rows in step with a batch's projected changes."""
    inserts: dict[str, dict[str, Any]] = {}  # by code
    by_entity: dict[str, dict[str, Any]] = {}
    for kind, values in changes_:
        if kind == "insert":
            inserts[values["code"]] = by_entity[values["entity_uuid"]] = values
            continue
        pending = by_entity.get(values["entity_uuid"])
        if pending is not None:  # received and changed in the same batch
            pending.update({k: v for k, v in values.items() if k != "entity_uuid"})
            continue
        db.execute(
            update(dossiers)
            .where(dossiers.c.entity_uuid == values["entity_uuid"])
            .values({k: v for k, v in values.items() if k != "entity_uuid"})
        )
    if not inserts:
        return
    # a dossier already held (the same entity) stays as it is
    columns = [c.name for c in dossiers.columns]
    rows = [{c: values.get(c) for c in columns} for values in inserts.values()]
    if db.dialect.name == "postgresql":
        try:  # the usual case, every dossier new: one COPY
            with db.begin_nested():
                _insert_rows(db, dossiers, rows)
            return
        except IntegrityError:
            pass  # some are held already (a dossier sent again under a new entry)
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if db.dialect.name == "postgresql" else sqlite
    db.execute(dialect.insert(dossiers).on_conflict_do_nothing(), rows)


def _among(db: Any, column: Any, values: list[Any]) -> Any:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter however many
    values (a 500-entry batch asks about 500 keys; 500 placeholders cost more to send and
    to plan)."""
    if db.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class ServerStore:
    def __init__(self, url: str) -> None:
        if url.startswith("postgresql"):
            # as many connections as requests a process applies at once (its thread pool)
            options: dict[str, Any] = {"pool_size": 10, "max_overflow": 10}
        else:
            # SQLite writes one transaction at a time. Requests queue for the process's one
            # connection (in order, woken when it is free) rather than each holding its own
            # and polling for the file's lock: under 50 desks pushing at once some polled
            # past the busy timeout and got an error. Each transaction is short.
            options = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 120}
        self.engine: Engine = create_engine(url, pool_pre_ping=True, **options)
        if self.engine.dialect.name == "sqlite":

            @event.listens_for(self.engine, "connect")
            def _pragmas(connection: Any, _record: Any) -> None:
                cursor = connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
                cursor.execute("PRAGMA busy_timeout=10000")
                cursor.close()

        metadata.create_all(self.engine)

    # --- enrolment --------------------------------------------------------------------

    def new_enrol_code(self, commune_code: str, desk_number: int, now: datetime) -> str:
        """A one-time code (shown once; only its hash is kept)."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        with self.engine.begin() as db:
            db.execute(
                insert(enrol_codes).values(
                    code_sha256=_hash(code),
                    commune_code=commune_code,
                    desk_number=desk_number,
                    created_at=now,
                    expires_at=now + timedelta(days=ENROL_CODE_DAYS),
                )
            )
        return code

    def enrol(
        self,
        code: str,
        public_key: str,
        now: datetime,
        issued: tuple[str, int] | None = None,
    ) -> Desk | None:
        """Use ``code`` once for a new desk with ``public_key``; None if it is not valid.

        ``issued`` is the (commune, desk number) the desk has already numbered dossiers
        under: a code for other numbers raises ``NumberingMismatch`` and stays unused."""
        with self.engine.begin() as db:
            row = db.execute(
                select(enrol_codes).where(enrol_codes.c.code_sha256 == _hash(code))
            ).first()
            expires = _aware(row.expires_at) if row is not None else None
            if row is None or row.used_at is not None or expires is None or expires < now:
                return None
            if issued is not None and (row.commune_code, row.desk_number) != issued:
                raise NumberingMismatch(row.commune_code, row.desk_number)
            used = db.execute(
                update(enrol_codes)
                .where(
                    enrol_codes.c.code_sha256 == row.code_sha256, enrol_codes.c.used_at.is_(None)
                )
                .values(used_at=now)
            )
            if used.rowcount != 1:
                return None  # another request used it a moment ago
            desk = Desk(
                str(uuid.uuid4()), row.commune_code, row.desk_number, public_key, None, None
            )
            db.execute(
                insert(desks).values(
                    id=desk.id,
                    commune_code=desk.commune_code,
                    desk_number=desk.desk_number,
                    public_key=public_key,
                    enrolled_at=now,
                )
            )
        return desk

    def desk(self, desk_id: str) -> Desk | None:
        with self.engine.connect() as db:
            row = db.execute(select(desks).where(desks.c.id == desk_id)).first()
        if row is None:
            return None
        return Desk(
            row.id,
            row.commune_code,
            row.desk_number,
            row.public_key,
            _aware(row.revoked_at),
            row.revoked_reason,
        )

    def revoke(self, desk_id: str, reason: str, now: datetime) -> bool:
        with self.engine.begin() as db:
            result = db.execute(
                update(desks)
                .where(desks.c.id == desk_id)
                .values(revoked_at=now, revoked_reason=reason)
            )
        return result.rowcount == 1

    def desks(self) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            held = (
                select(changes.c.desk_id, func.max(changes.c.seq).label("acked"))
                .group_by(changes.c.desk_id)
                .subquery()
            )
            rows = db.execute(
                select(desks, held.c.acked)
                .outerjoin(held, held.c.desk_id == desks.c.id)
                .order_by(desks.c.commune_code, desks.c.desk_number)
            ).all()
        return [dict(row._mapping) for row in rows]

    # --- requests ---------------------------------------------------------------------

    def new_admin_token(self, now: datetime) -> str:
        token = secrets.token_urlsafe(24)
        with self.engine.begin() as db:
            db.execute(insert(admins).values(token_sha256=_hash(token), created_at=now))
        return token

    def admin_token_valid(self, token: str) -> bool:
        with self.engine.connect() as db:
            row = db.execute(
                select(admins.c.token_sha256).where(admins.c.token_sha256 == _hash(token))
            ).first()
        return row is not None

    def search_dossiers(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Received dossiers whose code or procedure contains ``query``, newest first."""
        pattern = f"%{query.strip()}%"
        with self.engine.connect() as db:
            rows = db.execute(
                select(dossiers, desks.c.commune_code, desks.c.desk_number)
                .join(desks, desks.c.id == dossiers.c.desk_id)
                .where(
                    dossiers.c.code.ilike(pattern)
                    | dossiers.c.procedure_name.ilike(pattern)
                    | dossiers.c.procedure_code.ilike(pattern)
                )
                .order_by(dossiers.c.received_at.desc())
                .limit(limit)
            ).all()
        return [dict(row._mapping) for row in rows]

    def use_nonce(
        self,
        desk_id: str,
        nonce: str,
        now: datetime,
        window: timedelta,
        backlog: int | None = None,
    ) -> str:
        """Record a request's nonce (and the desk's contact and backlog) in one transaction:
        "ok"; "replayed" when the nonce was used already; "revoked" when the desk was
        revoked since the caller read it (desks are cached; revocation is checked here)."""
        contact: dict[str, Any] = {"last_contact_at": now}
        if backlog is not None:
            contact["backlog"] = backlog
        try:
            with self.engine.begin() as db:
                if secrets.randbelow(20) == 0:  # old nonces go now and then, not every time
                    db.execute(
                        delete(nonces).where(
                            nonces.c.desk_id == desk_id, nonces.c.seen_at < now - 2 * window
                        )
                    )
                db.execute(insert(nonces).values(desk_id=desk_id, nonce=nonce, seen_at=now))
                updated = db.execute(
                    update(desks)
                    .where(desks.c.id == desk_id, desks.c.revoked_at.is_(None))
                    .values(contact)
                )
                if updated.rowcount != 1:
                    raise _Revoked  # undoes the nonce too
        except IntegrityError:
            return "replayed"
        except _Revoked:
            return "revoked"
        return "ok"

    # --- changes ----------------------------------------------------------------------

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
    ) -> Applied:
        """Apply a batch (entries in ``seq`` order) in one transaction.

        Entries already held with the same content are skipped (a resent batch is a
        success); other content under a held ``seq`` raises ``Conflict``; a first entry
        beyond ``acked + 1`` raises ``Gap``; a paper neither held nor declared
        ``unavailable`` by the desk raises ``MissingBlobs``. Nothing of a refused batch is
        applied. An entry with a problem of its own (``PROBLEMS``), among them every entry
        the desk may not send (``entry_checks``), is kept and acknowledged with it, so it
        never blocks the entries after it.
        """
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
                        changes.c.desk_id == desk_id, _among(db, changes.c.seq, seqs)
                    )
                )
            }
            referenced = sorted(
                {h for e in entries for h in entry_checks.blob_list(e["blob_hashes"]) or []}
            )
            if referenced:
                have = set(
                    db.execute(
                        select(blobs.c.sha256).where(_among(db, blobs.c.sha256, referenced))
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
            _insert_rows(db, changes, fresh)
            _project(db, projected)
            passed = [e for e in fresh if e["problem"] not in WITHHELD]
            if passed:  # last: the commune's lock is held from here to the commit
                if self.engine.dialect.name == "postgresql":
                    # Feed ids of one commune are taken in commit order (held to commit), so
                    # a desk that has read up to id N never misses a smaller id committed
                    # later. SQLite writes one transaction at a time anyway.
                    db.exec_driver_sql(
                        "SELECT pg_advisory_xact_lock(hashtext(%s))", ("feed:" + commune,)
                    )
                _insert_rows(
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
                    _among(db, changes.c.uuid, [e["uuid"] for e in fresh]),
                    changes.c.desk_id != sender.id,
                )
            ).scalars()
        )
        entities = sorted({e["entity_uuid"] for e in fresh})
        state: dict[str, entry_checks.Held] = {}  # the dossiers spoken of, as they stand
        owner_desk: dict[str, str] = {}
        for row in db.execute(
            select(
                dossiers.c.entity_uuid,
                dossiers.c.code,
                dossiers.c.status,
                dossiers.c.desk_id,
                desks.c.commune_code,
            )
            .join(desks, desks.c.id == dossiers.c.desk_id)
            .where(_among(db, dossiers.c.entity_uuid, entities))
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
                    select(dossiers.c.code, dossiers.c.entity_uuid).where(
                        _among(db, dossiers.c.code, codes)
                    )
                ).all()
            )
            if codes
            else {}
        )
        projected = []
        for entry in fresh:
            if entry["uuid"] in foreign:
                entry["problem"] = "duplicate_entry"
                continue
            entity = entry["entity_uuid"]
            try:
                payload = payloads.get(entry["seq"]) or entry_checks.payload_of(entry)
                new = ServerStore._check(
                    entry, payload, sender, state.get(entity), owner_desk.get(entity)
                )
                if new is not None and new.code in owners and owners[new.code] != entity:
                    raise entry_checks.Refused(
                        "code_taken", f"mã {new.code} đã thuộc một hồ sơ khác trên máy chủ"
                    )
                blob_hashes = entry_checks.blob_list(entry["blob_hashes"])
                if blob_hashes is None:
                    raise entry_checks.Refused("invalid_entry", "danh sách tệp số hóa sai")
                change = _projection(sender.id, entry, payload)
                if change is None and entry["kind"] in ("dossier_received", "dossier_transition"):
                    raise entry_checks.Refused("unreadable", "không đọc được nội dung")
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
        return None

    # --- blobs ------------------------------------------------------------------------

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        with self.engine.connect() as db:
            have = set(
                db.execute(select(blobs.c.sha256).where(blobs.c.sha256.in_(hashes))).scalars()
            )
        return [h for h in hashes if h not in have]

    def has_blob(self, sha256: str) -> bool:
        return not self.missing_blobs([sha256])

    def start_upload(self, desk_id: str, sha256: str, length: int, now: datetime) -> None:
        with self.engine.begin() as db:
            held = db.execute(
                select(uploads.c.length).where(
                    uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id
                )
            ).first()
            if held is None:
                db.execute(
                    insert(uploads).values(
                        sha256=sha256, desk_id=desk_id, length=length, created_at=now
                    )
                )
            elif held.length != length:
                db.execute(
                    update(uploads)
                    .where(uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id)
                    .values(length=length, created_at=now)
                )

    def upload_length(self, desk_id: str, sha256: str) -> int | None:
        with self.engine.connect() as db:
            value = db.execute(
                select(uploads.c.length).where(
                    uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id
                )
            ).scalar()
        return int(value) if value is not None else None

    def uploads_started(self, desk_id: str, shas: list[str]) -> list[str]:
        """Those of ``shas`` this desk has started uploading (one query)."""
        if not shas:
            return []
        with self.engine.connect() as db:
            rows = db.execute(
                select(uploads.c.sha256).where(
                    uploads.c.desk_id == desk_id, _among(db, uploads.c.sha256, shas)
                )
            ).all()
        return [str(row.sha256) for row in rows]

    def upload_bytes_started(self, desk_id: str) -> int:
        """The declared lengths of ``desk_id``'s unfinished uploads, together."""
        with self.engine.connect() as db:
            value = db.execute(
                select(func.sum(uploads.c.length)).where(uploads.c.desk_id == desk_id)
            ).scalar()
        return int(value or 0)

    def finish_upload(self, desk_id: str, sha256: str, size: int, now: datetime) -> None:
        """Record a verified blob (its file is already in place) and forget the upload."""
        with self.engine.begin() as db:
            if not db.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)).first():
                db.execute(
                    insert(blobs).values(sha256=sha256, size=size, stored_at=now, desk_id=desk_id)
                )
            db.execute(
                delete(uploads).where(uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id)
            )

    PULLED_KINDS = ("dossier_received", "dossier_transition")

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

    # --- what the district publishes to its desks ---------------------------------------

    def publish(
        self,
        kind: str,
        key: str,
        document: dict[str, Any],
        now: datetime,
        commune_code: str | None = None,
    ) -> int:
        """Publish one item (validated by the caller); its position in the desks' feed."""
        with self.engine.begin() as db:
            result = db.execute(
                insert(published).values(
                    kind=kind,
                    key=key,
                    commune_code=commune_code,
                    document=json.dumps(document, ensure_ascii=False, sort_keys=True),
                    published_at=now,
                )
            )
            key_row = result.inserted_primary_key
            assert key_row is not None
            return int(key_row[0])

    def latest_published(
        self, kind: str, key: str, commune_code: str | None
    ) -> dict[str, Any] | None:
        with self.engine.connect() as db:
            document = db.execute(
                select(published.c.document)
                .where(
                    published.c.kind == kind,
                    published.c.key == key,
                    published.c.commune_code == commune_code
                    if commune_code is not None
                    else published.c.commune_code.is_(None),
                )
                .order_by(published.c.id.desc())
                .limit(1)
            ).scalar()
        return json.loads(document) if document is not None else None

    def published_for(
        self, desk: Desk, cursor: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        """Items for ``desk``'s commune (or every commune) after ``cursor``; the next cursor."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(published)
                .where(
                    published.c.id > cursor,
                    (published.c.commune_code.is_(None))
                    | (published.c.commune_code == desk.commune_code),
                )
                .order_by(published.c.id)
                .limit(limit)
            ).all()
        items = [
            {
                "cursor": row.id,
                "kind": row.kind,
                "key": row.key,
                "document": json.loads(row.document),
                "published_at": _aware(row.published_at).isoformat(timespec="seconds"),  # type: ignore[union-attr]
            }
            for row in rows
        ]
        next_cursor = items[-1]["cursor"] if items else cursor  # as for ``updates``
        return items, int(next_cursor)

    def dossier(self, code: str) -> dict[str, Any] | None:
        with self.engine.connect() as db:
            row = db.execute(select(dossiers).where(dossiers.c.code == code)).first()
        return dict(row._mapping) if row else None

    def append_audit(
        self, desk_id: str, entries: list[AuditLink], now: datetime
    ) -> tuple[int, str]:
        """Extend the desk's audit chain; (entries held through, "" or why it stopped).

        An entry already held with the same hash is a resend and changes nothing; one held
        with another hash, or not sealed to the one before it, means the desk's log was
        rewritten: nothing after it is taken and the reason is returned."""
        with self.engine.begin() as db:
            last = db.execute(
                select(audit_entries.c.seq, audit_entries.c.hash)
                .where(audit_entries.c.desk_id == desk_id)
                .order_by(audit_entries.c.seq.desc())
                .limit(1)
            ).first()
            through, head = (int(last.seq), str(last.hash)) if last else (0, audit.GENESIS)
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
        return through, ""

    def audit_head(self, desk_id: str) -> tuple[int, str]:
        """(seq, hash) of the last audit entry held for the desk; (0, GENESIS) when none."""
        with self.engine.connect() as db:
            last = db.execute(
                select(audit_entries.c.seq, audit_entries.c.hash)
                .where(audit_entries.c.desk_id == desk_id)
                .order_by(audit_entries.c.seq.desc())
                .limit(1)
            ).first()
        return (int(last.seq), str(last.hash)) if last else (0, audit.GENESIS)

    def audit_of(self, desk_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            rows = db.execute(
                select(audit_entries)
                .where(audit_entries.c.desk_id == desk_id)
                .order_by(audit_entries.c.seq)
            ).all()
        return [dict(row._mapping) for row in rows]

    def changes_of(self, desk_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            rows = db.execute(
                select(changes).where(changes.c.desk_id == desk_id).order_by(changes.c.seq)
            ).all()
        return [dict(row._mapping) for row in rows]

    def own_changes(self, desk_id: str, from_seq: int, limit: int) -> list[dict[str, Any]]:
        """``desk_id``'s own entries from ``from_seq`` on, as it sent them (a desk restored
        from an older backup fetches them back); never another desk's."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(
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
