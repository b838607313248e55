"""The window builds what its first screen shows, then the rest once it is painted."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.services.desk import Desk
from desk_app.ui.main import show_window
from desk_app.ui.shell.main_window import DOSSIERS, MainWindow
from tests.conftest import FakeClock
from tests.ui.conftest import isolated_settings


@pytest.fixture
def unshown(qtbot, desk: Desk, clock: FakeClock, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    window = MainWindow(desk, desk.settings.load(), "Ngô Thị Hoa", clock)
    qtbot.addWidget(window)
    yield window
    window.runner.shutdown()


def test_tiep_nhan_first_and_the_other_pages_after_the_first_paint(
    qtbot, unshown: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = unshown
    assert window.pages.count() == 1 and window.pages.currentWidget().widget() is window.intake
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # built after the paint, unasked (well before the 5 s fallback for a window not painted)
    qtbot.waitUntil(lambda: window.pages.count() == 7, timeout=2000)
    qtbot.wait(50)
    # building them showed no window of their own: the officer keeps typing where they were
    assert QApplication.activeWindow() is window and window.intake.qr.hasFocus()
    window.nav.setCurrentRow(DOSSIERS)
    assert window.pages.currentWidget().widget() is window.dossiers


def test_a_page_reached_before_the_paint_is_built_then(unshown: MainWindow) -> None:
    unshown.nav.setCurrentRow(DOSSIERS)  # (Ctrl+F before anything was painted)
    assert unshown.pages.count() == 7 and unshown.pages.currentWidget().widget() is unshown.dossiers


def test_the_collector_held_off_at_launch_is_on_after_the_first_paint(
    qtbot, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """desk_app.launch holds Python's garbage collector off while the program loads;
    the window turns it back on once painted."""
    isolated_settings(tmp_path)
    gc.disable()
    try:
        window = show_window(desk)
        qtbot.addWidget(window)
        assert not gc.isenabled()  # shown, not yet painted
        qtbot.waitUntil(gc.isenabled, timeout=2000)  # (the fallback would take 5 s)
        window.runner.shutdown()
    finally:
        gc.enable()
