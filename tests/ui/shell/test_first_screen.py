"""The window builds what its first screen shows, then the rest once it is painted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import DOSSIERS, MainWindow
from tests.conftest import FakeClock
from tests.ui.conftest import isolated_settings


def test_tiep_nhan_first_and_the_other_pages_after_the_first_paint(
    qtbot, desk: Desk, clock: FakeClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    window = MainWindow(desk, desk.settings.load(), "Ngô Thị Hoa", clock)
    qtbot.addWidget(window)
    assert window.pages.count() == 1 and window.pages.currentWidget() is window.intake
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.pages.count() == 7)  # built after the paint, unasked
    qtbot.wait(50)
    # building them showed no window of their own: the officer keeps typing where they were
    assert QApplication.activeWindow() is window and window.intake.qr.hasFocus()
    window.nav.setCurrentRow(DOSSIERS)
    assert window.pages.currentWidget() is window.dossiers
    window.runner.shutdown()


def test_a_page_reached_before_the_paint_is_built_then(
    qtbot, desk: Desk, clock: FakeClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    window = MainWindow(desk, desk.settings.load(), "Ngô Thị Hoa", clock)
    qtbot.addWidget(window)
    window.nav.setCurrentRow(DOSSIERS)  # (Ctrl+F before anything was painted)
    assert window.pages.count() == 7 and window.pages.currentWidget() is window.dossiers
    window.runner.shutdown()
