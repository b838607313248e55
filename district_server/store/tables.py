"""The server's tables (SQLAlchemy Core), one ``metadata`` for every concern of the store;
created at start on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

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

# The fees taken for each dossier across a commune's desks (from the accepted ``fee_paid``
# entries; ``voided`` 1 once the receipt's ``fee_voided`` is accepted): a second payment of
# a fee not voided is refused, whichever desk sends it.
fee_payments = Table(
    "fee_payments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commune_code", String(32), nullable=False),
    Column("code", String(64), nullable=False),
    Column("desk_id", String(36), nullable=False),
    Column("desk_number", Integer, nullable=False),
    Column("series", String(20), nullable=False),
    Column("number", Integer, nullable=False),
    Column("voided", Integer, nullable=False, default=0),
    Index("fee_payments_code", "commune_code", "code"),
    Index("fee_payments_receipt", "desk_id", "series", "number"),
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

# --- A commune's LAN hub (docs/architecture.md, "The commune hub") ---
# At the upstream: the desk rows that are hubs (enrolled with a hub code, desk number 0), and
# the desks registered on a hub's word (their keys vouched by it; their entries still carry
# their own signatures).
hubs = Table(
    "hubs",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
)

vouched = Table(
    "vouched",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("hub_id", String(36), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)

# At a hub: the desks' change batches as they were signed (headers and raw body), written in
# the transaction that applied them, forwarded upstream in this order.
relay_queue = Table(
    "relay_queue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("desk_id", String(36), nullable=False),
    Column("method", String(8), nullable=False),
    Column("path", String(200), nullable=False),
    Column("stamp", String(40), nullable=False),
    Column("nonce", String(64), nullable=False),
    Column("signature", String(120), nullable=False),
    Column("encoding", String(16), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("last_seq", Integer, nullable=False),
    Column("queued_at", DateTime(timezone=True), nullable=False),
    Column("forwarded_at", DateTime(timezone=True)),
    Column("error", Text),  # the upstream's last refusal, for the hub's status
    Index("relay_queue_waiting", "forwarded_at", "id"),
)

# At a hub: its identity at the upstream and its positions (key -> value).
hub_state = Table(
    "hub_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# At a hub: which of its desks the upstream knows, and which papers it holds.
hub_registered = Table(
    "hub_registered",
    metadata,
    Column("desk_id", String(36), primary_key=True),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)

hub_blobs_sent = Table(
    "hub_blobs_sent",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)
