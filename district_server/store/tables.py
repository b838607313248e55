"""The server's tables (SQLAlchemy Core), one ``metadata`` for every concern of the store;
created at start on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

desks = Table(
    "desks",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("commune_code", String(32), nullable=False),
    Column("desk_number", Integer, nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_reason", Text),
    Column("last_contact_at", DateTime(timezone=True)),
    Column("backlog", Integer),  # entries waiting at the desk, as it last said
)

# The commune's name as its desks call it (their settings' "UBND xã …"), sent at enrolment;
# a table of its own so that an existing database gains it (create_all adds tables only).
communes = Table(
    "communes",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name", Text, nullable=False),
)

admins = Table(
    "admins",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_sha256", String(64), primary_key=True),
    Column("commune_code", String(32), nullable=False),
    Column("desk_number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

nonces = Table(
    "nonces",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("uuid", String(36), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("entity_uuid", String(64), nullable=False),
    Column("device_time", String(40), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("officer_id", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("blob_hashes", Text, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    # why the entry waits for a person at the district (see PROBLEMS); NULL when none
    Column("problem", String(32)),
    Index("changes_uuid", "uuid"),
)

# Each desk's audit chain (desk_app.domain.audit), as the desk sent it: kept so that a
# desk whose log was edited or cut after sending is caught by comparing with this copy.
audit_entries = Table(
    "audit_entries",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("officer", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("desk_id", String(36), nullable=False),  # who sent it first
)

uploads = Table(
    "uploads",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("desk_id", String(36), primary_key=True),
    Column("length", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The order in which entries reached the server: what a desk pulls, by cursor.
feed = Table(
    "feed",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("desk_id", String(36), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("commune_code", String(32), nullable=False, index=True),
)

# What the district publishes to its desks, in order: catalogue versions, holiday calendar
# days (extra days off, make-up working days), officer accounts and their revocations.
# ``commune_code`` NULL is for every commune. A later row with the same (kind, key) wins.
published = Table(
    "published",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("key", String(64), nullable=False),
    Column("commune_code", String(32)),
    Column("document", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
)

# What the public status page needs of each dossier, kept up to date from the entries.
dossiers = Table(
    "dossiers",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("entity_uuid", String(64), nullable=False, unique=True),
    Column("desk_id", String(36), nullable=False),
    Column("procedure_code", String(32), nullable=False),
    Column("procedure_name", Text, nullable=False),
    Column("applicant_masked", Text, nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("due_at", String(40), nullable=False),
    Column("deadline_at", String(40), nullable=False),
    Column("settled_at", String(40)),
    Column("status", Integer, nullable=False),
    Column("lookup_sha256", String(64), nullable=False),
)
