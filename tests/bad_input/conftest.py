"""The bad-input corpus: each case must give a clear error (Vietnamese, naming what is
wrong) and change nothing. ``fingerprint`` is what "nothing" means for a desk: the count
and a hash of the content of every row of every table (so an UPDATE shows as well as an
INSERT or DELETE) and the files in the scan store with their bytes' hashes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.domain.calendar import VN_TZ
from desk_app.services.desk import Desk
from tests.conftest import FakeClock, birth_draft, desk_at


def fingerprint(desk: Desk) -> tuple[object, ...]:
    db = desk.storage.db
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'dossier_fts%' ORDER BY name"
        )
    ]

    def content(table: str) -> tuple[str, int, str]:
        digest = hashlib.sha256()
        rows = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        for row in rows:
            digest.update(repr(tuple(row)).encode())
        return table, len(rows), digest.hexdigest()

    # The audit log is left out: reading a record is audited by design; changes are not.
    tables_content = tuple(content(t) for t in tables if t != "audit_log")
    files = sorted(
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in desk.blobs.root.glob("*/*")
        if p.is_file()
    )
    return tables_content, files


@pytest.fixture(scope="package")
def bad_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """One desk for the whole corpus, with one dossier received (9:15 on a working day)."""
    clock = FakeClock(datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ))
    desk = desk_at(tmp_path_factory.mktemp("bad-input") / "data", clock=clock)
    desk.intake.receive(birth_draft(desk))
    yield desk
    desk.close()


@pytest.fixture
def unchanged(bad_desk: Desk) -> Iterator[Desk]:
    """The desk, checked after the test to be exactly as before it."""
    before = fingerprint(bad_desk)
    yield bad_desk
    assert fingerprint(bad_desk) == before, "a refused input changed the desk"


def dossier_code(desk: Desk) -> str:
    return str(desk.storage.db.execute("SELECT code FROM dossiers LIMIT 1").fetchone()[0])


def sample_dir(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    return tmp_path
