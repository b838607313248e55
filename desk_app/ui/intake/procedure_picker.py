"""Choosing the procedure: type any part of its name or code, with or without accents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.domain.catalogue import Procedure
from desk_app.services.catalogue import CatalogueService


class ProcedurePicker(QWidget):
    """A search line over a list; Down moves into the list, Enter chooses."""

    chosen = Signal(str)  # procedure code, "" when nothing is chosen

    def __init__(self, catalogue: CatalogueService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self.search = QLineEdit(objectName="procedure.search")
        self.search.setPlaceholderText(
            self.tr("Tìm thủ tục theo tên hoặc mã (gõ không dấu cũng được)")
        )
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(objectName="procedure.list")
        self.list.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.currentItemChanged.connect(self._current_changed)
        self._filter("")

    def _filter(self, text: str) -> None:
        current = self.code()
        self.list.clear()
        for procedure in self._catalogue.search(text):
            item = QListWidgetItem(f"{procedure.name} — {procedure.code}")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code)
            item.setToolTip(f"{procedure.sector} · {procedure.processing.describe()}")
            self.list.addItem(item)
            if procedure.code == current:
                self.list.setCurrentItem(item)
        if self.list.count() == 1:
            self.list.setCurrentRow(0)

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole) if item else "")

    def code(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def procedure(self) -> Procedure | None:
        return self._catalogue.find(self.code()) if self.code() else None

    def choose(self, code: str) -> bool:
        self.search.clear()
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(row)
                return True
        return False

    def reset(self) -> None:
        self.search.clear()
        self.list.setCurrentRow(-1)
        self.list.clearSelection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.list.count():
                self.list.setFocus()
                if self.list.currentRow() < 0:
                    self.list.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)
