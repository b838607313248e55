"""What one import may cost: the file, page and stream sizes a desk accepts, and the
pixels one import may decode and render (``ImportBudget``)."""

from __future__ import annotations

from desk_app.capture.errors import UnreadableFile, UnsafeFile

MAX_FILE_BYTES = 200 * 1024 * 1024
# A3 at 600 dpi is 70 Mpx; nothing a desk scans is bigger.
MAX_PAGE_PIXELS = 80_000_000
MAX_PAGES = 500
# One import (the files of one component) decodes and renders at most this many pixels:
# 200 A4 pages at 300 dpi are 3.5 billion (each page's image decoded, then rendered).
MAX_IMPORT_PIXELS = 4_000_000_000
# A content stream or a form, inflated; an image's data beyond its stated size.
MAX_STREAM_BYTES = 32 * 1024 * 1024


class ImportBudget:
    """The pixels one import may still decode and render (``MAX_IMPORT_PIXELS``)."""

    def __init__(self, pixels: int = MAX_IMPORT_PIXELS) -> None:
        self.limit = pixels
        self.used = 0

    def spend(self, pixels: int, name: str) -> None:
        if self.used + pixels > self.limit:
            raise UnsafeFile(
                f"Tệp {name}: lần nhập này vượt quá {grouped(self.limit // 1_000_000)} triệu điểm "
                "ảnh (ảnh quá lớn hoặc quá nhiều trang). Hãy chia thành nhiều lần nhập, hoặc "
                "quét lại ở 200–300 dpi."
            )
        self.used += pixels


def grouped(number: int) -> str:
    """``20.000``: thousands separated as Vietnamese writes them."""
    return f"{number:,}".replace(",", ".")


def check_pixels(size: tuple[int, int], name: str) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise UnreadableFile(f"Ảnh {name} không có điểm ảnh nào.")
    if width * height > MAX_PAGE_PIXELS:
        raise UnsafeFile(
            f"Ảnh {name} quá lớn ({width:,} × {height:,} điểm ảnh); "
            "không mở để tránh treo máy. Hãy quét lại ở 300 dpi."
        )
