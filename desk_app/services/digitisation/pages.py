"""Pages in, pages out, with no desk and no database (safe on any thread): files
imported, pages cleaned, scanners listed and run, thumbnails, an export folder checked."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from desk_app.capture.cleanup import CleanOptions, CleanPage, clean
from desk_app.capture.errors import CaptureError
from desk_app.capture.importer import check_resolution, iter_file
from desk_app.capture.limits import ImportBudget
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.pdf import pack
from desk_app.capture.sources.base import Device, ScannerDriver, ScanRequest
from desk_app.capture.sources.batch import BatchResult, run_batch
from desk_app.domain.errors import InvalidField

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class ImportedFiles:
    pages: list[RawPage]
    errors: list[str]  # one clear message per file refused; the others are kept


class PageWork:
    """The static half of ``DigitisationService``: callable before any dossier is open."""

    @staticmethod
    def import_files(paths: list[Path], progress: Progress | None = None) -> ImportedFiles:
        """The pages of each file; a bad file is reported and skipped, the rest kept. All
        the files together decode and render at most ``MAX_IMPORT_PIXELS``. Each page is
        decoded one at a time and kept packed (a lossless PNG in memory, see
        ``RawPage.packed``), so an import of 200 pages holds their PNGs, not their pixels."""
        pages: list[RawPage] = []
        errors: list[str] = []
        budget = ImportBudget()
        for done, path in enumerate(paths, start=1):
            try:
                file_pages = []
                for page in iter_file(path, budget):
                    check_resolution(page)
                    file_pages.append(page.packed())
                    del page
                pages.extend(file_pages)
            except CaptureError as err:
                errors.append(err.message)
            if progress:
                progress(done, len(paths))
        return ImportedFiles(pages, errors)

    @staticmethod
    def prepare(
        pages: list[RawPage],
        mode: ColourMode,
        *,
        turns: list[int] | None = None,
        options: CleanOptions | None = None,
        progress: Progress | None = None,
        packed: bool = False,
    ) -> list[CleanPage]:
        """Each page straightened, cropped, converted to ``mode``; blank ones flagged.
        ``packed``: each kept as the G4 or JPEG bytes its PDF will embed (``pdf.pack``),
        not as pixels, for pages that stay on screen until they are saved."""
        cleaned = []
        for index, page in enumerate(pages):
            turn = turns[index] if turns else 0
            page_clean = clean(page, mode, quarter_turns=turn, options=options)
            cleaned.append(pack(page_clean) if packed else page_clean)
            del page_clean
            if progress:
                progress(index + 1, len(pages))
        return cleaned

    @staticmethod
    def scanners() -> list[Device]:
        """The scanners this computer sees (SANE on Linux, WIA on Windows)."""
        return _driver().devices()

    @staticmethod
    def scan(
        device: Device,
        request: ScanRequest,
        *,
        on_page: Callable[[RawPage, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> BatchResult:
        """One batch from ``device``; pages scanned before a failure or a cancel are kept,
        each packed (a lossless PNG in memory) as it arrives."""
        source = _driver().open(device, request)
        return run_batch(source, on_page=on_page, cancelled=cancelled)

    @staticmethod
    def thumbnail_png(page: CleanPage | RawPage, width: int) -> bytes:
        """A PNG of the page ``width`` pixels wide, for thumbnails and the zoom view."""
        import io

        image = page.image.convert("L" if page.image.mode in ("1", "L") else "RGB")
        height = max(1, round(image.height * width / image.width))
        out = io.BytesIO()
        image.resize((width, height), Image.Resampling.BOX).save(out, format="PNG")
        return out.getvalue()

    @staticmethod
    def check_export_folder(folder: Path) -> None:
        """``folder`` exists and takes a file (a real write, so a read-only drive, a full one
        or a folder of another user is found before the work it would save is done)."""
        if not folder.is_dir():
            raise InvalidField(
                f"Không có thư mục {folder}. Hãy tạo thư mục hoặc chọn thư mục khác; chưa có gì "
                "được lưu.",
                field="folder",
            )
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as err:
            raise InvalidField(
                f"Không ghi được vào thư mục {folder} ({err.strerror or err}). Hãy chọn thư mục "
                "khác; chưa có gì được lưu.",
                field="folder",
            ) from None


def _driver() -> ScannerDriver:
    import sys

    if sys.platform == "win32":
        from desk_app.capture.sources.windows import WiaDriver

        return WiaDriver()
    from desk_app.capture.sources.sane_source import SaneDriver

    return SaneDriver()
