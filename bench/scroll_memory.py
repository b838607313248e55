"""Peak memory while scrolling the whole dossier list, in a fresh process.

    python -m bench.scroll_memory [--data-dir DIR] [--size N] [--step ROWS]

Opens the real main window (offscreen) on the demo database, shows the dossier list (all
ids), then scrolls from the first row to the last one screenful at a time, painting each
screen. Prints the peak resident memory and the memory of the same window before the list
was loaded (the baseline in the same run). Goal: peak ≤ 250 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.common import demo_args, demo_parser
from bench.figures import emit

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from bench.common import open_bench_desk
from desk_app.ui.main import build_window, create_application

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

data_dir, step = Path(sys.argv[1]), int(sys.argv[2])
app = create_application([])
window = build_window(open_bench_desk(data_dir))
window.resize(1280, 820)
window.show()
app.processEvents()
before = rss_mb()
window.show_dossiers()
page = window.dossiers
deadline = time.time() + 120
while page.model.rowCount() == 0 and time.time() < deadline:
    app.processEvents()
    time.sleep(0.005)
rows = page.model.rowCount()
loaded = rss_mb()
started = time.perf_counter()
steps = 0
for row in range(0, rows, step):
    page.table.scrollTo(page.model.index(row, 0))
    page.table.viewport().repaint()
    steps += 1
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "before_mb": before, "loaded_mb": loaded, "peak_mb": peak,
                  "steps": steps, "ms_per_screen": elapsed * 1000 / max(steps, 1),
                  "page_fetches": page.model.fetches}))
"""


def main() -> None:
    parser = demo_parser()
    parser.add_argument("--step", type=int, default=28, help="rows per screenful")
    args = demo_args(parser)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(args.data_dir), str(args.step)],
                         env=env, capture_output=True, text=True, check=True).stdout  # fmt: skip
    r = json.loads(out.strip().splitlines()[-1])
    print(
        f"scrolled {r['rows']:,} rows in {r['steps']:,} screens "
        f"({r['ms_per_screen']:.2f} ms per screen, {r['page_fetches']:,} page reads)"
    )
    print(f"baseline: window shown, list not loaded  {r['before_mb']:7.1f} MB")
    print(f"after loading all ids                     {r['loaded_mb']:7.1f} MB")
    print(
        f"peak while scrolling the whole list       {r['peak_mb']:7.1f} MB  "
        f"ratio {r['peak_mb'] / r['before_mb']:.2f}x  (goal ≤ 250 MB)"
    )
    emit("scroll.rows", r["rows"], "rows")
    emit("scroll.peak", r["peak_mb"], "MB")
    emit("scroll.before", r["before_mb"], "MB")
    emit("scroll.loaded", r["loaded_mb"], "MB")
    emit("scroll.per_screen", r["ms_per_screen"], "ms",
         f"a screen painted every {args.step} rows ({r['page_fetches']:,} page reads)")  # fmt: skip


if __name__ == "__main__":
    main()
