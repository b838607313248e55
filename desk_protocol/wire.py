"""What desk and server agree on: paths, headers, limits, and the names of the USB pack's
parts and of the signed documents' formats (the protocol's message types)."""

from __future__ import annotations

API = "/api/v1"
ENROL_PATH = f"{API}/enrol"
TIME_PATH = f"{API}/time"
CHANGES_PATH = f"{API}/changes"
# This desk's own entries from a seq on, as the server holds them: what a desk restored
# from an older backup fetches back (its log is behind what the server acknowledged).
OWN_CHANGES_PATH = f"{API}/changes/own"
UPDATES_PATH = f"{API}/updates"
PUBLISHED_PATH = f"{API}/published"  # catalogue versions, calendar days, officer accounts
PUBLISHED_KINDS = ("catalogue", "calendar", "officer")
AUDIT_PATH = f"{API}/audit"  # the desk's audit chain, appended in order
MAX_AUDIT_ENTRIES = 500
BLOBS_MISSING_PATH = f"{API}/blobs/missing"
BLOBS_PATH = f"{API}/blobs"  # GET …/<sha256>: a paper this desk once sent, back (restore)
UPLOADS_PATH = f"{API}/uploads"  # tus 1.0 core: POST creates, HEAD tells the offset, PATCH appends
# A commune's LAN hub speaking to its upstream (as itself, with its own pinned key): the desks
# enrolled at the hub, registered upstream on its word; the desks' signed batches forwarded
# as they were signed; and what a new hub needs to rebuild from (the commune's desks and
# their entries).
HUB_DESKS_PATH = f"{API}/hub/desks"
HUB_RELAY_PATH = f"{API}/hub/relay"
HUB_CHANGES_PATH = f"{API}/hub/changes"
# The hub's key certified by the upstream for its commune (a document the upstream signed):
# a desk whose hub was rebuilt with a new key takes that key only on this word of the
# upstream it pinned at enrolment.
HUB_CERTIFICATE_PATH = f"{API}/hub/certificate"
HUB_CERTIFICATE_FORMAT = "district-server-hub/1"
# A hub's optional advertisement on its LAN (mDNS/DNS-SD, ``serve --advertise``): its
# commune and its key's fingerprint; a desk enrols only with the key the officer confirms.
HUB_SERVICE_TYPE = "_deskhub._tcp.local."
MAX_RELAY_ITEMS = 50
TUS_VERSION = "1.0.0"
CHUNK_BYTES = 256 * 1024
MAX_BLOB_BYTES = 200 * 1024 * 1024

HEADER_DESK = "X-Desk-Id"
HEADER_TIME = "X-Desk-Time"
HEADER_NONCE = "X-Desk-Nonce"
HEADER_SIGNATURE = "X-Desk-Signature"
HEADER_BACKLOG = "X-Desk-Backlog"  # entries waiting at the desk (for the district view)
# Every answer of the API is signed by the server's key (pinned by the desk at enrolment)
# over its status, the request's method, path and nonce, the time and the body's SHA-256.
HEADER_SERVER_TIME = "X-Server-Time"
HEADER_SERVER_SIGNATURE = "X-Server-Signature"
# The enrolment answer (the desk has no key pinned yet) is also authenticated by the
# one-time code: an HMAC-SHA256 keyed by the code, over the desk's key and the answer.
HEADER_ENROL_MAC = "X-Server-Enrol-Mac"

PACK_MANIFEST = "manifest.json"
PACK_SIGNATURE = "manifest.sig"
PACK_ENTRIES = "entries.json"
PACK_AUDIT = "audit.json"  # the audit chain after what the server holds, as /audit takes it
PACK_BLOB_DIR = "blobs/"
PACK_FORMAT = "desk-app-pack/1"
ACK_FORMAT = "district-server-ack/1"

MAX_SKEW_SECONDS = 300
MAX_BATCH_ENTRIES = 500
MAX_BATCH_BYTES = 2 * 1024 * 1024  # uncompressed JSON of one batch
