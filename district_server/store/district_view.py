"""The district's view of the dossiers, projected from the entries as they are applied: what
the public status page shows behind a receipt's QR (no personal data but a masked name)
and what the district view searches."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from district_server.store.sql import Part, insert_rows
from district_server.store.tables import changes, communes, desks, dossiers

log = logging.getLogger("district_server.store")


def lookup_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def mask_name(full_name: str) -> str:
    """ "Nguyễn Thị Hồng Nhung" → "Nguyễn T. H. N.": the family name and initials only."""
    words = full_name.split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:])])


def projection(
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


def project(db: Any, changes_: list[tuple[str, dict[str, Any]]]) -> None:
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
                insert_rows(db, dossiers, rows)
            return
        except IntegrityError:
            pass  # some are held already (a dossier sent again under a new entry)
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if db.dialect.name == "postgresql" else sqlite
    db.execute(dialect.insert(dossiers).on_conflict_do_nothing(), rows)


class DistrictView(Part):
    def search_dossiers(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Received dossiers whose code or procedure contains ``query``, newest first."""
        pattern = f"%{query.strip()}%"
        with self.engine.connect() as db:
            rows = db.execute(
                select(
                    dossiers,
                    desks.c.commune_code,
                    desks.c.desk_number,
                    communes.c.name.label("commune_name"),
                )
                .join(desks, desks.c.id == dossiers.c.desk_id)
                .outerjoin(communes, communes.c.code == desks.c.commune_code)
                .where(
                    dossiers.c.code.ilike(pattern)
                    | dossiers.c.procedure_name.ilike(pattern)
                    | dossiers.c.procedure_code.ilike(pattern)
                )
                .order_by(dossiers.c.received_at.desc())
                .limit(limit)
            ).all()
        return [dict(row._mapping) for row in rows]

    def dossier(self, code: str) -> dict[str, Any] | None:
        with self.engine.connect() as db:
            row = db.execute(select(dossiers).where(dossiers.c.code == code)).first()
        return dict(row._mapping) if row else None

    def fee_totals(self, days: int = 31) -> list[dict[str, Any]]:
        """Fees taken per commune and day (the latest ``days`` days that have any): cash
        and transfer totals of the receipts not voided, how many, how many voided.

        Read from the accepted change-log entries (``fee_paid`` and ``fee_voided``): the
        log is the record, so there is nothing to keep in step."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(changes.c.desk_id, changes.c.kind, changes.c.payload, desks.c.commune_code)
                .join(desks, desks.c.id == changes.c.desk_id)
                .where(changes.c.kind.in_(("fee_paid", "fee_voided")))
                .where(changes.c.problem.is_(None))
                .order_by(changes.c.desk_id, changes.c.seq)
            ).all()
        paid: dict[tuple[str, str, int], tuple[str, str, int, str]] = {}
        voided: set[tuple[str, str, int]] = set()
        for row in rows:
            payload = json.loads(row.payload)
            key = (row.desk_id, str(payload["series"]), int(payload["number"]))
            if row.kind == "fee_voided":
                voided.add(key)
            else:
                day = str(payload["paid_at"])[:10]
                # the first entry of a receipt counts (the server refuses a second since)
                paid.setdefault(
                    key, (row.commune_code, day, int(payload["amount"]), str(payload["method"]))
                )
        sums: dict[tuple[str, str], dict[str, Any]] = {}
        for key, (commune, day, amount, method) in paid.items():
            total = sums.setdefault(
                (commune, day),
                {"commune_code": commune, "day": day, "cash": 0, "transfer": 0,
                 "receipts": 0, "voided": 0},
            )  # fmt: skip
            if key in voided:
                total["voided"] += 1
                continue
            total["receipts"] += 1
            total["cash" if method == "cash" else "transfer"] += amount
        ordered = sorted(sums.values(), key=lambda t: (t["day"], t["commune_code"]), reverse=True)
        recent = sorted({t["day"] for t in ordered}, reverse=True)[:days]
        return [t for t in ordered if t["day"] in recent]
