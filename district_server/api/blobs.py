"""Papers: which of a list the server lacks, resumable uploads (tus 1.0 core: POST creates,
HEAD tells the offset, PATCH appends, verified by SHA-256 when whole), and a desk's own
paper back to it."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

import desk_protocol as protocol
from district_server import limits
from district_server.api.auth import Context
from district_server.api.common import count, error, is_sha256, json_body, valid_sha
from district_server.store import Desk

log = logging.getLogger("district_server")


class MissingRequest(BaseModel):
    sha256: list[str] = Field(max_length=5000)


def routes(app: FastAPI, ctx: Context) -> None:
    store, files, now, authenticated = ctx.store, ctx.files, ctx.now, ctx.authenticated

    def _tus(response: Response, **headers: str) -> Response:
        response.headers["Tus-Resumable"] = protocol.TUS_VERSION
        for key, value in headers.items():
            response.headers[key.replace("_", "-")] = value
        return response

    @app.post(protocol.BLOBS_MISSING_PATH, openapi_extra=json_body(MissingRequest))
    async def missing(request: Request) -> dict[str, Any]:
        desk, body = await authenticated(request)
        try:
            wanted = MissingRequest.model_validate(json.loads(body or b"{}"))
        except (ValueError, ValidationError, RecursionError):  # nested past the parser's depth
            raise error(422, "bad_request", "Danh sách mã băm không đúng định dạng.") from None
        hashes = [valid_sha(h) for h in wanted.sha256]

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
        valid_sha(sha)
        allowed = await run_in_threadpool(store.desk_sent_blob, desk.id, sha) or (
            # a hub being rebuilt: the papers of its commune
            await run_in_threadpool(store.is_hub, desk.id)
            and await run_in_threadpool(store.commune_blob, desk.commune_code, sha)
        )
        if not allowed or not store.has_blob(sha):
            raise error(404, "no_blob", "Máy chủ không có tệp số hóa này của quầy.")
        try:
            data = await run_in_threadpool(files.read, sha)
        except FileNotFoundError:
            raise error(404, "no_blob", "Máy chủ không còn tệp số hóa này.") from None
        except Exception as err:  # the storage (a bucket) is unreachable
            log.error("blob storage refused a read sha=%s: %s", sha[:12], type(err).__name__)
            raise error(
                503, "storage_unavailable", "Kho lưu tệp của máy chủ tạm thời không đọc được."
            ) from None
        return Response(content=data, media_type="application/pdf")

    @app.post(protocol.UPLOADS_PATH, status_code=201)
    async def create_upload(request: Request) -> Response:
        """Start an upload; a body is its first bytes (tus creation-with-upload), taken
        only when the server holds none yet."""
        declared = count(request.headers.get("Upload-Length", ""), 2**63)
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
            sha = valid_sha(base64.b64decode(metadata.get("sha256", "")).decode())
            if declared is None:
                raise ValueError("no length")
        except ValueError:
            raise error(422, "bad_upload", "Thiếu độ dài hoặc mã băm của tệp tải lên.") from None
        length = declared
        if not 0 < length <= protocol.MAX_BLOB_BYTES:
            raise error(413, "too_big", "Tệp tải lên quá lớn hoặc rỗng.")
        location = f"{protocol.UPLOADS_PATH}/{sha}"
        if await run_in_threadpool(store.has_blob, sha):
            return _tus(Response(status_code=200), Location=location, Upload_Offset=str(length))
        started = await run_in_threadpool(store.upload_length, desk.id, sha)
        if started is None and (
            await run_in_threadpool(store.upload_bytes_started, desk.id) + length
            > limits.UPLOADS_PER_DESK
        ):  # what a desk's unfinished uploads may take on the server's disk
            raise error(
                507,
                "too_many_uploads",
                "Quầy có quá nhiều tệp đang tải lên dở trên máy chủ; hãy báo cán bộ huyện.",
            )
        await run_in_threadpool(store.start_upload, desk.id, sha, length, now())
        offset = await run_in_threadpool(files.offset, desk.id, sha)
        if first and offset == 0:
            if len(first) > length:
                raise error(413, "too_long", "Tệp tải lên dài hơn độ dài đã khai.")
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
            raise error(
                503,
                "storage_unavailable",
                "Kho lưu tệp của máy chủ tạm thời không nhận tệp; quầy sẽ gửi lại sau.",
            ) from None
        if not verified:  # the part is discarded; start again from 0
            raise error(460, "checksum_mismatch", "Nội dung tệp không khớp mã băm; tải lại từ đầu.")
        await run_in_threadpool(store.finish_upload, desk_id, sha, length, now())
        log.info("blob stored desk=%s sha=%s size=%s", desk_id, sha[:12], length)

    @app.head(protocol.UPLOADS_PATH + "/{sha}")
    async def upload_offset(sha: str, request: Request) -> Response:
        desk, _ = await authenticated(request)
        valid_sha(sha)
        if await run_in_threadpool(store.has_blob, sha):
            return _tus(Response(status_code=200), Upload_Offset="-1")
        length = await run_in_threadpool(store.upload_length, desk.id, sha)
        if length is None:
            raise error(404, "no_upload", "Chưa có lượt tải lên này.")
        offset = await run_in_threadpool(files.offset, desk.id, sha)
        return _tus(Response(status_code=200), Upload_Offset=str(offset), Upload_Length=str(length))

    @app.patch(protocol.UPLOADS_PATH + "/{sha}")
    async def upload_chunk(sha: str, request: Request) -> Response:
        def remaining(desk: Desk) -> int:
            """A chunk is read only up to what its upload still lacks."""
            if not is_sha256(sha):
                return limits.CHUNK_BODY
            length = store.upload_length(desk.id, sha)
            return limits.CHUNK_BODY if length is None else length - files.offset(desk.id, sha)

        desk, chunk = await authenticated(request, remaining)
        valid_sha(sha)
        length = await run_in_threadpool(store.upload_length, desk.id, sha)
        if length is None:
            raise error(404, "no_upload", "Chưa có lượt tải lên này.")
        held = await run_in_threadpool(files.offset, desk.id, sha)
        try:
            offset = int(request.headers.get("Upload-Offset", ""))
        except ValueError:
            raise error(400, "bad_offset", "Thiếu vị trí của đoạn tải lên.") from None
        if offset != held:
            raise error(409, "wrong_offset", "Đoạn tải lên không đúng vị trí.", offset=held)
        if held + len(chunk) > length:
            raise error(413, "too_long", "Tệp tải lên dài hơn độ dài đã khai.")
        held = await run_in_threadpool(files.append, desk.id, sha, chunk)
        if held == length:
            await finish(desk.id, sha, length)
        return _tus(Response(status_code=204), Upload_Offset=str(held))
