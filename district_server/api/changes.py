"""The change log: how far the server holds a desk's entries, a batch pushed (applied by
``(desk_id, seq)``), the desk's own entries back (restore), and the entries of the
commune's other desks (pull)."""

from __future__ import annotations

import json
import logging
import zlib
from functools import partial
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from desk_app.domain.changes import content_hash
from district_server import limits
from district_server.api.auth import Context
from district_server.api.common import INT32, Cursor, PageSize, error, json_body
from district_server.store import Busy, Conflict, Desk, Gap, MissingBlobs

log = logging.getLogger("district_server")

_Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Entry(BaseModel):
    seq: int = Field(ge=1, le=INT32)
    uuid: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    kind: str = Field(min_length=1, max_length=64)
    entity_uuid: str = Field(min_length=1, max_length=64)
    device_time: str = Field(min_length=10, max_length=40)
    officer_id: int = Field(ge=-INT32, le=INT32)
    payload: str
    blob_hashes: str
    content_sha256: _Hash


class Batch(BaseModel):
    from_seq: int = Field(ge=1, le=INT32)
    entries: list[Entry] = Field(max_length=protocol.MAX_BATCH_ENTRIES)
    # papers the desk has lost (file missing or damaged there): its entries are still taken
    unavailable_blobs: list[str] = Field(default_factory=list, max_length=5000)


def routes(app: FastAPI, ctx: Context) -> None:
    store, authenticated = ctx.store, ctx.authenticated

    @app.get(protocol.CHANGES_PATH)
    async def acked(request: Request) -> dict[str, int]:
        desk, _ = await authenticated(request)
        return {"acked_through": await run_in_threadpool(store.acked_through, desk.id)}

    @app.get(protocol.OWN_CHANGES_PATH)
    async def own_changes(
        request: Request,
        from_seq: Annotated[int, Query(ge=1, le=INT32)] = 1,
        limit: Annotated[int, Query(ge=1, le=protocol.MAX_BATCH_ENTRIES)] = 200,
    ) -> dict[str, Any]:
        """The desk's own entries from ``from_seq``, and how far the server holds them: a
        desk restored from an older backup rebuilds what it had sent."""
        desk, _ = await authenticated(request)
        entries = await run_in_threadpool(store.own_changes, desk.id, from_seq, limit)
        return {"entries": entries, "acked_through": store.acked_through(desk.id)}

    @app.post(protocol.CHANGES_PATH, openapi_extra=json_body(Batch))
    async def push(request: Request) -> dict[str, Any]:
        desk, body = await authenticated(request)
        encoding = request.headers.get("content-encoding", "")
        # on a hub: kept as signed, to be forwarded upstream unchanged
        answer = await apply_batch(ctx, desk, body, encoding, ctx.relay_of(request, body))
        if ctx.hub is not None:
            ctx.hub.wake()
            answer["forwarded_through"] = await run_in_threadpool(store.forwarded_through, desk.id)
        return answer

    @app.get(protocol.UPDATES_PATH)
    async def updates(
        request: Request,
        cursor: Cursor = 0,
        limit: PageSize = 200,
    ) -> dict[str, Any]:
        desk, _ = await authenticated(request)
        entries, next_cursor = await run_in_threadpool(store.updates, desk, max(0, cursor), limit)
        return {"entries": entries, "next_cursor": next_cursor, "more": len(entries) == limit}


async def apply_batch(
    ctx: Context,
    desk: Desk,
    body: bytes,
    encoding: str,
    relay: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A desk's batch (its raw body, as it signed it) applied, or refused as an HTTP error:
    the path of a desk's own push and of a batch a hub forwards for it."""
    if encoding == "gzip":
        try:
            # bounded, and off the event loop: other requests go on meanwhile
            body = await run_in_threadpool(limits.gunzip, body, protocol.MAX_BATCH_BYTES)
        except limits.TooBig:
            raise error(413, "too_big", "Lô dữ liệu vượt quá kích thước cho phép.") from None
        except zlib.error:
            raise error(400, "bad_gzip", "Gói dữ liệu nén bị hỏng.") from None
    if len(body) > protocol.MAX_BATCH_BYTES:
        raise error(413, "too_big", "Lô dữ liệu vượt quá kích thước cho phép.")
    try:
        batch = Batch.model_validate(json.loads(body))
    except (ValueError, ValidationError, RecursionError) as err:
        raise error(
            422, "bad_batch", f"Lô dữ liệu không đúng định dạng: {str(err)[:200]}"
        ) from None
    entries = [e.model_dump() for e in batch.entries]
    for entry in entries:
        if (
            content_hash(
                entry["kind"], entry["entity_uuid"], entry["payload"], entry["blob_hashes"]
            )
            != entry["content_sha256"]
        ):
            raise error(422, "bad_hash", f"Mục {entry['seq']} không khớp mã băm nội dung.")
    if [e["seq"] for e in entries] != list(range(batch.from_seq, batch.from_seq + len(entries))):
        raise error(422, "bad_order", "Các mục trong lô phải liên tiếp theo số thứ tự.")
    try:
        # off the event loop: batches of different desks are applied side by side
        applied = await run_in_threadpool(
            partial(
                ctx.store.apply,
                desk.id,
                entries,
                ctx.now(),
                frozenset(batch.unavailable_blobs),
                desk.commune_code,
                relay=relay,
            )
        )
    except MissingBlobs as missing:
        raise error(
            422,
            "missing_blobs",
            "Máy chủ chưa có các tệp số hóa mà lô này nhắc đến; gửi tệp trước.",
            missing=missing.hashes,
        ) from None
    except Gap as gap:
        raise error(
            409,
            "gap",
            "Thiếu các mục trước đó; gửi lại từ mục đã xác nhận.",
            acked_through=gap.acked_through,
        ) from None
    except Conflict as conflict:
        log.error("conflict desk=%s seq=%s", desk.id, conflict.seq)
        raise error(
            409,
            "conflict",
            f"Mục {conflict.seq} khác với mục máy chủ đã nhận.",
            acked_through=conflict.acked_through,
        ) from None
    except Busy as busy:
        raise error(
            409,
            "gap",
            "Lô đang được ghi bởi yêu cầu khác; gửi lại.",
            acked_through=busy.acked_through,
        ) from None
    log.info(
        "batch applied desk=%s from=%s count=%s acked=%s",
        desk.id,
        batch.from_seq,
        len(entries),
        applied.acked_through,
    )
    return {"acked_through": applied.acked_through, "problems": applied.problems}
