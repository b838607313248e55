"""What one request may make the server hold, checked before it is read.

A request's body is bounded by its route before a byte of it is read: a declared
``Content-Length`` over the bound answers 413 at once; a body sent without one (chunked) is
counted as it arrives and refused as soon as the count passes the bound. The bounds are
a little above what a desk ever sends (a gzip batch of at most ``MAX_BATCH_BYTES`` once
inflated, a tus chunk of ``CHUNK_BYTES``, an audit batch), so memory per request stays
small whoever sends it, signed or not: the signature covers the body, so it can only be
checked once the body is in, and the desk id a forger needs is printed in every receipt's
QR token. The bodies being read at once share a budget (``IN_FLIGHT_BYTES``), so many
connections each sending just under its bound cannot add up: past it a body is refused with
503, and the desk sends again later. Enrolment attempts are limited per client address and
for the whole server.
"""

from __future__ import annotations

import json
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import desk_protocol as protocol

KIB = 1024
MIB = 1024 * KIB

ENROL_BODY = 16 * KIB  # a code and a public key
JSON_BODY = 4 * MIB  # a batch (gzip, ≤ MAX_BATCH_BYTES inflated), an audit batch, a hash list
RELAY_BODY = 16 * MIB  # a hub's forwarded batches (each as its desk signed it), base64
CHUNK_BODY = 1 * MIB  # one tus chunk (the desk sends 128–256 KB)
OTHER_BODY = 64 * KIB  # anything else: GET, HEAD, the status page, the district view
# all bodies being read at once, in one server process (50 desks pushing at once hold a few MB)
IN_FLIGHT_BYTES = 64 * MIB

# the declared lengths of one desk's unfinished uploads (what its parts may take on disk);
# a desk sends its papers one at a time, each at most protocol.MAX_BLOB_BYTES
UPLOADS_PER_DESK = 2048 * MIB

# Enrolment: the codes are 64-bit and single-use, but nobody should be able to try many.
ENROL_WINDOW_SECONDS = 300
ENROL_PER_ADDRESS = 5
ENROL_PER_SERVER = 30

# USB packs (``import-pack``): every member's size is checked from the zip's directory
# before it is read, and its compression ratio (a zip bomb inflates a thousandfold).
PACK_MEMBERS = 100_000
PACK_MANIFEST_BYTES = 16 * MIB
PACK_JSON_BYTES = 256 * MIB  # the entries and the audit chain
PACK_RATIO = 200  # inflated ÷ stored, for members over PACK_RATIO_FROM bytes
PACK_RATIO_FROM = 1 * MIB


def body_cap(method: str, path: str) -> int:
    """The most bytes a request to ``path`` may carry."""
    if path == protocol.ENROL_PATH:
        return ENROL_BODY
    if path.startswith(protocol.UPLOADS_PATH):
        return CHUNK_BODY
    if method == "POST" and path == protocol.HUB_RELAY_PATH:
        return RELAY_BODY
    if method == "POST" and path in (
        protocol.CHANGES_PATH,
        protocol.AUDIT_PATH,
        protocol.BLOBS_MISSING_PATH,
    ):
        return JSON_BODY
    return OTHER_BODY


def too_big_message(cap: int) -> str:
    return f"Yêu cầu quá lớn: máy chủ nhận tối đa {cap:,} byte cho địa chỉ này.".replace(",", ".")


class _BodyTooLarge(Exception):
    pass


BUSY_MESSAGE = "Máy chủ đang nhận quá nhiều dữ liệu cùng lúc; quầy sẽ tự gửi lại sau ít phút."


