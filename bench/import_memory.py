"""Peak memory digitising a long honest scan, and the issue's hostile PDF, each in a fresh
process.

    python -m bench.import_memory [--pages 200] [--dpi 200] [--mode bw|grey|colour] [--panel]

Generates a scanner's PDF (one grey JPEG per A4 page at ``--dpi``, every page different),
then in a child process opens a desk (set up in a temporary folder), receives a dossier
and digitises the whole file as one component through ``DigitisationService.
digitise_files`` (check, render one page at a time, clean, encode, assemble, PDF/A
validation, store). Prints the child's resident memory after its imports and the desk's
opening (the baseline in the same run), its peak (``ru_maxrss``) and the ratio; then the
same for the issue's 12 KB file of 40 pages drawing one 20,000 × 20,000 image (refused).
Then the scan panel's path (``--panel`` for it alone): ``DigitisationService.import_files``
(every page kept for the officer to turn, reorder or clean again), each page cleaned and
its thumbnail made as ``desk_app/ui/digitise/`` does, the colour mode changed
once (every page cleaned again), then ``digitise`` (the save).
Goal: peak ≤ 500 MB for 200 pages.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

import desk_app.capture.cleanup, desk_app.capture.importer, desk_app.capture.pdf  # noqa
import pikepdf.pdfa, pypdfium2  # noqa: the engines a digitisation loads
from desk_app.capture.page import ColourMode
from desk_app.domain.errors import DeskError
from tests.conftest import birth_draft, desk_at

data, files, mode = Path(sys.argv[1]), [Path(a) for a in sys.argv[3:]], sys.argv[2]
desk = desk_at(data)
code = desk.intake.receive(birth_draft(desk)).record.code
baseline = rss_mb()
started = time.perf_counter()
try:
    stored = desk.digitisation.digitise_files(code, 1, files, mode=ColourMode(mode))
    outcome = {"pages": stored.pages, "pdf_bytes": len(desk.digitisation.pdf(stored.id))}
except DeskError as err:
    outcome = {"refused": err.message}
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
desk.close()
print(json.dumps(outcome | {"baseline_mb": baseline, "peak_mb": peak, "seconds": seconds}))
"""


PANEL = r"""
import inspect, json, sys, time
from pathlib import Path

def rss_mb(field="VmRSS"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024

import desk_app.capture.cleanup, desk_app.capture.importer, desk_app.capture.pdf  # noqa
import pikepdf.pdfa, pypdfium2  # noqa: the engines a digitisation loads
from desk_app.capture.page import ColourMode
from desk_app.services.digitisation import DigitisationService
from tests.conftest import birth_draft, desk_at

data, files, mode = Path(sys.argv[1]), [Path(a) for a in sys.argv[3:]], ColourMode(sys.argv[2])
desk = desk_at(data)
record = desk.intake.receive(birth_draft(desk)).record
baseline = rss_mb()
started = time.perf_counter()
# what the panel asks of the service (before packing existed, prepare had no ``packed``)
packs = "packed" in inspect.signature(DigitisationService.prepare).parameters
extra = {"packed": True} if packs else {}
imported = desk.digitisation.import_files(files)
assert not imported.errors, imported.errors
pages = imported.pages
after_import = rss_mb()
for clean_mode in (ColourMode.GREY, mode):  # the officer changes the mode once
    cleaned, thumbs = [], []
    for page in pages:
        [done] = desk.digitisation.prepare([page], clean_mode, turns=[0], **extra)
        thumbs.append(desk.digitisation.thumbnail_png(done, 160))
        cleaned.append(done)
stored = desk.digitisation.digitise(record.id, 1, cleaned, keep_blank=True)
seconds = time.perf_counter() - started
# this process's own peak (ru_maxrss would count the parent's at the fork: a test's)
peak = rss_mb("VmHWM")
pdf_bytes = len(desk.digitisation.pdf(stored.id))
desk.close()
print(json.dumps({"pages": stored.pages, "pdf_bytes": pdf_bytes, "baseline_mb": baseline,
                  "after_import_mb": after_import, "peak_mb": peak, "seconds": seconds,
                  "packed": packs}))
"""


