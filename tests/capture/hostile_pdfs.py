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


def huge_image_hidden(where: str, side: int = 20_000) -> bytes:
    """One page drawing a ``side`` × ``side`` image from somewhere other than the page's
    own resources: inherited from the page tree, inside a form inside a form, in a tiling
    pattern, as an image's soft mask, in an annotation's appearance, or inline."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=A4)
    page = pdf.pages[0].obj

    def image() -> pikepdf.Stream:
        stream = pikepdf.Stream(pdf, _deflated_zeros(side * side, times=2))
        _set(stream, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=side,
                      Height=side, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                      Filter=pikepdf.Array([pikepdf.Name.FlateDecode] * 2))  # fmt: skip
        return pdf.make_indirect(stream)

    def form(resources: pikepdf.Dictionary, draw: bytes = b"/X Do") -> pikepdf.Stream:
        stream = pdf.make_stream(draw)
        _set(stream, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                      BBox=pikepdf.Array([0, 0, *A4]), Resources=resources)  # fmt: skip
        return stream

    if where == "inherited":
        page["/Contents"] = pdf.make_stream(b"/X Do")
        if "/Resources" in page:
            del page["/Resources"]
        pdf.Root.Pages["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=image()))
    elif where == "form in a form":
        inner = form(pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=image())))
        outer = form(pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner)))
        page["/Contents"] = pdf.make_stream(b"/X Do")
        page["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=outer))
    elif where == "pattern":
        pattern = form(pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=image())))
        _set(pattern, PatternType=1, PaintType=1, TilingType=1, XStep=595, YStep=842)
        page["/Contents"] = pdf.make_stream(b"/Pattern cs /P scn 0 0 595 842 re f")
        page["/Resources"] = pikepdf.Dictionary(Pattern=pikepdf.Dictionary(P=pattern))
    elif where == "soft mask":
        small = pdf.make_stream(b"\0" * 100)
        _set(small, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=10,
                     Height=10, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                     SMask=image())  # fmt: skip
        page["/Contents"] = pdf.make_stream(b"/X Do")
        page["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=small))
    elif where == "annotation":
        appearance = form(pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=image())))
        page["/Annots"] = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square,
            Rect=pikepdf.Array([0, 0, *A4]), AP=pikepdf.Dictionary(N=appearance),
        )])  # fmt: skip
    elif where == "inline":
        page["/Contents"] = pdf.make_stream(
            f"q BI /W {side} /H {side} /CS /G /BPC 8 ID ".encode() + b"\0" * 16 + b" EI Q"
        )
    else:
        raise ValueError(where)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def _set(obj: pikepdf.Object, **entries: object) -> None:
    for key, value in entries.items():
        obj[f"/{key}"] = value
