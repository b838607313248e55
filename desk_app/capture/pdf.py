"""One compact PDF per component: CCITT G4 for black and white, JPEG for grey and colour.

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
from typing import TYPE_CHECKING

from PIL import Image, ImageCms

from desk_app.capture.cleanup import CleanPage
from desk_app.capture.page import ColourMode

if TYPE_CHECKING:
    import pikepdf

# img2pdf and pikepdf are imported where a PDF is made or read (on the task runner), not
# with this module: together 0.1-0.2 s that no window needs before its first paint.

GREY_QUALITY = 45
COLOUR_QUALITY = 50
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
    """The page's image file as it goes into the PDF: G4 TIFF or JPEG, with its dpi (a
    packed page's own bytes, unless another JPEG ``quality`` is asked for)."""
    if page.encoded and (quality is None or page.mode is ColourMode.BW):
        return page.encoded
    out = io.BytesIO()
    dpi = (page.dpi, page.dpi)
    if page.mode is ColourMode.BW:
        image = page.image if page.image.mode == "1" else page.image.convert("1")
        image.save(out, format="TIFF", compression="group4", dpi=dpi)
    else:
        default = GREY_QUALITY if page.mode is ColourMode.GREY else COLOUR_QUALITY
        image = page.image.convert("L" if page.mode is ColourMode.GREY else "RGB")
        image.save(
            out,
            format="JPEG",
            quality=quality or default,
            optimize=True,
            progressive=True,
            subsampling="4:2:0",
            dpi=dpi,
        )
    return out.getvalue()


def pack(page: CleanPage) -> CleanPage:
    """The page as it will be embedded (G4 or JPEG bytes), its pixels let go."""
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

    raw = img2pdf.convert(images, engine=img2pdf.Engine.pikepdf)
    assert raw is not None
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        _describe(pdf, meta)
        out = io.BytesIO()
        if pdfa:
            # Adds the sRGB output intent and the PDF/A identification, writes, then
            # validates the bytes written against PDF/A-2b (pikepdf's allowlist validator);
            # a file that would not pass raises instead of being stored.
            # imported here: the PDF/A engine costs 0.2 s to import, at the first paper
            # stored (on the task runner) rather than at every start
            from pikepdf.pdfa import save as pdfa_save

            pdfa_save(pdf, out, "2b", output_intent=_srgb_profile())
        else:
            pdf.save(out, fix_metadata_version=True, deterministic_id=True)
    return out.getvalue()


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
