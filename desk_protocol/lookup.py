"""The ``t=`` of a receipt's QR: the desk's signed word that it received a dossier, so the
public status page can say so before the dossier reaches the server. No personal data.

Format 2 (printed since issue 26): ``base32(fields ‖ Ed25519 signature)``, upper case and
unpadded, so a QR codes it in alphanumeric mode and the whole link stays near 200
characters. ``fields`` are binary (version byte, desk number within the commune, UTC
offset, received and appointment times in minutes, procedure code); the signature covers
them together with the dossier code and the look-up secret of the same link, which
therefore need not be repeated in the token. The server finds the desk by the commune of
the code and the desk number.

Format 1 (receipts printed before): ``b64url(canonical JSON).b64url(signature)`` with the
desk id, code, procedure, times and a hint of the secret. The server still reads it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desk_protocol.encoding import b64url, canonical, unb64url

LOOKUP_TOKEN_VERSION = 2
SIGNATURE_BYTES = 64
MAX_PROCEDURE_CODE = 40
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_FIELDS = struct.Struct(">BBbII")  # version, desk number, offset (¼ h), received, due (min)
_DOMAIN = b"desk-lookup-token/2\x00"


@dataclass(frozen=True)
class LookupClaims:
    """What a format-2 token says (besides the code and secret of its link)."""

    desk_number: int
    procedure_code: str
    received_at: datetime
    due_at: datetime

    def page_claims(self) -> dict[str, str]:
        """The claims as the status page shows them (format 1's keys)."""
        return {
            "p": self.procedure_code,
            "r": self.received_at.isoformat(timespec="minutes"),
            "a": self.due_at.isoformat(timespec="minutes"),
        }


def _minutes(at: datetime) -> int:
    minutes = (at - _EPOCH) // timedelta(minutes=1)
    if not 0 <= minutes < 2**32:
        raise ValueError(f"time out of the token's range: {at.isoformat()}")
    return minutes


def _fields(claims: LookupClaims) -> bytes:
    offset = claims.received_at.utcoffset()
    if offset is None:
        raise ValueError("a lookup token's times carry their time zone")
    quarters, rest = divmod(offset, timedelta(minutes=15))
    procedure = claims.procedure_code.encode("ascii")
    if rest or not -96 < quarters < 96 or not 0 <= claims.desk_number <= 255:
        raise ValueError("a time zone or desk number the token cannot carry")
    if not 1 <= len(procedure) <= MAX_PROCEDURE_CODE:
        raise ValueError("a procedure code the token cannot carry")
    return (
        _FIELDS.pack(
            LOOKUP_TOKEN_VERSION,
            claims.desk_number,
            quarters,
            _minutes(claims.received_at),
            _minutes(claims.due_at),
        )
        + procedure
    )


def lookup_message(code: str, secret: str, fields: bytes) -> bytes:
    """What a format-2 token's signature covers: its fields, the link's code and secret."""
    code_digest = hashlib.sha256(code.encode()).digest()
    secret_digest = hashlib.sha256(secret.encode()).digest()
    return _DOMAIN + code_digest + secret_digest + fields


def lookup_token(key: Ed25519PrivateKey, code: str, secret: str, claims: LookupClaims) -> str:
    """The format-2 token of the link ``…/tra-cuu/<code>?k=<secret>&t=<token>``."""
    fields = _fields(claims)
    signature = key.sign(lookup_message(code, secret, fields))
    return base64.b32encode(fields + signature).decode("ascii").rstrip("=")


def read_lookup_token(token: str) -> tuple[LookupClaims, bytes, bytes] | None:
    """(claims, signed fields, signature) of a format-2 token, or None when it is not one.
    Nothing here is checked against a key: see ``lookup_message``."""
    text = token.strip().upper()
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    fields, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    if len(fields) <= _FIELDS.size or len(fields) > _FIELDS.size + MAX_PROCEDURE_CODE:
        return None
    version, desk_number, quarters, received, due = _FIELDS.unpack_from(fields)
    try:
        procedure = fields[_FIELDS.size :].decode("ascii")
        zone = timezone(timedelta(minutes=15 * quarters))
        claims = LookupClaims(
            desk_number=desk_number,
            procedure_code=procedure,
            received_at=(_EPOCH + timedelta(minutes=received)).astimezone(zone),
            due_at=(_EPOCH + timedelta(minutes=due)).astimezone(zone),
        )
    except (UnicodeDecodeError, ValueError, OverflowError):
        return None
    if version != LOOKUP_TOKEN_VERSION or not procedure.isprintable():
        return None
    return claims, fields, signature


def is_format_1(token: str) -> bool:
    """Whether ``token`` is of the first format (its two base64url parts joined by a dot)."""
    return "." in token


# --- format 1: printed on receipts before issue 26; the server still reads it ---------------


def secret_hint(secret: str) -> str:
    """What a format-1 token says of the dossier's secret (enough to check ``k=``, no more)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:32]


def lookup_token_v1(key: Ed25519PrivateKey, claims: dict[str, str]) -> str:
    """A format-1 token: desk id, code, procedure, received and appointment times, and the
    secret's hint as canonical JSON, and its signature."""
    body = canonical(claims)
    return f"{b64url(body)}.{b64url(key.sign(body))}"


def read_lookup_token_v1(token: str) -> tuple[dict[str, str], bytes, bytes] | None:
    """(claims, signed bytes, signature) of a format-1 token, or None when it is not one."""
    try:
        body_text, signature_text = token.split(".", 1)
        body = unb64url(body_text)
        claims = json.loads(body)
        signature = unb64url(signature_text)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(claims, dict) or not all(isinstance(v, str) for v in claims.values()):
        return None
    return claims, body, signature
