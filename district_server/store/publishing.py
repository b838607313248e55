"""What the district publishes to its desks, in order: catalogue versions, holiday calendar
days, officer accounts and their revocations (validated by ``district_server.publishing``)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from district_server.store.enrolment import Desk
from district_server.store.sql import Part, aware
from district_server.store.tables import published


class Publishing(Part):
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
                "published_at": aware(row.published_at).isoformat(timespec="seconds"),  # type: ignore[union-attr]
            }
            for row in rows
        ]
        next_cursor = items[-1]["cursor"] if items else cursor  # as for ``updates``
        return items, int(next_cursor)
