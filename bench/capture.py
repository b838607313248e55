"""Digitisation: bytes per A4 page, legibility kept, and time per page on one core.

    python -m bench.capture            # the corpus of bench/corpus.py and SANE test patterns

For each page and mode it prints the bytes one page adds to a component PDF, the ratio
to two baselines made in the same run from the same scan (img2pdf lossless, and JPEG
quality 75 as common scanning apps save), the time to clean and encode the page (median
of 3, one core), and, when tesseract with Vietnamese is installed, the character accuracy
of OCR on the stored page against the uncompressed scan.
Goals (issue 3): B/W text ≤ 40 KB, grey ≤ 120 KB, colour ID page ≤ 200 KB, ≤ 0.5× JPEG 75,
OCR within 2 points, ≤ 300 ms per page.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import img2pdf
import numpy as np
from PIL import Image

from bench.corpus import CorpusPage, form_page, id_card_page, text_page
from desk_app.capture.cleanup import clean
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.pdf import PdfMeta, build_pdf, encode_page
from desk_app.domain.calendar import VN_TZ

META = PdfMeta("Trang thử", "000.00.27.H12-261122-0001", "Trang thử", "Bench", datetime.now(VN_TZ))
GOALS = {"bw": 40_000, "grey": 120_000, "colour": 200_000}


@dataclass
class Row:
    name: str
    mode: ColourMode
    ours: int
    lossless: int
    jpeg75: int
    ms: float
    ocr_raw: float | None  # the scan as it came
    ocr_clean: float | None  # our cleaned page before compression
    ocr_ours: float | None  # the page as stored in the PDF


def _pdf_bytes(images: list[bytes]) -> int:
    data = img2pdf.convert(images)
    assert data is not None
    return len(data)


def _baselines(image: Image.Image) -> tuple[int, int]:
    png, jpeg = io.BytesIO(), io.BytesIO()
    image.save(png, format="PNG", dpi=(300, 300))
    image.save(jpeg, format="JPEG", quality=75, dpi=(300, 300))
    return _pdf_bytes([png.getvalue()]), _pdf_bytes([jpeg.getvalue()])


def _page_cost(page: RawPage, mode: ColourMode) -> tuple[int, float]:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        cleaned = clean(page, mode)
        encode_page(cleaned)
        timings.append((time.perf_counter() - started) * 1000)
    one = len(build_pdf([cleaned], META))
    two = len(build_pdf([cleaned, cleaned], META))
    return two - one, statistics.median(timings)  # what each further page adds


def _cleaned_and_stored(page: RawPage, mode: ColourMode) -> tuple[Image.Image, Image.Image]:
    cleaned = clean(page, mode)
    data = encode_page(cleaned)
    return cleaned.image, Image.open(io.BytesIO(data))


def _ocr(image: Image.Image) -> str | None:
    if not shutil.which("tesseract"):
        return None
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    if "vie" not in langs.split():
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        out = subprocess.run(
            ["tesseract", str(path), "-", "-l", "vie", "--psm", "4"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return out.stdout


def _accuracy(found: str, truth: str) -> float:
    """1 − edit distance / length, on text with whitespace collapsed (percent)."""
    a, b = " ".join(found.split()), " ".join(truth.split())
    if not b:
        return 100.0
    previous = np.arange(len(b) + 1)
    codes = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    for i, ch in enumerate(a, start=1):
        cost = (codes != ord(ch)).astype(np.int64)
        current = np.empty_like(previous)
        current[0] = i
        subst = previous[:-1] + cost
        delete = previous[1:] + 1
        best = np.minimum(subst, delete)
        # insertions run along the row: a running minimum of (best - j) + j
        j = np.arange(1, len(b) + 1)
        current[1:] = (
            np.minimum.accumulate(np.concatenate(([i], best)) - np.arange(len(b) + 1))[1:] + j
        )
        previous = current
    return max(0.0, 100.0 * (1 - previous[-1] / len(b)))


def _sane_pattern() -> CorpusPage | None:
    """A 300 dpi A4 colour scan of the SANE test backend's colour pattern."""
    if not Path("/etc/sane.d/test.conf").is_file():
        return None
    folder = Path(tempfile.mkdtemp(prefix="sane-"))
    (folder / "dll.conf").write_text("test\n")
    lines = [
        "geometry_max 300.0" if line.startswith("geometry_max") else line
        for line in Path("/etc/sane.d/test.conf").read_text().splitlines()
    ]
    (folder / "test.conf").write_text("\n".join(lines) + "\n")
    os.environ["SANE_CONFIG_DIR"] = str(folder)
    try:
        import sane
    except ImportError:
        return None
    sane.init()
    device = sane.open("test:0")
    try:
        device.mode, device.resolution = "Color", 300
        device.br_x, device.br_y = 210.0, 297.0
        device.test_picture = "Color pattern"
        image = device.scan()
    finally:
        device.close()
    return CorpusPage("sane_pattern", image, 0.0, "")


