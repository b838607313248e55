"""Every answer of the API signed with the server's key, so a desk believes nothing that
did not come from the server it enrolled with.

The signature covers the status, the request's method, path (with query) and nonce, the
time and the SHA-256 of the body (``protocol.answer_message``): a proxy on the way can
neither forge an acknowledgement, a pulled catalogue or a list of missing papers, nor
hand a desk the (genuine) answer of another request. Written as plain ASGI middleware:
the answer is held whole (the API's answers are small JSON) and sent with two more
headers, and a third naming the protocol versions this server accepts
(``protocol.HEADER_SERVER_PROTOCOL``).
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol

MAX_NONCE = 64  # a desk's nonce is 32 hex characters; anything longer is not echoed


class SignAnswers:
    def __init__(
        self,
        app: Any,
        key: Ed25519PrivateKey,
        versions: protocol.Versions = protocol.SERVER_VERSIONS,
    ) -> None:
        self.app = app
        self.key = key
        self.versions = (protocol.HEADER_SERVER_PROTOCOL.lower().encode(), str(versions).encode())

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(protocol.API + "/"):
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        query = scope.get("query_string", b"").decode("latin-1")
        path = scope["path"] + (f"?{query}" if query else "")
        nonce = ""
        for name, value in scope.get("headers", []):
            if name.decode("latin-1").lower() == protocol.HEADER_NONCE.lower():
                nonce = value.decode("latin-1")[:MAX_NONCE]
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        async def held(message: dict[str, Any]) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            assert start is not None
            body = b"".join(chunks)
            # a HEAD answer reaches the desk with no body, whatever the app wrote
            seen = b"" if method == "HEAD" else body
            signed = protocol.answer_headers(
                self.key, int(start["status"]), method, path, nonce, seen
            )
            headers = list(start.get("headers", []))
            headers += [(k.lower().encode(), v.encode()) for k, v in signed.items()]
            headers.append(self.versions)
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, held)
