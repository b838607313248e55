"""What desk and server agree on: paths, headers, limits, and how a request is signed.

Every request of an enrolled desk carries its id, a UTC timestamp, a random nonce and an
Ed25519 signature over method, path, timestamp, nonce and the body's SHA-256. The server
refuses a timestamp more than ``MAX_SKEW_SECONDS`` away and a nonce it has seen inside
that window, so a captured request cannot be replayed. Shared by ``district_server``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

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
TUS_VERSION = "1.0.0"
CHUNK_BYTES = 256 * 1024
MAX_BLOB_BYTES = 200 * 1024 * 1024

HEADER_DESK = "X-Desk-Id"
HEADER_TIME = "X-Desk-Time"
HEADER_NONCE = "X-Desk-Nonce"
HEADER_SIGNATURE = "X-Desk-Signature"
HEADER_BACKLOG = "X-Desk-Backlog"  # entries waiting at the desk (for the district view)
# Which protocol the desk speaks; a request without it comes from a desk too old to check
# the server's answers, and is refused (it would believe a forged acknowledgement).
HEADER_PROTOCOL = "X-Desk-Protocol"
PROTOCOL_VERSION = "2"
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


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def public_key_text(key: Ed25519PublicKey) -> str:
    return b64(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def load_public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(text))


def canonical(document: object) -> bytes:
    """The bytes a manifest or an acknowledgement is signed over."""
    import json

    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign_document(key: Ed25519PrivateKey, document: dict[str, object]) -> dict[str, object]:
    """``document`` with its Ed25519 signature over its canonical JSON."""
    return {"document": document, "signature": b64(key.sign(canonical(document)))}


def document_signed_by(public_key: Ed25519PublicKey, signed: dict[str, object]) -> bool:
    document, signature = signed.get("document"), signed.get("signature")
    if not isinstance(document, dict) or not isinstance(signature, str):
        return False
    try:
        public_key.verify(unb64(signature), canonical(document))
    except (InvalidSignature, ValueError):
        return False
    return True


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def secret_hint(secret: str) -> str:
    """What a lookup token says of the dossier's secret (enough to check ``k=``, no more)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:32]


def lookup_token(key: Ed25519PrivateKey, claims: dict[str, str]) -> str:
    """The ``t=`` of a receipt's QR: the desk's signed word that it received the dossier,
    so the status page can say so before the dossier reaches the server. No personal data:
    desk id, code, procedure, received and appointment times, and the secret's hint."""
    body = canonical(claims)
    return f"{_b64url(body)}.{_b64url(key.sign(body))}"


def read_lookup_token(token: str) -> tuple[dict[str, str], bytes, bytes] | None:
    """(claims, signed bytes, signature) of a token, or None when it is not one."""
    import json

    try:
        body_text, signature_text = token.split(".", 1)
        body = _unb64url(body_text)
        claims = json.loads(body)
        signature = _unb64url(signature_text)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(claims, dict) or not all(isinstance(v, str) for v in claims.values()):
        return None
    return claims, body, signature


def signing_message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def signed_headers(
    key: Ed25519PrivateKey, desk_id: str, method: str, path: str, body: bytes
) -> dict[str, str]:
    """The headers that authenticate one request of ``desk_id``."""
    timestamp = datetime.now(UTC).isoformat(timespec="seconds")
    nonce = new_nonce()
    signature = key.sign(signing_message(method, path, timestamp, nonce, body))
    return {
        HEADER_PROTOCOL: PROTOCOL_VERSION,
        HEADER_DESK: desk_id,
        HEADER_TIME: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: b64(signature),
    }


def answer_message(
    status: int, method: str, path: str, nonce: str, timestamp: str, body: bytes
) -> bytes:
    """What the server signs of an answer. It starts with "answer" so that no request's
    signing message (which starts with a method) can ever be taken for an answer's."""
    digest = hashlib.sha256(body).hexdigest()
    return f"answer\n{status}\n{method.upper()}\n{path}\n{nonce}\n{timestamp}\n{digest}".encode()


def answer_headers(
    key: Ed25519PrivateKey, status: int, method: str, path: str, nonce: str, body: bytes
) -> dict[str, str]:
    """The headers that authenticate one answer of the server."""
    timestamp = datetime.now(UTC).isoformat(timespec="seconds")
    signature = key.sign(answer_message(status, method, path, nonce, timestamp, body))
    return {HEADER_SERVER_TIME: timestamp, HEADER_SERVER_SIGNATURE: b64(signature)}


def answer_signed(
    public_key: Ed25519PublicKey,
    headers: Mapping[str, str],
    status: int,
    method: str,
    path: str,
    nonce: str,
    body: bytes,
) -> bool:
    """Whether ``headers`` carry the server's signature of exactly this answer to exactly
    the request that used ``nonce``."""
    signature = headers.get(HEADER_SERVER_SIGNATURE, "")
    timestamp = headers.get(HEADER_SERVER_TIME, "")
    if not signature or not timestamp:
        return False
    try:
        public_key.verify(
            unb64(signature), answer_message(status, method, path, nonce, timestamp, body)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def enrol_mac(code: str, desk_public_key: str, body: bytes) -> str:
    """The one-time code's word on an enrolment answer (hex HMAC-SHA256)."""
    key = code.strip().upper().encode()
    message = f"enrol\n{desk_public_key}\n{hashlib.sha256(body).hexdigest()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_hex(16)


def signature_valid(
    public_key: Ed25519PublicKey,
    signature: str,
    method: str,
    path: str,
    timestamp: str,
    nonce: str,
    body: bytes,
) -> bool:
    try:
        public_key.verify(unb64(signature), signing_message(method, path, timestamp, nonce, body))
    except (InvalidSignature, ValueError):
        return False
    return True


AUDIT_ANCHOR_FORMAT = "district-server-audit-anchor/1"


def audit_anchor(
    key: Ed25519PrivateKey, desk_id: str, seq: int, head: str, at: datetime
) -> dict[str, object]:
    """The server's signed word that it holds ``desk_id``'s audit chain through ``seq``
    with head ``head`` (in the answer to an audit push, and in a USB acknowledgement)."""
    document: dict[str, object] = {
        "format": AUDIT_ANCHOR_FORMAT,
        "desk_id": desk_id,
        "seq": seq,
        "hash": head,
        "signed_at": at.astimezone(UTC).isoformat(timespec="seconds"),
    }
    return sign_document(key, document)


def read_audit_anchor(
    public_key_text: str, desk_id: str, signed: object
) -> tuple[int, str, str] | None:
    """(seq, head, signed_at) of an anchor signed by the pinned server key for this desk,
    or None when it is not one (unsigned, another key, another desk, malformed)."""
    if not isinstance(signed, dict) or not public_key_text:
        return None
    try:
        key = load_public_key(public_key_text)
    except ValueError:
        return None
    if not document_signed_by(key, signed):
        return None
    document = signed["document"]
    seq, head, at = document.get("seq"), document.get("hash"), document.get("signed_at")
    if (
        document.get("format") != AUDIT_ANCHOR_FORMAT
        or document.get("desk_id") != desk_id
        or not isinstance(seq, int)
        or isinstance(seq, bool)
        or seq < 0
        or not isinstance(head, str)
        or len(head) != 64
        or not isinstance(at, str)
    ):
        return None
    return seq, head, at
