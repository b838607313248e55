"""Sealed packs: only the server opens them, and a cut, reordered or altered one is refused."""

from __future__ import annotations

import io
import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desk_protocol import sealed

SERVER = Ed25519PrivateKey.generate()
DATA = bytes(range(256)) * (2 * sealed.CHUNK // 256) + b"tail"  # three chunks


def _sealed(data: bytes = DATA, key: Ed25519PrivateKey = SERVER) -> bytes:
    out = io.BytesIO()
    sealed.seal(data, key.public_key(), out)
    return out.getvalue()


def _open(blob: bytes, key: Ed25519PrivateKey = SERVER) -> bytes:
    out = io.BytesIO()
    sealed.open_sealed(io.BytesIO(blob), key, out)
    return out.getvalue()


def _chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    header_size = len(sealed.MAGIC) + 32
    header, rest, chunks = blob[:header_size], blob[header_size:], []
    while rest:
        (size,) = struct.unpack(">I", rest[:4])
        chunks.append(rest[: 4 + size])
        rest = rest[4 + size :]
    return header, chunks


def test_the_desk_s_x25519_form_of_the_pinned_key_is_the_server_s() -> None:
    for _ in range(20):
        key = Ed25519PrivateKey.generate()
        assert sealed.x25519_public(key.public_key()).public_bytes(
            Encoding.Raw, PublicFormat.Raw
        ) == sealed.x25519_private(key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@pytest.mark.parametrize("size", [0, 1, sealed.CHUNK, len(DATA)])
def test_round_trip(size: int) -> None:
    assert _open(_sealed(DATA[:size])) == DATA[:size]


TAMPERED = "đã bị sửa, bị cắt hoặc không được mã hóa cho máy chủ này (giải mã thất bại)"
WHY = {  # what the district's operator is told
    "last chunk dropped": "hỏng hoặc bị cắt cụt (thiếu phần cuối)",
    "cut mid-chunk": "hỏng hoặc bị cắt cụt",
    "chunks swapped": TAMPERED,
    "one bit flipped": TAMPERED,
    "bytes appended": "có dữ liệu lạ sau phần cuối: gói đã bị sửa",
    "header changed": TAMPERED,
}


def test_cut_reordered_altered_or_foreign_packs_are_refused() -> None:
    blob = _sealed()
    header, chunks = _chunks(blob)
    assert len(chunks) == 3
    cases = {
        "last chunk dropped": header + chunks[0] + chunks[1],
        "cut mid-chunk": blob[:-100],
        "chunks swapped": header + chunks[1] + chunks[0] + chunks[2],
        "one bit flipped": blob[:-50] + bytes([blob[-50] ^ 1]) + blob[-49:],
        "bytes appended": blob + b"x",
        "header changed": header[:-1] + bytes([header[-1] ^ 1]) + b"".join(chunks),
    }
    for what, bad in cases.items():
        with pytest.raises(sealed.SealBroken) as refused:
            _open(bad)
        assert str(refused.value) == WHY[what], what
    with pytest.raises(sealed.SealBroken, match="không được mã hóa cho máy chủ này"):
        _open(blob, Ed25519PrivateKey.generate())
    with pytest.raises(sealed.SealBroken, match="chưa được mã hóa"):
        _open(b"PK\x03\x04" + b"\0" * 100)
