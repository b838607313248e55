"""Desks and who may speak for them: one-time enrolment codes, enrolled desks and their
revocation, administrator tokens, and the nonces that keep a request from being replayed."""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from district_server.store.sql import Part, aware, code_hash
from district_server.store.tables import (
    admins,
    changes,
    communes,
    desks,
    enrol_codes,
    hubs,
    nonces,
)

log = logging.getLogger("district_server")

ENROL_CODE_DAYS = 7
HUB_REPLACED = "đã thay bằng hub mới của xã (máy chủ cấp trên đã chứng nhận hub mới)"
# The desk number of a hub's enrolment code (desks are numbered 1-99): the row it makes is a
# hub of the commune, which never numbers dossiers itself.
HUB_NUMBER = 0


@dataclass(frozen=True)
class Desk:
    id: str
    commune_code: str
    desk_number: int
    public_key: str
    revoked_at: datetime | None
    revoked_reason: str | None


class NumberingMismatch(Exception):
    """An enrolment code for other numbers than those the desk has already issued codes
    under (its codes would collide with another desk's)."""

    def __init__(self, commune_code: str, desk_number: int) -> None:
        super().__init__(f"code for desk {desk_number} of {commune_code}")
        self.commune_code = commune_code
        self.desk_number = desk_number


class KeyInUse(Exception):
    """A public key another desk already holds: a request's signature does not cover the
    desk id, so a second desk with that key would take the first one's requests as its own."""


class _Revoked(Exception):
    pass


class Enrolment(Part):
    def new_enrol_code(self, commune_code: str, desk_number: int, now: datetime) -> str:
        """A one-time code (shown once; only its hash is kept)."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        with self.engine.begin() as db:
            db.execute(
                insert(enrol_codes).values(
                    code_sha256=code_hash(code),
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
        commune_name: str = "",
    ) -> Desk | None:
        """Use ``code`` once for a new desk with ``public_key``; None if it is not valid.

        ``issued`` is the (commune, desk number) the desk has already numbered dossiers
        under: a code for other numbers raises ``NumberingMismatch`` and stays unused."""
        with self.engine.begin() as db:
            row = db.execute(
                select(enrol_codes).where(enrol_codes.c.code_sha256 == code_hash(code))
            ).first()
            expires = aware(row.expires_at) if row is not None else None
            if row is None or row.used_at is not None or expires is None or expires < now:
                return None
            if issued is not None and (row.commune_code, row.desk_number) != issued:
                raise NumberingMismatch(row.commune_code, row.desk_number)
            if db.execute(select(desks.c.id).where(desks.c.public_key == public_key)).first():
                raise KeyInUse
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
            name = " ".join(commune_name.split())[:200]
            if name:  # the latest desk to enrol names its commune
                db.execute(delete(communes).where(communes.c.code == desk.commune_code))
                db.execute(insert(communes).values(code=desk.commune_code, name=name))
            if row.desk_number == HUB_NUMBER:  # a hub's code: it speaks for its commune's desks
                # the hub it replaces (disk lost, PC replaced) may never speak for them again:
                # revoked here, and its key named in the new hub's certificate (the desks)
                replaced = db.execute(
                    update(desks)
                    .where(
                        desks.c.commune_code == desk.commune_code,
                        desks.c.revoked_at.is_(None),
                        desks.c.id.in_(select(hubs.c.desk_id)),
                    )
                    .values(revoked_at=now, revoked_reason=HUB_REPLACED)
                )
                if replaced.rowcount:
                    log.warning("hub replaced commune=%s new hub=%s: %d old hub(s) revoked",
                                desk.commune_code, desk.id, replaced.rowcount)  # fmt: skip
                db.execute(insert(hubs).values(desk_id=desk.id, enrolled_at=now))
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
            aware(row.revoked_at),
            row.revoked_reason,
        )

    def live_desks(self, commune_code: str, desk_number: int) -> list[Desk]:
        """The desks of ``commune_code`` numbered ``desk_number`` and not revoked (one, or
        more after a desk was replaced without revoking the old one)."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(desks).where(
                    desks.c.commune_code == commune_code,
                    desks.c.desk_number == desk_number,
                    desks.c.revoked_at.is_(None),
                )
            ).all()
        return [
            Desk(r.id, r.commune_code, r.desk_number, r.public_key, None, r.revoked_reason)
            for r in rows
        ]

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
                select(desks, held.c.acked, communes.c.name.label("commune_name"))
                .outerjoin(held, held.c.desk_id == desks.c.id)
                .outerjoin(communes, communes.c.code == desks.c.commune_code)
                .order_by(desks.c.commune_code, desks.c.desk_number)
            ).all()
        return [dict(row._mapping) for row in rows]

    def new_admin_token(self, now: datetime) -> str:
        token = secrets.token_urlsafe(24)
        with self.engine.begin() as db:
            db.execute(insert(admins).values(token_sha256=code_hash(token), created_at=now))
        return token

    def admin_token_valid(self, token: str) -> bool:
        with self.engine.connect() as db:
            row = db.execute(
                select(admins.c.token_sha256).where(admins.c.token_sha256 == code_hash(token))
            ).first()
        return row is not None

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
