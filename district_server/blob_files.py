"""Where the server keeps papers. Uploads always grow on local disk, in
``uploads/<desk>/<sha>.part``; only once their SHA-256 is verified do they move to the
blob storage: the data folder's ``blobs/<sha[:2]>/<sha>`` (embedded default) or a bucket
of any S3-compatible storage (scale-out: ``serve --blobs s3://bucket/prefix``, with
``--s3-endpoint`` for MinIO, Ceph, Garage …; credentials from the usual AWS_* variables).

What the server acknowledges is on disk first: every byte of a part is fsynced before its
offset is answered, a new part's name by an fsync of its folder, and a verified blob's
move into the folder storage by an fsync of the folder it lands in (and of its parent
when that folder is new) before the database records it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse


class BlobStorage(Protocol):
    def put(self, sha256: str, source: Path) -> None:
        """Take the verified file at ``source`` (which is gone afterwards)."""

    def exists(self, sha256: str) -> bool: ...

    def read(self, sha256: str) -> bytes: ...


class FolderBlobs:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, source: Path) -> None:
        target = self.path(sha256)
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            fsync_dir(self.root)  # the new folder's name
        fsync_file(source)  # its bytes (already, for a part: then this costs nothing)
        os.replace(source, target)
        fsync_dir(target.parent)  # the blob's name: a power cut cannot undo the move

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    """Make the names in ``path`` (a file created, moved in or out) survive a power cut."""
    descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class S3Blobs:
    """A bucket of S3-compatible storage; objects named ``<prefix><sha[:2]>/<sha>``."""

    def __init__(self, url: str, endpoint_url: str | None = None) -> None:
        import boto3  # only the scale-out path needs it (extra "s3")

        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise ValueError(f"blob storage {url!r} must look like s3://bucket[/prefix]")
        self.bucket = parsed.netloc
        prefix = parsed.path.strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url or None)

    def key(self, sha256: str) -> str:
        return f"{self.prefix}{sha256[:2]}/{sha256}"

    def put(self, sha256: str, source: Path) -> None:
        with open(source, "rb") as handle:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key(sha256),
                Body=handle,
                # the storage checks the bytes it received against the hash we verified
                ChecksumSHA256=base64.b64encode(bytes.fromhex(sha256)).decode(),
            )
        source.unlink(missing_ok=True)

    def exists(self, sha256: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def read(self, sha256: str) -> bytes:
        answer = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))
        return bytes(answer["Body"].read())


def blob_storage(data_dir: Path, url: str | None, endpoint_url: str | None = None) -> BlobStorage:
    """The folder in ``data_dir`` by default, else the bucket ``url`` names."""
    if not url:
        return FolderBlobs(data_dir / "blobs")
    return S3Blobs(url, endpoint_url)


class BlobFiles:
    def __init__(self, root: Path, storage: BlobStorage | None = None) -> None:
        self.root = root
        self.storage = storage or FolderBlobs(root / "blobs")
        (root / "uploads").mkdir(parents=True, exist_ok=True)

    def part(self, desk_id: str, sha256: str) -> Path:
        folder = self.root / "uploads" / desk_id
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            fsync_dir(folder.parent)
        return folder / f"{sha256}.part"

    def offset(self, desk_id: str, sha256: str) -> int:
        part = self.part(desk_id, sha256)
        return part.stat().st_size if part.exists() else 0

    def append(self, desk_id: str, sha256: str, chunk: bytes) -> int:
        """Append ``chunk`` durably; the part's new size (the offset answered to the desk)."""
        part = self.part(desk_id, sha256)
        new = not part.exists()
        with open(part, "ab") as handle:
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if new:
            fsync_dir(part.parent)
        return part.stat().st_size

    def write_part(self, desk_id: str, sha256: str, blocks: Iterable[bytes]) -> int:
        """Replace the part with ``blocks`` as they come, durably; its size."""
        part = self.part(desk_id, sha256)
        size = 0
        with open(part, "wb") as handle:
            for block in blocks:
                handle.write(block)
                size += len(block)
            handle.flush()
            os.fsync(handle.fileno())
        fsync_dir(part.parent)
        return size

    def complete(self, desk_id: str, sha256: str) -> bool:
        """Verify the finished upload and hand it to the blob storage; False (and
        discarded) when its bytes do not match the hash."""
        part = self.part(desk_id, sha256)
        digest = hashlib.sha256()
        with open(part, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            part.unlink(missing_ok=True)
            return False
        self.storage.put(sha256, part)
        return True

    def read(self, sha256: str) -> bytes:
        return self.storage.read(sha256)
