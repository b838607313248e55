"""Compression bombs for the server's limits (``bench/hostile.py``): a gzip stream and
raw deflate of any size of zeros built without compressing it all, a zip written by
hand, and a USB pack whose entries inflate to a given size."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from pathlib import Path

import desk_protocol as protocol

MIB = 1 << 20


def gzip_bomb(mib: int) -> bytes:
    """A valid gzip stream of ``mib`` MiB of zeros (about 1 KB per MiB), built without
    compressing it all: after a full flush, deflate's output for the same input repeats."""
    zeros = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + block * mib + end + struct.pack("<II", crc, (mib * MIB) & 0xFFFFFFFF)


def deflate_bomb(mib: int) -> tuple[bytes, int]:
    """Raw deflate of ``mib`` MiB of zeros, and its CRC-32 (for a zip member)."""
    data = gzip_bomb(mib)
    crc = struct.unpack("<I", data[-8:-4])[0]
    return data[10:-8], crc


def write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """A zip file from (name, stored bytes, method 0 or 8, crc, inflated size)."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                           len(data), size, len(encoded), 0) + encoded + data  # fmt: skip
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21,
                               crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                               offset) + encoded  # fmt: skip
    start = len(out)
    out += central
    count = len(members)
    if count > 0xFFFF:  # zip64 end record and its locator
        end64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                           len(central), start)  # fmt: skip
        out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
        count = 0xFFFF
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    path.write_bytes(bytes(out))


def bomb_pack(path: Path, desk_id: str, mib: int) -> None:
    """A USB pack with a made-up signature whose entries inflate to ``mib`` MiB."""
    manifest = json.dumps(
        {
            "document": {
                "format": protocol.PACK_FORMAT,
                "desk_id": desk_id,
                "from_seq": 1,
                "to_seq": 1,
                "entries_sha256": "0" * 64,
                "blobs": [],
            },
            "signature": base64.b64encode(b"\0" * 64).decode(),
        }
    ).encode()
    entries, crc = deflate_bomb(mib)
    write_zip(
        path,
        [
            (protocol.PACK_MANIFEST, manifest, 0, zlib.crc32(manifest), len(manifest)),
            (protocol.PACK_ENTRIES, entries, 8, crc, mib * MIB),
        ],
    )
