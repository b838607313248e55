"""The two HTML pages: the public status page behind a receipt's QR, and the district view
for the administrator (HTTP basic, with a token from the CLI)."""

from __future__ import annotations

import base64

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

import desk_protocol as protocol
from district_server import district_view as district_view_page
from district_server import status_page
from district_server.api.auth import Context


def routes(app: FastAPI, ctx: Context) -> None:
    store = ctx.store

    limiter = status_page.RateLimiter()

    def _vouched(code: str, secret: str, token: str) -> dict[str, str] | None:
        """The claims of a desk-signed token for a dossier the server does not have yet."""
        if not token:
            return None
        if protocol.is_format_1(token):
            return _vouched_v1(code, secret, token)
        read = protocol.read_lookup_token(token)
        if read is None:
            return None
        claims, fields, signature = read
        message = protocol.lookup_message(code, secret, fields)
        commune = code.partition("-")[0]  # a desk's codes start with its commune's code
        for desk in store.live_desks(commune, claims.desk_number) if commune else []:
            try:
                protocol.load_public_key(desk.public_key).verify(signature, message)
            except Exception:
                continue
            return claims.page_claims()
        return None

    def _vouched_v1(code: str, secret: str, token: str) -> dict[str, str] | None:
        """The same for a token of the first format (receipts printed before issue 26)."""
        read = protocol.read_lookup_token_v1(token)
        if read is None:
            return None
        claims, body, signature = read
        desk = store.desk(claims.get("d", ""))
        if desk is None or desk.revoked_at is not None or claims.get("c") != code:
            return None
        try:
            protocol.load_public_key(desk.public_key).verify(signature, body)
        except Exception:
            return None
        if claims.get("h") != protocol.secret_hint(secret):
            return None
        return claims

    @app.get("/tra-cuu/{code}", response_class=HTMLResponse)
    def lookup(code: str, request: Request, k: str = "", t: str = "") -> HTMLResponse:
        client = request.client.host if request.client else "?"
        if not limiter.allow(client):
            return HTMLResponse(status_page.too_many(), status_code=429)
        dossier = store.dossier(code)
        html = status_page.page(dossier, code, k)
        if html is None and dossier is None:
            claims = _vouched(code, k, t[:1000])
            if claims is not None:
                return HTMLResponse(status_page.not_yet_sent(claims, code))
        if html is None:
            return HTMLResponse(status_page.not_found(), status_code=404)
        return HTMLResponse(html)

    # --- the district view (administrator) -----------------------------------------------

    @app.get("/quan-ly", response_class=HTMLResponse)
    def district_view(request: Request, q: str = "") -> HTMLResponse:
        header = request.headers.get("authorization", "")
        token = ""
        if header.lower().startswith("basic "):
            try:
                token = base64.b64decode(header[6:]).decode().partition(":")[2]
            except (ValueError, UnicodeDecodeError):
                token = ""
        if not token or not store.admin_token_valid(token):
            return HTMLResponse(
                "Cần đăng nhập quản trị.",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="district-server"'},
            )
        found = store.search_dossiers(q[:100]) if q.strip() else []
        return HTMLResponse(
            district_view_page.desks_page(store.desks(), q[:100], found, fees=store.fee_totals())
        )
