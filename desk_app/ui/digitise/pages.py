"""The scan panel's pages: what a source gave, how it is turned, its cleaned form and
thumbnail; progress from the work lane; one page shown large."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from desk_app.services.digitisation import CleanPage, RawPage
from desk_app.ui.widgets.fit import resize_to_fit

THUMB_WIDTH = 150
ZOOM_WIDTH = 1100


class Progress(QObject):
    """Progress from a worker thread, delivered on the UI thread (queued signal)."""

    moved = Signal(int, int)


class Page:
    """A page on screen: what the source gave, how it is turned, and its cleaned form."""

    def __init__(self, raw: RawPage) -> None:
        self.raw = raw
        self.turns = 0
        self.clean: CleanPage | None = None
        self.thumb = b""  # PNG of the cleaned page


class PageZoom(QDialog):
    """One cleaned page at ``ZOOM_WIDTH``, scrolled."""

    def __init__(self, png: bytes, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xem trang"))
        resize_to_fit(self, 900, 1000)
        label = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        label.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(label)
        QVBoxLayout(self).addWidget(scroll)
