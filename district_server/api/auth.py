"""Who is asking: the desk's protocol version, its signature, its clock, its nonce, read in
that order, and its body read only up to the route's bound (``limits``). Every route of
the API reaches the store, the blob files and the clock through one ``Context``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Request
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from district_server import limits
from district_server.api.common import INT32, NONCE, count, error
from district_server.blob_files import BlobFiles
from district_server.store import Desk, ServerStore

if TYPE_CHECKING:
    from district_server.hub.forwarder import HubRole

log = logging.getLogger("district_server")


def current_desk(request: Request, versions: protocol.Versions) -> None:
    """Refuse a desk whose protocol this server does not speak, saying which side to update.
    A desk naming no version is too old to check the server's signed answers (it would
    believe a forged acknowledgement and mark its data sent)."""
    named = request.headers.get(protocol.HEADER_PROTOCOL)
    desk = protocol.parse_version(named)
    side = protocol.behind(desk, versions)
    if side is None:
        return
    told = {"desk_protocol": named or "", "server_protocol": str(versions)}
    if side is protocol.Behind.SERVER:
        raise error(
            426,
            side.value,
            f"Phần mềm quầy dùng giao thức đồng bộ {desk}, mới hơn giao thức máy chủ này "
            f"nhận ({versions}): cần nâng cấp máy chủ huyện. Dữ liệu vẫn an toàn ở quầy và "
            "sẽ được gửi khi máy chủ đã nâng cấp.",
            **told,
        )
    if desk is None:
        raise error(
            426,
            side.value,
            "Phần mềm quầy quá cũ: không kiểm tra được chữ ký câu trả lời của máy chủ. "
            "Hãy cập nhật phần mềm quầy rồi đồng bộ lại; dữ liệu vẫn an toàn ở quầy.",
            **told,
        )
    raise error(
        426,
        side.value,
        f"Phần mềm quầy dùng giao thức đồng bộ {desk}, máy chủ chỉ còn nhận giao thức "
        f"{versions}: hãy cập nhật phần mềm quầy rồi đồng bộ lại; dữ liệu vẫn an toàn ở quầy.",
        **told,
    )


class Context:
    """The server's state as the routes see it."""

    def __init__(
        self,
        store: ServerStore,
        files: BlobFiles,
        signing_key: Ed25519PrivateKey,
        versions: protocol.Versions,
    ) -> None:
        self.store = store
        self.files = files
        self.signing_key = signing_key
        self.versions = versions
        self.window = timedelta(seconds=protocol.MAX_SKEW_SECONDS)
        self.known: dict[str, Desk] = {}  # desks seen by this process (bounded by enrolments)
        self.hub: HubRole | None = None  # set when this server is a commune's hub

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    def clock_of(self, request: Request) -> tuple[Desk, float] | None:
        """A desk's clock against this server's, from a signed time request: the desk and
        how many seconds it is ahead (behind: negative); None when the request is not one
        of an enrolled desk's, signed by its key (an old desk asks the time unsigned)."""
        headers = request.headers
        desk_id = headers.get(protocol.HEADER_DESK, "")
        stamp = headers.get(protocol.HEADER_TIME, "")
        nonce = headers.get(protocol.HEADER_NONCE, "")
        signature = headers.get(protocol.HEADER_SIGNATURE, "")
        if not (desk_id and stamp and nonce and signature) or len(desk_id) > 36:
            return None
        desk = self.known.get(desk_id) or self.store.desk(desk_id)
        try:
            sent = datetime.fromisoformat(stamp)
            key = protocol.load_public_key(desk.public_key) if desk else None
        except ValueError:
            return None
        if desk is None or key is None or sent.tzinfo is None or desk.revoked_at is not None:
            return None
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if not protocol.signature_valid(key, signature, request.method, path, stamp, nonce, b""):
            return None
        # a replayed time request notes nothing (its nonce used, as any request's)
        if self.store.use_nonce(desk.id, nonce, self.now(), self.window) != "ok":
            return None
        return desk, (sent - self.now()).total_seconds()

    def relay_of(self, request: Request, body: bytes) -> dict[str, Any] | None:
        """On a hub, a desk's request as it signed it (``relay_queue``'s columns), to be
        forwarded upstream unchanged; None on any other server."""
        if self.hub is None:
            return None
        headers = request.headers
        return {
            "method": request.method,
            "path": request.url.path,
            "stamp": headers[protocol.HEADER_TIME],
            "nonce": headers[protocol.HEADER_NONCE],
            "signature": headers[protocol.HEADER_SIGNATURE],
            "encoding": headers.get("content-encoding", ""),
            "body": body,
        }

    async def authenticated(
        self, request: Request, limit: Callable[[Desk], int] | None = None
    ) -> tuple[Desk, bytes]:
        """The desk a request comes from, and its raw body, or a clear refusal.

        Everything the headers can tell is checked before the body is read, and the body
        is read only up to ``limit(desk)`` bytes (the route's bound by default)."""
        headers = request.headers
        desk_id = headers.get(protocol.HEADER_DESK, "")
        stamp = headers.get(protocol.HEADER_TIME, "")
        nonce = headers.get(protocol.HEADER_NONCE, "")
        signature = headers.get(protocol.HEADER_SIGNATURE, "")
        if not (desk_id and stamp and nonce and signature):
            raise error(401, "unsigned", "Yêu cầu thiếu chữ ký của quầy.")
        current_desk(request, self.versions)
        if self.hub is not None and self.hub.retired:
            raise error(403, "hub_retired", self.hub.retired)
        if not NONCE.fullmatch(nonce):
            raise error(401, "bad_nonce", "Mã dùng một lần của yêu cầu không hợp lệ.")
        desk = self.known.get(desk_id)
        if desk is None:
            desk = await run_in_threadpool(self.store.desk, desk_id)
            if desk is not None and desk.revoked_at is None:
                self.known[desk_id] = desk  # key and commune never change; revocation: use_nonce
        if desk is None:
            raise error(401, "unknown_desk", "Quầy chưa được đăng ký với máy chủ.")
        if desk.revoked_at is not None:
            raise error(
                403,
                "revoked",
                f"Quầy đã bị thu hồi quyền kết nối: {desk.revoked_reason or 'không nêu lý do'}.",
            )
        try:
            sent = datetime.fromisoformat(stamp)
        except ValueError:
            raise error(401, "bad_time", "Thời gian trong yêu cầu không hợp lệ.") from None
        if sent.tzinfo is None:
            raise error(401, "bad_time", "Thời gian trong yêu cầu thiếu múi giờ.")
        skew = (sent - self.now()).total_seconds()
        if abs(skew) > protocol.MAX_SKEW_SECONDS:
            raise error(
                401,
                "clock_skew",
                f"Đồng hồ của máy quầy lệch {abs(skew) / 60:.0f} phút so với máy chủ; "
                "hãy chỉnh lại giờ máy tính.",
                skew_seconds=round(skew),
            )
        cap = limits.body_cap(request.method, request.url.path)
        # off the event loop: it may wait for the database while another writer holds it
        declared = cap if limit is None else await run_in_threadpool(limit, desk)
        if declared < cap:
            too_long = (413, "too_long", "Tệp tải lên dài hơn độ dài đã khai.")
            body = await self._read_body(request, max(0, declared), too_long)
        else:
            body = await self._read_body(
                request, cap, (413, "too_big", limits.too_big_message(cap))
            )
        key = protocol.load_public_key(desk.public_key)
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if not protocol.signature_valid(key, signature, request.method, path, stamp, nonce, body):
            log.warning("bad signature desk=%s path=%s", desk.id, path)
            raise error(401, "bad_signature", "Chữ ký của yêu cầu không đúng.")
        # not signed: a value that is no number or past the column is ignored
        backlog = count(headers.get(protocol.HEADER_BACKLOG, ""), INT32)
        fresh = await run_in_threadpool(
            self.store.use_nonce, desk.id, nonce, self.now(), self.window, backlog
        )
        if fresh == "revoked":
            self.known.pop(desk.id, None)
            revoked = await run_in_threadpool(self.store.desk, desk.id)
            reason = revoked.revoked_reason if revoked else None
            raise error(
                403,
                "revoked",
                f"Quầy đã bị thu hồi quyền kết nối: {reason or 'không nêu lý do'}.",
            )
        if fresh == "replayed":
            log.warning("replayed request desk=%s", desk.id)
            raise error(401, "replayed", "Yêu cầu này đã được gửi trước đó (bị phát lại).")
        return desk, body

    @staticmethod
    async def _read_body(request: Request, cap: int, refusal: tuple[int, str, str]) -> bytes:
        """The body, refused with ``refusal`` as soon as it says or proves longer than
        ``cap`` (never more than ``cap`` plus one chunk held)."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise error(*refusal)
        chunks: list[bytes] = []  # joined once whole: no copies while it grows
        size = 0
        async for chunk in request.stream():
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                raise error(*refusal)
        return b"".join(chunks)
