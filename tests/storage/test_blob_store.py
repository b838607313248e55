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


def test_an_older_copy_of_the_database_never_costs_the_newer_papers(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A file without a row is not proof of an aborted write: the database may be an older
    copy put back by hand. Only a pending mark with no row is; so the newer paper stays."""
    import shutil

    from desk_app.storage.database import DB_FILENAME

    desk = desk_at(tmp_path, clock=clock)
    with desk.storage.write():
        old = desk.blobs.put(b"%PDF-1.7 old paper", media_type="application/pdf", now=clock())
    desk.close()
    older = tmp_path / "older"
    older.mkdir()
    for name in (DB_FILENAME, DB_FILENAME + ".clean"):  # the file and its mark, as they were
        shutil.copy(tmp_path / name, older / name)
    desk = desk_at(tmp_path, clock=clock)
    with desk.storage.write():
        new = desk.blobs.put(b"%PDF-1.7 new paper", media_type="application/pdf", now=clock())
    assert not list((tmp_path / "blobs").glob("pending/*"))  # marks go with the commit
    desk.close()
    for name in (DB_FILENAME, DB_FILENAME + ".clean"):  # the older folder's files put back
        shutil.copy(older / name, tmp_path / name)
    desk = desk_at(tmp_path, clock=clock)  # sound, but without the new row
    try:
        assert desk.blobs.path(new).is_file()  # kept for whoever brings the newer data back
        assert desk.blobs.unreferenced() == [desk.blobs.path(new)]
        assert desk.blobs.read(old) == b"%PDF-1.7 old paper"
    finally:
        desk.close()


def test_the_sweep_waits_for_a_write_in_flight_in_another_process(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A second desk process starting while the first has written a paper file but not yet
    committed its row must not take the file away: the sweep runs under the write lock."""
    import threading

    desk = desk_at(tmp_path, clock=clock)
    started = threading.Event()
    outcome: list[object] = []

    def second_process() -> None:
        from desk_app.storage.database import DB_FILENAME, Storage

        started.wait(10)
        storage = Storage(tmp_path / DB_FILENAME, desk.storage.key)  # its own connection
        other = BlobStore(storage, tmp_path / "blobs", desk.storage.key.derive("blobs"))
        outcome.append(other.sweep_orphans())  # what its start-up does
        storage.close()

    thread = threading.Thread(target=second_process)
    thread.start()
    with desk.storage.write():
        sha = desk.blobs.put(b"%PDF-1.7 in flight", media_type="application/pdf", now=clock())
        started.set()
        thread.join(1.0)
        assert thread.is_alive()  # the other sweep waits for the lock meanwhile
    thread.join(30)
    assert outcome == [0]
    assert desk.blobs.missing() == []  # the file of the committed row is there
    assert desk.blobs.read(sha) == b"%PDF-1.7 in flight"
    desk.close()
