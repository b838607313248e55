"""The HTTP API: enrolment, server time, and the change batches of enrolled desks.

Errors answer JSON ``{"detail": {"code": ..., "message": ...}}`` with a Vietnamese
message a desk can show as it is. Logs carry desk ids and sequence numbers, never
personal data.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from desk_app.domain.audit import AuditEntry
from desk_app.domain.changes import content_hash
from desk_app.domain.codes import numbering_mismatch
from desk_app.sync import protocol
from district_server import district_view as district_view_page
from district_server import limits, status_page
from district_server.answers import SignAnswers
from district_server.blob_files import BlobFiles
from district_server.store import (
    AuditLink,
    Conflict,
    Desk,
    Gap,
    MissingBlobs,
    NumberingMismatch,
    ServerStore,
)

_SHA256 = re.compile(r"[0-9a-f]{64}")

log = logging.getLogger("district_server")


class Numbering(BaseModel):
    commune_code: str = Field(min_length=1, max_length=35)
    desk_number: int = Field(ge=1, le=99)


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64)
    public_key: str = Field(min_length=40, max_length=64)
    # the numbering the desk has already given dossier codes under, if any
    issued: Numbering | None = None


# Integer columns are 32-bit on PostgreSQL: anything larger is refused as malformed.
INT32 = 2**31 - 1


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


class MissingRequest(BaseModel):
    sha256: list[str] = Field(max_length=5000)


class Batch(BaseModel):
    from_seq: int = Field(ge=1, le=INT32)
    entries: list[Entry] = Field(max_length=protocol.MAX_BATCH_ENTRIES)
    # papers the desk has lost (file missing or damaged there): its entries are still taken
    unavailable_blobs: list[str] = Field(default_factory=list, max_length=5000)


def _json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The request body a raw-body route reads (it checks the signature over the bytes
    first), written into the OpenAPI spec for clients and for schemathesis."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(definitions[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline(schema)}},
        }
    }


def _count(text: str, maximum: int) -> int | None:
    """A header's whole number in 0..``maximum``, or None: ASCII digits only (``str.isdigit``
    takes "²", which ``int`` refuses) and no longer than a 64-bit number."""
    if not (0 < len(text) <= 19 and text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= maximum else None


_NONCE = re.compile(r"[0-9A-Za-z_-]{8,64}")  # the server's nonces column keeps 64


def _error(status: int, code: str, message: str, **extra: Any) -> HTTPException:
    return HTTPException(status, detail={"code": code, "message": message, **extra})


def _current_desk(request: Request) -> None:
    """Refuse a desk too old to check the server's signed answers (it would believe a
    forged acknowledgement and mark its data sent)."""
    if request.headers.get(protocol.HEADER_PROTOCOL, "") != protocol.PROTOCOL_VERSION:
        raise _error(
            426,
            "old_desk",
            "Phần mềm quầy quá cũ: không kiểm tra được chữ ký câu trả lời của máy chủ. "
            "Hãy cập nhật phần mềm quầy rồi đồng bộ lại; dữ liệu vẫn an toàn ở quầy.",
        )


def create_app(
    store: ServerStore,
    files: BlobFiles,
    *,
    server_key_public: str = "",
    lookup_base_url: str = "",
    enrol_attempts: int = limits.ENROL_PER_ADDRESS,
    server_key: Ed25519PrivateKey | None = None,
) -> FastAPI:
    """``server_key`` signs every answer of the API (desks pin its public half at
    enrolment); without one (a test of the HTTP surface alone) a new key is made.
    ``server_key_public`` is no longer used: the key told at enrolment is always the
    public half of the key that signs."""
    app = FastAPI(
        title="district-server",
        description="Máy chủ Một cửa cấp trên (huyện/tỉnh) nhận dữ liệu từ các quầy cấp xã.",
        version="1",
    )
    app.add_middleware(limits.BodyLimit)
    signing_key = server_key or Ed25519PrivateKey.generate()
    server_key_public = protocol.public_key_text(signing_key.public_key())
    # added last, so outermost: the body limit's refusals are signed answers too
    app.add_middleware(SignAnswers, key=signing_key)
    window = timedelta(seconds=protocol.MAX_SKEW_SECONDS)
    known: dict[str, Desk] = {}  # desks seen by this process (bounded by enrolments)
    enrolments = limits.WindowLimiter(
        enrol_attempts,
        max(limits.ENROL_PER_SERVER, 6 * enrol_attempts),
        limits.ENROL_WINDOW_SECONDS,
    )

    def now() -> datetime:
        return datetime.now(UTC)

    async def authenticated(
        request: Request, limit: Callable[[Desk], int] | None = None
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
            raise _error(401, "unsigned", "Yêu cầu thiếu chữ ký của quầy.")
        _current_desk(request)
        if not _NONCE.fullmatch(nonce):
            raise _error(401, "bad_nonce", "Mã dùng một lần của yêu cầu không hợp lệ.")
        desk = known.get(desk_id)
        if desk is None:
            desk = await run_in_threadpool(store.desk, desk_id)
            if desk is not None and desk.revoked_at is None:
                known[desk_id] = desk  # key and commune never change; revocation: use_nonce
        if desk is None:
            raise _error(401, "unknown_desk", "Quầy chưa được đăng ký với máy chủ.")
        if desk.revoked_at is not None:
            raise _error(
                403,
                "revoked",
                f"Quầy đã bị thu hồi quyền kết nối: {desk.revoked_reason or 'không nêu lý do'}.",
            )
        try:
            sent = datetime.fromisoformat(stamp)
        except ValueError:
            raise _error(401, "bad_time", "Thời gian trong yêu cầu không hợp lệ.") from None
        if sent.tzinfo is None:
            raise _error(401, "bad_time", "Thời gian trong yêu cầu thiếu múi giờ.")
        skew = (sent - now()).total_seconds()
        if abs(skew) > protocol.MAX_SKEW_SECONDS:
            raise _error(
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
            body = await _read_body(request, max(0, declared), too_long)
        else:
            body = await _read_body(request, cap, (413, "too_big", limits.too_big_message(cap)))
        key = protocol.load_public_key(desk.public_key)
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if not protocol.signature_valid(key, signature, request.method, path, stamp, nonce, body):
            log.warning("bad signature desk=%s path=%s", desk.id, path)
            raise _error(401, "bad_signature", "Chữ ký của yêu cầu không đúng.")
        # not signed: a value that is no number or past the column is ignored
        backlog = _count(headers.get(protocol.HEADER_BACKLOG, ""), INT32)
        fresh = await run_in_threadpool(store.use_nonce, desk.id, nonce, now(), window, backlog)
        if fresh == "revoked":
            known.pop(desk.id, None)
            revoked = await run_in_threadpool(store.desk, desk.id)
            reason = revoked.revoked_reason if revoked else None
            raise _error(
                403,
                "revoked",
                f"Quầy đã bị thu hồi quyền kết nối: {reason or 'không nêu lý do'}.",
            )
        if fresh == "replayed":
            log.warning("replayed request desk=%s", desk.id)
            raise _error(401, "replayed", "Yêu cầu này đã được gửi trước đó (bị phát lại).")
        return desk, body

    async def _read_body(request: Request, cap: int, refusal: tuple[int, str, str]) -> bytes:
        """The body, refused with ``refusal`` as soon as it says or proves longer than
        ``cap`` (never more than ``cap`` plus one chunk held)."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise _error(*refusal)
        chunks: list[bytes] = []  # joined once whole: no copies while it grows
        size = 0
        async for chunk in request.stream():
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                raise _error(*refusal)
        return b"".join(chunks)

    @app.get(protocol.TIME_PATH)
    def server_time() -> dict[str, str]:
        return {"now": now().isoformat(timespec="seconds")}

    @app.post(protocol.ENROL_PATH)
    def enrol(request: EnrolRequest, http_request: Request) -> JSONResponse:
        _current_desk(http_request)
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
        try:
            protocol.load_public_key(request.public_key)
        except ValueError:
            raise _error(422, "bad_key", "Khóa công khai của quầy không hợp lệ.") from None
        issued = request.issued
        try:
            desk = store.enrol(
                request.code,
                request.public_key,
                now(),
                (issued.commune_code, issued.desk_number) if issued else None,
            )
        except NumberingMismatch as mismatch:
            assert issued is not None
            raise _error(
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
            raise _error(403, "bad_code", "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.")
        log.info(
            "desk enrolled desk=%s commune=%s number=%s",
            desk.id,
            desk.commune_code,
            desk.desk_number,
        )
        answer = JSONResponse(
            {
                "desk_id": desk.id,
                "commune_code": desk.commune_code,
                "desk_number": desk.desk_number,
                "server_public_key": server_key_public,
                "lookup_base_url": lookup_base_url,
            }
        )
        # the code vouches for the key the desk is about to pin (it has none to check yet)
        answer.headers[protocol.HEADER_ENROL_MAC] = protocol.enrol_mac(
            request.code, request.public_key, bytes(answer.body)
        )
        return answer

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

    @app.post(protocol.AUDIT_PATH, openapi_extra=_json_body(AuditBatch))
    async def audit_chain(request: Request) -> dict[str, Any]:
        """The desk's audit entries, in order, each sealed to the one before."""
        desk, body = await authenticated(request)
        try:
            batch = AuditBatch.model_validate(json.loads(body or b"{}"))
        except (ValueError, ValidationError, RecursionError):
            raise _error(
                422, "bad_audit", "Nhật ký truy cập gửi lên không đúng định dạng."
            ) from None
        links = audit_links(batch.entries)
        through, broken = await run_in_threadpool(store.append_audit, desk.id, links, now())
        if broken:
            log.warning("audit chain refused desk=%s at=%s", desk.id, through + 1)
            raise _error(
                409, "audit_broken",
                f"Nhật ký truy cập của quầy không khớp bản máy chủ đã nhận ({broken}).",
                through=through,
            )  # fmt: skip
        # the head held, signed: the desk's anchor, which no officer can recompute
        seq, head = await run_in_threadpool(store.audit_head, desk.id)
        return {
            "through": through,
            "anchor": protocol.audit_anchor(signing_key, desk.id, seq, head, now()),
        }

    @app.post(protocol.CHANGES_PATH, openapi_extra=_json_body(Batch))
    async def push(request: Request) -> dict[str, Any]:
        desk, body = await authenticated(request)
        if request.headers.get("content-encoding") == "gzip":
            try:
                # bounded, and off the event loop: other requests go on meanwhile
                body = await run_in_threadpool(limits.gunzip, body, protocol.MAX_BATCH_BYTES)
            except limits.TooBig:
                raise _error(413, "too_big", "Lô dữ liệu vượt quá kích thước cho phép.") from None
            except zlib.error:
                raise _error(400, "bad_gzip", "Gói dữ liệu nén bị hỏng.") from None
        if len(body) > protocol.MAX_BATCH_BYTES:
            raise _error(413, "too_big", "Lô dữ liệu vượt quá kích thước cho phép.")
        try:
            batch = Batch.model_validate(json.loads(body))
        except (ValueError, ValidationError, RecursionError) as err:
            raise _error(
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
                raise _error(422, "bad_hash", f"Mục {entry['seq']} không khớp mã băm nội dung.")
        if [e["seq"] for e in entries] != list(
            range(batch.from_seq, batch.from_seq + len(entries))
        ):
            raise _error(422, "bad_order", "Các mục trong lô phải liên tiếp theo số thứ tự.")
        try:
            # off the event loop: batches of different desks are applied side by side
            applied = await run_in_threadpool(
                store.apply,
                desk.id,
                entries,
                now(),
                frozenset(batch.unavailable_blobs),
                desk.commune_code,
            )
        except MissingBlobs as missing:
            raise _error(
                422,
                "missing_blobs",
                "Máy chủ chưa có các tệp số hóa mà lô này nhắc đến; gửi tệp trước.",
                missing=missing.hashes,
            ) from None
        except Gap as gap:
            raise _error(
                409,
                "gap",
                "Thiếu các mục trước đó; gửi lại từ mục đã xác nhận.",
                acked_through=gap.acked_through,
            ) from None
        except Conflict as conflict:
            log.error("conflict desk=%s seq=%s", desk.id, conflict.seq)
            raise _error(
                409,
                "conflict",
                f"Mục {conflict.seq} khác với mục máy chủ đã nhận.",
                acked_through=conflict.acked_through,
            ) from None
        except IntegrityError:
            through = await run_in_threadpool(store.acked_through, desk.id)
            raise _error(
                409, "gap", "Lô đang được ghi bởi yêu cầu khác; gửi lại.", acked_through=through
            ) from None
        log.info(
            "batch applied desk=%s from=%s count=%s acked=%s",
            desk.id,
            batch.from_seq,
            len(entries),
            applied.acked_through,
        )
        return {"acked_through": applied.acked_through, "problems": applied.problems}

    @app.get(protocol.UPDATES_PATH)
    async def updates(
        request: Request,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> dict[str, Any]:
        desk, _ = await authenticated(request)
        limit = max(1, min(limit, 1000))
        entries, next_cursor = await run_in_threadpool(store.updates, desk, max(0, cursor), limit)
        return {"entries": entries, "next_cursor": next_cursor, "more": len(entries) == limit}

    @app.get(protocol.PUBLISHED_PATH)
    async def published(
        request: Request,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> dict[str, Any]:
        """Catalogue versions, calendar days and officer accounts for this desk's commune."""
        desk, _ = await authenticated(request)
        limit = max(1, min(limit, 1000))
        items, next_cursor = await run_in_threadpool(
            store.published_for, desk, max(0, cursor), limit
        )
        return {"items": items, "next_cursor": next_cursor, "more": len(items) == limit}

    # --- blobs: which are missing, and resumable uploads (tus 1.0 core) ------------------

    def _sha(value: str) -> str:
        if not _SHA256.fullmatch(value):
            raise _error(422, "bad_sha256", "Mã băm SHA-256 không hợp lệ.")
        return value

    def _tus(response: Response, **headers: str) -> Response:
        response.headers["Tus-Resumable"] = protocol.TUS_VERSION
        for key, value in headers.items():
            response.headers[key.replace("_", "-")] = value
        return response

    @app.post(protocol.BLOBS_MISSING_PATH, openapi_extra=_json_body(MissingRequest))
    async def missing(request: Request) -> dict[str, Any]:
        desk, body = await authenticated(request)
        try:
            wanted = MissingRequest.model_validate(json.loads(body or b"{}"))
        except (ValueError, ValidationError, RecursionError):  # nested past the parser's depth
            raise _error(422, "bad_request", "Danh sách mã băm không đúng định dạng.") from None
        hashes = [_sha(h) for h in wanted.sha256]

        def lacking_and_partial() -> dict[str, Any]:
            lacking = store.missing_blobs(hashes)
            # the bytes this desk already sent of each, so it resumes without asking again
            started = store.uploads_started(desk.id, lacking)
            partial = {sha: held for sha in started if (held := files.offset(desk.id, sha))}
            return {"missing": lacking, "partial": partial}

        return await run_in_threadpool(lacking_and_partial)

    @app.get(protocol.BLOBS_PATH + "/{sha}")
    async def blob_back(sha: str, request: Request) -> Response:
        """A paper this desk sent, back to it (a desk restored from an older backup);
        another desk's paper answers exactly like one the server does not hold."""
        desk, _ = await authenticated(request)
        _sha(sha)
        if not await run_in_threadpool(store.desk_sent_blob, desk.id, sha) or not store.has_blob(
            sha
        ):
            raise _error(404, "no_blob", "Máy chủ không có tệp số hóa này của quầy.")
        try:
            data = await run_in_threadpool(files.read, sha)
        except FileNotFoundError:
            raise _error(404, "no_blob", "Máy chủ không còn tệp số hóa này.") from None
        except Exception as err:  # the storage (a bucket) is unreachable
            log.error("blob storage refused a read sha=%s: %s", sha[:12], type(err).__name__)
            raise _error(
                503, "storage_unavailable", "Kho lưu tệp của máy chủ tạm thời không đọc được."
            ) from None
        return Response(content=data, media_type="application/pdf")

    @app.post(protocol.UPLOADS_PATH, status_code=201)
    async def create_upload(request: Request) -> Response:
        """Start an upload; a body is its first bytes (tus creation-with-upload), taken
        only when the server holds none yet."""
        declared = _count(request.headers.get("Upload-Length", ""), 2**63)
        # the first chunk is read only up to the length the upload declares
        desk, first = await authenticated(
            request, lambda _: limits.CHUNK_BODY if declared is None else declared
        )
        metadata = dict(
            part.split(" ", 1)
            for part in request.headers.get("Upload-Metadata", "").split(",")
            if " " in part
        )
        try:
            sha = _sha(base64.b64decode(metadata.get("sha256", "")).decode())
            if declared is None:
                raise ValueError("no length")
        except ValueError:
            raise _error(422, "bad_upload", "Thiếu độ dài hoặc mã băm của tệp tải lên.") from None
        length = declared
        if not 0 < length <= protocol.MAX_BLOB_BYTES:
            raise _error(413, "too_big", "Tệp tải lên quá lớn hoặc rỗng.")
        location = f"{protocol.UPLOADS_PATH}/{sha}"
        if await run_in_threadpool(store.has_blob, sha):
            return _tus(Response(status_code=200), Location=location, Upload_Offset=str(length))
        started = await run_in_threadpool(store.upload_length, desk.id, sha)
        if started is None and (
            await run_in_threadpool(store.upload_bytes_started, desk.id) + length
            > limits.UPLOADS_PER_DESK
        ):  # what a desk's unfinished uploads may take on the server's disk
            raise _error(
                507,
                "too_many_uploads",
                "Quầy có quá nhiều tệp đang tải lên dở trên máy chủ; hãy báo cán bộ huyện.",
            )
        await run_in_threadpool(store.start_upload, desk.id, sha, length, now())
        offset = await run_in_threadpool(files.offset, desk.id, sha)
        if first and offset == 0:
            if len(first) > length:
                raise _error(413, "too_long", "Tệp tải lên dài hơn độ dài đã khai.")
            offset = await run_in_threadpool(files.append, desk.id, sha, first)
        if offset == length:  # whole now, or before but the blob storage did not take it
            await finish(desk.id, sha, length)
        return _tus(Response(status_code=201), Location=location, Upload_Offset=str(offset))

    async def finish(desk_id: str, sha: str, length: int) -> None:
        """Verify a whole upload and hand it to the blob storage, or refuse clearly."""
        try:
            verified = await run_in_threadpool(files.complete, desk_id, sha)
        except Exception as err:  # the storage (a bucket) is unreachable: keep the part
            log.error("blob storage refused sha=%s: %s", sha[:12], type(err).__name__)
            raise _error(
                503,
                "storage_unavailable",
                "Kho lưu tệp của máy chủ tạm thời không nhận tệp; quầy sẽ gửi lại sau.",
            ) from None
        if not verified:  # the part is discarded; start again from 0
            raise _error(
                460, "checksum_mismatch", "Nội dung tệp không khớp mã băm; tải lại từ đầu."
            )
        await run_in_threadpool(store.finish_upload, desk_id, sha, length, now())
        log.info("blob stored desk=%s sha=%s size=%s", desk_id, sha[:12], length)

    @app.head(protocol.UPLOADS_PATH + "/{sha}")
    async def upload_offset(sha: str, request: Request) -> Response:
        desk, _ = await authenticated(request)
        _sha(sha)
        if await run_in_threadpool(store.has_blob, sha):
            return _tus(Response(status_code=200), Upload_Offset="-1")
        length = await run_in_threadpool(store.upload_length, desk.id, sha)
        if length is None:
            raise _error(404, "no_upload", "Chưa có lượt tải lên này.")
        offset = await run_in_threadpool(files.offset, desk.id, sha)
        return _tus(Response(status_code=200), Upload_Offset=str(offset), Upload_Length=str(length))

    @app.patch(protocol.UPLOADS_PATH + "/{sha}")
    async def upload_chunk(sha: str, request: Request) -> Response:
        def remaining(desk: Desk) -> int:
            """A chunk is read only up to what its upload still lacks."""
            if not _SHA256.fullmatch(sha):
                return limits.CHUNK_BODY
            length = store.upload_length(desk.id, sha)
            return limits.CHUNK_BODY if length is None else length - files.offset(desk.id, sha)

        desk, chunk = await authenticated(request, remaining)
        _sha(sha)
        length = await run_in_threadpool(store.upload_length, desk.id, sha)
        if length is None:
            raise _error(404, "no_upload", "Chưa có lượt tải lên này.")
        held = await run_in_threadpool(files.offset, desk.id, sha)
        try:
            offset = int(request.headers.get("Upload-Offset", ""))
        except ValueError:
            raise _error(400, "bad_offset", "Thiếu vị trí của đoạn tải lên.") from None
        if offset != held:
            raise _error(409, "wrong_offset", "Đoạn tải lên không đúng vị trí.", offset=held)
        if held + len(chunk) > length:
            raise _error(413, "too_long", "Tệp tải lên dài hơn độ dài đã khai.")
        held = await run_in_threadpool(files.append, desk.id, sha, chunk)
        if held == length:
            await finish(desk.id, sha, length)
        return _tus(Response(status_code=204), Upload_Offset=str(held))

    # --- the public status page behind the receipt's QR ---------------------------------

    limiter = status_page.RateLimiter()

    def _vouched(code: str, secret: str, token: str) -> dict[str, str] | None:
        """The claims of a desk-signed token for a dossier the server does not have yet."""
        read = protocol.read_lookup_token(token) if token else None
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
        return HTMLResponse(district_view_page.desks_page(store.desks(), q[:100], found))

    @app.exception_handler(json.JSONDecodeError)
    async def bad_json(_request: Request, _err: json.JSONDecodeError) -> JSONResponse:
        return JSONResponse({"detail": {"code": "bad_json", "message": "JSON không hợp lệ."}}, 422)

    return app
