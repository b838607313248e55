"""The citizen's earlier digitised papers, still valid, offered at intake: the officer ticks
one to reuse it for a component of the new dossier instead of scanning it again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.domain.documents import StoredDocument, guess_type


class ReusePapers(QGroupBox):
    changed = Signal()  # the papers offered or ticked changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Giấy tờ đã số hóa của công dân còn hiệu lực — đánh dấu để dùng lại"), parent
        )
        self.papers = QListWidget(objectName="reusable")
        self.papers.setMaximumHeight(110)
        self.papers.itemChanged.connect(lambda _item: self.changed.emit())
        QVBoxLayout(self).addWidget(self.papers)
        self.hide()

    def offer(self, documents: list[StoredDocument]) -> None:
        """Offer ``documents``, none ticked; the box shows only when there is one."""
        self.papers.blockSignals(True)
        self.papers.clear()
        for document in documents:
            item = QListWidgetItem(document.summary)
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, document.doc_type.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.papers.addItem(item)
        self.papers.blockSignals(False)
        self.setVisible(bool(documents))
        self.changed.emit()

    def clear(self) -> None:
        self.papers.clear()
        self.hide()

    def choices(self, names: list[str]) -> list[tuple[int, int]]:
        """(document id, component position) for each ticked document that fits one of the
        papers ``names`` (the components' names, in order), each paper used once."""
        chosen: list[tuple[int, int]] = []
        for index in range(self.papers.count()):
            item = self.papers.item(index)
            if item.checkState() is not Qt.CheckState.Checked:
                continue
            doc_type = item.data(Qt.ItemDataRole.UserRole + 1)
            for row, name in enumerate(names):
                taken = {position for _, position in chosen}
                if guess_type(name).value == doc_type and row + 1 not in taken:
                    chosen.append((int(item.data(Qt.ItemDataRole.UserRole)), row + 1))
                    break
        return chosen
