"""The components checklist: received or not, original or copy, how many."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_app.domain.catalogue import CopyKind
from desk_app.domain.dossier import MAX_COMPONENT_COUNT, ComponentDraft
from desk_app.ui.widgets.labels import label

_COLUMNS = (
    QT_TRANSLATE_NOOP("ComponentsEditor", "Đã nhận"),
    QT_TRANSLATE_NOOP("ComponentsEditor", "Thành phần hồ sơ"),
    QT_TRANSLATE_NOOP("ComponentsEditor", "Hình thức"),
    QT_TRANSLATE_NOOP("ComponentsEditor", "Số lượng"),
    QT_TRANSLATE_NOOP("ComponentsEditor", "Bản số hóa"),
)
DIGITISED_COLUMN = 4


class ComponentsEditor(QTableWidget):
    """One row per paper; Space ticks "received"; hand-added papers are editable by name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(_COLUMNS), parent)
        self.setObjectName("components")
        self.setHorizontalHeaderLabels([self.tr(str(c)) for c in _COLUMNS])
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, DIGITISED_COLUMN):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.setMinimumHeight(170)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self._keys: list[str | None] = []
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_components(self, components: list[ComponentDraft]) -> None:
        self.setRowCount(0)
        self._keys = []
        for comp in components:
            self.add_component(comp)

    def add_component(self, comp: ComponentDraft) -> int:
        row = self.rowCount()
        self.insertRow(row)
        self._keys.append(comp.spec_key)
        tick = QTableWidgetItem()
        tick.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        tick.setCheckState(Qt.CheckState.Checked if comp.received else Qt.CheckState.Unchecked)
        self.setItem(row, 0, tick)
        name = QTableWidgetItem(comp.name)
        name.setToolTip(comp.name)
        if comp.spec_key is not None:  # catalogue papers keep their official name
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, 1, name)
        kind = QComboBox()
        for k in CopyKind:
            kind.addItem(label(k), k.value)
        kind.setCurrentIndex(max(0, kind.findData(comp.copy_kind)))
        self.setCellWidget(row, 2, kind)
        count = QSpinBox()
        count.setRange(1, MAX_COMPONENT_COUNT)
        count.setValue(max(1, min(comp.count, MAX_COMPONENT_COUNT)))
        self.setCellWidget(row, 3, count)
        state = QTableWidgetItem(self.tr("quét sau khi lưu"))
        state.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.setItem(row, DIGITISED_COLUMN, state)
        return row

    def names(self) -> list[str]:
        items = (self.item(row, 1) for row in range(self.rowCount()))
        return [item.text() if item is not None else "" for item in items]

    def set_digitised(self, row: int, text: str) -> None:
        """What the checklist says of the paper's digitised copy ("dùng lại", ...)."""
        item = self.item(row, DIGITISED_COLUMN)
        if item is not None:
            item.setText(text or self.tr("quét sau khi lưu"))

    def add_blank(self) -> None:
        row = self.add_component(
            ComponentDraft(self.tr("Giấy tờ khác"), CopyKind.COPY.value, 1, True, None)
        )
        self.setCurrentCell(row, 1)
        self.editItem(self._cell(row, 1))

    def drafts(self) -> list[ComponentDraft]:
        result = []
        for row in range(self.rowCount()):
            kind = self.cellWidget(row, 2)
            count = self.cellWidget(row, 3)
            assert isinstance(kind, QComboBox) and isinstance(count, QSpinBox)
            result.append(
                ComponentDraft(
                    name=self._cell(row, 1).text(),
                    copy_kind=str(kind.currentData()),
                    count=count.value(),
                    received=self._cell(row, 0).checkState() == Qt.CheckState.Checked,
                    spec_key=self._keys[row],
                )
            )
        return result

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.item(row, column)
        assert item is not None, (row, column)  # every row is built with all its items
        return item

    def set_received(self, row: int, received: bool) -> None:
        self._cell(row, 0).setCheckState(
            Qt.CheckState.Checked if received else Qt.CheckState.Unchecked
        )

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Space and self.currentRow() >= 0:
            item = self._cell(self.currentRow(), 0)
            self.set_received(self.currentRow(), item.checkState() != Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)
