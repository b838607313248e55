"""The component PDF: G4 or JPEG at the true size, PDF/A-2b markers, metadata, name."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime
from pathlib import Path

import pikepdf
import pikepdf.pdfa

from bench.corpus import form_page, text_page
from desk_app.capture.cleanup import clean
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.pdf import PdfMeta, build_pdf, page_images
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.documents import digitised_file_name

META = PdfMeta(
    title="Tờ khai đăng ký khai sinh",
    dossier_code="000.00.27.H12-260304-0001",
    component="Tờ khai đăng ký khai sinh",
    officer="Nguyễn Thị Hoa",
    created_at=datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ),
    document_type="Giấy khai sinh",
)


def _pages(mode: ColourMode) -> list:
    return [clean(RawPage(text_page(seed=s).image, 300, "t"), mode) for s in (1, 2)]


def test_black_and_white_pages_are_ccitt_g4_at_their_true_size() -> None:
    data = build_pdf(_pages(ColourMode.BW), META)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        image = next(iter(pdf.pages[0].get_images().values()))
        assert "/CCITTFaxDecode" in str(image.Filter)
        parms = image.DecodeParms
        parms = parms[0] if isinstance(parms, pikepdf.Array) else parms
        assert int(parms.K) == -1  # Group 4
        width_pt = float(pdf.pages[0].mediabox[2])
        # kept at 200 dpi, the rule's minimum (scanned at 300), and the page's real size
        assert abs(width_pt - int(image.Width) / 200 * 72) < 1
        assert abs(width_pt - 595) < 20  # A4 less the lid's edge
    assert len(data) / 2 < 40_000  # issue 24: a full page of 12 pt text, ≤ 40 KB


def test_grey_pages_are_jpeg_2000_and_colour_pages_jpeg_at_200_dpi() -> None:
    for mode in (ColourMode.GREY, ColourMode.COLOUR):
        pages = [clean(RawPage(form_page().image, 300, "f"), mode)]
        with pikepdf.open(io.BytesIO(build_pdf(pages, META))) as pdf:
            image = next(iter(pdf.pages[0].get_images().values()))
            codec = "/JPXDecode" if mode is ColourMode.GREY else "/DCTDecode"
            assert codec in str(image.Filter)
            assert str(image.ColorSpace) == (
                "/DeviceGray" if mode is ColourMode.GREY else "/DeviceRGB"
            )
            assert abs(float(pdf.pages[0].mediabox[2]) - 595) < 3  # still A4 wide


def test_pdfa_markers_and_metadata(tmp_path: Path) -> None:
    data = build_pdf(_pages(ColourMode.BW)[:1], META)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Tờ khai đăng ký khai sinh"
        assert "000.00.27.H12-260304-0001" in meta["pdf:Keywords"]
        assert meta["dc:creator"] == ["Nguyễn Thị Hoa"]
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1 and int(intent.DestOutputProfile.N) == 3
        assert "/ID" in pdf.trailer
        assert pdf.check_pdf_syntax() == []  # qpdf finds nothing to repair
    # pikepdf's PDF/A validator (an allowlist: anything it does not know is a finding)
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    assert report.findings == []
    # poppler reads the same document info
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tờ khai đăng ký khai sinh" in info.stdout and "Nguyễn Thị Hoa" in info.stdout


def test_pages_come_back_as_they_went_in() -> None:
    pages = _pages(ColourMode.BW)
    images = page_images(build_pdf(pages, META))
    assert [im.size for im in images] == [p.image.size for p in pages]
    assert images[0].convert("1").tobytes() == pages[0].image.convert("1").tobytes()  # lossless


def test_file_name_pattern_and_no_path_escape() -> None:
    day = date(2026, 3, 4)
    assert (
        digitised_file_name("000.00.27.H12-260304-0001", day, "Bản sao Giấy khai sinh")
        == "000.00.27.H12-260304-0001_20260304_ban-sao-giay-khai-sinh.pdf"
    )
    name = digitised_file_name("../../etc/x", day, "../../../passwd")
    assert "/" not in name and not name.startswith(".")
