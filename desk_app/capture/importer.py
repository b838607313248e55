"""Pages from files the officer picks or a scanner drops: JPEG, PNG, TIFF and PDF.

Every file is checked before it is decoded: by its content, not its name (a text file
named ``.jpg`` is refused), by the size its header announces (a 100,000 × 100,000 PNG is
refused before a byte of it is inflated), and, for PDFs, for encryption and scripts.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from desk_app.capture.errors import UnreadableFile, UnsafeFile
from desk_app.capture.page import DEFAULT_DPI, MIN_DPI, RawPage

MAX_FILE_BYTES = 200 * 1024 * 1024
# A3 at 600 dpi is 70 Mpx; nothing a desk scans is bigger.
MAX_PAGE_PIXELS = 80_000_000
MAX_PAGES = 500
_A4_SHORT_INCHES = 210 / 25.4

ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated JPEG is an error, never half a page
Image.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS  # Pillow's own guard, in case a check is missed

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
KINDS = ("jpeg", "png", "tiff", "pdf")
FILE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf")


def sniff(data: bytes) -> str | None:
    """The file's kind from its first bytes, or None when it is none of ours."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    # PDF readers accept up to 1 KiB of junk before the header.
    return "pdf" if b"%PDF-" in data[:1024] else None


def read_file(path: Path) -> list[RawPage]:
    """Every page of the file at ``path`` (see ``read_bytes``)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as err:
        raise UnreadableFile(f"Không tìm thấy tệp {path.name}.") from err
    if not path.is_file():
        raise UnreadableFile(f"{path.name} không phải là tệp.")
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(
            f"Tệp {path.name} quá lớn ({size // (1024 * 1024)} MB); "
            f"tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> list[RawPage]:
    """Every page of a file's content; a clear error for anything that is not a good scan."""
    if not data:
        raise UnreadableFile(f"Tệp {name} rỗng (0 byte).")
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFile(f"Tệp {name} quá lớn; tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    kind = sniff(data)
    if kind is None:
        raise UnreadableFile(
            f"Tệp {name} không phải ảnh JPEG, PNG, TIFF hay PDF (có thể chỉ đổi đuôi tệp)."
        )
    if kind == "pdf":
        return _pdf_pages(data, name)
    return list(_image_pages(data, name))


def _image_pages(data: bytes, name: str) -> Iterator[RawPage]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_PAGES:
                raise UnsafeFile(f"Tệp {name} có {frames} trang; tối đa {MAX_PAGES}.")
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _check_pixels(frame.size, name)
                dpi = _dpi_of(frame)
                frame.load()
                page = _normalise_mode(frame)
                origin = name if frames == 1 else f"{name}, trang {number}"
                yield RawPage(page, dpi, origin)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise UnsafeFile(
            f"Ảnh {name} quá lớn (trên {MAX_PAGE_PIXELS // 1_000_000} triệu điểm ảnh); "
            "không mở để tránh treo máy. Hãy quét lại ở 300 dpi."
        ) from err
    except UnidentifiedImageError as err:
        raise UnreadableFile(f"Tệp {name} bị hỏng, không đọc được ảnh.") from err
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise UnreadableFile(
            f"Tệp {name} bị hỏng hoặc chưa ghi xong (ảnh bị cắt cụt), không đọc được."
        ) from err


def _check_pixels(size: tuple[int, int], name: str) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise UnreadableFile(f"Ảnh {name} không có điểm ảnh nào.")
    if width * height > MAX_PAGE_PIXELS:
        raise UnsafeFile(
            f"Ảnh {name} quá lớn ({width:,} × {height:,} điểm ảnh); "
            "không mở để tránh treo máy. Hãy quét lại ở 300 dpi."
        )


def _dpi_of(image: Image.Image) -> int:
    """The image's true resolution; guessed from an A4 width when the file does not say."""
    info = image.info.get("dpi")
    dpi = 0
    if isinstance(info, tuple) and info:
        try:
            dpi = round(float(info[0]))
        except (TypeError, ValueError):
            dpi = 0
    if dpi < 100:  # absent, or an editor's default of 72/96 on a scanned page
        dpi = round(min(image.size) / _A4_SHORT_INCHES)
    return max(1, dpi)


def _normalise_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("1", "L", "RGB"):
        return image.copy()
    if image.mode in ("LA", "RGBA", "P", "PA") and (
        "transparency" in image.info or image.mode.endswith("A")
    ):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I"):
        return image.point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


def check_resolution(page: RawPage) -> None:
    if page.dpi < MIN_DPI:
        raise UnreadableFile(
            f"{page.origin}: độ phân giải {page.dpi} dpi quá thấp; cần ít nhất {MIN_DPI} dpi."
        )


# --- PDF ------------------------------------------------------------------------------

_SCRIPT_KEYS = ("/JS", "/JavaScript")


def _pdf_pages(data: bytes, name: str) -> list[RawPage]:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as err:
        raise UnsafeFile(f"Tệp PDF {name} có mật khẩu; hãy gỡ mật khẩu hoặc quét lại.") from err
    except pikepdf.PdfError as err:
        raise UnreadableFile(f"Tệp PDF {name} bị hỏng, không đọc được.") from err
    with pdf:
        if pdf.is_encrypted:
            raise UnsafeFile(f"Tệp PDF {name} được mã hóa; hãy gỡ mã hóa hoặc quét lại.")
        if _has_script(pdf):
            raise UnsafeFile(
                f"Tệp PDF {name} chứa mã JavaScript; không nhận vì lý do an toàn. "
                "Hãy in ra giấy rồi quét lại, hoặc xuất lại thành PDF ảnh."
            )
        if len(pdf.pages) > MAX_PAGES:
            raise UnsafeFile(f"Tệp PDF {name} có {len(pdf.pages)} trang; tối đa {MAX_PAGES}.")
        resolutions = [_page_dpi(page) for page in pdf.pages]
    if not resolutions:
        raise UnreadableFile(f"Tệp PDF {name} không có trang nào.")
    return _render(data, name, resolutions)


def _has_script(pdf: object) -> bool:
    """True when any object of the PDF names JavaScript (actions, name tree, forms)."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary):
            keys = set(obj.keys())
            if any(key in keys for key in _SCRIPT_KEYS):
                return True
            if obj.get("/S") == pikepdf.Name.JavaScript:
                return True
    return False


def _page_dpi(page: object) -> int:
    """The resolution of the page's largest image (a scan), else the default."""
    import pikepdf

    assert isinstance(page, pikepdf.Page)
    width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
    best = 0
    try:
        for image in page.get_images().values():
            best = max(best, int(image.get("/Width", 0)))
    except (pikepdf.PdfError, KeyError, TypeError, ValueError):
        best = 0
    if not best or width_pt <= 0:
        return DEFAULT_DPI
    dpi = round(best / (width_pt / 72))
    return min(600, max(MIN_DPI, dpi))


def _render(data: bytes, name: str, resolutions: list[int]) -> list[RawPage]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as err:
        raise UnreadableFile(f"Tệp PDF {name} bị hỏng, không đọc được.") from err
    pages: list[RawPage] = []
    try:
        for number, dpi in enumerate(resolutions, start=1):
            page = document[number - 1]
            width, height = page.get_size()
            _check_pixels((round(width * dpi / 72), round(height * dpi / 72)), name)
            bitmap = page.render(scale=dpi / 72, grayscale=False)
            image = bitmap.to_pil().convert("RGB")
            origin = name if len(resolutions) == 1 else f"{name}, trang {number}"
            pages.append(RawPage(image, dpi, origin))
    except pypdfium2.PdfiumError as err:
        raise UnreadableFile(f"Tệp PDF {name} có trang hỏng, không đọc được.") from err
    finally:
        document.close()
    return pages
