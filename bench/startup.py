"""Cold start to the first shown window, against a bare Qt window, in fresh processes.

    python -m bench.startup [--data-dir DIR] [--size N] [--runs 20]

Measured from process launch to the first paint of the main window (offscreen), on the
demo database. Baseline: a process that imports Qt and shows an empty QWidget. Goal ≤ 1.5 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import demo_args, demo_parser, kdf_cost, kdf_words, report

CHILD = r"""
import sys
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            QApplication.instance().removeEventFilter(self)
        return False

mode, data_dir = sys.argv[1], sys.argv[2]
if mode == "bare":
    app = QApplication([])
    window = QWidget()
else:
    from pathlib import Path
    from bench.common import open_bench_desk
    from desk_app.ui.main import build_window, create_application
    app = create_application([])
    window = build_window(open_bench_desk(Path(data_dir)))
watcher = FirstPaint()
app.installEventFilter(watcher)
window.show()
app.exec()
window.close()  # as an officer quits: the desk closes cleanly (the next start skips the check)
"""


def launch(mode: str, data_dir: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(data_dir)], env=env,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    elapsed = (time.perf_counter() - started) * 1000
    assert "painted" in out, out
    return elapsed


def main() -> None:
    parser = demo_parser()
    parser.add_argument("--runs", type=int, default=20, help="starts of each (p95: ≥ 20)")
    args = demo_args(parser)
    launch("desk", args.data_dir)  # warm the OS file cache once, like any second start
    bare, desk = [], []
    for _ in range(args.runs):
        bare.append(launch("bare", args.data_dir))
        desk.append(launch("desk", args.data_dir))
    report("baseline: bare Qt window, process → first paint", bare, key="startup.bare")
    report("desk window, process → first paint", desk, bare, "≤ 1500 ms", key="startup.desk",
           conditions=f"sign-in {kdf_words(kdf_cost(args.data_dir))}, SQLCipher, after a clean close")  # fmt: skip


if __name__ == "__main__":
    main()
