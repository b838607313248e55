"""The database file itself: pragmas, and recovery from an interrupted bulk load."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.storage.database import Storage, connect
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


def test_a_desk_before_migration_13_keeps_its_dossiers_and_codes_through_it(
    tmp_path: Path,
) -> None:
    """Issue 25: existing dossiers keep their codes and are a person's; a day already
    numbered in desk 1's old block goes on there (no code issued twice)."""
    import sqlite_utils

    from desk_app.domain.codes import next_sequence
    from desk_app.storage.schema import MIGRATIONS
    from desk_app.storage.settings_store import SettingsStore

    path = tmp_path / "desk.sqlite3"
    old = sqlite_utils.Database(connect(path, KEY))
    MIGRATIONS.apply(old, stop_before="0013_rules_2025")
    old.execute(
        "INSERT INTO dossiers (uuid, code, code_key, desk_number, procedure_code, "
        "catalogue_version, status, received_at, due_at, applicant_name, applicant_name_folded, "
        "applicant_id_number, applicant_address, lookup_secret, book_volume, book_entry, "
        "officer_id) VALUES ('u1', '000.00.31.H26-261206-1005', '261206-1005', 1, '1.001193', "
        "'v1', 2, '2026-12-06T09:00:00+07:00', '2026-12-06T17:00:00+07:00', 'Lê Văn An', "
        "'le van an', '001090012345', 'Xã Minh Phú', 's', '2026', 5, 1)"
    )
    old.execute(
        "INSERT INTO counters (name, key, value) VALUES ('dossier_seq', '2026-12-06/1', 1005)"
    )
    old.conn.commit()
    old.close()
    storage = Storage(path, KEY)  # opens and migrates the rest
    try:
        rows = storage.db.execute(
            "SELECT code, applicant_id_kind, extension_note, fees_since FROM dossiers"
        ).fetchall()
        assert rows == [("000.00.31.H26-261206-1005", "personal", "", None)]
        last = SettingsStore(storage).counter("dossier_seq", "2026-12-06/1")
        assert next_sequence(1, last) == 1006  # the day goes on in the old block
        assert next_sequence(1, None) == 1  # a new day starts at 0001
    finally:
        storage.close()
