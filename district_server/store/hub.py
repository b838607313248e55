"""A commune's LAN hub, both ends (docs/architecture.md, "The commune hub").

At the upstream: which desk rows are hubs, and the desks a hub registered (their public
keys vouched by the hub, recorded with it). At a hub: the desks' signed batches waiting to
be forwarded, its identity at the upstream and its positions, which desks and papers the
upstream already holds, and what the upstream published, taken in with its cursor.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

import desk_protocol as protocol
from district_server.store.sql import Part, aware
from district_server.store.tables import (
    blobs,
    changes,
    desks,
    feed,
    hub_blobs_sent,
    hub_registered,
    hub_state,
    hubs,
    published,
    relay_queue,
    vouched,
)

UPSTREAM_REVOKED = "máy chủ cấp trên đã thu hồi quầy này"
# desks one commune may have registered through hubs (99 desk numbers, and replacements
# over the years): a hub's word cannot grow the desks table without bound
MAX_VOUCHED_PER_COMMUNE = 500


class HubStore(Part):
    # --- at the upstream ---

    def is_hub(self, desk_id: str) -> bool:
        with self.engine.connect() as db:
            return (
                db.execute(select(hubs.c.desk_id).where(hubs.c.desk_id == desk_id)).first()
                is not None
            )

    def register_vouched(
        self, hub_id: str, commune: str, rows: list[dict[str, Any]], now: datetime
    ) -> dict[str, str]:
        """The desks a hub enrolled, registered on its word: by desk id, "registered" (new
        or already known with the same key and numbers) or "refused" (the id is another
        desk's, or of another commune, or the key is another desk's: a request's signature
        does not cover the desk id, so a second row with a desk's key would take that
        desk's signed batches as its own; or the commune already has
        ``MAX_VOUCHED_PER_COMMUNE`` desks registered by hubs)."""
        answers: dict[str, str] = {}
        with self.engine.begin() as db:
            room = MAX_VOUCHED_PER_COMMUNE - int(
                db.execute(
                    select(func.count())
                    .select_from(vouched.join(desks, desks.c.id == vouched.c.desk_id))
                    .where(desks.c.commune_code == commune)
                ).scalar_one()
            )
            for row in rows:
                held = db.execute(select(desks).where(desks.c.id == row["desk_id"])).first()
                twin = db.execute(
                    select(desks.c.id).where(
                        desks.c.public_key == row["public_key"], desks.c.id != row["desk_id"]
                    )
                ).first()
                if twin is not None or (held is None and room <= 0):
                    answers[row["desk_id"]] = "refused"
                elif held is None:
                    room -= 1
                    _insert_desk(db, row, commune, now)
                    db.execute(
                        insert(vouched).values(
                            desk_id=row["desk_id"], hub_id=hub_id, registered_at=now
                        )
                    )
                    answers[row["desk_id"]] = "registered"
                elif (held.commune_code, held.desk_number, held.public_key) == (
                    commune,
                    row["desk_number"],
                    row["public_key"],
                ):
                    answers[row["desk_id"]] = "registered"
                else:
                    answers[row["desk_id"]] = "refused"
        return answers

    def feed_positions(self, desk_id: str, from_seq: int, limit: int) -> dict[int, int]:
        """Where a desk's entries from ``from_seq`` stand in this server's feed, by seq: the
        order they reached it, never a clock (an entry withheld there has no place)."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(feed.c.seq, feed.c.id)
                .where(feed.c.desk_id == desk_id, feed.c.seq >= from_seq)
                .order_by(feed.c.seq)
                .limit(limit)
            ).all()
        return {int(r.seq): int(r.id) for r in rows}

    def revoked_hub_keys(self, commune: str) -> list[str]:
        """The keys of the commune's hubs revoked (replaced by a newer one), oldest first."""
        with self.engine.connect() as db:
            return list(
                db.execute(
                    select(desks.c.public_key)
                    .join(hubs, hubs.c.desk_id == desks.c.id)
                    .where(desks.c.commune_code == commune, desks.c.revoked_at.is_not(None))
                    .order_by(hubs.c.enrolled_at)
                ).scalars()
            )

    def revoke_as_upstream(self, listed: list[dict[str, Any]], now: datetime) -> list[str]:
        """At a hub: the desks the upstream revoked, revoked here too (the hub stops taking
        their batches); their ids."""
        revoked = {d["desk_id"] for d in listed if d.get("revoked")}
        if not revoked:
            return []
        with self.engine.begin() as db:
            ids = list(
                db.execute(
                    select(desks.c.id).where(
                        desks.c.id.in_(sorted(revoked)), desks.c.revoked_at.is_(None)
                    )
                ).scalars()
            )
            if ids:
                db.execute(
                    update(desks)
                    .where(desks.c.id.in_(ids))
                    .values(revoked_at=now, revoked_reason=UPSTREAM_REVOKED)
                )
        return ids

    def commune_desks(self, commune: str) -> list[dict[str, Any]]:
        """The commune's desks (hubs left out), with their keys: what a new hub adopts."""
        held = (
            select(changes.c.desk_id, func.max(changes.c.seq).label("acked"))
            .group_by(changes.c.desk_id)
            .subquery()
        )
        with self.engine.connect() as db:
            rows = db.execute(
                select(
                    desks.c.id,
                    desks.c.desk_number,
                    desks.c.public_key,
                    desks.c.revoked_at,
                    held.c.acked,
                )
                .outerjoin(held, held.c.desk_id == desks.c.id)
                .where(desks.c.commune_code == commune, desks.c.id.not_in(select(hubs.c.desk_id)))
                .order_by(desks.c.desk_number)
            ).all()
        return [
            {
                "desk_id": r.id,
                "desk_number": r.desk_number,
                "public_key": r.public_key,
                "revoked": r.revoked_at is not None,
                "acked_through": int(r.acked or 0),
            }
            for r in rows
        ]

    def commune_blob(self, commune: str, sha256: str) -> bool:
        """Whether a desk (or the hub) of ``commune`` sent the paper ``sha256``: what its hub
        may fetch back to rebuild."""
        with self.engine.connect() as db:
            sender = db.execute(
                select(desks.c.commune_code)
                .join(blobs, blobs.c.desk_id == desks.c.id)
                .where(blobs.c.sha256 == sha256)
            ).scalar()
        return sender == commune

    # --- at a hub ---

    def hub_values(self) -> dict[str, str]:
        with self.engine.connect() as db:
            return {r.key: r.value for r in db.execute(select(hub_state)).all()}

    def set_hub_values(self, values: dict[str, str]) -> None:
        with self.engine.begin() as db:
            for key, value in values.items():
                done = db.execute(
                    update(hub_state).where(hub_state.c.key == key).values(value=value)
                )
                if done.rowcount == 0:
                    db.execute(insert(hub_state).values(key=key, value=value))

    # a desk's clock found off at its last time request: "clock:<desk id>" -> "<when> <skew s>"
    CLOCK = "clock:"

    def note_clock(self, desk_id: str, skew: int | None, now: datetime) -> None:
        """A desk's clock off by ``skew`` seconds (its requests are refused), or (None) no
        longer off; written only when it changes what is noted."""
        key = self.CLOCK + desk_id
        with self.engine.begin() as db:
            held = db.execute(select(hub_state.c.value).where(hub_state.c.key == key)).first()
            if skew is None:
                if held is not None:
                    db.execute(delete(hub_state).where(hub_state.c.key == key))
                return
            value = f"{now.isoformat(timespec='seconds')} {skew}"
            if held is None:
                db.execute(insert(hub_state).values(key=key, value=value))
            elif held.value.split()[-1] != str(skew):
                db.execute(update(hub_state).where(hub_state.c.key == key).values(value=value))

    def clocks_off(self) -> list[dict[str, Any]]:
        """The desks whose clock was off at their last time request: id, number, skew (s)
        and when, by desk number."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(hub_state.c.key, hub_state.c.value, desks.c.desk_number)
                .join(desks, desks.c.id == func.substr(hub_state.c.key, len(self.CLOCK) + 1))
                .where(hub_state.c.key.startswith(self.CLOCK))
                .order_by(desks.c.desk_number)
            ).all()
        return [
            {
                "desk_id": r.key[len(self.CLOCK) :],
                "desk_number": int(r.desk_number),
                "at": r.value.split()[0],
                "skew": int(r.value.split()[-1]),
            }
            for r in rows
        ]

    def relay_waiting(self, limit: int, skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
        """The oldest batches not yet forwarded, in the order they were applied here (but
        those of the desks in ``skip``: refused a moment ago, they wait for the next round
        without holding up the other desks)."""
        query = select(relay_queue).where(relay_queue.c.forwarded_at.is_(None))
        if skip:
            query = query.where(relay_queue.c.desk_id.not_in(sorted(skip)))
        with self.engine.connect() as db:
            rows = db.execute(query.order_by(relay_queue.c.id).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

    def relay_done(self, outcome: dict[int, str | None], now: datetime) -> None:
        """Each batch by id: forwarded (None) or still waiting with the upstream's reason."""
        with self.engine.begin() as db:
            for row_id, refusal in outcome.items():
                values: dict[str, Any] = (
                    {"forwarded_at": now, "error": None} if refusal is None else {"error": refusal}
                )
                db.execute(update(relay_queue).where(relay_queue.c.id == row_id).values(values))

    def relay_backlog(self) -> int:
        with self.engine.connect() as db:
            return int(
                db.execute(
                    select(func.count()).where(relay_queue.c.forwarded_at.is_(None))
                ).scalar()
                or 0
            )

    def relay_status(self) -> dict[str, Any]:
        """What waits at the hub: batches (and the oldest's time), the upstream's reasons
        for those it refused, papers not sent, desks not registered."""
        waiting = relay_queue.c.forwarded_at.is_(None)
        with self.engine.connect() as db:
            count, oldest = db.execute(
                select(func.count(), func.min(relay_queue.c.queued_at)).where(waiting)
            ).one()
            reasons = db.execute(
                select(relay_queue.c.error, func.count())
                .where(waiting, relay_queue.c.error.is_not(None))
                .group_by(relay_queue.c.error)
            ).all()
            papers = db.execute(
                select(func.count()).where(blobs.c.sha256.not_in(select(hub_blobs_sent.c.sha256)))
            ).scalar()
            unregistered = db.execute(
                select(func.count()).where(desks.c.id.not_in(select(hub_registered.c.desk_id)))
            ).scalar()
        return {
            "batches": int(count),
            "oldest": aware(oldest),
            "refusals": {str(r[0]): int(r[1]) for r in reasons},
            "papers": int(papers or 0),
            "unregistered": int(unregistered or 0),
        }

    def forwarded_through(self, desk_id: str) -> int:
        """How far the upstream acknowledged ``desk_id``'s entries sent through this hub."""
        with self.engine.connect() as db:
            value = db.execute(
                select(func.max(relay_queue.c.last_seq)).where(
                    relay_queue.c.desk_id == desk_id,
                    relay_queue.c.path == protocol.CHANGES_PATH,
                    relay_queue.c.forwarded_at.is_not(None),
                )
            ).scalar()
        return int(value or 0)

    def unregistered_desks(self) -> list[dict[str, Any]]:
        """Desks enrolled here that the upstream has not been told of yet."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(desks.c.id, desks.c.desk_number, desks.c.public_key).where(
                    desks.c.id.not_in(select(hub_registered.c.desk_id))
                )
            ).all()
        return [
            {"desk_id": r.id, "desk_number": r.desk_number, "public_key": r.public_key}
            for r in rows
        ]

    def mark_registered(self, desk_ids: list[str], now: datetime) -> None:
        with self.engine.begin() as db:
            for desk_id in desk_ids:
                try:
                    with db.begin_nested():
                        db.execute(
                            insert(hub_registered).values(desk_id=desk_id, registered_at=now)
                        )
                except IntegrityError:
                    pass

    def blobs_unsent(self, limit: int) -> list[str]:
        with self.engine.connect() as db:
            return list(
                db.execute(
                    select(blobs.c.sha256)
                    .where(blobs.c.sha256.not_in(select(hub_blobs_sent.c.sha256)))
                    .order_by(blobs.c.stored_at)
                    .limit(limit)
                ).scalars()
            )

    def mark_blob_sent(self, sha256: str, now: datetime) -> None:
        with self.engine.begin() as db:
            if (
                db.execute(
                    select(hub_blobs_sent.c.sha256).where(hub_blobs_sent.c.sha256 == sha256)
                ).first()
                is None
            ):
                db.execute(insert(hub_blobs_sent).values(sha256=sha256, sent_at=now))

    def take_published(self, items: list[dict[str, Any]], cursor: int, now: datetime) -> None:
        """What the upstream published, kept here for the commune's desks, with the
        upstream's cursor in the same transaction (a cut re-reads, never doubles)."""
        with self.engine.begin() as db:
            for item in items:
                db.execute(
                    insert(published).values(
                        kind=item["kind"],
                        key=item["key"],
                        commune_code=item.get("commune_code"),
                        document=json.dumps(item["document"], ensure_ascii=False, sort_keys=True),
                        published_at=now,
                    )
                )
            done = db.execute(
                update(hub_state)
                .where(hub_state.c.key == "published_cursor")
                .values(value=str(cursor))
            )
            if done.rowcount == 0:
                db.execute(insert(hub_state).values(key="published_cursor", value=str(cursor)))

    def adopt_desks(self, commune: str, rows: list[dict[str, Any]], now: datetime) -> int:
        """A rebuilt hub takes in its commune's desks from the upstream (same ids and keys:
        the desks' signatures verify here as before); how many were new."""
        added = 0
        with self.engine.begin() as db:
            for row in rows:
                if db.execute(select(desks.c.id).where(desks.c.id == row["desk_id"])).first():
                    continue
                _insert_desk(db, row, commune, now)
                db.execute(insert(hub_registered).values(desk_id=row["desk_id"], registered_at=now))
                added += 1
        return added


def _insert_desk(db: Any, row: dict[str, Any], commune: str, now: datetime) -> None:
    """A desk known by another server's word (its id, number and key kept as they are)."""
    revoked = bool(row.get("revoked"))
    db.execute(
        insert(desks).values(
            id=row["desk_id"],
            commune_code=commune,
            desk_number=row["desk_number"],
            public_key=row["public_key"],
            enrolled_at=now,
            revoked_at=now if revoked else None,
            revoked_reason=UPSTREAM_REVOKED if revoked else None,
        )
    )
