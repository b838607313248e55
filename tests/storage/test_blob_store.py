"""The content-addressed file store: durable before its row, orphans swept at start-up."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desk_app.app import open_desk
from desk_app.storage.blob_store import BlobCorrupt, BlobStore
from tests.conftest import FakeClock


def test_put_stores_once_and_a_restart_sweeps_what_a_crash_left(
    tmp_path: Path, clock: FakeClock
) -> None:
    desk = open_desk(tmp_path, clock=clock)
    blobs = BlobStore(desk.storage, tmp_path / "blobs")
    with desk.storage.write():
        kept = blobs.put(b"%PDF-1.7 kept", media_type="application/pdf", now=clock())
        again = blobs.put(b"%PDF-1.7 kept", media_type="application/pdf", now=clock())
    assert kept == again == hashlib.sha256(b"%PDF-1.7 kept").hexdigest()
    with pytest.raises(RuntimeError), desk.storage.write():  # the row's transaction fails
        lost = blobs.put(b"written, never committed", media_type="image/png", now=clock())
        raise RuntimeError("power cut before COMMIT")
    half = tmp_path / "blobs" / "tmp" / "deadbeef.partial"
    half.write_bytes(b"half a file")
    assert blobs.path(lost).exists() and half.exists()
    desk.close()
    desk = open_desk(tmp_path, clock=clock)  # start-up sweeps
    assert not BlobStore(desk.storage, tmp_path / "blobs").path(lost).exists()
    assert not half.exists()
    store = BlobStore(desk.storage, tmp_path / "blobs")
    assert store.read(kept) == b"%PDF-1.7 kept" and store.missing() == []
    store.path(kept).write_bytes(b"tampered")
    with pytest.raises(BlobCorrupt):
        store.read(kept)
    desk.close()
