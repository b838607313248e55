"""Migrations of the desk database from 0010 on (schema.py holds 0001-0009 and imports this
module at its end, so that MIGRATIONS always carries all of them, in order)."""

from __future__ import annotations

import sqlite_utils

from desk_app.storage.schema import MIGRATIONS, split_statements

# Issue 25 (item 6): each paper's number in its kind's series (counter "paper_seq"), kept
# with what it was issued for: a reprint prints the same number, none is used twice a year.
_PAPER_NUMBERS = """
CREATE TABLE paper_numbers (
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    number TEXT NOT NULL,
    year INTEGER NOT NULL,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (kind, subject),
    UNIQUE (number, year)
);
"""


@MIGRATIONS(name="0010_paper_numbers")
def _paper_numbers(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_PAPER_NUMBERS):
        db.execute(statement)


# Issue 23: a desk enrolled with its commune's LAN hub keeps the hub's upstream (address and
# pinned key, told at enrolment) to sync straight to it while the hub is off, with its own
# pull cursor there (the upstream's feed positions are not the hub's).
_HUB_UPSTREAM = """
ALTER TABLE sync_identity ADD COLUMN upstream_url TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_identity ADD COLUMN upstream_public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN upstream_pull_cursor INTEGER NOT NULL DEFAULT 0;
"""


@MIGRATIONS(name="0011_hub_upstream")
def _hub_upstream(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_HUB_UPSTREAM):
        db.execute(statement)


# Issue 22 part 2: fee receipts (voiding, bank matches) and cash hand-overs (storage.fee_store).
@MIGRATIONS(name="0012_fees")
def _fees(db: sqlite_utils.Database) -> None:
    from desk_app.storage.fee_store import FEE_SCHEMA

    for statement in split_statements(FEE_SCHEMA):
        db.execute(statement)
