"""Hostile PDFs built with pikepdf, for the import's memory and script checks."""

from __future__ import annotations

import io
import zlib

import pikepdf

from bench.import_memory import honest_scan

__all__ = ["honest_scan", "inline_script", "one_huge_image"]

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
