"""Digitisation: bytes per A4 page, legibility kept, and time per page on one core.

    python -m bench.capture [--runs 5]   # the corpus of bench/corpus.py and SANE test patterns

For each page and mode it prints the bytes one more page adds to a component PDF, the
ratio to two baselines made in the same run from the same scan and measured the same
way (what one more page adds to an img2pdf PDF: lossless PNG, and JPEG quality 75 as
common scanning apps save), each at the resolution and in the colour space the page is
stored in (200 dpi; grey for B/W and grey pages, RGB for colour), the time to
clean the page and to clean and encode it (median of ``--runs``, one core), and, when
tesseract with Vietnamese is installed, the character accuracy of OCR on the stored page
against the uncompressed scan.
Goals (issue 3): B/W text ≤ 40 KB, grey ≤ 120 KB, colour ID page ≤ 200 KB, ≤ 0.5× JPEG 75,
OCR within 2 points, ≤ 300 ms per page.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
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
from bench.figures import emit
from desk_app.capture.cleanup import clean
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.pdf import PdfMeta, build_pdf, encode_page
from desk_app.domain.calendar import VN_TZ

META = PdfMeta("Trang thử", "000.00.27.H12-261122-0001", "Trang thử", "Bench", datetime.now(VN_TZ))
GOALS = {"bw": 40_000, "grey": 120_000, "colour": 200_000}
CODECS = {ColourMode.BW: "G4", ColourMode.GREY: "JPEG 2000", ColourMode.COLOUR: "JPEG"}


@dataclass
class Row:
    name: str
    mode: ColourMode
    ours: int
    lossless: int
    jpeg75: int
    ms: float
    clean_ms: float
    ocr_raw: float | None  # the scan as it came
    ocr_clean: float | None  # our cleaned page before compression
    ocr_ours: float | None  # the page as stored in the PDF


def _pdf_bytes(images: list[bytes]) -> int:
    data = img2pdf.convert(images)
    assert data is not None
    return len(data)


def _marginal(image_file: bytes) -> int:
    """What one more page of this image adds to an img2pdf PDF."""
    return _pdf_bytes([image_file, image_file]) - _pdf_bytes([image_file])


def _baselines(image: Image.Image, mode: ColourMode, dpi: int) -> tuple[int, int]:
    """The scan as PNG and as JPEG 75, at ``dpi`` (the stored page's) and in the stored
    page's colour space (grey for B/W and grey pages), as one more page of a PDF."""
    image = image.convert("RGB" if mode is ColourMode.COLOUR else "L")
    if dpi != 300:
        size = (round(image.width * dpi / 300), round(image.height * dpi / 300))
        image = image.resize(size, Image.Resampling.LANCZOS)
    png, jpeg = io.BytesIO(), io.BytesIO()
    image.save(png, format="PNG", dpi=(dpi, dpi))
    image.save(jpeg, format="JPEG", quality=75, dpi=(dpi, dpi))
    return _marginal(png.getvalue()), _marginal(jpeg.getvalue())


def _page_cost(page: RawPage, mode: ColourMode, runs: int) -> tuple[int, float, float, int]:
    """(bytes one more page adds, ms clean + encode, ms clean alone, stored dpi)."""
    timings, cleaning = [], []
    for _ in range(runs):
        started = time.perf_counter()
        cleaned = clean(page, mode)
        cleaned_at = time.perf_counter()
        encode_page(cleaned)
        timings.append((time.perf_counter() - started) * 1000)
        cleaning.append((cleaned_at - started) * 1000)
    one = len(build_pdf([cleaned], META))
    two = len(build_pdf([cleaned, cleaned], META))
    # what each further page adds
    return two - one, statistics.median(timings), statistics.median(cleaning), cleaned.dpi


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


def _assembly_ms(pages: list[RawPage], runs: int) -> float:
    """Building and PDF/A-validating one component PDF of these pages (median of runs)."""
    cleaned = [clean(page, ColourMode.BW) for page in pages]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        build_pdf(cleaned, META)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timings per page (median)")
    args = parser.parse_args()
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
        ours, ms, clean_ms, dpi = _page_cost(raw, mode, args.runs)
        lossless, jpeg75 = _baselines(corpus.image, mode, dpi)
        ocr_raw = ocr_clean = ocr_ours = None
        if corpus.words:
            raw_text = _ocr(corpus.image)
            if raw_text is not None:
                cleaned, stored = _cleaned_and_stored(raw, mode)
                ocr_raw = _accuracy(raw_text, corpus.words)
                ocr_clean = _accuracy(_ocr(cleaned) or "", corpus.words)
                ocr_ours = _accuracy(_ocr(stored) or "", corpus.words)
        rows.append(
            Row(corpus.name, mode, ours, lossless, jpeg75, ms, clean_ms, ocr_raw, ocr_clean,
                ocr_ours)
        )  # fmt: skip
        emit(
            f"capture.{corpus.name}.{mode.value}",
            {"bytes": ours, "lossless": lossless, "jpeg75": jpeg75, "ms": ms,
             "clean_ms": clean_ms, "dpi": dpi, "ocr": [ocr_raw, ocr_clean, ocr_ours],
             "codec": CODECS[mode]},
            "bytes",
            f"median of {args.runs}, one core; baselines at {dpi} dpi, "
            f"{'RGB' if mode is ColourMode.COLOUR else 'grey'}, one more page",
        )  # fmt: skip

    header = (
        f"{'page':<18}{'mode':<8}{'KB/page':>8}{'goal':>7}{'×lossless':>10}{'×JPEG75':>9}"
        f"{'ms/page':>9}{'clean':>7}{'OCR scan':>9}{'cleaned':>9}{'stored':>9}"
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
            f"{r.ours / r.lossless:>10.3f}{r.ours / r.jpeg75:>9.3f}{r.ms:>9.0f}{r.clean_ms:>7.0f}{ocr}"
        )

    five = [RawPage(text_page(seed=n).image, 300, "t") for n in range(5)]
    assembly = _assembly_ms(five, args.runs)
    print(f"5-page B/W component PDF, encode + assemble + PDF/A-2b validation: {assembly:.0f} ms")
    emit("capture.assembly5", assembly, "ms", f"5 B/W text pages, median of {args.runs}")
    emit("capture.ocr", shutil.which("tesseract") is not None, "", "tesseract installed")


if __name__ == "__main__":
    main()
