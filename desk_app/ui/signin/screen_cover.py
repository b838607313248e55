"""While the desk is locked nothing behind the lock box is visible: every open window (the
desk's window, a dossier, a paper's preview, the guide) gets an opaque cover over its whole
area. The windows stay open with their unsaved work (a dialog in the middle of its own
event loop is not closed, as hiding it would); the covers go once the officer unlocks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

COVER_COLOUR = "#37474f"


class ScreenCover(QLabel):
    """An opaque child over the whole of ``window``, kept at its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, objectName="lock_cover")
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"background: {COVER_COLOUR}; border: none;")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()  # a widget added while locked stays under the cover
        return False

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()


def cover_windows() -> list[ScreenCover]:
    """Cover every visible window of the program; give the covers to ``uncover``."""
    return [ScreenCover(w) for w in QApplication.topLevelWidgets() if w.isVisible()]


def uncover(covers: list[ScreenCover]) -> None:
    for cover in covers:
        cover.remove()
