"""The HTTP API: enrolment, server time, and the change batches of enrolled desks, with the
blob uploads, the audit chains, what the district publishes and the two HTML pages
(routes by concern in ``district_server.api``).

Errors answer JSON ``{"detail": {"code": ..., "message": ...}}`` with a Vietnamese
message a desk can show as it is. Logs carry desk ids and sequence numbers, never
personal data.
"""

from __future__ import annotations

import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import desk_protocol as protocol
from district_server import limits
from district_server.answers import SignAnswers
from district_server.api import audit, blobs, changes, enrolment, pages, publishing
from district_server.api import hub as hub_routes
from district_server.api.auth import Context
from district_server.blob_files import BlobFiles
from district_server.hub.forwarder import HubRole
from district_server.store import ServerStore


def create_app(
    store: ServerStore,
    files: BlobFiles,
    *,
    server_key_public: str = "",
    lookup_base_url: str = "",
    enrol_attempts: int = limits.ENROL_PER_ADDRESS,
    server_key: Ed25519PrivateKey | None = None,
    versions: protocol.Versions = protocol.SERVER_VERSIONS,
    hub: HubRole | None = None,
) -> FastAPI:
    """``server_key`` signs every answer of the API (desks pin its public half at
        enrolment); without one (a test of the HTTP surface alone) a new key is made.
        ``server_key_public`` is no longer used: the key told at enrolment is always the
        public half of the key that signs. ``versions``: the protocol versions accepted (named
        in every answer of the API; another, older or newer, is refused in words). ``hub``: this
    server is a commune's hub (it keeps the desks' signed batches for its forwarder and tells
    enrolling desks its upstream)."""
    app = FastAPI(
        title="district-server",
        description="Máy chủ Một cửa cấp trên (huyện/tỉnh) nhận dữ liệu từ các quầy cấp xã.",
        version="1",
    )
    app.add_middleware(limits.BodyLimit)
    signing_key = server_key or Ed25519PrivateKey.generate()
    # added last, so outermost: the body limit's refusals are signed answers too
    app.add_middleware(SignAnswers, key=signing_key, versions=versions)
    ctx = Context(store, files, signing_key, versions)
    ctx.hub = hub
    enrolment.routes(app, ctx, lookup_base_url=lookup_base_url, enrol_attempts=enrol_attempts)
    changes.routes(app, ctx)
    audit.routes(app, ctx)
    publishing.routes(app, ctx)
    blobs.routes(app, ctx)
    hub_routes.routes(app, ctx)
    pages.routes(app, ctx)

    @app.exception_handler(json.JSONDecodeError)
    async def bad_json(_request: Request, _err: json.JSONDecodeError) -> JSONResponse:
        return JSONResponse({"detail": {"code": "bad_json", "message": "JSON không hợp lệ."}}, 422)

    return app
