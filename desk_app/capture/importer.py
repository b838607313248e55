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
"""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from desk_app.capture.errors import UnreadableFile, UnsafeFile
from desk_app.capture.page import DEFAULT_DPI, MIN_DPI, RawPage

MAX_FILE_BYTES = 200 * 1024 * 1024
# A3 at 600 dpi is 70 Mpx; nothing a desk scans is bigger.
MAX_PAGE_PIXELS = 80_000_000
MAX_PAGES = 500
# One import (the files of one component) decodes and renders at most this many pixels:
# 200 A4 pages at 300 dpi are 3.5 billion (each page's image decoded, then rendered).
MAX_IMPORT_PIXELS = 4_000_000_000
# A content stream or a form, inflated; an image's data beyond its stated size.
MAX_STREAM_BYTES = 32 * 1024 * 1024
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


class ImportBudget:
    """The pixels one import may still decode and render (``MAX_IMPORT_PIXELS``)."""

    def __init__(self, pixels: int = MAX_IMPORT_PIXELS) -> None:
        self.limit = pixels
        self.used = 0

    def spend(self, pixels: int, name: str) -> None:
        if self.used + pixels > self.limit:
            raise UnsafeFile(
                f"Tệp {name}: lần nhập này vượt quá {_n(self.limit // 1_000_000)} triệu điểm "
                "ảnh (ảnh quá lớn hoặc quá nhiều trang). Hãy chia thành nhiều lần nhập, hoặc "
                "quét lại ở 200–300 dpi."
            )
        self.used += pixels


def _n(number: int) -> str:
    """``20.000``: thousands separated as Vietnamese writes them."""
    return f"{number:,}".replace(",", ".")


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
        _pdf_plan(data, path.name, budget)
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
        plan = _pdf_plan(data, name, budget)
        return _render(data, name, plan, grey=grey)
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
            _check_pixels(image.size, name)
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
            _check_pixels(frame.size, name)
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
# Filters that can make a stream larger than it is in the file (each may be chained).
_EXPANDING = {
    "/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/RunLengthDecode", "/RL",
    "/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85",
}  # fmt: skip
_FLATE = {"/FlateDecode", "/Fl"}
_MAX_DEPTH = 12  # forms inside forms: a scan has one level, a loop has no end


def _open_pdf(data: bytes, name: str) -> Any:
    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as err:
        raise UnsafeFile(f"Tệp PDF {name} có mật khẩu; hãy gỡ mật khẩu hoặc quét lại.") from err
    except pikepdf.PdfError as err:
        raise UnreadableFile(f"Tệp PDF {name} bị hỏng, không đọc được.") from err


def _pdf_plan(data: bytes, name: str, budget: ImportBudget) -> list[int]:
    """The resolution each page will be rendered at, after every check that needs no
    rendering: encryption, scripts, the number of pages, and what each page costs (its
    images' pixels, its own pixels at that resolution, its streams inflated)."""
    import pikepdf

    pdf = _open_pdf(data, name)
    with pdf:
        if pdf.is_encrypted:
            raise UnsafeFile(f"Tệp PDF {name} được mã hóa; hãy gỡ mã hóa hoặc quét lại.")
        try:
            if _has_script(pdf):
                raise UnsafeFile(
                    f"Tệp PDF {name} chứa mã JavaScript; không nhận vì lý do an toàn. "
                    "Hãy in ra giấy rồi quét lại, hoặc xuất lại thành PDF ảnh."
                )
            if len(pdf.pages) > MAX_PAGES:
                raise UnsafeFile(f"Tệp PDF {name} có {len(pdf.pages)} trang; tối đa {MAX_PAGES}.")
            resolutions = []
            for number, page in enumerate(pdf.pages, start=1):
                cost = _PageCost(name if len(pdf.pages) == 1 else f"{name}, trang {number}")
                cost.page(page)
                dpi = _page_dpi(page)
                width, height = _page_size(page, name)
                pixels = (round(width * dpi / 72), round(height * dpi / 72))
                _check_pixels(pixels, cost.where)
                budget.spend(cost.pixels + pixels[0] * pixels[1], name)
                resolutions.append(dpi)
        except (pikepdf.PdfError, RecursionError, TypeError, ValueError) as err:
            raise UnreadableFile(f"Tệp PDF {name} bị hỏng, không đọc được.") from err
    if not resolutions:
        raise UnreadableFile(f"Tệp PDF {name} không có trang nào.")
    return resolutions


def _page_size(page: Any, name: str) -> tuple[float, float]:
    box = [float(v) for v in page.mediabox]
    width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
    if not (0 < width < 15_000 and 0 < height < 15_000):
        raise UnreadableFile(f"Tệp PDF {name} có trang không có kích thước hợp lệ.")
    return width, height


class _PageCost:
    """What drawing one page decodes: every image it reaches (through forms, patterns,
    Type 3 fonts, soft masks and annotations' appearances) by the size its dictionary
    states, and every compressed stream by inflating it once, counting, keeping nothing."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.pixels = 0
        self._seen: set[tuple[int, int]] = set()

    def page(self, page: Any) -> None:
        import pikepdf

        self.contents(page.obj.get("/Contents"))
        self.inline_images(page)
        self.resources(page.obj.get("/Resources"), 0)
        for annot in _array(page.obj.get("/Annots")):
            if isinstance(annot, pikepdf.Dictionary):
                appearance = annot.get("/AP")
                if isinstance(appearance, pikepdf.Dictionary):
                    for state in appearance.values():
                        for form in state.values() if _is_plain_dict(state) else [state]:
                            self.xobject(form, 1)

    def contents(self, contents: Any) -> None:
        import pikepdf

        for stream in _array(contents):
            if isinstance(stream, pikepdf.Stream):
                self.stream(stream, MAX_STREAM_BYTES)

    def inline_images(self, holder: Any) -> None:
        import pikepdf

        for item in pikepdf.parse_content_stream(holder, "BI ID EI"):
            if isinstance(item, pikepdf.ContentStreamInlineImage):
                image = item.iimage
                self.add_pixels(_dimension(image.width), _dimension(image.height))

    def resources(self, resources: Any, depth: int) -> None:
        import pikepdf

        if not isinstance(resources, pikepdf.Dictionary):
            return
        if depth > _MAX_DEPTH:
            raise UnsafeFile(f"{self.where}: nội dung lồng nhau quá sâu; không mở.")
        for xobject in _values(resources.get("/XObject")):
            self.xobject(xobject, depth)
        for pattern in _values(resources.get("/Pattern")):
            if isinstance(pattern, pikepdf.Stream):  # a tiling pattern draws like a form
                self.form(pattern, depth)
        for font in _values(resources.get("/Font")):
            type3 = isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type3"
            if type3 and self.first_time(font):
                for glyph in _values(font.get("/CharProcs")):
                    if isinstance(glyph, pikepdf.Stream):
                        self.form(glyph, depth, own_resources=font.get("/Resources"))
        for state in _values(resources.get("/ExtGState")):
            mask = state.get("/SMask") if isinstance(state, pikepdf.Dictionary) else None
            if isinstance(mask, pikepdf.Dictionary):
                self.xobject(mask.get("/G"), depth)

    def xobject(self, xobject: Any, depth: int) -> None:
        import pikepdf

        if not isinstance(xobject, pikepdf.Stream) or not self.first_time(xobject):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self.image(xobject)
        elif subtype == "/Form":
            self.form(xobject, depth)

    def image(self, image: Any) -> None:
        import pikepdf

        width, height = _dimension(image.get("/Width")), _dimension(image.get("/Height"))
        self.add_pixels(width, height)
        # at most 4 components of 16 bits: more data than that is not an image's
        self.stream(image, width * height * 8 + 1024 * 1024)
        for key in ("/SMask", "/Mask"):
            mask = image.get(key)
            if isinstance(mask, pikepdf.Stream) and self.first_time(mask):
                self.image(mask)

    def form(self, form: Any, depth: int, own_resources: Any = None) -> None:
        self.stream(form, MAX_STREAM_BYTES)
        self.inline_images(form)
        self.resources(own_resources or form.get("/Resources"), depth + 1)

    def add_pixels(self, width: int, height: int) -> None:
        if width * height > MAX_PAGE_PIXELS:
            raise UnsafeFile(
                f"{self.where} có ảnh {_n(width)} × {_n(height)} điểm ảnh (trên "
                f"{MAX_PAGE_PIXELS // 1_000_000} triệu); không mở để tránh treo máy. Hãy quét "
                "lại ở 300 dpi."
            )
        self.pixels += width * height

    def first_time(self, obj: Any) -> bool:
        if not obj.is_indirect:
            return True
        key = obj.objgen
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def stream(self, stream: Any, limit: int) -> None:
        """Refuse a stream that would inflate beyond ``limit`` bytes, without holding it."""
        filters = [str(f) for f in _array(stream.get("/Filter"))]
        expanding = [f for f in filters if f in _EXPANDING]
        if len(expanding) > 1:
            raise UnsafeFile(
                f"{self.where}: dữ liệu nén nhiều lớp ({' '.join(expanding)}); máy quét không "
                "tạo tệp như vậy, không mở để tránh treo máy."
            )
        if not expanding or expanding[0] not in _FLATE or filters[0] not in _FLATE:
            return  # image codecs (DCT, CCITT, JBIG2, JPX) are bounded by the image's size
        inflater = zlib.decompressobj()
        raw = stream.read_raw_bytes()
        total = 0
        for start in range(0, len(raw), 64 * 1024):
            chunk = raw[start : start + 64 * 1024]
            while chunk:
                try:
                    out = inflater.decompress(chunk, 1024 * 1024)
                except zlib.error:
                    return  # broken data: the renderer stops at it, nothing to inflate
                total += len(out)
                if total > limit:
                    raise UnsafeFile(
                        f"{self.where}: dữ liệu nén bung ra quá lớn (trên {limit // 1_048_576} "
                        "MB); không mở để tránh treo máy."
                    )
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                return


def _array(value: Any) -> list[Any]:
    import pikepdf

    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _values(value: Any) -> list[Any]:
    import pikepdf

    return list(value.values()) if isinstance(value, pikepdf.Dictionary) else []


def _is_plain_dict(value: Any) -> bool:
    import pikepdf

    return isinstance(value, pikepdf.Dictionary) and not isinstance(value, pikepdf.Stream)


def _dimension(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        raise UnreadableFile("Tệp PDF có ảnh không có kích thước hợp lệ.")
    return number


def _has_script(pdf: object) -> bool:
    """True when any object of the PDF names JavaScript: indirect objects and every
    dictionary written inside them (an ``/AA`` or ``/OpenAction`` written inline), the
    trailer, actions, the names tree, forms."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    pending: list[Any] = [pdf.trailer, *pdf.objects]
    seen: set[tuple[int, int]] = set()
    while pending:
        obj = pending.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Array) and obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary):  # streams' dictionaries too
            keys = set(obj.keys())
            if any(key in keys for key in _SCRIPT_KEYS):
                return True
            if obj.get("/S") == pikepdf.Name.JavaScript:
                return True
            children = obj.values()
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        # direct children are walked here; indirect ones are in pdf.objects already
        pending.extend(
            child
            for child in children
            if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect
        )
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


