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


# Issue 25 (the rules read again): applicants of every kind (an organisation's tax code, a
# foreigner's passport; every dossier before this is a person's), a legal extension and
# the wait for fees (the clock stops, docs/rules/deadlines.md), the desk's own calendar
# days kept with their history, and refusals at the counter (Form 03 with no dossier, no
# code, no book entry: not a received dossier).
_RULES_2025 = """
ALTER TABLE dossiers ADD COLUMN applicant_id_kind TEXT NOT NULL DEFAULT 'personal';
ALTER TABLE applicants ADD COLUMN id_kind TEXT NOT NULL DEFAULT 'personal';
ALTER TABLE dossiers ADD COLUMN extension_note TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN fees_since TEXT;
ALTER TABLE dossiers ADD COLUMN fees_paid_at TEXT;
ALTER TABLE day_overrides ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE day_overrides ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE day_overrides ADD COLUMN upstream_note TEXT NOT NULL DEFAULT '';
CREATE TABLE counter_refusals (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    refused_at TEXT NOT NULL,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    procedure_code TEXT NOT NULL,
    applicant TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TRIGGER counter_refusals_no_update BEFORE UPDATE ON counter_refusals
BEGIN SELECT RAISE(ABORT, 'counter refusals are append-only'); END;
CREATE TRIGGER counter_refusals_no_delete BEFORE DELETE ON counter_refusals
BEGIN SELECT RAISE(ABORT, 'counter refusals are append-only'); END;
"""


@MIGRATIONS(name="0013_rules_2025")
def _rules_2025(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_RULES_2025):
        db.execute(statement)


# Issue 22 part 2, left open: amounts the province sets, typed at the desk, and receipts the
# commune's other desks issued (storage.fee_store).
@MIGRATIONS(name="0014_province_fees")
def _province_fees(db: sqlite_utils.Database) -> None:
    from desk_app.storage.fee_store import PROVINCE_SCHEMA

    for statement in split_statements(PROVINCE_SCHEMA):
        db.execute(statement)