ASGIApp = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: refuse a body over its route's bound before reading it whole."""

    def __init__(
        self,
        app: ASGIApp,
        cap: Callable[[str, str], int] = body_cap,
        budget: int = IN_FLIGHT_BYTES,
    ) -> None:
        self.app = app
        self.cap = cap
        self.budget = budget
        self.in_flight = 0  # bytes of the bodies being read now (one event loop: no lock)

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap(scope["method"], scope["path"])
        declared = [v for k, v in scope["headers"] if k == b"content-length"]
        if declared:
            text = declared[0].decode("latin-1").strip()
            if not text.isdigit():
                await _answer(send, 400, "bad_length", "Độ dài nội dung (Content-Length) sai.")
                return
            if int(text) > cap:
                await _answer(send, 413, "too_big", too_big_message(cap))
                return
        received = 0
        exceeded = False
        busy = False
        started = False

        async def counted() -> Any:
            nonlocal received, exceeded, busy
            message = await receive()
            if message["type"] == "http.request":
                size = len(message.get("body", b""))
                if received + size > cap:
                    exceeded = True
                    raise _BodyTooLarge
                if self.in_flight + size > self.budget:
                    exceeded = busy = True
                    raise _BodyTooLarge
                received += size
                self.in_flight += size
            return message

        async def guarded(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if exceeded:  # the app's answer to its broken read gives way to the 413
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not exceeded:
                raise
        finally:
            self.in_flight -= received
        if exceeded and not started:
            if busy:
                await _answer(send, 503, "busy", BUSY_MESSAGE, retry_after=30)
            else:
                await _answer(send, 413, "too_big", too_big_message(cap))


async def _answer(send: Any, status: int, code: str, message: str, retry_after: int = 0) -> None:
    body = json.dumps({"detail": {"code": code, "message": message}}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    if retry_after:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class TooBig(Exception):
    """Inflated data over its bound."""


def gunzip(data: bytes, limit: int) -> bytes:
    """``data`` (one or more gzip members) inflated, never holding more than ``limit + 1``
    bytes of output: ``TooBig`` as soon as it would pass ``limit``; ``zlib.error`` when the
    data is not gzip or is cut short."""
    out = bytearray()
    while data:
        inflater = zlib.decompressobj(wbits=31)
        out += inflater.decompress(data, limit + 1 - len(out))
        if len(out) > limit or inflater.unconsumed_tail:
            raise TooBig
        if not inflater.eof:
            raise zlib.error("gzip data cut short")
        data = inflater.unused_data
    return bytes(out)


class WindowLimiter:
    """At most ``per_key`` events a key and ``overall`` in all (None: no bound) per
    ``window`` seconds, remembering at most ``max_keys`` keys.

    A refused attempt is not recorded, and a key is forgotten once its last event leaves
    the window (keys are kept in the order of their last event, so forgetting costs
    nothing per request): the memory held is bounded whatever the number of addresses
    trying. Past ``max_keys`` addresses active at once, the least recent is forgotten
    early: whoever commands that many addresses is not slowed by a per-address limit
    anyway, and everyone else is still served."""

    def __init__(
        self, per_key: int, overall: int | None, window: float, max_keys: int = 20_000
    ) -> None:
        self.per_key = per_key
        self.overall = overall
        self.window = window
        self.max_keys = max_keys
        self._all: deque[float] = deque()
        self._keys: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._keys)

    def retry_after(self, key: str, now: float | None = None) -> int:
        """0 when an attempt by ``key`` is allowed now (and recorded), else the seconds to
        wait."""
        now = time.monotonic() if now is None else now
        while self._all and now - self._all[0] >= self.window:
            self._all.popleft()
        while self._keys:
            oldest = next(iter(self._keys.values()))
            if now - oldest[-1] < self.window:
                break
            self._keys.popitem(last=False)
        seen = self._keys.get(key)
        if seen is not None:
            while seen and now - seen[0] >= self.window:
                seen.popleft()
            if len(seen) >= self.per_key:
                return max(1, round(self.window - (now - seen[0])))
        if self.overall is not None and len(self._all) >= self.overall:
            return max(1, round(self.window - (now - self._all[0])))
        if seen is None:
            if len(self._keys) >= self.max_keys:
                self._keys.popitem(last=False)
            seen = self._keys[key] = deque()
        seen.append(now)
        self._keys.move_to_end(key)
        if self.overall is not None:
            self._all.append(now)
        return 0
