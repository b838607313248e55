"""Work that waits for a window's first paint: what the officer sees comes first.

Background chores started before the paint (fonts for the receipt, the Today counts,
the start-up check) hold Python's lock while they import and compute, and the window
then paints later by as much. Started from here they begin once it is on the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

AT_LATEST_MS = 5000  # a window never painted (started minimised) runs its chores anyway


class _FirstPaint(QObject):
    """Calls ``then`` once, as soon as ``window`` has been painted (Qt paints a window
    before its children, unless one covers it whole with a background of its own). It
    watches the window alone: a filter on the whole application would run Python for
    every event of every widget while the window is first shown, and make that first
    paint tens of milliseconds later (bench.startup)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window, self._then = window, then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._window:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def after_first_paint(
    window: QWidget, then: Callable[[], None], at_latest_ms: int = AT_LATEST_MS
) -> None:
    """Call ``then`` once: right after ``window``'s first paint, or ``at_latest_ms`` after
    this call if it has not been painted by then."""
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            then()

    _FirstPaint(window, once)
    QTimer.singleShot(at_latest_ms, window, once)
