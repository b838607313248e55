"""Cold start to the first painted window, against a bare Qt window, in fresh processes.

    python -m bench.startup [--data-dir DIR] [--size N] [--runs 20] [--cold-runs 5]

Each figure is from process launch to the first paint (offscreen), read as the child
prints it; the child then closes the desk as an officer would (untimed: the close and
the rest of the start-up check finish before the next launch). Three kinds of start:
- ``desk`` (the issue's figure, ``startup.desk``): ``DESK_APP_PASSWORD=… desk-app gui``
  itself, through its entry point (parser, log, the key derived on its own thread while
  Qt and the window's modules load), to the main window painted, on the demo database
  after a clean close;
- ``signin``: the sign-in window painted (``desk-app`` with no password);
- ``bare`` (the baseline): a process that imports Qt and shows an empty QWidget.
The sign-in child imports the program the way ``desk-app`` does (its command-line module
first, then Qt). ``--cold-runs N`` adds N desk starts with the OS file cache dropped
before each (``echo 3 > /proc/sys/vm/drop_caches``, root only: a slow disk's first
start of the day). Goal ≤ 1.0 s and ≤ 5× the bare window.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import demo_args, demo_parser, kdf_cost, kdf_words, report
from desk_app.services.access import ADMIN, DEMO_PASSWORD, PASSWORD_ENV

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import resource, sys
mode, data_dir = sys.argv[1], sys.argv[2]

def watch_first_paint(window):
    # The window's own first paint (Qt paints a window before its children), watched on
    # the window alone: a filter on the whole application would run Python for every
    # event of the window's making, and slow what it measures. (Qt is loaded by now.)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                used = resource.getrusage(resource.RUSAGE_SELF)
                print("painted", (used.ru_utime + used.ru_stime) * 1000, flush=True)
                QTimer.singleShot(0, QApplication.instance().quit)
                obj.removeEventFilter(self)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)

if mode == "desk":
    # `desk-app gui` itself (DESK_APP_PASSWORD is set): its parser, log, key derivation
    # and window, as the launcher runs it. desk_app.ui.main is wrapped as it loads so that
    # the window show_window returns is watched (painted later, in app.exec); nothing of
    # what it does changes. The window quits at its paint; the desk closes as on a quit.
    import importlib.abc, importlib.util

    class WatchWindow(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "desk_app.ui.main":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            run = spec.loader.exec_module

            def exec_module(module):
                run(module)
                show = module.show_window

                def show_window(desk):
                    window = show(desk)
                    watch_first_paint(window)
                    return window

                module.show_window = show_window

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, WatchWindow())
    from desk_app.launch import main  # the entry point of `desk-app`, as installed

    sys.exit(main(["gui", "--data-dir", data_dir, "--officer", sys.argv[3]]))
if mode == "signin":  # the sign-in window (`desk-app` with no password)
    import desk_app.cli  # as its launcher imports it
    from desk_app.ui.main import create_application
    from desk_app.ui.signin.login_dialog import LoginDialog
    from desk_app.ui.widgets.task_runner import TaskRunner
    app = create_application([])
    window = LoginDialog(lambda user, password: None, TaskRunner())
else:  # bare: Qt and an empty window
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    window = QWidget()
watch_first_paint(window)
window.show()
app.exec()
window.close()
"""


def drop_caches() -> None:
    """Empty the OS file cache (root only): the next start reads from the disk."""
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def launch(mode: str, data_dir: Path, cpu: list[float] | None = None) -> float:
    """Milliseconds from launch to the child's first paint (and into ``cpu`` the CPU time
    the child had used by then, all its threads); waits for it to end."""
    # the officer and password as `desk-app gui` takes them (DESK_APP_PASSWORD)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", PASSWORD_ENV: DEMO_PASSWORD}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, mode, str(data_dir), ADMIN], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    _out, err = child.communicate()
    assert line.startswith("painted") and child.returncode == 0, (line, err[-2000:])
    if cpu is not None:
        cpu.append(float(line.split()[1]))
    return elapsed


def main() -> None:
    parser = demo_parser()
    parser.add_argument("--runs", type=int, default=20, help="starts of each (p95: ≥ 20)")
    parser.add_argument("--cold-runs", type=int, default=0,
                        help="desk starts with the OS file cache dropped first (root)")  # fmt: skip
    args = demo_args(parser)
    # an installed desk has its bytecode; PYTHONDONTWRITEBYTECODE must not make each child
    # compile every module again
    for package in ("desk_app", "desk_protocol", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
    launch("desk", args.data_dir)  # warm the OS file cache once, like any second start
    bare, signin, desk = [], [], []
    bare_cpu: list[float] = []
    signin_cpu: list[float] = []
    desk_cpu: list[float] = []
    for _ in range(args.runs):
        bare.append(launch("bare", args.data_dir, bare_cpu))
        signin.append(launch("signin", args.data_dir, signin_cpu))
        desk.append(launch("desk", args.data_dir, desk_cpu))
    conditions = f"sign-in {kdf_words(kdf_cost(args.data_dir))}, SQLCipher, after a clean close"
    report("baseline: bare Qt window, process → first paint", bare, key="startup.bare")
    report("sign-in window, process → first paint", signin, bare, "≤ 1000 ms, ≤ 5×",
           key="startup.signin")  # fmt: skip
    report("desk window, process → first paint", desk, bare, "≤ 1000 ms, ≤ 5×",
           key="startup.desk", conditions=conditions)  # fmt: skip
    # CPU time to the paint: what a busy machine's load does not change much
    report("  CPU used by then: bare Qt window", bare_cpu, key="startup.bare_cpu")
    report("  CPU used by then: sign-in window", signin_cpu, bare_cpu, key="startup.signin_cpu")
    report("  CPU used by then: desk window", desk_cpu, bare_cpu, key="startup.desk_cpu")
    if args.cold_runs:
        cold, cold_bare = [], []
        for _ in range(args.cold_runs):
            drop_caches()
            cold_bare.append(launch("bare", args.data_dir))
            drop_caches()
            cold.append(launch("desk", args.data_dir))
        report("cold OS cache: bare Qt window", cold_bare, key="startup.cold_bare")
        report("cold OS cache: desk window, process → first paint", cold, cold_bare,
               key="startup.cold_desk", conditions=conditions)  # fmt: skip


if __name__ == "__main__":
    main()
