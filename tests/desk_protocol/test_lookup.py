"""The receipt QR's token, format 2: compact, alphanumeric, bound to its link's code and
secret; format 1 still read."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol

HANOI = timezone(timedelta(hours=7))
CODE = "000.00.31.H26-261207-1001"
SECRET = "HTjQwZFMAFbh44TL"
CLAIMS = protocol.LookupClaims(
    desk_number=3,
    procedure_code="1.001193",
    received_at=datetime(2026, 12, 7, 9, 41, tzinfo=HANOI),
    due_at=datetime(2026, 12, 10, 17, 0, tzinfo=HANOI),
)


def _verify(key: Ed25519PrivateKey, token: str, code: str, secret: str) -> bool:
    read = protocol.read_lookup_token(token)
    if read is None:
        return False
    _, fields, signature = read
    try:
        key.public_key().verify(signature, protocol.lookup_message(code, secret, fields))
    except InvalidSignature:
        return False
    return True


def test_a_token_reads_back_whole_and_is_short_and_alphanumeric() -> None:
    key = Ed25519PrivateKey.generate()
    token = protocol.lookup_token(key, CODE, SECRET, CLAIMS)
    # 19 bytes of fields and the 64-byte signature (the floor), base32 without padding
    assert len(token) == 133
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")  # QR alphanumeric mode
    assert not protocol.is_format_1(token)
    read = protocol.read_lookup_token(token)
    assert read is not None and read[0] == CLAIMS
    assert read[0].received_at.utcoffset() == timedelta(hours=7)
    assert read[0].page_claims() == {
        "p": "1.001193",
        "r": "2026-12-07T09:41+07:00",
        "a": "2026-12-10T17:00+07:00",
    }
    assert _verify(key, token, CODE, SECRET)
    assert _verify(key, token.lower(), CODE, SECRET)  # a phone that lower-cases the link


def test_the_signature_binds_the_code_the_secret_the_fields_and_the_key() -> None:
    key = Ed25519PrivateKey.generate()
    token = protocol.lookup_token(key, CODE, SECRET, CLAIMS)
    assert not _verify(key, token, CODE[:-1] + "2", SECRET)
    assert not _verify(key, token, CODE, SECRET + "x")
    assert not _verify(Ed25519PrivateKey.generate(), token, CODE, SECRET)
    raw = bytearray(base64.b32decode(token + "=" * (-len(token) % 8)))
    for at in (1, 6, 10, 12, len(raw) - 1):  # desk, received, due, procedure, signature
        altered = raw.copy()
        altered[at] ^= 0x01
        text = base64.b32encode(bytes(altered)).decode().rstrip("=")
        assert not _verify(key, text, CODE, SECRET), at


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not base32!",
        "AAAA",
        base64.b32encode(bytes(83)).decode(),  # version 0
        base64.b32encode(b"\x02" + bytes(9) + b"\xff" * 9 + bytes(64)).decode(),
        base64.b32encode(b"\x02\x01\x7f" + bytes(8) + b"1.1" + bytes(64)).decode(),  # +31¾ h
        base64.b32encode(b"\x02\x01\x00" + b"\xff" * 8 + b"1.1" + bytes(64)).decode(),
        base64.b32encode(b"\x02\x01\x00" + bytes(8) + b"\x00" + bytes(64)).decode(),
    ],
)
def test_what_is_no_format_2_token_reads_as_none(token: str) -> None:
    assert protocol.read_lookup_token(token) is None


def test_what_the_format_cannot_carry_is_refused_when_signing() -> None:
    key = Ed25519PrivateKey.generate()
    naive = CLAIMS.received_at.replace(tzinfo=None)
    for claims in (
        CLAIMS.__class__(3, "1.001193", naive, CLAIMS.due_at),
        CLAIMS.__class__(3, "thủ tục", CLAIMS.received_at, CLAIMS.due_at),
        CLAIMS.__class__(3, "1" * 41, CLAIMS.received_at, CLAIMS.due_at),
        CLAIMS.__class__(300, "1.001193", CLAIMS.received_at, CLAIMS.due_at),
        CLAIMS.__class__(3, "1.001193", datetime(2019, 1, 1, tzinfo=UTC), CLAIMS.due_at),
    ):
        with pytest.raises(ValueError):
            protocol.lookup_token(key, CODE, SECRET, claims)


def test_a_format_1_token_is_told_apart_and_still_reads() -> None:
    key = Ed25519PrivateKey.generate()
    claims = {"d": "desk", "c": CODE, "p": "1.001193", "r": "2026-12-07T09:41+07:00",
              "a": "2026-12-10T17:00+07:00", "h": protocol.secret_hint(SECRET)}  # fmt: skip
    token = protocol.lookup_token_v1(key, claims)
    assert protocol.is_format_1(token)
    read = protocol.read_lookup_token_v1(token)
    assert read is not None and read[0] == claims
    key.public_key().verify(read[2], read[1])
