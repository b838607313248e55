"""Dossiers, their checklists and applicants; the dossier list's search."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.catalogue import CopyKind
from desk_app.domain.dossier import (
    FINISHED_STATUSES,
    RUNNING_STATUSES,
    Channel,
    ComponentEntry,
    Status,
)
from desk_app.domain.lifecycle import LifecycleState, Satisfaction
from desk_app.domain.records import (
    DigitisedCounts,
    DossierFilter,
    DossierRecord,
    DossierRow,
    KnownApplicant,
    NewDossier,
)
from desk_app.storage.database import Storage
from desk_app.storage.dossier_rows import (
    DOSSIER_COLUMNS,
    INSERT_DOSSIER,
    LIFE_COLUMNS,
    UPSERT_APPLICANT,
    PreparedDossiers,
    life_params,
    person_from_json,
    prepare_dossiers,
    row_person,
)
from desk_app.storage.times import from_text, to_text

_ROW_COLUMNS = (
    "id, code, applicant_name, applicant_id_number, applicant_phone, procedure_code, status, "
    "received_at, due_at, deadline_at, settled_at, returned_at"
)
_RUNNING = ", ".join(str(int(s)) for s in sorted(RUNNING_STATUSES))
_FINISHED = ", ".join(str(int(s)) for s in sorted(FINISHED_STATUSES))
_SQL_PARAMS_PER_QUERY = 500


def fts_match(tokens: Sequence[str]) -> str:
    """An FTS5 query in which every token must match.

    Words typed in full (all but the last) match whole words; the last one, still being
    typed, matches as a prefix. That is what officers expect of a search box, and it keeps
    common names fast: "an"* would also read the long list of "anh". A digit run shorter
    than 3 is always whole: "0"* would expand to every ID number and phone.
    """
    words = [t for t in tokens if t.isalnum()]
    terms = []
    for index, token in enumerate(words):
        prefix = index == len(words) - 1 and not (token.isdigit() and len(token) < 3)
        terms.append(f'"{token}"*' if prefix else f'"{token}"')
    return " AND ".join(terms)


class DossierStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    # --- writing (inside the caller's transaction) -------------------------------------

    def insert_many(self, dossiers: Sequence[NewDossier]) -> list[int]:
        """Insert dossiers with their applicants and checklists; return their ids in order.

        Runs inside the caller's write transaction, so a dossier is never half-written.
        """
        return self.insert_prepared(prepare_dossiers(dossiers))

    def insert_prepared(self, rows: PreparedDossiers) -> list[int]:
        """Insert rows made by ``prepare_dossiers`` (which may have run in another process)."""
        db = self._storage.db
        conn = db.conn
        if not conn.in_transaction:
            raise RuntimeError("dossiers are written inside the caller's write transaction")
        conn.executemany(UPSERT_APPLICANT, rows.applicants)
        (first_id,) = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM dossiers").fetchone()
        conn.executemany(INSERT_DOSSIER, rows.dossiers)
        ids = list(range(int(first_id), int(first_id) + len(rows.dossiers)))
        conn.executemany(
            "INSERT INTO dossier_components (dossier_id, position, spec_key, name, copy_kind, "
            "count, received) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ids[index], *rest) for index, *rest in rows.components],
        )
        return ids

    def count_print(self, dossier_id: int) -> int:
        """Count one more printing of the receipt; return how many there have been."""
        db = self._storage.db
        db.execute(
            "UPDATE dossiers SET receipt_prints = receipt_prints + 1 WHERE id = ?", [dossier_id]
        )
        (prints,) = db.execute(
            "SELECT receipt_prints FROM dossiers WHERE id = ?", [dossier_id]
        ).fetchone()
        return int(prints)

    def apply_life(self, dossier_id: int, life: LifecycleState) -> None:
        """Write a dossier's new lifecycle state (inside the caller's transaction)."""
        db = self._storage.db
        if not db.conn.in_transaction:
            raise RuntimeError("lifecycle changes are written inside the caller's transaction")
        sets = ", ".join(f"{c} = ?" for c in ("status", "due_at", "returned_at", *LIFE_COLUMNS))
        db.execute(
            f"UPDATE dossiers SET {sets} WHERE id = ?",
            [
                int(life.status),
                to_text(life.due_at),
                to_text(life.returned_at),
                *life_params(life),
                dossier_id,
            ],
        )

    def set_components_digitised(self, dossier_id: int, digitised: int, reused: int) -> None:
        self._storage.db.execute(
            "UPDATE dossiers SET components_digitised = ?, components_reused = ? WHERE id = ?",
            [digitised, reused, dossier_id],
        )

    def mark_result_digitised(self, dossier_id: int) -> None:
        self._storage.db.execute(
            "UPDATE dossiers SET result_digitised = 1 WHERE id = ?", [dossier_id]
        )

    # --- reading ----------------------------------------------------------------------

    def last_received_at(self) -> datetime | None:
        row = self._storage.db.execute(
            "SELECT received_at FROM dossiers ORDER BY received_at DESC LIMIT 1"
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def count(self) -> int:
        (n,) = self._storage.db.execute("SELECT COUNT(*) FROM dossiers").fetchone()
        return int(n)

    def issued_by(self, desk_number: int) -> bool:
        """Whether a dossier numbered by desk ``desk_number`` is held (its codes issued)."""
        row = self._storage.db.execute(
            "SELECT 1 FROM dossiers WHERE desk_number = ? LIMIT 1", [desk_number]
        ).fetchone()
        return row is not None

    def id_for_code(self, code: str) -> int | None:
        row = self._storage.db.execute("SELECT id FROM dossiers WHERE code = ?", [code]).fetchone()
        return int(row[0]) if row else None

    def id_for_uuid(self, dossier_uuid: str) -> int | None:
        row = self._storage.db.execute(
            "SELECT id FROM dossiers WHERE uuid = ?", [dossier_uuid]
        ).fetchone()
        return int(row[0]) if row else None

    def get(
        self, dossier_id: int, component_names: Callable[[str, str, str], str]
    ) -> DossierRecord | None:
        """One dossier; ``component_names(version, procedure_code, key)`` names catalogue papers."""
        db = self._storage.db
        cursor = db.execute(
            f"SELECT id, {DOSSIER_COLUMNS}, {', '.join(LIFE_COLUMNS)}, receipt_prints "
            "FROM dossiers WHERE id = ?",
            [dossier_id],
        )
        row = cursor.fetchone()
        if row is None:
            return None
        r = dict(zip([c[0] for c in cursor.description], row, strict=True))
        comps = db.execute(
            "SELECT position, spec_key, name, copy_kind, count, received FROM dossier_components "
            "WHERE dossier_id = ? ORDER BY position",
            [dossier_id],
        ).fetchall()
        components = tuple(
            ComponentEntry(
                position=pos,
                name=name or component_names(r["catalogue_version"], r["procedure_code"], key),
                copy_kind=CopyKind(kind),
                count=count,
                received=bool(received),
                spec_key=key,
            )
            for pos, key, name, kind, count, received in comps
        )
        principal = person_from_json(r["principal"])
        status = Status(r["status"])
        life = LifecycleState(
            status=status,
            received_at=datetime.fromisoformat(r["received_at"]),
            due_at=datetime.fromisoformat(r["due_at"]),
            deadline_at=datetime.fromisoformat(r["deadline_at"] or r["due_at"]),
            applicant_id_number=r["applicant_id_number"],
            principal_id_number=principal.id_number if principal else None,
            holder=r["holder"],
            paused_at=from_text(r["paused_at"]),
            paused_from=Status(r["paused_from"]) if r["paused_from"] else None,
            resumed_at=from_text(r["resumed_at"]),
            apologies=r["apologies"],
            settled_at=from_text(r["settled_at"]),
            settled_status=Status(r["settled_status"]) if r["settled_status"] else None,
            returned_at=from_text(r["returned_at"]),
            satisfaction=Satisfaction(r["satisfaction"]) if r["satisfaction"] else None,
            extension_note=r["extension_note"],
            fees_since=from_text(r["fees_since"]),
            fees_paid_at=from_text(r["fees_paid_at"]),
        )
        return DossierRecord(
            id=r["id"],
            uuid=r["uuid"],
            code=r["code"],
            code_key=r["code_key"],
            desk_number=r["desk_number"],
            procedure_code=r["procedure_code"],
            catalogue_version=r["catalogue_version"],
            status=status,
            received_at=life.received_at,
            due_at=life.due_at,
            applicant=row_person(
                r["applicant_name"],
                r["applicant_id_number"],
                r["applicant_birth_date"],
                r["applicant_sex"],
                r["applicant_address"],
                r["applicant_phone"],
                r["applicant_email"],
                r["applicant_id_kind"],
            ),
            principal=principal,
            authorisation=r["authorisation"],
            components=components,
            sets_count=r["sets_count"],
            pages=r["pages"],
            fee_amount=r["fee_amount"],
            fee_text=r["fee_text"],
            result_location=r["result_location"],
            note=r["note"],
            lookup_secret=r["lookup_secret"],
            book_volume=r["book_volume"],
            book_entry=r["book_entry"],
            officer_id=r["officer_id"],
            channel=Channel(r["channel"]),
            life=life,
            digitised=DigitisedCounts(
                r["components_digitised"], r["components_reused"], bool(r["result_digitised"])
            ),
            receipt_prints=r["receipt_prints"],
        )

    def applicant(self, id_number: str) -> KnownApplicant | None:
        db = self._storage.db
        row = db.execute(
            "SELECT full_name, birth_date, sex, address, phone, email, updated_at, id_kind "
            "FROM applicants WHERE id_number = ?",
            [id_number],
        ).fetchone()
        if row is None:
            return None
        name, birth, sex, address, phone, email, updated, id_kind = row
        (count,) = db.execute(
            "SELECT COUNT(*) FROM dossiers WHERE applicant_id_number = ?", [id_number]
        ).fetchone()
        person = row_person(name, id_number, birth, sex, address, phone, email, id_kind)
        return KnownApplicant(person, datetime.fromisoformat(updated), int(count))

    def search_ids(
        self,
        tokens: Sequence[str],
        filters: DossierFilter,
        limit: int | None = None,
        code_key: str | None = None,
    ) -> Sequence[int]:
        """Ids of matching dossiers, most recently recorded first.

        ``tokens`` are folded alphanumeric words (``desk_app.domain.text.search_tokens``);
        each must prefix-match the code, folded name, ID number or phone. Ids grow in the
        order dossiers are recorded, so ``ORDER BY id DESC`` is "most recent first" and
        lets FTS5 stop after ``limit`` matches instead of sorting them all.
        """
        where, params = self._filter_sql(filters)
        if code_key is not None:
            where.insert(0, "d.code_key = ?")
            params.insert(0, code_key)
            tokens = ()
        if tokens:
            match = fts_match(tokens)
            sql = (
                "SELECT d.id FROM dossier_fts JOIN dossiers d ON d.id = dossier_fts.rowid "
                "WHERE dossier_fts MATCH ?"
                + "".join(f" AND {w}" for w in where)
                + " ORDER BY dossier_fts.rowid DESC"
            )
            params = [match, *params]
        else:
            sql = "SELECT d.id FROM dossiers d" + (" WHERE " + " AND ".join(where) if where else "")
            sql += " ORDER BY d.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cursor = self._storage.db.execute(sql, params)
        return array("q", (row[0] for row in cursor))

    @staticmethod
    def _filter_sql(f: DossierFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if f.status is not None:
            where.append("d.status = ?")
            params.append(int(f.status))
        if f.procedure_code:
            where.append("d.procedure_code = ?")
            params.append(f.procedure_code)
        if f.received_from:
            where.append("d.received_at >= ?")
            params.append(to_text(datetime.combine(f.received_from, time(0), VN_TZ)))
        if f.received_to:
            where.append("d.received_at < ?")
            params.append(
                to_text(datetime.combine(f.received_to + timedelta(days=1), time(0), VN_TZ))
            )
        now = (f.now or datetime.now(VN_TZ)).astimezone(VN_TZ)
        if f.due_today:
            start = datetime.combine(now.date(), time(0), VN_TZ)
            where.append(f"d.status IN ({_RUNNING}) AND d.due_at >= ? AND d.due_at < ?")
            params += [to_text(start), to_text(start + timedelta(days=1))]
        if f.late:  # the same rule as domain.dossier.is_late
            where.append(
                f"((d.status IN ({_RUNNING}) AND d.deadline_at < ?) "
                f"OR (d.status IN ({_FINISHED}) AND d.settled_at > d.deadline_at))"
            )
            params.append(to_text(now))
        if f.statuses:
            where.append(f"d.status IN ({', '.join('?' * len(f.statuses))})")
            params += [int(s) for s in f.statuses]
        for column, op, value in (
            ("due_at", ">=", f.due_from),
            ("due_at", "<", f.due_before),
            ("deadline_at", "<", f.deadline_before),
        ):
            if value is not None:
                where.append(f"d.{column} {op} ?")
                params.append(to_text(value))
        return where, params

    def count_matching(self, filters: DossierFilter) -> int:
        """How many dossiers ``filters`` select (the Today page's counts)."""
        where, params = self._filter_sql(filters)
        sql = "SELECT COUNT(*) FROM dossiers d" + (" WHERE " + " AND ".join(where) if where else "")
        (n,) = self._storage.db.execute(sql, params).fetchone()
        return int(n)

    def rows(self, ids: Iterable[int]) -> list[DossierRow]:
        """List rows for ``ids``, in the order given (missing ids are skipped)."""
        wanted = list(ids)
        found: dict[int, DossierRow] = {}
        db = self._storage.db
        for start in range(0, len(wanted), _SQL_PARAMS_PER_QUERY):
            chunk = wanted[start : start + _SQL_PARAMS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            for r in db.execute(
                f"SELECT {_ROW_COLUMNS} FROM dossiers WHERE id IN ({marks})", chunk
            ):
                found[r[0]] = DossierRow(
                    id=r[0],
                    code=r[1],
                    applicant_name=r[2],
                    applicant_id_number=r[3],
                    applicant_phone=r[4],
                    procedure_code=r[5],
                    status=Status(r[6]),
                    received_at=datetime.fromisoformat(r[7]),
                    due_at=datetime.fromisoformat(r[8]),
                    deadline_at=datetime.fromisoformat(r[9] or r[8]),
                    settled_at=from_text(r[10]),
                    returned_at=from_text(r[11]),
                )
        return [found[i] for i in wanted if i in found]

    def raw_fts_ids(self, match: str, limit: int) -> list[int]:
        """A bare FTS5 query, the baseline the search benchmark compares against."""
        cursor = self._storage.db.execute(
            "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            [match, limit],
        )
        return [row[0] for row in cursor]
