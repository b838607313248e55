"""The upstream's side of a commune hub: the desks a hub enrolled, registered on its word; the
desks' batches it forwards, each checked against its own desk's signature and applied as if
the desk had pushed it; the commune's desks and their entries for a hub being rebuilt.

A hub is a desk row enrolled with a hub code (``enrol-hub``); it speaks only for desks of
its own commune. It cannot forge or alter a desk's entry: the batch carries the desk's
signature over its exact bytes. The request's time window and nonce are the hub's (its own
request is signed and fresh); the desk's stamp may be a day old (the WAN was down), which
is harmless: applying by ``(desk, seq)`` makes a replayed batch change nothing.
"""

from __future__ import annotations

import base64
import binascii
import json
from functools import partial
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from district_server.api.audit import apply_audit
from district_server.api.auth import Context
from district_server.api.changes import apply_batch
from district_server.api.common import INT32, error, json_body
from district_server.store import Desk


class VouchedDesk(BaseModel):
    desk_id: str = Field(pattern=r"^[0-9a-f-]{36}$")
    desk_number: int = Field(ge=1, le=99)
    public_key: str = Field(min_length=40, max_length=64)


class Vouched(BaseModel):
    desks: list[VouchedDesk] = Field(max_length=500)


class RelayItem(BaseModel):
    desk_id: str = Field(max_length=36)
    method: str = Field(max_length=8)
    path: str = Field(max_length=200)
    stamp: str = Field(max_length=40)
    nonce: str = Field(max_length=64)
    signature: str = Field(max_length=120)
    encoding: str = Field(max_length=16)
    body: str


class Relay(BaseModel):
    items: list[RelayItem] = Field(max_length=protocol.MAX_RELAY_ITEMS)


