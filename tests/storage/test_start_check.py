"""The clean-close mark proved after the start (``check_later``): nothing read before the
window, the main file kept as the mark knew it meanwhile, and a flipped byte caught."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desk_app.storage.database import CLEAN_MARK_SUFFIX, Fault, Storage, StorageFault
from desk_app.storage.keyring import DataKey
from tests.conftest import flip_a_byte

KEY = DataKey.new()


def _closed_desk(path: Path, rows: int = 400) -> None:
    """A database with some pages, closed cleanly (the WAL checkpointed away, a mark)."""
    storage = Storage(path, KEY, create=True)
    with storage.write() as db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        for n in range(rows):
            db.execute("INSERT INTO notes (body) VALUES (?)", [f"ghi chú {n} " * 20])
    storage.close()
    assert path.with_name(path.name + CLEAN_MARK_SUFFIX).exists()
    assert not path.with_name(path.name + "-wal").exists()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_main_file_is_kept_as_the_mark_knew_it_until_proved(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _closed_desk(path)
    before = _sha(path)
    storage = Storage(path, KEY, check_later=True)
    assert storage.closed_cleanly and storage.start_check_pending
    with storage.write() as db:  # the desk works on: commits go to the WAL ...
        for n in range(3000):
            db.execute("INSERT INTO notes (body) VALUES (?)", [f"mới {n} " * 20])
    # ... and no checkpoint may write them into the main file while the proof is due
    storage.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    assert _sha(path) == before
    assert storage.finish_start_check()
    assert not storage.start_check_pending
    storage.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    assert _sha(path) != before  # proved: checkpoints run again
    storage.close()
    again = Storage(path, KEY)
    assert again.closed_cleanly
    assert again.db.execute("SELECT count(*) FROM notes").fetchone() == (3400,)
    again.close()


def test_a_flipped_byte_is_caught_after_the_start_and_writes_stop(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _closed_desk(path)
    flip_a_byte(path)
    storage = Storage(path, KEY, check_later=True)
    assert storage.closed_cleanly  # seal and sizes only: nothing read yet
    with storage.write() as db:  # (the sign-in's entry, say)
        db.execute("INSERT INTO notes (body) VALUES ('trước khi kiểm tra xong')")
    assert not storage.finish_start_check()
    assert not storage.finish_start_check()  # asked again: still damaged
    with pytest.raises(StorageFault) as refused, storage.write() as db:
        db.execute("INSERT INTO notes (body) VALUES ('sau khi kiểm tra')")
    assert refused.value.fault is Fault.CORRUPT
    storage.close()
    assert not path.with_name(path.name + CLEAN_MARK_SUFFIX).exists()  # nothing vouches
    assert not Storage(path, KEY).closed_cleanly  # the next start checks every page


def test_closing_before_the_proof_proves_first(tmp_path: Path) -> None:
    """A window closed at once must not leave a mark for a file nobody proved."""
    path = tmp_path / "desk.sqlite3"
    _closed_desk(path)
    flip_a_byte(path)
    storage = Storage(path, KEY, check_later=True)
    storage.close()
    assert not path.with_name(path.name + CLEAN_MARK_SUFFIX).exists()
    assert not Storage(path, KEY).closed_cleanly


def test_without_check_later_the_start_proves_the_content_at_once(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _closed_desk(path)
    flip_a_byte(path)
    storage = Storage(path, KEY)
    assert not storage.closed_cleanly and not storage.start_check_pending
    storage.close(clean=False)