def honest_scan(path: Path, pages: int, *, dpi: int = 200, seed: int = 1) -> Path:
    """A scanner's PDF: one grey JPEG per A4 page at ``dpi``, every page different."""
    import img2pdf
    from PIL import Image, ImageDraw

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    images = []
    for number in range(pages):
        page = Image.new("L", (width, height), 235)
        draw = ImageDraw.Draw(page)
        for row in range(40):
            y = 120 + row * (height - 240) // 40
            length = (width - 240) * (0.5 + 0.5 * ((row * 7 + number * 13 + seed) % 11) / 10)
            draw.rectangle((120, y, 120 + length, y + dpi // 25), fill=30)
        draw.text((120, 40), f"Trang {number + 1}", fill=0)
        out = io.BytesIO()
        page.save(out, format="JPEG", quality=70, dpi=(dpi, dpi))
        images.append(out.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    data = img2pdf.convert(images, layout_fun=layout)
    assert data is not None
    path.write_bytes(data)
    return path


def measure(folder: Path, mode: str, *files: Path, child: str = CHILD) -> dict[str, object]:
    data = folder / f"data-{time.monotonic_ns()}"
    root = Path(__file__).resolve().parent.parent
    env = os.environ | {"PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", child, str(data), mode, *map(str, files)],
        capture_output=True, text=True, check=True, env=env, cwd=root,
    )  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--mode", default="bw", choices=("bw", "grey", "colour"))
    parser.add_argument("--panel", action="store_true", help="only the scan panel's path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        made = time.perf_counter()
        scan = honest_scan(folder / "scan.pdf", args.pages, dpi=args.dpi)
        print(f"scan: {args.pages} pages at {args.dpi} dpi, {scan.stat().st_size / 1e6:.1f} MB "
              f"(made in {time.perf_counter() - made:.0f} s)")  # fmt: skip
        panel = measure(folder, args.mode, scan, child=PANEL)
        peak, base = float(panel["peak_mb"]), float(panel["baseline_mb"])  # type: ignore[arg-type]
        seconds = float(panel["seconds"])  # type: ignore[arg-type]
        print(
            f"scan panel (import_files, clean grey + thumbnails, clean {args.mode} again, save): "
            f"{panel['pages']} pages ({int(panel['pdf_bytes']) / 1e6:.2f} MB PDF) in "  # type: ignore[call-overload]
            f"{seconds:.0f} s; pages packed: {panel['packed']}; after import "
            f"{float(panel['after_import_mb']):.0f} MB; peak {peak:.0f} MB, baseline "  # type: ignore[arg-type]
            f"{base:.0f} MB (x{peak / base:.2f}, +{peak - base:.0f} MB); goal <= 500 MB: "
            f"{'met' if peak <= 500 else 'NOT MET'}"
        )
        if args.panel:
            return
        honest = measure(folder, args.mode, scan)
        peak, base = float(honest["peak_mb"]), float(honest["baseline_mb"])  # type: ignore[arg-type]
        seconds = float(honest["seconds"])  # type: ignore[arg-type]
        print(
            f"honest scan, {args.mode}: {honest.get('pages')} pages stored "
            f"({int(honest.get('pdf_bytes', 0)) / 1e6:.1f} MB PDF) in {seconds:.0f} s "  # type: ignore[call-overload]
            f"({seconds * 1000 / args.pages:.0f} ms/page); peak {peak:.0f} MB, baseline "
            f"{base:.0f} MB (x{peak / base:.2f}, +{peak - base:.0f} MB); goal <= 500 MB: "
            f"{'met' if peak <= 500 else 'NOT MET'}"
        )
        from tests.capture.hostile_pdfs import one_huge_image

        hostile = folder / "hostile.pdf"
        hostile.write_bytes(one_huge_image(40, 20_000, nested=True))
        bad = measure(folder, args.mode, hostile)
        print(
            f"hostile {hostile.stat().st_size / 1024:.0f} KB, 40 pages x one 20000x20000 image: "
            f"{'refused' if 'refused' in bad else 'STORED'} in {float(bad['seconds']):.2f} s; "  # type: ignore[arg-type]
            f"peak {float(bad['peak_mb']):.0f} MB, baseline {float(bad['baseline_mb']):.0f} MB"  # type: ignore[arg-type]
        )


if __name__ == "__main__":
    main()
