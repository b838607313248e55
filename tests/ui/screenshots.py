"""Screenshots of the main pages for README and docs/, in a real window on an X server
(Xvfb in the tests): ``python -m tests.ui.screenshots OUT_DIR`` under ``xvfb-run``.

A demo commune of a few hundred dossiers is made in a temporary folder; each page is
shown, given time to load its rows, and grabbed as ``OUT_DIR/<page>.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

# A real window on the X server: set before tests.conftest would choose "offscreen".
os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from desk_app.app import open_desk
from desk_app.services.access import ADMIN, DEMO_PASSWORD, set_up_desk
from desk_app.services.clock import system_clock
from desk_app.ui.main import build_window, create_application
from desk_app.ui.setup.setup_wizard import SetupWizard
from desk_app.ui.shell.main_window import PAGE_TOPICS
from desk_app.ui.widgets.task_runner import TaskRunner
from tests.conftest import CHEAP_KDF

SIZE = (1280, 800)
PAGES = PAGE_TOPICS  # intake, dossiers, today, reports, sync, officers, settings


def _settle(runner: TaskRunner, timeout_s: float = 60) -> None:
    """Wait until the page's work on the task runner is delivered (and painted)."""
    deadline = time.monotonic() + timeout_s
    QTest.qWait(200)
    while runner.pending and time.monotonic() < deadline:
        QTest.qWait(100)
    QTest.qWait(300)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(["screenshots"])
    QSettings().clear()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "commune"
        set_up_desk(data, username=ADMIN, full_name="Nguyễn Thị Lan", password=DEMO_PASSWORD,
                    clock=system_clock, demo=True, cost=CHEAP_KDF)  # fmt: skip
        desk = open_desk(data, officer=ADMIN, password=DEMO_PASSWORD)
        try:
            desk.demo.create(400, seed=2026)
            window = build_window(desk)
            window.resize(*SIZE)
            window.show()
            QTest.qWaitForWindowExposed(window)
            for row, name in enumerate(PAGES):
                window.nav.setCurrentRow(row)
                if name == "dossiers":
                    window.show_dossiers()
                if name == "reports":
                    window.reports.make.click()
                _settle(window.runner)  # rows, counts and charts load on the task runner
                window.grab().save(str(out / f"{name}.png"))
            window.close()
        finally:
            desk.close()
        runner = TaskRunner()
        wizard = SetupWizard(lambda *_: "", lambda *_: desk, runner)
        wizard.resize(760, 560)
        wizard.show()
        QTest.qWaitForWindowExposed(wizard)
        QTest.qWait(300)
        wizard.grab().save(str(out / "wizard.png"))
        wizard.close()
        runner.shutdown()
    app.processEvents()
    print(f"screenshots: {len(list(out.glob('*.png')))} in {out}")
    return 0


if __name__ == "__main__":
    if not os.environ.get("DISPLAY"):
        sys.exit("run under an X server: xvfb-run -a python -m tests.ui.screenshots OUT_DIR")
    sys.exit(main(Path(sys.argv[1])))
