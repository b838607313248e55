"""A page as it comes from a source, and the modes a component is digitised in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PIL import Image

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


@dataclass(frozen=True)
class RawPage:
    """One page image from a scanner or a file, at its true resolution."""

    image: Image.Image
    dpi: int
    origin: str  # what the officer sees: "Máy quét test:0, trang 3" or a file name
