"""Where the server keeps papers. Uploads always grow on local disk, in
``uploads/<desk>/<sha>.part``; only once their SHA-256 is verified do they move to the
blob storage: the data folder's ``blobs/<sha[:2]>/<sha>`` (embedded default) or a bucket
of any S3-compatible storage (scale-out: ``serve --blobs s3://bucket/prefix``, with
``--s3-endpoint`` for MinIO, Ceph, Garage …; credentials from the usual AWS_* variables).
"""

from __future__ import annotations

import base64
import hashlib
import os
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
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()


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
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{sha256}.part"

    def offset(self, desk_id: str, sha256: str) -> int:
        part = self.part(desk_id, sha256)
        return part.stat().st_size if part.exists() else 0

    def append(self, desk_id: str, sha256: str, chunk: bytes) -> int:
        part = self.part(desk_id, sha256)
        with open(part, "ab") as handle:
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        return part.stat().st_size

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
