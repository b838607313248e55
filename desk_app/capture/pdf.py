"""One compact PDF per component: CCITT G4 for black and white, JPEG 2000 for grey, JPEG for
colour.

Pages keep the scan's true resolution (the PDF page is the paper's real size). The file is
assembled by img2pdf (images are embedded as they are, never re-encoded), then pikepdf
adds the metadata (dossier code, component, officer, time) and makes it PDF/A-2b: an sRGB
output intent and XMP with the PDF/A identification. Signing (``signing.py``) comes after,
as an incremental update that keeps all of this.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageCms

from desk_app.capture import jpx
from desk_app.capture.cleanup import CleanPage
from desk_app.capture.page import ColourMode

if TYPE_CHECKING:
    import pikepdf

# img2pdf and pikepdf are imported where a PDF is made or read (on the task runner), not
# with this module: together 0.1-0.2 s that no window needs before its first paint.

GREY_QUALITY = 45
COLOUR_QUALITY = 50
# Grey pages are JPEG 2000 of this share of the bytes the JPEG at GREY_QUALITY takes: the
# JPEG's size measures how much the page holds (a text page, a photograph) and JPEG 2000
# keeps as much of it in half the bytes (issue 24: the grey notice 198 → 99 KB, read by
# tesseract as well; on a photograph and on an ID card it is closer to the original than
# the JPEG was). PDF/A-2, which the desk writes, allows JPXDecode (PDF/A-1 did not).
GREY_JPX_SHARE = 0.5
PRODUCER = "desk-app (Bộ phận Một cửa)"


@dataclass(frozen=True)
class PdfMeta:
    title: str  # the component's name
    dossier_code: str
    component: str
    officer: str
    created_at: datetime
    document_type: str = ""


def encode_page(page: CleanPage, *, quality: int | None = None) -> bytes:
    """The page's image file as it goes into the PDF: G4 TIFF, JPEG 2000 (grey) or JPEG
    (colour), with its dpi (a packed page's own bytes, unless a JPEG ``quality`` is asked
    for: then grey is a JPEG too)."""
    if page.encoded and (quality is None or page.mode is ColourMode.BW):
        return page.encoded
    dpi = (page.dpi, page.dpi)
    if page.mode is ColourMode.BW:
        out = io.BytesIO()
        image = page.image if page.image.mode == "1" else page.image.convert("1")
        image.save(out, format="TIFF", compression="group4", dpi=dpi)
        return out.getvalue()
    if page.mode is ColourMode.GREY:
        jpeg = _jpeg(page.image.convert("L"), quality or GREY_QUALITY, dpi)
        if quality:
            return jpeg
        return jpx.encode(page.image.convert("L"), round(len(jpeg) * GREY_JPX_SHARE), page.dpi)
    return _jpeg(page.image.convert("RGB"), quality or COLOUR_QUALITY, dpi)


def _jpeg(image: Image.Image, quality: int, dpi: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    image.save(
        out,
        format="JPEG",
        quality=quality,
        optimize=True,
        progressive=True,
        subsampling="4:2:0",
        dpi=dpi,
    )
    return out.getvalue()


def pack(page: CleanPage) -> CleanPage:
    """The page as it will be embedded (G4, JPEG 2000 or JPEG bytes), its pixels let go."""
    if page.is_packed:
        return page
    encoded = encode_page(page)
    return CleanPage(None, page.dpi, page.mode, page.skew, page.blank, page.origin, encoded=encoded)


def build_pdf(
    pages: list[CleanPage], meta: PdfMeta, *, quality: int | None = None, pdfa: bool = True
) -> bytes:
    """The component's PDF, pages in order."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    images = [encode_page(page, quality=quality) for page in pages]
    return assemble(images, meta, pdfa=pdfa)


def assemble(images: list[bytes], meta: PdfMeta, *, pdfa: bool = True) -> bytes:
    import img2pdf
    import pikepdf

    # Each page is its image at the image's resolution as Pillow reads it: img2pdf reads a
    # JP2 file's ``resc`` box upside down (pixels per metre taken for per inch).
    resolutions = iter([_resolution(image) for image in images])

    def layout(width: int, height: int, dpi: tuple[float, float]) -> Any:
        return img2pdf.default_layout_fun(width, height, next(resolutions) or dpi)

    raw = img2pdf.convert(
        images, engine=img2pdf.Engine.pikepdf, layout_fun=layout, first_frame_only=True
    )
    assert raw is not None
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        _describe(pdf, meta)
        out = io.BytesIO()
        if pdfa:
            _save_pdfa(pdf, out)
        else:
            pdf.save(out, fix_metadata_version=True, deterministic_id=True)
    return out.getvalue()


def _save_pdfa(pdf: pikepdf.Pdf, out: io.BytesIO) -> None:
    """Adds the sRGB output intent and the PDF/A identification, writes, then validates
    the bytes written against PDF/A-2b (pikepdf's allowlist validator, and ``jpx`` for the
    JPEG 2000 images it does not judge); a file that would not pass raises instead of
    being stored."""
    # imported here: the PDF/A engine costs 0.2 s to import, at the first paper stored (on
    # the task runner) rather than at every start
    from pikepdf.pdfa import PdfaError, prepare, resolve_save_kwargs, validate_written

    prepare(pdf, "2b", output_intent=_srgb_profile())
    settings = resolve_save_kwargs("2b")
    pdf.save(out, **settings)
    written = out.getvalue()
    report = validate_written(io.BytesIO(written), "2b", save_kwargs=settings)
    if report.passed:
        return
    unjudged = all(
        finding.kind == "unsupported" and "JPEG 2000" in finding.message
        for finding in report.findings
    )
    if not (report.verdict == "not_checked" and unjudged and not _jpx_problems(written)):
        raise PdfaError(report)


def _jpx_problems(data: bytes) -> list[str]:
    """What breaks PDF/A-2 in the JPEG 2000 images of this PDF (``jpx.jp2_problems``)."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for image in page.get_images().values():
                if isinstance(image, pikepdf.Stream) and "/JPXDecode" in str(image.get("/Filter")):
                    problems += jpx.jp2_problems(image.read_raw_bytes())
    return problems


def _resolution(image: bytes) -> tuple[float, float] | None:
    with Image.open(io.BytesIO(image)) as opened:
        dpi = opened.info.get("dpi")
    return (float(dpi[0]), float(dpi[1])) if dpi else None


def _describe(pdf: pikepdf.Pdf, meta: PdfMeta) -> None:
    stamp = meta.created_at.isoformat(timespec="seconds")
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = meta.title
        xmp["dc:creator"] = [meta.officer]
        xmp["dc:description"] = f"Hồ sơ {meta.dossier_code} — {meta.component}"
        xmp["dc:subject"] = [meta.dossier_code, meta.component, meta.document_type or "scan"]
        xmp["xmp:CreateDate"] = stamp
        xmp["xmp:ModifyDate"] = stamp
        xmp["xmp:MetadataDate"] = stamp
        xmp["xmp:CreatorTool"] = PRODUCER
        xmp["pdf:Producer"] = PRODUCER
        xmp["pdf:Keywords"] = f"{meta.dossier_code}; {meta.component}"


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return bytes(profile.tobytes())


def page_images(data: bytes) -> list[Image.Image]:
    """The page images of a PDF this module built (for checks and thumbnails)."""
    import pikepdf

    images: list[Image.Image] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for raw in page.get_images().values():
                assert isinstance(raw, pikepdf.Stream)
                images.append(pikepdf.PdfImage(raw).as_pil_image())
    return images
