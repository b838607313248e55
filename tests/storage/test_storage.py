"""The database file itself: pragmas, and recovery from an interrupted bulk load."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.storage import Storage
from desk_app.storage.database import connect
from desk_app.storage.keyring import DataKey
from tests.conftest import FakeClock, desk_at

KEY = DataKey.new()


def test_the_database_is_wal_full_sync_with_foreign_keys(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "desk.sqlite3", KEY, create=True)
    db = storage.db
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert storage.integrity_ok()
    storage.close()


def test_an_interrupted_bulk_load_leaves_search_working_after_restart(
    tmp_path: Path, clock: FakeClock
) -> None:
    desk = desk_at(tmp_path / "d", clock=clock)
    with pytest.raises(KeyboardInterrupt), desk.storage.bulk_load():
        desk.demo.create(300, seed=3)  # rows written, trigger dropped ...
        raise KeyboardInterrupt  # ... and the officer pulls the plug
    # bulk_load's finally already restored it; simulate a kill before that, too.
    desk.storage.db.execute("DROP TRIGGER dossiers_fts_insert")
    desk.close()
    again = desk_at(tmp_path / "d", clock=clock)
    assert again.dossiers.count() == 300
    name = again.dossiers.search("", limit=1)[0].applicant_name
    assert any(h.applicant_name == name for h in again.dossiers.search(name, limit=300))
    from tests.conftest import birth_draft

    code = again.intake.receive(birth_draft(again, full_name="Kiều Văn Lực")).record.code
    assert again.dossiers.search("kieu van luc")[0].code == code  # new rows indexed again
    again.close()


def test_a_desk_at_migration_5_keeps_its_sync_problems_through_migration_6(
    tmp_path: Path,
) -> None:
    import sqlite_utils

    from desk_app.storage.schema import MIGRATIONS

    path = tmp_path / "desk.sqlite3"
    old = sqlite_utils.Database(connect(path, KEY))
    MIGRATIONS.apply(old, stop_before="0006_sync_published")
    old.execute(
        "INSERT INTO sync_problems (kind, ref, code, message, noticed_at) "
        "VALUES ('blob', 'ab12', 'blob_unavailable', 'Tệp số hóa bị mất', '2026-11-23T09:00:00')"
    )
    old.conn.commit()
    old.close()
    storage = Storage(path, KEY)  # opens and migrates the rest
    try:
        rows = storage.db.execute("SELECT kind, ref, message FROM sync_problems").fetchall()
        assert rows == [("blob", "ab12", "Tệp số hóa bị mất")]
        storage.db.execute(
            "INSERT INTO sync_problems (kind, ref, code, message, noticed_at) "
            "VALUES ('published', 'catalogue:v2', 'unusable', 'x', '2026-11-23T09:00:00')"
        )
        (cursor,) = storage.db.execute("SELECT published_cursor FROM sync_state").fetchone()
        assert cursor == 0
    finally:
        storage.close()
