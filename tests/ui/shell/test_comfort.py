"""Comfort: every page and control reachable by keyboard, the text size setting, the
last window layout remembered."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desk_app.services.desk import Desk
from desk_app.services.today import TodayView
from desk_app.ui.shell.main_window import SETTINGS, TODAY, MainWindow
from desk_app.ui.widgets.comfort import FONT_SIZE_KEY, font_size
from tests.conftest import FakeClock

PAGE_KEYS = ("Ctrl+N", "Ctrl+F", "Ctrl+T", "Ctrl+R", "Ctrl+Y", "Ctrl+U", "Ctrl+,")


def test_every_page_has_a_key_and_every_control_takes_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    keys = {s.key().toString() for s in window.findChildren(QShortcut)}
    assert set(PAGE_KEYS) <= keys and "F1" in keys
    for row, key in enumerate(PAGE_KEYS):
        window.nav.setCurrentRow(0 if row else 1)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, *_key(key))
        assert window.pages.currentIndex() == row, key
        page = window.pages.currentWidget().widget()  # (the page in its scroll area)
        reached = _tab_walk(qtbot, window)
        # What the walk must have reached: every control still enabled after it (choosing a
        # procedure on the way may disable a field it does not need, taking it out of Tab).
        controls = [
            w for w in page.findChildren(QWidget)
            if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QSpinBox)
            and w.isVisibleTo(page) and w.isEnabled()
        ]  # fmt: skip
        assert controls, key
        unreachable = [
            f"{type(w).__name__}:{w.objectName()}" for w in controls
            if not _reached(w, reached) and not w.objectName().startswith("qt_")  # Qt's own
        ]  # fmt: skip
        assert unreachable == [], key


def _tab_walk(qtbot, window: QWidget) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab from the focused widget until focus comes back to it (a whole turn of the
    window's Tab chain, as an officer would go round); a trap that never lets focus come
    back fails here."""
    start = QApplication.focusWidget()
    assert start is not None
    reached: list[QWidget] = [start]
    for _ in range(400):
        current = QApplication.focusWidget()
        assert current is not None and current.window() is window, "focus left the window"
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return reached
        reached.append(now)
    raise AssertionError(f"Tab never came back to {type(start).__name__}: a keyboard trap")


def _reached(w: QWidget, reached: list[QWidget]) -> bool:
    """Focus reached ``w`` (or the widget it hands focus to), or, for one of an exclusive
    group, the group's checked button (Qt takes the others out of the chain; the arrow keys
    move between them)."""
    group = w.group() if isinstance(w, QAbstractButton) else None
    if group is not None and group.exclusive() and group.checkedButton() is not None:
        w = group.checkedButton()
    return any(r is w or r is w.focusProxy() or w.isAncestorOf(r) for r in reached)


def test_the_arrow_keys_move_between_the_today_views(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(TODAY)
    first = window.today.buttons[TodayView.DUE_TODAY]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is window.today.buttons[TodayView.DUE_NEXT]


def _key(text: str) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    combo = QKeySequence(text)[0]
    return combo.key(), combo.keyboardModifiers()


def test_the_text_size_applies_at_once_and_is_kept(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(SETTINGS)
    spin = window.settings_page.font_size
    before = QApplication.font().pointSize()
    try:
        spin.setValue(16)
        qtbot.wait(50)  # the change reaches each widget as an event
        assert QApplication.font().pointSize() == 16
        assert window.intake.qr.font().pointSize() == 16
        assert int(str(QSettings().value(FONT_SIZE_KEY))) == 16 and font_size() == 16
        QSettings().setValue(FONT_SIZE_KEY, 99)
        assert font_size() == 20  # out of range is clamped
    finally:
        spin.setValue(before)


def test_the_window_comes_back_as_it_was_left(
    qtbot, desk: Desk, clock: FakeClock, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.resize(820, 560)
    window.move(40, 30)
    qtbot.wait(50)
    window.save_layout()  # as closing the window does
    again = MainWindow(desk, desk.settings.load(), "x", clock)
    qtbot.addWidget(again)
    # (The offscreen screen is 800 × 600: width and place are fitted to it, the height kept.)
    assert again.height() == 560
    again.runner.shutdown()


def test_a_high_dpi_screen_scales_by_its_exact_factor() -> None:
    """A 150 % screen scales by 1.5 (the rounding policy is set explicitly to pass it
    through), and the window's pixels follow."""
    probe = (
        "from desk_app.ui.main import create_application\n"
        "from PySide6.QtWidgets import QLabel\n"
        "app = create_application(['probe'])\n"
        "w = QLabel('Tiếp nhận'); w.resize(200, 50); w.show()\n"
        "image = w.grab()\n"
        "print(app.primaryScreen().devicePixelRatio(), image.width(), image.height())\n"
    )
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, timeout=120, check=True)  # fmt: skip
    assert out.stdout.split() == ["1.5", "300", "75"]


def _unreached(qtbot, dialog: QWidget) -> list[str]:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    reached = _tab_walk(qtbot, dialog)
    controls = [
        w for w in dialog.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QSpinBox)
        and w.isVisibleTo(dialog) and w.isEnabled() and w.window() is dialog
        and not w.objectName().startswith("qt_")
    ]  # fmt: skip
    assert controls
    return [f"{type(w).__name__}:{w.objectName() or w.text()}" for w in controls
            if not _reached(w, reached)]  # fmt: skip


def test_the_dossier_dialog_and_scan_panel_go_round_by_tab(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import birth_draft

    record = desk.intake.receive(birth_draft(desk)).record
    window.open_dossier(record.id)
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    dossier = window.dossier_dialog
    assert _unreached(qtbot, dossier) == []
    panel = dossier.open_digitise()
    assert panel is not None
    qtbot.waitUntil(
        lambda: panel.checklist.components.count() == len(record.components), timeout=10_000
    )
    assert _unreached(qtbot, panel) == []
    panel.reject()
