"""The content-addressed file store: durable before its row, orphans swept at start-up."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desk_app.storage.blob_store import BlobCorrupt, BlobStore
from tests.conftest import FakeClock, desk_at


def test_put_stores_once_and_a_restart_sweeps_what_a_crash_left(
    tmp_path: Path, clock: FakeClock
) -> None:
    desk = desk_at(tmp_path, clock=clock)
    blobs = desk.blobs
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
    desk = desk_at(tmp_path, clock=clock)  # start-up sweeps
    assert not desk.blobs.path(lost).exists()
    assert not half.exists()
    store = desk.blobs
    assert store.read(kept) == b"%PDF-1.7 kept" and store.missing() == []
    sealed = store.path(kept).read_bytes()
    assert b"kept" not in sealed and len(sealed) == len(b"%PDF-1.7 kept") + 28  # nonce, tag
    store.path(kept).write_bytes(sealed[:-1] + bytes([sealed[-1] ^ 1]))
    with pytest.raises(BlobCorrupt):
        store.read(kept)
    desk.close()


def test_another_key_reads_nothing(tmp_path: Path, clock: FakeClock) -> None:
    desk = desk_at(tmp_path, clock=clock)
    with desk.storage.write():
        sha = desk.blobs.put(b"%PDF-1.7 private", media_type="application/pdf", now=clock())
    stranger = BlobStore(desk.storage, tmp_path / "blobs", bytes(32))
    assert not stranger.path(sha).exists()  # names are keyed too
    stranger.path(sha).parent.mkdir(parents=True, exist_ok=True)
    stranger.path(sha).write_bytes(desk.blobs.path(sha).read_bytes())
    with pytest.raises(BlobCorrupt):
        stranger.read(sha)
    desk.close()
