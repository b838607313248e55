"""A page as it comes from a source, and the modes a component is digitised in."""

from __future__ import annotations

import io
from collections.abc import Callable
from enum import StrEnum

from PIL import Image, ImageChops

MIN_DPI = 200  # Circular 01/2023 guidance: at least 200 dpi for ordinary papers
DEFAULT_DPI = 300


class ColourMode(StrEnum):
    """Per component: text in black and white, grey, or colour (seals and photos)."""

    BW = "bw"
    GREY = "grey"
    COLOUR = "colour"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ColourMode.BW: "Đen trắng (văn bản)",
    ColourMode.GREY: "Xám",
    ColourMode.COLOUR: "Màu (có dấu đỏ, ảnh)",
}


class RawPage:
    """One page image from a scanner or a file, at its true resolution.

    A page kept for a while (the scan panel holds every page of an import, to clean it
    again when the officer turns it or changes the colour mode) is ``packed()``: its
    pixels are let go and decoded again only when ``image`` is read: from a lossless PNG
    kept in memory (a grey page drawn in RGB as one grey channel), or, for a page of a
    file whose PNG would be over 1 MB, from the bytes of its file (shared by its pages: a
    PDF page rendered again alone, an image opened again). Never written to disk."""

    __slots__ = ("_image", "_mode", "_png", "_reload", "dpi", "origin")

    def __init__(
        self,
        image: Image.Image | None,
        dpi: int,
        origin: str,
        *,
        png: bytes = b"",
        mode: str = "",
        reload: Callable[[], Image.Image] | None = None,
    ) -> None:
        if image is None and not png and reload is None:
            raise ValueError("a page needs its image, its PNG or its source")
        self._image = image
        self._png = png
        # decodes the page again from its file's bytes (kept once for all its pages),
        # exactly as it was decoded the first time: what a page of a file is packed as
        self._reload = reload
        self._mode = mode  # the mode ``image`` gives back (a grey RGB page is packed as L)
        self.dpi = dpi
        self.origin = origin  # what the officer sees: "Máy quét test:0, trang 3" or a file name

    @property
    def image(self) -> Image.Image:
        if self._image is not None:
            return self._image
        if self._reload is not None:
            return self._reload()
        image = decode(self._png)
        return image if image.mode == self._mode else image.convert(self._mode)

    @property
    def is_packed(self) -> bool:
        return self._image is None

    @property
    def held_bytes(self) -> int:
        """What this page holds in memory (its PNG, or its decoded pixels)."""
        if self._image is None:
            return len(self._png)  # a page of a file: 0, its file's bytes are shared
        return self._image.width * self._image.height * len(self._image.getbands())

    def packed(self) -> RawPage:
        """The same page, its pixels let go (see the class)."""
        if self._image is None:
            return self
        image = self._image
        png = encode_lossless(image)
        if self._reload is not None and len(png) > _PNG_KEPT:
            # a noisy page: its share of its file is smaller than its PNG
            return RawPage(None, self.dpi, self.origin, reload=self._reload)
        return RawPage(None, self.dpi, self.origin, png=png, mode=_kept_mode(image))

    def __repr__(self) -> str:
        state = "image" if self._image is not None else f"{len(self._png)} B PNG"
        if self._image is None and self._reload is not None:
            state = "its file"
        return f"RawPage({state}, dpi={self.dpi}, origin={self.origin!r})"


def encode_lossless(image: Image.Image) -> bytes:
    """PNG bytes of ``image``; an RGB image whose three channels are equal (a grey page
    rendered in colour) is kept as one grey channel, which converts back exactly."""
    if image.mode == "RGB" and _is_grey(image):
        image = image.convert("L")
    elif image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=_PNG_LEVEL)
    return out.getvalue()


def _kept_mode(image: Image.Image) -> str:
    return image.mode if image.mode in ("1", "L", "RGB") else "RGB"


def decode(data: bytes) -> Image.Image:
    """An image held as bytes (PNG, TIFF G4, JPEG), decoded now and whole."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _is_grey(image: Image.Image) -> bool:
    red, green, blue = image.split()
    return (
        ImageChops.difference(red, green).getbbox() is None
        and ImageChops.difference(red, blue).getbbox() is None
    )


# a page of a file whose PNG is at most this is kept as PNG (decoded five times faster
# than a PDF page is rendered again); a bigger one is decoded again from its file
_PNG_KEPT = 1024 * 1024
_PNG_LEVEL = 3  # zlib level: most of level 9's saving, at a fraction of its time
