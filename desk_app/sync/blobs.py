"""Blobs up before the entries that name them: ask which the server lacks, upload only
those, resumably (tus 1.0 core): after a cut, HEAD tells the last byte the server holds
and the upload continues from there."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

import desk_protocol as protocol
from desk_app.storage.blob_store import BlobCorrupt, BlobStore
from desk_app.sync.client import SyncClient, SyncError

UPLOAD_WORKERS = 2  # papers in flight at once


def referenced(entries: list[dict[str, Any]]) -> list[str]:
    return sorted({h for e in entries for h in json.loads(str(e["blob_hashes"]))})


def upload_missing(
    client: SyncClient,
    blobs: BlobStore,
    hashes: list[str],
    *,
    chunk_bytes: int | None = None,
    workers: int = UPLOAD_WORKERS,
    on_bytes: Callable[[int], None] | None = None,
    on_lost: Callable[[str, str], None] | None = None,
) -> list[str]:
    """Upload what the server lacks of ``hashes``; return those this desk cannot send.

    Up to ``workers`` papers travel at once: on a slow link with a long round trip one
    upload alone leaves the line idle between requests. Their chunks share the protocol's
    chunk size, so a cut link loses at most one chunk's worth in all. A paper whose file
    is gone or no longer matches its hash is told to ``on_lost(sha, reason)`` and
    returned, so its entries can go up declaring it lost instead of blocking every entry
    after them.
    """
    if not hashes:
        return []
    workers = max(1, workers)
    chunk_bytes = chunk_bytes or protocol.CHUNK_BYTES // workers
    answer = client.request("POST", protocol.BLOBS_MISSING_PATH, {"sha256": hashes})
    partial: dict[str, int] = answer.get("partial") or {}
    lost: list[str] = []
    progress = threading.Lock()

    def counted(n: int) -> None:
        if on_bytes:
            with progress:
                on_bytes(n)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="upload") as pool:
        running: set[Future[None]] = set()
        try:
            for sha in answer["missing"]:
                try:
                    data = blobs.read(sha)
                except (BlobCorrupt, OSError) as err:
                    reason = (
                        "hỏng (không khớp mã băm)" if isinstance(err, BlobCorrupt) else "bị mất"
                    )
                    if on_lost:
                        on_lost(sha, reason)
                    lost.append(sha)
                    continue
                if len(running) >= workers:  # at most ``workers`` papers read into memory
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        future.result()
                running.add(
                    pool.submit(
                        upload,
                        client,
                        data,
                        sha,
                        chunk_bytes=chunk_bytes,
                        held=int(partial.get(sha, 0)),
                        on_bytes=counted,
                    )
                )
            for future in running:
                future.result()
        except BaseException:
            for future in running:
                future.cancel()
            raise
    return lost


def upload(
    client: SyncClient,
    data: bytes,
    sha256: str,
    *,
    chunk_bytes: int = protocol.CHUNK_BYTES,
    held: int = 0,
    on_bytes: Callable[[int], None] | None = None,
) -> None:
    """Send one paper. When the server holds none of it (``held`` 0) the first chunk
    rides on the request that creates the upload (tus creation-with-upload), saving a
    round trip a paper; otherwise the upload continues from the server's offset."""
    meta = "sha256 " + base64.b64encode(sha256.encode()).decode()
    first = data[:chunk_bytes] if held == 0 else b""
    created = client.raw(
        "POST",
        protocol.UPLOADS_PATH,
        first,
        {
            "Upload-Length": str(len(data)),
            "Upload-Metadata": meta,
            "Tus-Resumable": protocol.TUS_VERSION,
        }
        | ({"Content-Type": "application/offset+octet-stream"} if first else {}),
    )
    offset = int(created.headers.get("Upload-Offset", "0"))
    if first and on_bytes and offset >= len(first):
        on_bytes(len(first))
    path = f"{protocol.UPLOADS_PATH}/{sha256}"
    while 0 <= offset < len(data):
        chunk = data[offset : offset + chunk_bytes]
        try:
            answer = client.raw(
                "PATCH",
                path,
                chunk,
                {
                    "Upload-Offset": str(offset),
                    "Content-Type": "application/offset+octet-stream",
                    "Tus-Resumable": protocol.TUS_VERSION,
                },
            )
        except SyncError as err:
            if err.code == "wrong_offset" and "offset" in err.extra:
                offset = int(err.extra["offset"])  # the server holds a different amount
                continue
            raise
        offset = int(answer.headers["Upload-Offset"])
        if on_bytes:
            on_bytes(len(chunk))
