"""USB packs sealed to the server's key: a lost stick shows nothing of the citizens.

The desk already holds the server's Ed25519 public key (pinned at enrolment); its X25519
form (the birational map from Edwards to Montgomery coordinates, as libsodium's
``crypto_sign_ed25519_pk_to_curve25519``) is the recipient of an ephemeral X25519
exchange, and the server opens it with the X25519 form of its own signing key. So no
new key has to travel to desks, including those enrolled before packs were sealed.

File: ``MAGIC``, the ephemeral public key (32 bytes), then chunks of at most 1 MiB of
the zip, each ``length (4 bytes, big-endian) || AES-256-GCM(chunk)``. The key comes from
HKDF-SHA256 over the shared secret, bound to both public keys; each chunk's nonce is its
number and a "last" flag, and the header is authenticated with every chunk, so a chunk
altered, dropped, reordered or cut off (a truncated pack) is refused before a single byte
of the zip is read.
"""

from __future__ import annotations

import hashlib
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

MAGIC = b"DESK-APP-SEALED-PACK/1\n"
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1024 * 1024
TAG = 16
_P = 2**255 - 19


class SealBroken(Exception):
    """A sealed pack that cannot be opened; ``str`` is the Vietnamese reason."""


def x25519_public(key: Ed25519PublicKey) -> X25519PublicKey:
    """The Montgomery form of an Ed25519 public key: u = (1 + y) / (1 - y) mod p."""
    y = int.from_bytes(key.public_bytes(Encoding.Raw, PublicFormat.Raw), "little") & (
        (1 << 255) - 1
    )
    if y >= _P or y == 1:
        raise ValueError("not a usable Ed25519 public key")
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return X25519PublicKey.from_public_bytes(u.to_bytes(32, "little"))


def x25519_private(key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The X25519 key with the same scalar as an Ed25519 key (SHA-512 of the seed, first
    half; X25519 clamps it as Ed25519 does)."""
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return X25519PrivateKey.from_private_bytes(hashlib.sha512(seed).digest()[:32])


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    info = b"desk-app sealed pack 1" + ephemeral + recipient
    return AESGCM(HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(shared))


def _nonce(number: int, last: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def seal(plain: bytes, server_key: Ed25519PublicKey, out: BinaryIO) -> None:
    """Write ``plain`` sealed to the server whose signing key is ``server_key``."""
    recipient = x25519_public(server_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    recipient_raw = recipient.public_bytes(Encoding.Raw, PublicFormat.Raw)
    cipher = _key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw)
    header = MAGIC + ephemeral_raw
    out.write(header)
    count = max(1, -(-len(plain) // CHUNK))
    for number in range(count):
        chunk = plain[number * CHUNK : (number + 1) * CHUNK]
        sealed = cipher.encrypt(_nonce(number, number == count - 1), chunk, header)
        out.write(struct.pack(">I", len(sealed)) + sealed)


def is_plain_zip(start: bytes) -> bool:
    return start.startswith(ZIP_MAGIC)


def open_sealed(source: BinaryIO, server_key: Ed25519PrivateKey, out: BinaryIO) -> None:
    """Write the zip sealed in ``source`` to ``out``, or raise ``SealBroken``."""
    head = source.read(len(MAGIC))
    if is_plain_zip(head):
        raise SealBroken(
            "chưa được mã hóa (phần mềm quầy phiên bản cũ): máy chủ không nhận gói để lộ "
            "dữ liệu công dân. Hãy cập nhật phần mềm quầy và xuất gói mới"
        )
    if head != MAGIC:
        raise SealBroken("không phải gói dữ liệu của quầy (hoặc hỏng ngay từ đầu)")
    ephemeral_raw = source.read(32)
    if len(ephemeral_raw) != 32:
        raise SealBroken("hỏng hoặc bị cắt cụt")
    mine = x25519_private(server_key)
    recipient_raw = mine.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    try:
        shared = mine.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
    except ValueError:
        raise SealBroken("hỏng (khóa tạm không hợp lệ)") from None
    cipher = _key(shared, ephemeral_raw, recipient_raw)
    header = MAGIC + ephemeral_raw
    number = 0
    while True:
        size_bytes = source.read(4)
        if len(size_bytes) != 4:
            raise SealBroken("hỏng hoặc bị cắt cụt (thiếu phần cuối)")
        (size,) = struct.unpack(">I", size_bytes)
        if not TAG <= size <= CHUNK + TAG:
            raise SealBroken("hỏng (độ dài một phần không hợp lệ)")
        sealed = source.read(size)
        if len(sealed) != size:
            raise SealBroken("hỏng hoặc bị cắt cụt")
        for last in (False, True):
            try:
                chunk = cipher.decrypt(_nonce(number, last), sealed, header)
            except InvalidTag:
                continue
            break
        else:
            raise SealBroken(
                "đã bị sửa, bị cắt hoặc không được mã hóa cho máy chủ này (giải mã thất bại)"
            )
        out.write(chunk)
        number += 1
        if last:
            if source.read(1):
                raise SealBroken("có dữ liệu lạ sau phần cuối: gói đã bị sửa")
            return
