"""How a request, an answer and a document are signed, and how a signature is checked.

Every request of an enrolled desk carries its id, a UTC timestamp, a random nonce and an
Ed25519 signature over method, path, timestamp, nonce and the body's SHA-256. The server
refuses a timestamp more than ``MAX_SKEW_SECONDS`` away and a nonce it has seen inside
that window, so a captured request cannot be replayed. Every answer of the server is
signed in turn, over its status, the request's method, path and nonce, and its body.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desk_protocol.encoding import b64, canonical, load_public_key, unb64
from desk_protocol.versions import HEADER_PROTOCOL, PROTOCOL_VERSION
from desk_protocol.wire import (
    HEADER_DESK,
    HEADER_NONCE,
    HEADER_SERVER_SIGNATURE,
    HEADER_SERVER_TIME,
    HEADER_SIGNATURE,
    HEADER_TIME,
)


def key_fingerprint(public_key: str) -> str:
    """What a person compares of a public key (the hub's, read on its screen and at the
    desk): the first 128 bits of the SHA-256 of its raw bytes, in groups of four."""
    digest = hashlib.sha256(load_public_key(public_key).public_bytes_raw()).hexdigest().upper()
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def same_fingerprint(given: str, fingerprint: str) -> bool:
    """``given`` (typed by a person: any case, with or without dashes or spaces) is
    ``fingerprint``."""

    def plain(text: str) -> str:  # full-width digits from an input method count as typed
        return "".join(c for c in unicodedata.normalize("NFKC", text).upper() if c.isalnum())

    typed, known = plain(given), plain(fingerprint)
    if not typed or not typed.isascii():  # (no fingerprint has such a letter; compare_digest
        return False  # takes ASCII only)
    return hmac.compare_digest(typed, known)


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


def signing_message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def signed_headers(
    key: Ed25519PrivateKey,
    desk_id: str,
    method: str,
    path: str,
    body: bytes,
    *,
    version: str = PROTOCOL_VERSION,
) -> dict[str, str]:
    """The headers that authenticate one request of ``desk_id`` (speaking ``version``)."""
    timestamp = datetime.now(UTC).isoformat(timespec="seconds")
    nonce = new_nonce()
    signature = key.sign(signing_message(method, path, timestamp, nonce, body))
    return {
        HEADER_PROTOCOL: version,
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
