"""JPEG 2000 for grey pages: a JP2 file of a given size, and the PDF/A-2 rules on it.

PDF/A-2 (ISO 19005-2, 6.2.8.3) allows JPXDecode images when the JPEG 2000 data has 1, 3
or 4 channels of one bit depth between 1 and 38, and colour specifications (``colr``) of
method 1, 2 or 3, exactly one of them marked as the approximation when there are several.
pikepdf's PDF/A validator does not judge JPEG 2000 images (it reports them unsupported),
so the desk checks these rules itself on every JPX image it writes (``jp2_problems``).
"""

from __future__ import annotations

import io
import struct

from PIL import Image


def encode(image: Image.Image, size: int, dpi: int) -> bytes:
    """``image`` as a JP2 file (irreversible wavelet) of about ``size`` bytes."""
    raw = image.width * image.height * len(image.getbands())
    out = io.BytesIO()
    image.save(
        out,
        format="JPEG2000",
        quality_mode="rates",
        quality_layers=[raw / max(1, size)],
        irreversible=True,
    )
    return _with_resolution(out.getvalue(), dpi)


def _with_resolution(jp2: bytes, dpi: int) -> bytes:
    """The JP2 file with its capture resolution (a ``res `` box in its header), which
    Pillow's encoder does not write: ``resc`` holds pixels per metre as num / den × 10^exp,
    here dpi × 10 / 254 × 10³, the same both ways."""
    resc = struct.pack(">HHHHbb", dpi * 10, 254, dpi * 10, 254, 3, 3)
    res = _box(b"res ", _box(b"resc", resc))
    for at, length, kind in _boxes(jp2):
        if kind == b"jp2h":
            header = jp2[at + 8 : at + length] + res
            return jp2[:at] + _box(b"jp2h", header) + jp2[at + length :]
    raise ValueError("a JP2 file without its header box")


def _box(kind: bytes, content: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(content), kind) + content


def _boxes(data: bytes) -> list[tuple[int, int, bytes]]:
    """(offset, length, type) of the boxes at the top level of ``data``."""
    found, at = [], 0
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if length == 1 and at + 16 <= len(data):
            length = struct.unpack(">Q", data[at + 8 : at + 16])[0]
        elif length == 0:
            length = len(data) - at  # the last box runs to the end
        if length < 8:
            break
        found.append((at, length, kind))
        at += length
    return found


def jp2_problems(data: bytes) -> list[str]:
    """What in this JPEG 2000 data breaks PDF/A-2 (6.2.8.3); empty if nothing."""
    header = next((data[a + 8 : a + n] for a, n, kind in _boxes(data) if kind == b"jp2h"), None)
    if header is None:
        return ["no JP2 header (a bare codestream)"]
    problems: list[str] = []
    methods: list[tuple[int, int]] = []
    channels = depth = None
    for at, length, kind in _boxes(header):
        content = header[at + 8 : at + length]
        if kind == b"ihdr" and len(content) >= 11:
            channels, depth = struct.unpack(">H", content[8:10])[0], content[10]
        elif kind == b"colr" and len(content) >= 3:
            methods.append((content[0], content[2]))
    if channels not in (1, 3, 4):
        problems.append(f"{channels} colour channels (1, 3 or 4 allowed)")
    if depth is None or depth == 255:
        problems.append("channels of different bit depths")
    elif not 1 <= (depth & 0x7F) + 1 <= 38:
        problems.append(f"bit depth {(depth & 0x7F) + 1} (1 to 38 allowed)")
    if not methods or any(method not in (1, 2, 3) for method, _ in methods):
        problems.append(f"colour specification methods {[m for m, _ in methods]}")
    if len(methods) > 1 and sum(1 for _, approx in methods if approx == 1) != 1:
        problems.append("several colour specifications, not exactly one marked APPROX 1")
    return problems