def _render(
    data: bytes, name: str, resolutions: list[int], *, grey: bool = False
) -> Iterator[RawPage]:
    """The pages rendered one at a time: each is rendered when the caller asks for it, and
    the renderer's copy is closed before the next."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as err:
        raise UnreadableFile(f"Tệp PDF {name} bị hỏng, không đọc được.") from err
    try:
        if len(document) != len(resolutions):
            raise UnreadableFile(f"Tệp PDF {name} bị hỏng, không đọc được.")
        for number, dpi in enumerate(resolutions, start=1):
            image = _render_page(document, number - 1, dpi, name, grey=grey)
            origin = name if len(resolutions) == 1 else f"{name}, trang {number}"
            again = functools.partial(_render_again, data, name, number - 1, dpi, grey)
            yield RawPage(image, dpi, origin, reload=again)
            del image
    except pypdfium2.PdfiumError as err:
        raise UnreadableFile(f"Tệp PDF {name} có trang hỏng, không đọc được.") from err
    finally:
        document.close()


def _render_page(document: Any, index: int, dpi: int, name: str, *, grey: bool) -> Image.Image:
    page = document[index]
    try:
        width, height = page.get_size()
        _check_pixels((round(width * dpi / 72), round(height * dpi / 72)), name)
        bitmap = page.render(scale=dpi / 72, grayscale=grey)
        try:
            image: Image.Image = bitmap.to_pil()
            wanted = "L" if grey else "RGB"
            # a copy, never a view of the renderer's buffer (closed below)
            return image.copy() if image.mode == wanted else image.convert(wanted)
        finally:
            bitmap.close()
    finally:
        page.close()


def _render_again(data: bytes, name: str, index: int, dpi: int, grey: bool) -> Image.Image:
    """Page ``index`` of a PDF rendered before (every check made): rendered again, alone."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
        try:
            return _render_page(document, index, dpi, name, grey=grey)
        finally:
            document.close()
    except pypdfium2.PdfiumError as err:
        raise UnreadableFile(f"Tệp PDF {name} có trang hỏng, không đọc được.") from err
