"""Reading PDFs back the way a person would: its text, and its QR code decoded from pixels."""

from __future__ import annotations

import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import zxingcpp
from PIL import Image


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def pdf_qr_codes(pdf: bytes, page: int = 1, dpi: int = 200) -> list[str]:
    """Render ``page`` with pdftoppm and decode every QR code zxing-cpp finds on it."""
    return [symbol.text for symbol in pdf_qr_symbols(pdf, page, dpi)]


@dataclass(frozen=True)
class QrSymbol:
    text: str
    version: int
    module_mm: float  # the printed side of one module, as measured on the rendered page


def pdf_qr_symbols(pdf: bytes, page: int = 1, dpi: int = 200) -> list[QrSymbol]:
    """Every QR code zxing-cpp finds on ``page`` rendered with pdftoppm: its text, its
    version and the size of its modules on paper."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                str(src),
                str(Path(tmp, "page")),
            ],
            check=True,
        )
        (png,) = Path(tmp).glob("page*.png")
        with Image.open(png) as image:
            results = zxingcpp.read_barcodes(image)
    symbols = []
    for r in results:
        if r.format != zxingcpp.BarcodeFormat.QRCode:
            continue
        version = int(cast("dict[str, str]", r.extra)["Version"])
        side_px = math.dist(
            (r.position.top_left.x, r.position.top_left.y),
            (r.position.top_right.x, r.position.top_right.y),
        )
        # the corners are the symbol's outer ones, 17 + 4·version modules apart
        module_mm = side_px / (17 + 4 * version) / dpi * 25.4
        symbols.append(QrSymbol(r.text, version, module_mm))
    return symbols


def pdf_pages(pdf: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    line = next(ln for ln in out.decode().splitlines() if ln.startswith("Pages:"))
    return int(line.split()[1])


def pdf_signatures(pdf: bytes) -> list[dict[str, str]]:
    """The signatures poppler's ``pdfsig`` finds in ``pdf``, each as its ``- Key: value`` lines.

    An independent check (NSS, not pyHanko): "Signature Validation" is "Signature is Valid."
    only when the signed byte ranges hash to the signed digest; "Total document signed" is a
    key of its own. Trust is not judged here (no NSS database holds the test root)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        out = subprocess.run(["pdfsig", str(src)], capture_output=True, text=True)
    if out.returncode == 2 and "does not contain any signatures" in out.stdout:
        return []
    out.check_returncode()
    signatures: list[dict[str, str]] = []
    for line in out.stdout.splitlines():
        if line.startswith("Signature #"):
            signatures.append({})
        elif line.startswith("  - ") and signatures:
            key, _, value = line[4:].partition(":")
            signatures[-1][key.strip()] = value.strip()
    return signatures


def pdf_words(pdf: bytes, page: int = 1) -> tuple[float, list[tuple[str, float, float]]]:
    """The page's width and its words with where they start (x, y from the top, in points),
    as poppler's ``pdftotext -bbox`` places them: for checks of where a text is printed."""
    import html
    import re

    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))  # type: ignore[union-attr]
    words = [
        (html.unescape(text), float(x), float(y))
        for x, y, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', out
        )
    ]
    return width, words
