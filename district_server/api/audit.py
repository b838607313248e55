"""Each desk's audit chain: pushed in order, each entry sealed to the one before, answered
with the server's signed anchor; and the chain as held, back to a restored desk."""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from desk_app.domain.audit import AuditEntry
from district_server.api.auth import Context
from district_server.api.common import INT32, error, json_body
from district_server.store import AuditLink, Desk

log = logging.getLogger("district_server")

_Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


# [seq, at, officer, action, subject, detail, prev_hash, hash], sized as the server's
# audit_entries columns
AuditRow = tuple[
    Annotated[int, Field(ge=1, le=INT32)],
    Annotated[str, Field(max_length=40)],
    Annotated[str, Field(max_length=64)],
    Annotated[str, Field(max_length=32)],
    Annotated[str, Field(max_length=200)],
    str,
    _Hash,
    _Hash,
]


class AuditBatch(BaseModel):
    entries: list[AuditRow] = Field(max_length=protocol.MAX_AUDIT_ENTRIES)


def audit_links(rows: list[AuditRow]) -> list[AuditLink]:
    """Validated rows as the store's links; an action this server does not know is kept
    as sent (a newer desk), so its hash still checks."""
    return [
        (AuditEntry(seq, at, officer, action, subject, detail), prev_hash, digest)  # type: ignore[arg-type]
        for seq, at, officer, action, subject, detail, prev_hash, digest in rows
    ]


def routes(app: FastAPI, ctx: Context) -> None:
    store, authenticated = ctx.store, ctx.authenticated

    @app.get(protocol.AUDIT_PATH)
    async def audit_held(
        request: Request,
        after: Annotated[int, Query(ge=0, le=INT32)] = 0,
        limit: Annotated[int, Query(ge=1, le=protocol.MAX_AUDIT_ENTRIES)] = 200,
    ) -> dict[str, Any]:
        """The desk's audit chain as the server holds it, after ``after``."""
        desk, _ = await authenticated(request)
        rows = await run_in_threadpool(store.audit_after, desk.id, after, limit)
        return {"entries": rows}

    @app.post(protocol.AUDIT_PATH, openapi_extra=json_body(AuditBatch))
    async def audit_chain(request: Request) -> dict[str, Any]:
        """The desk's audit entries, in order, each sealed to the one before."""
        desk, body = await authenticated(request)
        answer = await apply_audit(ctx, desk, body, ctx.relay_of(request, body))
        if ctx.hub is not None:
            ctx.hub.wake()
        return answer


async def apply_audit(
    ctx: Context, desk: Desk, body: bytes, relay: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A desk's audit batch (its raw body) appended and answered with the anchor, or refused
    as an HTTP error: the path of a desk's own push and of a batch a hub forwards for it."""
    store, now = ctx.store, ctx.now
    try:
        batch = AuditBatch.model_validate(json.loads(body or b"{}"))
    except (ValueError, ValidationError, RecursionError):
        raise error(422, "bad_audit", "Nhật ký truy cập gửi lên không đúng định dạng.") from None
    links = audit_links(batch.entries)
    through, broken = await run_in_threadpool(
        partial(store.append_audit, desk.id, links, now(), relay=relay)
    )
    if broken:
        log.warning("audit chain refused desk=%s at=%s", desk.id, through + 1)
        raise error(
            409, "audit_broken",
            f"Nhật ký truy cập của quầy không khớp bản máy chủ đã nhận ({broken}).",
            through=through,
        )  # fmt: skip
    # the head held, signed: the desk's anchor, which no officer can recompute
    seq, head = await run_in_threadpool(store.audit_head, desk.id)
    return {
        "through": through,
        "anchor": protocol.audit_anchor(ctx.signing_key, desk.id, seq, head, now()),
    }
