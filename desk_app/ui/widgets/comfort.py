"""This PC's comfort settings: the size of the text (Cài đặt → Cỡ chữ), applied at once."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 11
MIN_POINT_SIZE, MAX_POINT_SIZE = 9, 20
FONT_SIZE_KEY = "ui/font_size"


def font_size() -> int:
    """This PC's text size in points (Cài đặt → Cỡ chữ), 11 unless changed."""
    try:
        size = int(str(QSettings().value(FONT_SIZE_KEY, BASE_POINT_SIZE)))
    except ValueError:
        return BASE_POINT_SIZE
    return min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)


def apply_font_size(points: int) -> None:
    """Every widget without a font of its own follows, at once."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)


def keep_font_size(points: int) -> None:
    """Apply ``points`` now and remember it for the next start on this PC."""
    points = min(max(points, MIN_POINT_SIZE), MAX_POINT_SIZE)
    QSettings().setValue(FONT_SIZE_KEY, points)
    apply_font_size(points)
