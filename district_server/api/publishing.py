"""What the district published for a desk's commune: catalogue versions, calendar days,
officer accounts, by cursor."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from district_server.api.auth import Context
from district_server.api.common import Cursor, PageSize


def routes(app: FastAPI, ctx: Context) -> None:
    store, authenticated = ctx.store, ctx.authenticated

    @app.get(protocol.PUBLISHED_PATH)
    async def published(
        request: Request,
        cursor: Cursor = 0,
        limit: PageSize = 200,
    ) -> dict[str, Any]:
        """Catalogue versions, calendar days and officer accounts for this desk's commune."""
        desk, _ = await authenticated(request)
        items, next_cursor = await run_in_threadpool(
            store.published_for, desk, max(0, cursor), limit
        )
        return {"items": items, "next_cursor": next_cursor, "more": len(items) == limit}