def _assembly_ms(pages: list[RawPage]) -> float:
    """Building and PDF/A-validating one component PDF of these pages (median of 3)."""
    cleaned = [clean(page, ColourMode.BW) for page in pages]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        build_pdf(cleaned, META)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    pages = [
        (text_page(), ColourMode.BW),
        (text_page(paragraphs=5), ColourMode.BW),  # a dense page: 5 paragraphs, 45 lines
        (text_page(), ColourMode.GREY),
        (form_page(), ColourMode.BW),
        (form_page(), ColourMode.COLOUR),
        (id_card_page(), ColourMode.COLOUR),
    ]
    pattern = _sane_pattern()
    if pattern is not None:
        pages.append((pattern, ColourMode.COLOUR))
    rows: list[Row] = []
    for corpus, mode in pages:
        raw = RawPage(corpus.image, 300, corpus.name)
        ours, ms = _page_cost(raw, mode)
        lossless, jpeg75 = _baselines(corpus.image)
        ocr_raw = ocr_clean = ocr_ours = None
        if corpus.words:
            raw_text = _ocr(corpus.image)
            if raw_text is not None:
                cleaned, stored = _cleaned_and_stored(raw, mode)
                ocr_raw = _accuracy(raw_text, corpus.words)
                ocr_clean = _accuracy(_ocr(cleaned) or "", corpus.words)
                ocr_ours = _accuracy(_ocr(stored) or "", corpus.words)
        rows.append(
            Row(corpus.name, mode, ours, lossless, jpeg75, ms, ocr_raw, ocr_clean, ocr_ours)
        )
        print(".", end="", flush=True, file=sys.stderr)
    print(file=sys.stderr)
    header = (
        f"{'page':<18}{'mode':<8}{'KB/page':>8}{'goal':>7}{'×lossless':>10}{'×JPEG75':>9}"
        f"{'ms/page':>9}{'OCR scan':>9}{'cleaned':>9}{'stored':>9}"
    )
    print(header)
    for r in rows:
        readable = r.ocr_raw is not None and r.ocr_raw >= 50  # tesseract reads the scan at all
        ocr = (
            f"{r.ocr_raw:>8.1f}%{r.ocr_clean:>8.1f}%{r.ocr_ours:>8.1f}%"
            if readable and r.ocr_clean is not None and r.ocr_ours is not None
            else f"{'—':>9}{'—':>9}{'—':>9}"
        )
        goal = GOALS[r.mode.value] // 1000
        print(
            f"{r.name:<18}{r.mode.value:<8}{r.ours / 1000:>8.1f}{goal:>7}"
            f"{r.ours / r.lossless:>10.3f}{r.ours / r.jpeg75:>9.3f}{r.ms:>9.0f}{ocr}"
        )

    five = [RawPage(text_page(seed=n).image, 300, "t") for n in range(5)]
    print(
        f"5-page B/W component PDF, encode + assemble + PDF/A-2b validation: {_assembly_ms(five):.0f} ms"
    )


if __name__ == "__main__":
    main()
