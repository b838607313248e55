"""JPEG 2000 for grey pages: its size, its resolution, and the PDF/A-2 rules checked on it."""

from __future__ import annotations

import io
from datetime import datetime

import pikepdf
import pytest
from pikepdf.pdfa import PdfaError
from PIL import Image

from bench.corpus import text_page
from desk_app.capture.jpx import encode, jp2_problems
from desk_app.capture.pdf import PdfMeta, assemble
from desk_app.domain.calendar import VN_TZ

META = PdfMeta(
    "Tờ khai", "000.00.27.H12-261122-0001", "Tờ khai", "Cán bộ",
    datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ),
)  # fmt: skip


def _grey_page() -> Image.Image:
    page = text_page().image.reduce(3)  # 100 dpi is enough to have something to code
    return page.convert("L")


def test_the_file_is_about_the_size_asked_and_states_its_resolution() -> None:
    data = encode(_grey_page(), 30_000, 200)
    assert 24_000 < len(data) <= 31_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.info["dpi"] == pytest.approx((200, 200))
    assert jp2_problems(data) == []


def test_the_page_of_a_jpeg_2000_image_has_the_papers_size() -> None:
    image = Image.new("L", (1654, 2339), 200)  # A4 at 200 dpi
    with pikepdf.open(io.BytesIO(assemble([encode(image, 5_000, 200)], META))) as pdf:
        width, height = (float(x) for x in pdf.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 1 and abs(height - 842) < 1


def test_what_pdfa_2_forbids_in_jpeg_2000_is_found_and_such_a_file_never_written() -> None:
    two_channels = io.BytesIO()
    Image.new("LA", (64, 64), (200, 255)).save(two_channels, format="JPEG2000")
    assert any("2 colour channels" in p for p in jp2_problems(two_channels.getvalue()))
    bare = io.BytesIO()
    Image.new("L", (64, 64), 200).save(bare, format="JPEG2000", no_jp2=True)
    assert jp2_problems(bare.getvalue()) == ["no JP2 header (a bare codestream)"]
    with pytest.raises(PdfaError):  # the validator leaves it unjudged; the desk's check refuses
        assemble([two_channels.getvalue()], META)
