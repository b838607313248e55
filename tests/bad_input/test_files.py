"""Files handed to digitisation that are corrupt, disguised or dangerous: each refused
with the file named, nothing stored (no document, no paper file, no log entry)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from desk_app.domain.errors import DeskError
from desk_app.services.desk import Desk
from tests.bad_input.conftest import dossier_code


def _png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def _tiff() -> bytes:
    out = io.BytesIO()
    Image.new("L", (40, 30), 255).save(out, format="TIFF", dpi=(300, 300))
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="JPEG", dpi=(300, 300))
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header claiming a huge image (a decompression bomb's first bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    body = struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + body + b"\0\0\0\0IEND\xaeB`\x82"


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _pdf_without_pages() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


FILES: list[tuple[str, str, Callable[[], bytes]]] = [
    ("empty", "trong.png", lambda: b""),
    ("text disguised as PNG", "to-khai.png", lambda: "Tờ khai đăng ký khai sinh".encode()),
    ("HTML disguised as JPEG", "anh.jpg", lambda: "<html><body>ảnh</body></html>".encode()),
    ("Windows program disguised as TIFF", "quet.tiff", lambda: b"MZ\x90\x00" + b"\0" * 200),
    ("ELF program disguised as PDF", "ho-so.pdf", lambda: b"\x7fELF" + b"\0" * 200),
    ("Word document disguised as PDF", "don.pdf", _zip),
    ("PNG cut in half", "cat.png", lambda: _png()[: len(_png()) // 2]),
    ("PNG header only", "dau.png", lambda: _png()[:16]),
    ("TIFF cut short", "cat.tiff", lambda: _tiff()[:60]),
    ("JPEG cut short", "cat.jpg", lambda: _jpeg()[:40]),
    ("PNG claiming 100000 × 100000", "bom.png", lambda: _png_claiming(100_000, 100_000)),
    ("PNG claiming 0 × 0", "rong.png", lambda: _png_claiming(0, 0)),
    ("PDF header then junk", "hong.pdf", lambda: b"%PDF-1.7\n" + b"\xff" * 300),
    ("PDF cut after the header", "cut.pdf", lambda: b"%PDF-1.4\n1 0 obj<</Type/Catalog"),
    ("PDF without pages", "khong-trang.pdf", _pdf_without_pages),
    ("PNG signature then text", "gia.png", lambda: b"\x89PNG\r\n\x1a\n" + b"text" * 50),
    ("JPEG signature then zeros", "gia.jpg", lambda: b"\xff\xd8\xff\xe0" + b"\0" * 500),
    ("TIFF signature then zeros", "gia.tif", lambda: b"II*\x00" + b"\0" * 500),
    ("GIF", "anh.gif", lambda: b"GIF89a" + b"\0" * 100),
    ("plain text", "ghi-chu.txt", lambda: b"ghi chu"),
]


@pytest.mark.parametrize(("what", "name", "content"), FILES, ids=[f[0] for f in FILES])
def test_a_bad_file_is_refused_with_its_name(
    unchanged: Desk, tmp_path: Path, what: str, name: str, content: Callable[[], bytes]
) -> None:
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(DeskError) as raised:
        unchanged.digitisation.digitise_files(dossier_code(unchanged), 1, [path])
    assert name in raised.value.message, raised.value.message


def test_one_bad_file_among_good_ones_stores_none(unchanged: Desk, tmp_path: Path) -> None:
    good, bad = tmp_path / "tot.png", tmp_path / "hong.png"
    good.write_bytes(_png())
    bad.write_bytes(_png()[:30])
    with pytest.raises(DeskError, match=r"hong\.png"):
        unchanged.digitisation.digitise_files(dossier_code(unchanged), 1, [good, bad])


PLACES = [
    ("a file that is not there", lambda tmp: tmp / "khong-co.png"),
    ("a folder", lambda tmp: tmp),
]


@pytest.mark.parametrize(("what", "where"), PLACES, ids=[p[0] for p in PLACES])
def test_a_path_that_is_not_a_file_is_refused(
    unchanged: Desk, tmp_path: Path, what: str, where: Callable[[Path], Path]
) -> None:
    path = where(tmp_path)
    said = (
        f"Không tìm thấy tệp {path.name}."
        if what == PLACES[0][0]
        else f"{path.name} không phải là tệp."
    )
    with pytest.raises(DeskError, match=re.escape(said)):
        unchanged.digitisation.digitise_files(dossier_code(unchanged), 1, [path])


@pytest.mark.parametrize(
    ("code", "position"),
    [("000.00.31.H26-260304-9999", 1), ("", 1), ("'; DROP TABLE dossiers; --", 1),
     ("CODE", 0), ("CODE", -1), ("CODE", 99)],
)  # fmt: skip
def test_a_wrong_dossier_or_component_is_refused(
    unchanged: Desk, tmp_path: Path, code: str, position: int
) -> None:
    path = tmp_path / "tot.png"
    path.write_bytes(_png())
    said = (
        f"không có thành phần số {position}. Các thành phần: 1. Tờ khai"
        if code == "CODE"
        else f"Không có hồ sơ mã «{code}» tại quầy này."
    )
    with pytest.raises(DeskError, match=re.escape(said)):
        unchanged.digitisation.digitise_files(
            dossier_code(unchanged) if code == "CODE" else code, position, [path]
        )
