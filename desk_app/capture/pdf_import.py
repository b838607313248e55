"""PDF files imported: checked before anything is drawn (encryption, scripts in any
object, the number of pages, and what drawing each page would cost: its images' pixels
read from their dictionaries, its own pixels, its streams inflated while counting), then
rendered one page at a time (pypdfium2)."""

from __future__ import annotations

import functools
import io
import zlib
from collections.abc import Iterator
from typing import Any

from PIL import Image

from desk_app.capture.errors import UnreadableFile, UnsafeFile
from desk_app.capture.limits import (
    MAX_PAGE_PIXELS,
    MAX_PAGES,
    MAX_STREAM_BYTES,
    ImportBudget,
    check_pixels,
    grouped,
)
from desk_app.capture.page import DEFAULT_DPI, MIN_DPI, RawPage

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


def pdf_plan(data: bytes, name: str, budget: ImportBudget) -> list[int]:
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
                check_pixels(pixels, cost.where)
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
                f"{self.where} có ảnh {grouped(width)} × {grouped(height)} điểm ảnh (trên "
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


def render_pdf(
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
        check_pixels((round(width * dpi / 72), round(height * dpi / 72)), name)
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
