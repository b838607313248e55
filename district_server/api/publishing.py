"""What the district published for a desk's commune: catalogue versions, calendar days,
officer accounts, by cursor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from district_server.api.auth import Context


def routes(app: FastAPI, ctx: Context) -> None:
    store, authenticated = ctx.store, ctx.authenticated

    @app.get(protocol.PUBLISHED_PATH)
    async def published(
        request: Request,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> dict[str, Any]:
        """Catalogue versions, calendar days and officer accounts for this desk's commune."""
        desk, _ = await authenticated(request)
        limit = max(1, min(limit, 1000))
        items, next_cursor = await run_in_threadpool(
            store.published_for, desk, max(0, cursor), limit
        )
        return {"items": items, "next_cursor": next_cursor, "more": len(items) == limit}
