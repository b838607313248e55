"""A feeder batch: page after page with progress and cancel, keeping what was scanned."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from desk_app.capture.errors import ScannerError
from desk_app.capture.page import RawPage
from desk_app.capture.sources.base import PageSource

MAX_BATCH_PAGES = 500


@dataclass
class BatchResult:
    pages: list[RawPage] = field(default_factory=list)
    cancelled: bool = False
    error: ScannerError | None = None  # set when the scanner failed; pages so far are kept

    @property
    def message(self) -> str:
        if self.error is not None:
            return f"{self.error.message} Đã giữ {len(self.pages)} trang quét được trước đó."
        if self.cancelled:
            return f"Đã dừng quét; giữ {len(self.pages)} trang."
        return f"Đã quét {len(self.pages)} trang."


def run_batch(
    source: PageSource,
    *,
    on_page: Callable[[RawPage, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    max_pages: int = MAX_BATCH_PAGES,
) -> BatchResult:
    """Read pages until the feeder is empty, the officer cancels, or the scanner fails.

    ``on_page(page, number)`` is called as each page arrives (for thumbnails and the
    progress bar). The source is always closed.
    """
    result = BatchResult()
    try:
        while len(result.pages) < max_pages:
            if cancelled():
                result.cancelled = True
                break
            page = source.next_page()
            if page is None:
                break
            result.pages.append(page.packed())  # kept as PNG: a batch may be long
            if on_page is not None:
                on_page(page, len(result.pages))
    except ScannerError as err:
        result.error = err
    finally:
        # A device that vanished cannot be closed; what we have is kept all the same.
        with contextlib.suppress(ScannerError):
            source.close()
    return result
