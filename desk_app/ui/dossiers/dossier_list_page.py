"""Hồ sơ: every dossier of the desk, one search box, filters, open and reprint."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.dossier import Status
from desk_app.domain.records import DossierFilter
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.dossiers import DossierQueryService
from desk_app.ui.dossiers.dossier_table_model import DossierTableModel
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner

SEARCH_DELAY_MS = 250


class DossierListPage(QWidget):
    open_requested = Signal(int)  # dossier id

    def __init__(
        self,
        dossiers: DossierQueryService,
        catalogue: CatalogueService,
        runner: TaskRunner,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dossiers = dossiers
        self._runner = runner
        self._clock = clock
        self._generation = 0  # answers to older searches are dropped
        self.search = QLineEdit(objectName="list.search")
        self.search.setPlaceholderText(
            self.tr(
                "Tìm theo mã hồ sơ, tên người nộp (không cần dấu), số định danh, điện thoại (Ctrl+F)"
            )
        )
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(objectName="list.status")
        self.status.addItem(self.tr("Mọi tình trạng"), None)
        for s in Status:
            self.status.addItem(label(s), int(s))
        self.procedure = QComboBox(objectName="list.procedure")
        self.procedure.addItem(self.tr("Mọi thủ tục"), None)
        for p in catalogue.procedures():
            self.procedure.addItem(f"{p.code} — {p.name}", p.code)
        self.procedure.setMaximumWidth(320)
        self.by_date = QCheckBox(self.tr("Nhận từ"), objectName="list.by_date")
        today = QDate.currentDate()
        self.date_from = QDateEdit(
            today.addDays(-30), calendarPopup=True, displayFormat="dd/MM/yyyy"
        )
        self.date_to = QDateEdit(today, calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.due_today = QCheckBox(self.tr("Đến hạn hôm nay"), objectName="list.due_today")
        self.late = QCheckBox(self.tr("Quá hạn"), objectName="list.late")
        # Two rows of filters: the page fits a 1366 px screen at 125 % text size.
        filters = QHBoxLayout()
        for w in (self.status, self.procedure, self.due_today, self.late):
            filters.addWidget(w)
        filters.addStretch(1)
        dates = QHBoxLayout()
        for w in (self.by_date, self.date_from, QLabel(self.tr("đến")), self.date_to):
            dates.addWidget(w)
        dates.addStretch(1)

        self.model = DossierTableModel(dossiers.rows, dossiers.procedure_name, clock)
        self.table = QTableView(objectName="list.table")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.fit_columns()
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.count = QLabel(objectName="list.count")
        self.hint = QLabel(
            self.tr(
                "Màu: đỏ = quá hạn, vàng = đến hạn hôm nay, xanh = đã trả, xám = chờ công dân. "
                "Enter để mở hồ sơ."
            )
        )
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.hint, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._open_from_search)
        self.search.installEventFilter(self)
        self._open_when_found = self._searching = False
        for combo in (self.status, self.procedure):
            combo.currentIndexChanged.connect(self.refresh)
        for box in (self.due_today, self.late):
            box.toggled.connect(self.refresh)
        self.by_date.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.loaded = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self.loaded:  # the first look at the list loads it, not start-up
            self.refresh()

    def fit_columns(self) -> None:
        """Column widths from the text they hold in this font: a whole dossier code and
        whole dates at any text size (issue 26, 8)."""
        metrics = self.table.fontMetrics()
        pad = 3 * metrics.averageCharWidth()
        samples = (
            "000.00.00.H00-260304-1001",  # the code
            "Nguyen Thi Hong Nhung",  # (widths only: no text of the window)
            "0011••••2345",
            "Dang ky khai sinh (1.001193)",
            "17:00 04/03/2026",
            "17:00 04/03/2026",
        )
        for column, sample in enumerate(samples):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            self.table.setColumnWidth(column, width + pad)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the search box goes into the results, on the selected (first) row."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.table.setFocus()
            if self.model.rowCount() and not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def filters(self) -> DossierFilter:
        status = self.status.currentData()
        received_from = received_to = None
        if self.by_date.isChecked():
            received_from = _to_date(self.date_from.date())
            received_to = _to_date(self.date_to.date())
        return DossierFilter(
            status=Status(status) if status is not None else None,
            procedure_code=self.procedure.currentData(),
            received_from=received_from,
            received_to=received_to,
            due_today=self.due_today.isChecked(),
            late=self.late.isChecked(),
            now=self._clock(),
        )

    def refresh(self) -> None:
        """Run the search with the current box and filters (in the background)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query, filters = self.search.text(), self.filters()
        if (
            filters.received_from
            and filters.received_to
            and filters.received_from > filters.received_to
        ):
            self.count.setText(self.tr("Ngày bắt đầu đang sau ngày kết thúc: hãy sửa khoảng ngày."))
            return
        self.count.setText(self.tr("Đang tìm…"))
        self._searching = True
        self._runner.submit(
            lambda: self._dossiers.search_ids(query, filters),
            lambda ids: self._show(generation, ids),
            lambda err: self._failed(generation, err),
        )

    def _show(self, generation: int, ids: Sequence[int]) -> None:
        if generation != self._generation:
            return
        self.loaded = True
        self._searching = False
        self.model.set_ids(ids)
        n = len(ids)
        self.count.setText(self.tr("{n} hồ sơ").format(n=f"{n:,}".replace(",", ".")))
        if n:
            self.table.selectRow(0)
        if self._open_when_found:
            self._open_when_found = False
            self.table.setFocus()
            if n:
                self._open(0)

    def _failed(self, generation: int, err: BaseException) -> None:
        if generation == self._generation:
            self._searching = self._open_when_found = False
            self.count.setText(describe_error(err, self.tr("tìm hồ sơ")))

    def _open_from_search(self) -> None:
        """Enter in the search box opens the selected (first) result at once; while the
        search is still running, as soon as it is done."""
        if self._timer.isActive() or self._searching or not self.loaded:
            self._open_when_found = True
            self.refresh()
            return
        self.table.setFocus()
        rows = self.table.selectionModel().selectedRows()
        self._open(rows[0].row() if rows else 0)

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(self.model.dossier_id(row))

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.refresh()

    def _dates_changed(self) -> None:
        if self.by_date.isChecked():
            self._timer.start()


def _to_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())
