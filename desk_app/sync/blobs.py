"""Blobs up before the entries that name them: ask which the server lacks, upload only
those, resumably (tus 1.0 core): after a cut, HEAD tells the last byte the server holds
and the upload continues from there."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from desk_app.storage.blob_store import BlobCorrupt, BlobStore
from desk_app.sync import protocol
from desk_app.sync.client import SyncClient, SyncError


def referenced(entries: list[dict[str, Any]]) -> list[str]:
    return sorted({h for e in entries for h in json.loads(str(e["blob_hashes"]))})


def upload_missing(
    client: SyncClient,
    blobs: BlobStore,
    hashes: list[str],
    *,
    chunk_bytes: int = protocol.CHUNK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
    on_lost: Callable[[str, str], None] | None = None,
) -> list[str]:
    """Upload what the server lacks of ``hashes``; return those this desk cannot send.

    A paper whose file is gone or no longer matches its hash is told to ``on_lost(sha,
    reason)`` and returned, so its entries can go up declaring it lost instead of
    blocking every entry after them.
    """
    if not hashes:
        return []
    missing = client.request("POST", protocol.BLOBS_MISSING_PATH, {"sha256": hashes})["missing"]
    lost = []
    for sha in missing:
        try:
            data = blobs.read(sha)
        except (BlobCorrupt, OSError) as err:
            reason = "hỏng (không khớp mã băm)" if isinstance(err, BlobCorrupt) else "bị mất"
            if on_lost:
                on_lost(sha, reason)
            lost.append(sha)
            continue
        upload(client, data, sha, chunk_bytes=chunk_bytes, on_bytes=on_bytes)
    return lost


def upload(
    client: SyncClient,
    data: bytes,
    sha256: str,
    *,
    chunk_bytes: int = protocol.CHUNK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
) -> None:
    meta = "sha256 " + base64.b64encode(sha256.encode()).decode()
    created = client.raw(
        "POST",
        protocol.UPLOADS_PATH,
        b"",
        {
            "Upload-Length": str(len(data)),
            "Upload-Metadata": meta,
            "Tus-Resumable": protocol.TUS_VERSION,
        },
    )
    offset = int(created.headers.get("Upload-Offset", "0"))
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
