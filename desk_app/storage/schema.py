"""Schema of the desk database, as ordered sqlite-utils migrations.

Plain SQL, with no Python functions in triggers, so the file stays usable from the
``sqlite3`` shell. Append-only tables (events, change log) refuse UPDATE and DELETE.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

MIGRATIONS = sqlite_utils.Migrations("desk_app")

# Kept as its own statement: bulk loads drop it and rebuild the index in one pass at the end
# (70 µs per row through the trigger against under 1 µs in a rebuild). Never edit it in
# place: a change is a new migration.
FTS_INSERT_TRIGGER_NAME = "dossiers_fts_insert"
FTS_INSERT_TRIGGER = f"""CREATE TRIGGER {FTS_INSERT_TRIGGER_NAME} AFTER INSERT ON dossiers BEGIN
    INSERT INTO dossier_fts (rowid, code_key, applicant_name_folded, applicant_id_number, applicant_phone)
    VALUES (new.id, new.code_key, new.applicant_name_folded, new.applicant_id_number, new.applicant_phone);
END;"""

_FOUNDATION = """
CREATE TABLE desk_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE officers (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reception', 'leader', 'admin')),
    created_at TEXT NOT NULL
);
-- Every change names its officer; until accounts exist (officer accounts issue) it is this one.
INSERT INTO officers (id, username, full_name, role, created_at)
VALUES (1, 'canbo', 'Cán bộ tiếp nhận', 'reception', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));

CREATE TABLE counters (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (name, key)
);

CREATE TABLE day_overrides (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'local'
);

