"""Windows and dialogs that fit the screen they open on: the smallest office screen is
1366×768 (a Windows taskbar leaves about 1366×728), at 100 % and 125 % text size."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

SMALLEST_SCREEN = QSize(1366, 728)  # 1366×768 less a 40 px taskbar


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary one) that windows may use."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, SMALLEST_SCREEN.width(), SMALLEST_SCREEN.height())
    return screen.availableGeometry()


def fit_size(wanted: QSize, area: QSize) -> QSize:
    """``wanted``, made no larger than ``area`` (a little margin for the frame)."""
    return QSize(min(wanted.width(), area.width() - 16), min(wanted.height(), area.height() - 40))


def resize_to_fit(widget: QWidget, width: int, height: int, area: QSize | None = None) -> None:
    """Open at ``width``×``height`` where the screen allows, else as large as it allows;
    never smaller than the layout needs (the layouts scroll rather than push buttons off)."""
    room = area if area is not None else available_area(widget).size()
    size = fit_size(QSize(width, height), room)
    widget.resize(size.expandedTo(widget.minimumSizeHint()).boundedTo(room))
