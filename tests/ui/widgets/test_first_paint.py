"""The window's chores wait for its first paint, and run once even if it never comes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from desk_app.ui.widgets.first_paint import after_first_paint


class _Paints(QObject):
    """Counts the paint events of ``window``'s widgets."""

    def __init__(self, window: QLabel) -> None:
        super().__init__()
        self.window, self.count = window, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self.count += watched.window() is self.window
        return False


def test_the_chores_start_after_the_first_paint_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QLabel("Tiếp nhận")
    qtbot.addWidget(window)
    paints = _Paints(window)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(paints)
    seen: list[int] = []
    after_first_paint(window, lambda: seen.append(paints.count), at_latest_ms=60_000)
    window.show()
    assert seen == []  # shown, not yet painted: nothing started
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    assert seen[0] >= 1  # started after a paint of the window
    window.update()
    window.repaint()
    qtbot.wait(50)
    assert len(seen) == 1  # later paints start nothing more
    app.removeEventFilter(paints)


def test_a_window_never_painted_runs_its_chores_all_the_same(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QLabel("Thu nhỏ")  # never shown: as a desk started minimised
    qtbot.addWidget(window)
    seen: list[str] = []
    after_first_paint(window, lambda: seen.append("chores"), at_latest_ms=100)
    qtbot.waitUntil(lambda: seen == ["chores"], timeout=5000)
    qtbot.wait(150)
    assert seen == ["chores"]


def test_a_main_window_with_its_pages_is_seen_painted(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The watch is on the window alone (not on every event of the application): a main
    window is seen painted through its pages, long before the fallback. (A page that
    filled the whole window with a background of its own would hide the window's paint:
    the desk's window is held to this by tests/ui/shell/test_first_screen.py.)"""
    window = QMainWindow()
    page = QWidget()
    QVBoxLayout(page).addWidget(QLineEdit("Họ và tên"))
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    seen: list[str] = []
    after_first_paint(window, lambda: seen.append("chores"), at_latest_ms=60_000)
    window.show()
    qtbot.waitUntil(lambda: seen == ["chores"], timeout=5000)