CREATE TABLE catalogue_versions (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    published TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    document TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    in_force INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX catalogue_one_in_force ON catalogue_versions (in_force) WHERE in_force = 1;

CREATE TABLE procedures (
    id INTEGER PRIMARY KEY,
    catalogue_version_id INTEGER NOT NULL REFERENCES catalogue_versions (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    UNIQUE (catalogue_version_id, code)
);

CREATE TABLE applicants (
    id INTEGER PRIMARY KEY,
    id_number TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    birth_date TEXT,
    sex TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    -- the code without the commune's agency prefix (e.g. 241219-1393): what search indexes
    code_key TEXT NOT NULL,
    desk_number INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    catalogue_version TEXT NOT NULL,
    status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    returned_at TEXT,
    applicant_id INTEGER REFERENCES applicants (id),
    applicant_name TEXT NOT NULL,
    applicant_name_folded TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_birth_date TEXT,
    applicant_sex TEXT NOT NULL DEFAULT '',
    applicant_address TEXT NOT NULL,
    applicant_phone TEXT NOT NULL DEFAULT '',
    applicant_email TEXT NOT NULL DEFAULT '',
    principal TEXT,
    authorisation TEXT NOT NULL DEFAULT '',
    sets_count INTEGER NOT NULL DEFAULT 1,
    pages INTEGER,
    fee_amount INTEGER,
    fee_text TEXT NOT NULL DEFAULT '',
    result_location TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    lookup_secret TEXT NOT NULL,
    book_volume TEXT NOT NULL,
    book_entry INTEGER NOT NULL,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    receipt_prints INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dossiers_code_key ON dossiers (code_key);
CREATE INDEX dossiers_received_at ON dossiers (received_at);
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_procedure ON dossiers (procedure_code);
CREATE INDEX dossiers_applicant_id_number ON dossiers (applicant_id_number);

-- The component checklist of each dossier. For a paper of the catalogue the name is read
-- from the dossier's catalogue version (kept forever); a paper added by hand has its name.
CREATE TABLE dossier_components (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    position INTEGER NOT NULL,
    spec_key TEXT,
    name TEXT,
    copy_kind TEXT NOT NULL,
    count INTEGER NOT NULL,
    received INTEGER NOT NULL,
    CHECK (spec_key IS NOT NULL OR name IS NOT NULL),
    UNIQUE (dossier_id, position)
);

-- Append-only history of each dossier (who, when, from, to, why): forms and reports read it.
CREATE TABLE dossier_events (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    at TEXT NOT NULL,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    kind TEXT NOT NULL,
    from_status INTEGER,
    to_status INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    payload TEXT
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END;

-- The sync outbox: every change, written in the same transaction as the change itself.
-- seq grows by one per desk with no gaps; an entry never changes (corrections are new ones).
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    device_time TEXT NOT NULL,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    payload TEXT NOT NULL,
    blob_hashes TEXT NOT NULL DEFAULT '[]',
    content_sha256 TEXT NOT NULL
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change log entries are immutable'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change log entries are immutable'); END;

-- Content-addressed files (scans, archived PDFs), by SHA-256; the digitisation issue fills it.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Diacritic-insensitive search: the folded name (đ already mapped to d) plus the code's own
-- part, ID, phone. The agency prefix is the same in every dossier: indexing it would only
-- make "00"-like prefixes match everything.
CREATE VIRTUAL TABLE dossier_fts USING fts5 (
    code_key, applicant_name_folded, applicant_id_number, applicant_phone,
    content = 'dossiers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
{fts_insert_trigger}
CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN
    INSERT INTO dossier_fts (dossier_fts, rowid, code_key, applicant_name_folded, applicant_id_number,
                             applicant_phone)
    VALUES ('delete', old.id, old.code_key, old.applicant_name_folded, old.applicant_id_number,
            old.applicant_phone);
END;
CREATE TRIGGER dossiers_fts_update
AFTER UPDATE OF code_key, applicant_name_folded, applicant_id_number, applicant_phone ON dossiers
BEGIN
    INSERT INTO dossier_fts (dossier_fts, rowid, code_key, applicant_name_folded, applicant_id_number,
                             applicant_phone)
    VALUES ('delete', old.id, old.code_key, old.applicant_name_folded, old.applicant_id_number,
            old.applicant_phone);
    INSERT INTO dossier_fts (rowid, code_key, applicant_name_folded, applicant_id_number, applicant_phone)
    VALUES (new.id, new.code_key, new.applicant_name_folded, new.applicant_id_number, new.applicant_phone);
END;
"""


def split_statements(script: str) -> list[str]:
    """Split a schema script into statements (trigger bodies stay whole)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in schema: {current[:80]!r}")
    return statements


@MIGRATIONS(name="0001_foundation")
def _foundation(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_FOUNDATION.format(fts_insert_trigger=FTS_INSERT_TRIGGER)):
        db.execute(statement)


# The life of a dossier after intake (statuses, supplement pause, apologies, return) and
# what the reports read. Dossiers recorded before it get their deadline from their
# appointment and, when already ended, their end time from the return (or reception).
_LIFECYCLE = """
ALTER TABLE dossiers ADD COLUMN channel TEXT NOT NULL DEFAULT 'direct'
    CHECK (channel IN ('direct', 'online', 'post'));
ALTER TABLE dossiers ADD COLUMN deadline_at TEXT;
ALTER TABLE dossiers ADD COLUMN holder TEXT NOT NULL DEFAULT 'Bộ phận Một cửa';
ALTER TABLE dossiers ADD COLUMN paused_at TEXT;
ALTER TABLE dossiers ADD COLUMN paused_from INTEGER;
ALTER TABLE dossiers ADD COLUMN resumed_at TEXT;
ALTER TABLE dossiers ADD COLUMN apologies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN settled_at TEXT;
ALTER TABLE dossiers ADD COLUMN settled_status INTEGER;
ALTER TABLE dossiers ADD COLUMN satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 4);
-- digitisation indicators, kept with the dossier so a report never joins a million rows
ALTER TABLE dossiers ADD COLUMN components_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN components_digitised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN components_reused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN result_digitised INTEGER NOT NULL DEFAULT 0;

UPDATE dossiers SET deadline_at = due_at,
    settled_at = CASE WHEN status IN (3, 7, 8, 9, 10) THEN COALESCE(returned_at, received_at) END,
    settled_status = CASE WHEN status IN (3, 7, 8, 9, 10) THEN status END,
    components_count = (SELECT COUNT(*) FROM dossier_components c
                        WHERE c.dossier_id = dossiers.id AND c.received = 1);

CREATE INDEX dossiers_settled_at ON dossiers (settled_at);
CREATE INDEX dossiers_returned_at ON dossiers (returned_at);
CREATE INDEX dossiers_status_deadline ON dossiers (status, deadline_at);

-- A digitised paper or result: one file in the blob store, tagged; reusable by dossiers.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    doc_type TEXT NOT NULL,
    title TEXT NOT NULL,
    owner_id_number TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    valid_until TEXT,
    pages INTEGER,
    created_at TEXT NOT NULL,
    officer_id INTEGER NOT NULL REFERENCES officers (id)
);
CREATE INDEX documents_owner ON documents (owner_id_number);

-- Which documents a dossier holds: a component's digitised copy (new or reused) or its result.
CREATE TABLE dossier_documents (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    role TEXT NOT NULL CHECK (role IN ('component', 'result')),
    component_position INTEGER,
    reused INTEGER NOT NULL DEFAULT 0,
    linked_at TEXT NOT NULL,
    UNIQUE (dossier_id, document_id, role)
);
CREATE INDEX dossier_documents_dossier ON dossier_documents (dossier_id);
"""


@MIGRATIONS(name="0002_lifecycle")
def _lifecycle(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_LIFECYCLE):
        db.execute(statement)


# Digitisation (issue 3): how each copy was made and signed, its file name, and the hot
# folder's memory of files already imported (so one is never imported twice).
_DIGITISATION = """
ALTER TABLE documents ADD COLUMN colour_mode TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
CREATE INDEX dossier_documents_document ON dossier_documents (document_id);

CREATE TABLE hot_folder_imports (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
"""


@MIGRATIONS(name="0003_digitisation")
def _digitisation(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_DIGITISATION):
        db.execute(statement)


# Sync (issue 4): this desk's identity at the district server and how far it has been
# acknowledged. The private key stays here (encrypted at rest with issue 6).
_SYNC = """
CREATE TABLE sync_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    desk_id TEXT NOT NULL,
    server_url TEXT NOT NULL,
    private_key TEXT NOT NULL,
    server_public_key TEXT NOT NULL DEFAULT '',
    commune_code TEXT NOT NULL,
    desk_number INTEGER NOT NULL,
    lookup_base_url TEXT NOT NULL DEFAULT '',
    enrolled_at TEXT NOT NULL
);
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    acked_through INTEGER NOT NULL DEFAULT 0,
    last_success_at TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    pull_cursor INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id) VALUES (1);
"""


@MIGRATIONS(name="0004_sync")
def _sync(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_SYNC):
        db.execute(statement)


# Items that could not go up as they are (issue 4): each waits for a person on the sync
# page and never blocks the others. ``kind`` is "entry" (ref = seq) or "blob" (ref = sha).
_SYNC_PROBLEMS = """
CREATE TABLE sync_problems (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('entry', 'blob')),
    ref TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    resolved_at TEXT,
    UNIQUE (kind, ref)
);
"""


@MIGRATIONS(name="0005_sync_problems")
def _sync_problems(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_SYNC_PROBLEMS):
        db.execute(statement)


# What the district publishes (issue 4): its own cursor; officer accounts it may revoke;
# and an item of it this desk cannot take is a problem too (kind "published", ref =
# "kind:key"), so the CHECK of sync_problems widens (SQLite: a new table, rows copied).
_SYNC_PUBLISHED = """
ALTER TABLE sync_state ADD COLUMN published_cursor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE officers ADD COLUMN source TEXT NOT NULL DEFAULT 'local';
ALTER TABLE officers ADD COLUMN revoked_at TEXT;
ALTER TABLE officers ADD COLUMN revoked_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE sync_problems_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('entry', 'blob', 'published')),
    ref TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    resolved_at TEXT,
    UNIQUE (kind, ref)
);
INSERT INTO sync_problems_new SELECT * FROM sync_problems;
DROP TABLE sync_problems;
ALTER TABLE sync_problems_new RENAME TO sync_problems;
"""


@MIGRATIONS(name="0006_sync_published")
def _sync_published(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_SYNC_PUBLISHED):
        db.execute(statement)


# Officers' accounts and the audit log (issue 6). The audit log is append-only like the
# events, and hash-chained (domain.audit): a trigger can stop the application, not someone
# with the key and the sqlite shell; the chain is what shows such an edit.
_AUDIT = """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    officer TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
ALTER TABLE sync_state ADD COLUMN audit_sent_through INTEGER NOT NULL DEFAULT 0;
"""


@MIGRATIONS(name="0007_audit")
def _audit(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_AUDIT):
        db.execute(statement)


# What an officer was typing when the desk stopped (power cut, crash, closed window): the
# intake form, kept every few seconds, offered back at the next start, cleared by the save
# that turns it into a dossier (in that save's transaction). Encrypted like everything.
_DRAFTS = """
CREATE TABLE drafts (
    kind TEXT PRIMARY KEY,
    officer_id INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    body TEXT NOT NULL
);
"""


@MIGRATIONS(name="0008_drafts")
def _drafts(db: sqlite_utils.Database) -> None:
    db.execute(_DRAFTS)


# Issue 20 (items 10, 11): the district server's signed anchor of the audit chain (the
# latest received; never replaced by an older one), and whether an officer must change a
# temporary password (it was in keys.json, in the clear, telling which accounts are weak).
_KEYS_AUDIT = """
CREATE TABLE audit_anchor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    signed TEXT NOT NULL
);
ALTER TABLE officers ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
"""


@MIGRATIONS(name="0009_keys_audit")
def _keys_audit(db: sqlite_utils.Database) -> None:
    for statement in split_statements(_KEYS_AUDIT):
        db.execute(statement)


# Migrations from 0010 on live in schema_late.py (this file keeps under 500 lines); importing
# it here registers them, in order, wherever MIGRATIONS is used.
import desk_app.storage.schema_late  # noqa: E402, F401
