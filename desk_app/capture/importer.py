"""Pages from files the officer picks or a scanner drops: JPEG, PNG, TIFF and PDF.

Every file is checked before it is decoded: by its content, not its name (a text file
named ``.jpg`` is refused), by the size its header announces (a 100,000 × 100,000 PNG is
refused before a byte of it is inflated), and, for PDFs, for encryption and scripts (in
any object, direct or indirect) and for what drawing a page would cost: the size of every
image a page draws (read from its dictionary, never decoded), of the page itself at the
resolution it will be rendered, and of every compressed stream once inflated (counted
while inflating, without keeping it).

Pages come one at a time (``iter_file``): a PDF page is rendered only when the one before
it has been taken, so memory holds one page, not the file. An ``ImportBudget`` caps the
pixels decoded and rendered by one import, whatever the number of files and pages.
The limits are in ``limits``; the PDF checks and rendering in ``pdf_import``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from desk_app.capture.errors import UnreadableFile, UnsafeFile
from desk_app.capture.limits import (
    MAX_FILE_BYTES,
    MAX_PAGE_PIXELS,
    MAX_PAGES,
    ImportBudget,
    check_pixels,
)
from desk_app.capture.page import MIN_DPI, RawPage
from desk_app.capture.pdf_import import pdf_plan, render_pdf

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


def read_file(path: Path, budget: ImportBudget | None = None) -> list[RawPage]:
    """Every page of the file at ``path`` (see ``iter_file``), in a list."""
    return list(iter_file(path, budget))


def file_data(path: Path) -> bytes:
    """The file's bytes, after checking it is a file of a size worth reading."""
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
    try:
        return path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"Không đọc được tệp {path.name}: {err.strerror or err}.") from err


def iter_file(
    path: Path, budget: ImportBudget | None = None, *, grey: bool = False
) -> Iterator[RawPage]:
    """The pages of the file at ``path``, one at a time (see ``iter_bytes``)."""
    return iter_bytes(file_data(path), path.name, budget, grey=grey)


def check_file(path: Path, budget: ImportBudget) -> None:
    """Every check ``iter_file`` makes before decoding, without decoding: the file's kind,
    its size, its pages and what they cost (spent from ``budget``)."""
    data = file_data(path)
    kind = _kind(data, path.name)
    if kind == "pdf":
        pdf_plan(data, path.name, budget)
    else:
        _image_plan(data, path.name, budget)


def read_bytes(data: bytes, name: str) -> list[RawPage]:
    """Every page of a file's content; a clear error for anything that is not a good scan."""
    return list(iter_bytes(data, name))


def iter_bytes(
    data: bytes, name: str, budget: ImportBudget | None = None, *, grey: bool = False
) -> Iterator[RawPage]:
    """The pages of a file's content, one at a time; every check that needs no decoding is
    made before the first page is given. ``grey``: PDF pages are rendered in grey (a third
    of the memory), for a component digitised in black and white or grey."""
    budget = budget or ImportBudget()
    kind = _kind(data, name)
    if kind == "pdf":
        plan = pdf_plan(data, name, budget)
        return render_pdf(data, name, plan, grey=grey)
    _image_plan(data, name, budget)
    return _image_pages(data, name)


def _kind(data: bytes, name: str) -> str:
    if not data:
        raise UnreadableFile(f"Tệp {name} rỗng (0 byte).")
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFile(f"Tệp {name} quá lớn; tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    kind = sniff(data)
    if kind is None:
        raise UnreadableFile(
            f"Tệp {name} không phải ảnh JPEG, PNG, TIFF hay PDF (có thể chỉ đổi đuôi tệp)."
        )
    return kind


def _image_plan(data: bytes, name: str, budget: ImportBudget) -> None:
    """Frames and their sizes from the headers (nothing is decoded), spent from ``budget``."""
    with _reading_image(name):
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_PAGES:
            raise UnsafeFile(f"Tệp {name} có {frames} trang; tối đa {MAX_PAGES}.")
        for index in range(frames):
            image.seek(index)
            check_pixels(image.size, name)
            budget.spend(image.size[0] * image.size[1], name)


@contextlib.contextmanager
def _reading_image(name: str) -> Iterator[None]:
    """Pillow's errors on a file being read, as the desk's words: a decompression bomb
    refused, a damaged or cut-short image unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise _bomb(name) from err
    except UnidentifiedImageError as err:
        raise UnreadableFile(f"Tệp {name} bị hỏng, không đọc được ảnh.") from err
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise UnreadableFile(
            f"Tệp {name} bị hỏng hoặc chưa ghi xong (ảnh bị cắt cụt), không đọc được."
        ) from err


def _bomb(name: str) -> UnsafeFile:
    return UnsafeFile(
        f"Ảnh {name} quá lớn (trên {MAX_PAGE_PIXELS // 1_000_000} triệu điểm ảnh); "
        "không mở để tránh treo máy. Hãy quét lại ở 300 dpi."
    )


def _image_pages(data: bytes, name: str) -> Iterator[RawPage]:
    with _reading_image(name):
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_PAGES:
            raise UnsafeFile(f"Tệp {name} có {frames} trang; tối đa {MAX_PAGES}.")
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            check_pixels(frame.size, name)
            dpi = _dpi_of(frame)
            frame.load()
            page = _normalise_mode(frame)
            origin = name if frames == 1 else f"{name}, trang {number}"
            again = functools.partial(_image_again, data, name, number - 1)
            yield RawPage(page, dpi, origin, reload=again)


def _image_again(data: bytes, name: str, index: int) -> Image.Image:
    """Frame ``index`` of an image file read before: decoded again, the same way."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.seek(index)
            image.load()
            return _normalise_mode(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise _bomb(name) from err
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise UnreadableFile(f"Tệp {name} bị hỏng, không đọc được ảnh.") from err


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