def routes(app: FastAPI, ctx: Context) -> None:
    store = ctx.store

    async def hub_of(request: Request) -> tuple[Desk, bytes]:
        hub, body = await ctx.authenticated(request)
        if not await run_in_threadpool(store.is_hub, hub.id):
            raise error(
                403, "not_a_hub", "Chỉ máy chủ trung gian (hub) của xã được gọi địa chỉ này."
            )
        return hub, body

    def parsed(model: type[BaseModel], body: bytes) -> Any:
        try:
            return model.model_validate(json.loads(body or b"{}"))
        except (ValueError, ValidationError, RecursionError) as err:
            raise error(
                422, "bad_request", f"Nội dung không đúng định dạng: {str(err)[:200]}"
            ) from None

    @app.post(protocol.HUB_DESKS_PATH, openapi_extra=json_body(Vouched))
    async def register(request: Request) -> dict[str, Any]:
        """Desks enrolled at the hub, of the hub's commune, known from now on by their keys."""
        hub, body = await hub_of(request)
        listed: Vouched = parsed(Vouched, body)
        for desk in listed.desks:
            try:  # one spelling of each key, so that a key held by another desk is seen
                desk.public_key = protocol.public_key_text(
                    protocol.load_public_key(desk.public_key)
                )
            except ValueError:
                raise error(422, "bad_key", "Khóa công khai của quầy không hợp lệ.") from None
        answers = await run_in_threadpool(
            store.register_vouched,
            hub.id,
            hub.commune_code,
            [d.model_dump() for d in listed.desks],
            ctx.now(),
        )
        return {"desks": answers}

    @app.get(protocol.HUB_DESKS_PATH)
    async def commune_desks(request: Request) -> dict[str, Any]:
        """The commune's desks with their keys, and the hub's key certified for the commune
        (what a desk checks before it trusts a rebuilt hub)."""
        hub, _ = await hub_of(request)
        certificate = protocol.sign_document(
            ctx.signing_key,
            {
                "format": protocol.HUB_CERTIFICATE_FORMAT,
                "hub_id": hub.id,
                "hub_key": hub.public_key,
                "commune_code": hub.commune_code,
                "issued_at": ctx.now().isoformat(timespec="seconds"),
                # the hubs it replaced: a desk that learns of them never trusts them again
                "revoked_keys": await run_in_threadpool(store.revoked_hub_keys, hub.commune_code),
            },
        )
        return {
            "desks": await run_in_threadpool(store.commune_desks, hub.commune_code),
            "certificate": certificate,
        }

    @app.get(protocol.HUB_CERTIFICATE_PATH)
    async def certificate() -> dict[str, Any]:
        """At a hub: its key as the upstream certified it (asked without a signature: a desk
        that no longer recognises its hub's key cannot check any other answer)."""
        held = await run_in_threadpool(store.hub_values)
        if "certificate" not in held:
            raise error(404, "no_certificate", "Máy chủ này không phải hub đã đăng ký.")
        if held.get("retired"):
            raise error(410, "hub_retired", held["retired"])
        return {"certificate": json.loads(held["certificate"])}

    @app.get(protocol.HUB_CHANGES_PATH)
    async def desk_changes(
        request: Request,
        desk_id: Annotated[str, Query(max_length=36)],
        from_seq: Annotated[int, Query(ge=1, le=INT32)] = 1,
        limit: Annotated[int, Query(ge=1, le=protocol.MAX_BATCH_ENTRIES)] = 200,
    ) -> dict[str, Any]:
        """A desk of the hub's commune: its entries as the upstream holds them."""
        hub, _ = await hub_of(request)
        desk = await run_in_threadpool(store.desk, desk_id)
        if desk is None or desk.commune_code != hub.commune_code:
            raise error(404, "unknown_desk", "Không có quầy này trong xã của hub.")
        entries = await run_in_threadpool(
            partial(store.own_changes, desk_id, from_seq, limit, received=True)
        )
        # each entry's place in the feed: the order a rebuilt hub replays the desks in
        arrivals = await run_in_threadpool(store.feed_positions, desk_id, from_seq, limit)
        for entry in entries:
            entry["received_at"] = entry["received_at"].isoformat()
            entry["arrival"] = arrivals.get(int(entry["seq"]))
        return {
            "entries": entries,
            "acked_through": await run_in_threadpool(store.acked_through, desk_id),
        }

    @app.post(protocol.HUB_RELAY_PATH, openapi_extra=json_body(Relay))
    async def relay(request: Request) -> dict[str, Any]:
        """Each batch applied as its desk's own push, or refused with the push's reason."""
        hub, body = await hub_of(request)
        listed: Relay = parsed(Relay, body)
        results = []
        for item in listed.items:
            try:
                answer = await _forwarded(ctx, hub, item)
                results.append({"status": 200, **answer})
            except HTTPException as refused:
                results.append({"status": refused.status_code, "detail": refused.detail})
        return {"results": results}


async def _forwarded(ctx: Context, hub: Desk, item: RelayItem) -> dict[str, Any]:
    desk = await run_in_threadpool(ctx.store.desk, item.desk_id)
    if desk is None or desk.commune_code != hub.commune_code:
        raise error(401, "unknown_desk", "Quầy chưa được đăng ký với máy chủ.")
    if desk.revoked_at is not None:
        raise error(403, "revoked", f"Quầy đã bị thu hồi: {desk.revoked_reason or ''}.")
    if item.method != "POST" or item.path not in (protocol.CHANGES_PATH, protocol.AUDIT_PATH):
        raise error(422, "not_relayed", "Hub chỉ chuyển tiếp các lô thay đổi và nhật ký của quầy.")
    try:
        raw = base64.b64decode(item.body, validate=True)
    except (binascii.Error, ValueError):
        raise error(422, "bad_request", "Nội dung lô chuyển tiếp hỏng.") from None
    key = protocol.load_public_key(desk.public_key)
    if not protocol.signature_valid(
        key, item.signature, item.method, item.path, item.stamp, item.nonce, raw
    ):
        raise error(401, "bad_signature", "Chữ ký của quầy trên lô chuyển tiếp không đúng.")
    if item.path == protocol.AUDIT_PATH:
        return await apply_audit(ctx, desk, raw)
    return await apply_batch(ctx, desk, raw, item.encoding)
