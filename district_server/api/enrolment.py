"""Enrolment and the server's clock: a desk exchanges a one-time code for its identity and
the server's key (which it pins); any desk asks the time."""

from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

import desk_protocol as protocol
from desk_app.domain.codes import numbering_mismatch
from district_server import limits
from district_server.api.auth import Context, current_desk
from district_server.api.common import error
from district_server.store import KeyInUse, NumberingMismatch

log = logging.getLogger("district_server")


class Numbering(BaseModel):
    commune_code: str = Field(min_length=1, max_length=35)
    desk_number: int = Field(ge=1, le=99)


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64)
    public_key: str = Field(min_length=40, max_length=64)
    # the numbering the desk has already given dossier codes under, if any
    issued: Numbering | None = None
    # the commune's name as the desk's settings give it, for the district view
    commune_name: str = Field(default="", max_length=200)


def routes(app: FastAPI, ctx: Context, *, lookup_base_url: str, enrol_attempts: int) -> None:
    store, now = ctx.store, ctx.now
    server_key_public = protocol.public_key_text(ctx.signing_key.public_key())
    enrolments = limits.WindowLimiter(
        enrol_attempts,
        max(limits.ENROL_PER_SERVER, 6 * enrol_attempts),
        limits.ENROL_WINDOW_SECONDS,
    )

    @app.get(protocol.TIME_PATH)
    def server_time(request: Request) -> dict[str, str]:
        """The time; asked with a desk's signature (each sync cycle), the desk's clock is
        noted when it is off by more than the protocol allows, for ``hub-status``."""
        moment = now()
        told = ctx.clock_of(request)
        if told is not None:
            desk, skew = told
            off = abs(skew) > protocol.MAX_SKEW_SECONDS
            if off:
                log.warning("desk clock off desk=%s skew=%+.0f s", desk.id, skew)
            store.note_clock(desk.id, round(skew) if off else None, moment)
        return {"now": moment.isoformat(timespec="seconds")}

    @app.post(protocol.ENROL_PATH)
    def enrol(request: EnrolRequest, http_request: Request) -> JSONResponse:
        current_desk(http_request, ctx.versions)
        client = http_request.client.host if http_request.client else "?"
        wait = enrolments.retry_after(client)
        if wait:
            log.warning("enrolment attempts limited")
            raise HTTPException(
                429,
                detail={
                    "code": "too_many_attempts",
                    "message": "Quá nhiều lần thử đăng ký quầy; hãy đợi "
                    f"{max(1, round(wait / 60))} phút rồi thử lại với mã đúng.",
                },
                headers={"Retry-After": str(wait)},
            )
        try:  # stored in one spelling, so that a key another desk holds is seen
            public_key = protocol.public_key_text(protocol.load_public_key(request.public_key))
        except ValueError:
            raise error(422, "bad_key", "Khóa công khai của quầy không hợp lệ.") from None
        issued = request.issued
        try:
            desk = store.enrol(
                request.code,
                public_key,
                now(),
                (issued.commune_code, issued.desk_number) if issued else None,
                request.commune_name,
            )
        except KeyInUse:
            raise error(
                409,
                "key_in_use",
                "Khóa công khai này đã thuộc một quầy khác: mỗi lần đăng ký, quầy tạo khóa mới.",
            ) from None
        except NumberingMismatch as mismatch:
            assert issued is not None
            raise error(
                409,
                "numbering_mismatch",
                numbering_mismatch(
                    mismatch.commune_code,
                    mismatch.desk_number,
                    issued.commune_code,
                    issued.desk_number,
                ),
            ) from None
        if desk is None:
            raise error(403, "bad_code", "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.")
        log.info(
            "desk enrolled desk=%s commune=%s number=%s",
            desk.id,
            desk.commune_code,
            desk.desk_number,
        )
        told = {
            "desk_id": desk.id,
            "commune_code": desk.commune_code,
            "desk_number": desk.desk_number,
            "server_public_key": server_key_public,
            "lookup_base_url": lookup_base_url,
        }
        if ctx.hub is not None:  # where the desk may go straight when the hub is off
            told["upstream_url"] = ctx.hub.upstream_url
            told["upstream_public_key"] = ctx.hub.upstream_public_key
        answer = JSONResponse(told)
        # the code vouches for the key the desk is about to pin (it has none to check yet)
        answer.headers[protocol.HEADER_ENROL_MAC] = protocol.enrol_mac(
            request.code, request.public_key, bytes(answer.body)
        )
        return answer
