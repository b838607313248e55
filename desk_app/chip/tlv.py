"""BER-TLV as the chip's files use it (ISO/IEC 7816-4 / ICAO 9303-10 §4)."""

from __future__ import annotations

from dataclasses import dataclass


class TlvError(ValueError):
    """Bytes that are not well-formed BER-TLV."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    raw: bytes  # tag, length and value as they were on the card

    @property
    def constructed(self) -> bool:
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        return parse_tlv(self.value)


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big") + encode_length(len(value)) + value


def read_header(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """(tag, length, offset of the value) of the object at ``offset``."""
    try:
        start = offset
        tag = data[offset]
        offset += 1
        if tag & 0x1F == 0x1F:
            while True:
                tag = (tag << 8) | data[offset]
                offset += 1
                if not data[offset - 1] & 0x80:
                    break
        length = data[offset]
        offset += 1
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 4:
                raise TlvError(f"unsupported length form at {start}")
            length = int.from_bytes(data[offset : offset + count], "big")
            if len(data[offset : offset + count]) != count:
                raise TlvError("truncated length")
            offset += count
    except IndexError:
        raise TlvError("truncated TLV header") from None
    return tag, length, offset


def parse_tlv(data: bytes) -> list[Tlv]:
    """Every object at the top level of ``data`` (padding bytes 00 and FF are skipped)."""
    out: list[Tlv] = []
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):
            offset += 1
            continue
        start = offset
        tag, length, offset = read_header(data, offset)
        end = offset + length
        if end > len(data):
            raise TlvError(f"object {tag:X} runs past the end")
        out.append(Tlv(tag, data[offset:end], data[start:end]))
        offset = end
    return out


def find(objects: list[Tlv], tag: int) -> Tlv | None:
    for obj in objects:
        if obj.tag == tag:
            return obj
    return None
