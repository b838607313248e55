"""Guards against a Qt binding that would crash the desk after long use."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


def test_returning_none_from_a_model_keeps_nones_reference_count(qapp) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 loses one reference to None per such call; on Python 3.11 that ends
    # in "Fatal Python error: deallocating None" while an officer scrolls the dossier list.
    model = _Model()  # kept alive: an index does not own its model
    index = model.index(0, 0)
    index.data(Qt.ItemDataRole.DecorationRole)
    before = sys.getrefcount(None)
    for _ in range(1000):
        index.data(Qt.ItemDataRole.DecorationRole)
    assert sys.getrefcount(None) - before > -100
