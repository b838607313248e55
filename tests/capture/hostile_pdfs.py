"""Hostile PDFs built with pikepdf, for the import's memory and script checks."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf

A4 = (595, 842)


def _deflated_zeros(size: int, *, times: int = 1) -> bytes:
    """``size`` zero bytes deflated ``times`` times, made in 1 MB steps (never held)."""
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    parts = []
    left = size
    while left:
        step = min(left, len(chunk))
        parts.append(packer.compress(chunk[:step]))
        left -= step
    parts.append(packer.flush())
    data = b"".join(parts)
    for _ in range(times - 1):
        data = zlib.compress(data, 9)
    return data


def one_huge_image(pages: int = 40, side: int = 20_000, *, nested: bool = False) -> bytes:
    """The issue's file: ``pages`` A4 pages that all draw one ``side`` × ``side`` grey
    image, its data deflated (twice when ``nested``: a few KB for 400 MB)."""
    pdf = pikepdf.new()
    times = 2 if nested else 1
    image = pikepdf.Stream(pdf, _deflated_zeros(side * side, times=times))
    image["/Type"] = pikepdf.Name.XObject
    image["/Subtype"] = pikepdf.Name.Image
    image["/Width"] = side
    image["/Height"] = side
    image["/ColorSpace"] = pikepdf.Name.DeviceGray
    image["/BitsPerComponent"] = 8
    image["/Filter"] = pikepdf.Array([pikepdf.Name.FlateDecode] * times)
    image = pdf.make_indirect(image)
    for _ in range(pages):
        content = pdf.make_stream(f"q {A4[0]} 0 0 {A4[1]} 0 0 cm /Im0 Do Q".encode())
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=pikepdf.Array([0, 0, *A4]),
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=content,
        )
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def inline_script(where: str) -> bytes:
    """A one-page PDF whose JavaScript sits in a dictionary written inline (a direct
    object), never in an object of its own: the page's ``/AA``, the catalogue's
    ``/OpenAction``, or a link annotation's ``/A`` written into the page."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=A4)
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    page = pdf.pages[0].obj
    if where == "page /AA":
        page["/AA"] = pikepdf.Dictionary(O=action)
    elif where == "/OpenAction":
        pdf.Root["/OpenAction"] = action
    elif where == "annotation /A":
        page["/Annots"] = pikepdf.Array(
            [pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                Rect=pikepdf.Array([0, 0, 100, 100]), A=action)]
        )  # fmt: skip
    elif where == "names tree":
        pdf.Root["/Names"] = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), action]))
        )
    else:
        raise ValueError(where)
    out = io.BytesIO()
    # no object streams, and the action stays direct: pikepdf keeps what it was given
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def honest_scan(path: Path, pages: int, *, dpi: int = 200, seed: int = 1) -> Path:
    """A scanner's PDF: one grey JPEG per A4 page at ``dpi``, every page different."""
    import img2pdf
    from PIL import Image, ImageDraw

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    images = []
    for number in range(pages):
        page = Image.new("L", (width, height), 235)
        draw = ImageDraw.Draw(page)
        for row in range(40):
            y = 120 + row * (height - 240) // 40
            length = (width - 240) * (0.5 + 0.5 * ((row * 7 + number * 13 + seed) % 11) / 10)
            draw.rectangle((120, y, 120 + length, y + dpi // 25), fill=30)
        draw.text((120, 40), f"Trang {number + 1}", fill=0)
        out = io.BytesIO()
        page.save(out, format="JPEG", quality=70, dpi=(dpi, dpi))
        images.append(out.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    data = img2pdf.convert(images, layout_fun=layout)
    assert data is not None
    path.write_bytes(data)
    return path
