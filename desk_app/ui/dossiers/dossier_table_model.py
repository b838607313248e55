"""Table model over dossier ids with lazily fetched rows.

The model holds only the ids of the current result (8 bytes each: 8 MB for a million)
and a bounded cache of fetched pages. A page is 100 rows read by primary key in one
query (well under a millisecond), so fetching it on the UI thread while scrolling is
cheaper than any round trip to a worker; searches, which may take longer, run on the
task runner and hand over a finished id array.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desk_app.domain.dossier import Status, is_late
from desk_app.domain.identity import mask_id_number
from desk_app.domain.records import DossierRow
from desk_app.ui.widgets.labels import label

PAGE = 100
MAX_PAGES = 60
COLUMNS = (
    QT_TRANSLATE_NOOP("DossierTableModel", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Người nộp"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Số định danh"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Thủ tục"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Ngày nhận"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Hẹn trả"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Tình trạng"),
)

LATE = QColor("#fbe3e1")  # red: late
DUE_TODAY = QColor("#fff2cc")  # amber: due today
DONE = QColor("#e3f1e3")  # green: result returned on time
WAITING = QColor("#eeeeee")  # grey: waiting for the citizen (supplement, fees)
_WAITING = {Status.SUPPLEMENT_REQUESTED, Status.FEES_REQUIRED}

Index = QModelIndex | QPersistentModelIndex


class DossierTableModel(QAbstractTableModel):
    def __init__(
        self,
        fetch_rows: Callable[[Sequence[int]], list[DossierRow]],
        procedure_name: Callable[[str], str],
        now: Callable[[], datetime],
    ) -> None:
        super().__init__()
        self._fetch_rows = fetch_rows
        self._procedure_name = procedure_name
        self._now = now
        self._ids: Sequence[int] = ()
        self._pages: OrderedDict[int, list[DossierRow | None]] = OrderedDict()
        self.fetches = 0  # pages read from the database (benchmarks and tests look)

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def dossier_id(self, row: int) -> int:
        return int(self._ids[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(COLUMNS[section]))
        return None

    def row(self, row: int) -> DossierRow | None:
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE : (page_no + 1) * PAGE]
            fetched = {r.id: r for r in self._fetch_rows(list(ids))}
            page = [fetched.get(int(i)) for i in ids]
            self.fetches += 1
            self._pages[page_no] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[row % PAGE]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.row(index.row())
        if r is None:
            return self.tr("(đã xóa)") if role == Qt.ItemDataRole.DisplayRole else None
        now = self._now()
        late = is_late(r.status, r.deadline_at, r.settled_at, now)
        due_today = not r.status.is_closed and r.due_at.date() == now.date() and not late
        if role == Qt.ItemDataRole.BackgroundRole:
            if late:
                return QBrush(LATE)
            if due_today:
                return QBrush(DUE_TODAY)
            if r.status is Status.RETURNED:
                return QBrush(DONE)
            if r.status in _WAITING:
                return QBrush(WAITING)
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._procedure_name(r.procedure_code) if column == 3 else None
        if column == 0:
            return r.code
        if column == 1:
            return r.applicant_name
        if column == 2:
            return mask_id_number(r.applicant_id_number)
        if column == 3:
            return self._procedure_name(r.procedure_code)
        if column == 4:
            return r.received_at.strftime("%H:%M %d/%m/%Y")
        if column == 5:
            return r.due_at.strftime("%H:%M %d/%m/%Y")
        # Colour is never the only sign: the words say it too.
        text = label(r.status)
        if late:
            return self.tr("{label} — QUÁ HẠN").format(label=text)
        if due_today:
            return self.tr("{label} — đến hạn hôm nay").format(label=text)
        return text
