"""Hôm nay: what is due today and tomorrow, late, waiting, ready to hand back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.clock import Clock
from desk_app.services.dossiers import DossierQueryService
from desk_app.services.today import TodayService, TodayView
from desk_app.ui.dossiers.dossier_table_model import DossierTableModel
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner

# Colour with words, the same meaning as in the dossier list.
_TONE = {
    TodayView.LATE: "#fbe3e1",
    TodayView.NEEDS_APOLOGY: "#fbe3e1",
    TodayView.DUE_TODAY: "#fff2cc",
    TodayView.DUE_NEXT: "#fff2cc",
    TodayView.SUPPLEMENT: "#eeeeee",
    TodayView.READY: "#e3f1e3",
}


class TodayPage(QWidget):
    open_requested = Signal(int)
    counts_changed = Signal(object)  # dict[TodayView, int]

    def __init__(
        self,
        today: TodayService,
        dossiers: DossierQueryService,
        runner: TaskRunner,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today, self._dossiers, self._runner = today, dossiers, runner
        self._view = TodayView.DUE_TODAY
        self.buttons: dict[TodayView, QPushButton] = {}
        group = QButtonGroup(self)
        cards = QGridLayout()
        for index, view in enumerate(TodayView):
            button = QPushButton(label(view), objectName=f"today.{view.value}", checkable=True)
            button.setMinimumHeight(48)
            button.setStyleSheet(
                f"QPushButton {{ background: {_TONE[view]}; text-align: left; padding: 6px; }}"
                "QPushButton:checked { border: 2px solid #333; font-weight: bold; }"
            )
            button.clicked.connect(lambda _=False, v=view: self.show_view(v))
            group.addButton(button)
            cards.addWidget(button, index // 3, index % 3)
            self.buttons[view] = button
        self.buttons[self._view].setChecked(True)
        self.model = DossierTableModel(dossiers.rows, dossiers.procedure_name, clock)
        self.table = QTableView(objectName="today.table")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((215, 175, 105, 230, 122, 122)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open)
        self.status = QLabel(objectName="today.status")
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.counts: dict[TodayView, int] = {}

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Counts of every list and the rows of the chosen one (in the background)."""
        self._runner.submit(self._today.counts, self._show_counts, self._failed)
        self.show_view(self._view)

    def show_view(self, view: TodayView) -> None:
        self._view = view
        self.buttons[view].setChecked(True)
        today, dossiers = self._today, self._dossiers
        self._runner.submit(
            lambda: dossiers.search_ids("", today.filter(view)), self._show_ids, self._failed
        )

    def _show_counts(self, counts: dict[TodayView, int]) -> None:
        self.counts = counts
        for view, button in self.buttons.items():
            button.setText(f"{label(view)}: {counts.get(view, 0)}")
        self.counts_changed.emit(counts)

    def _show_ids(self, ids: Sequence[int]) -> None:
        self.model.set_ids(ids)
        self.status.setText(
            self.tr("{view}: {n} hồ sơ. Enter để mở hồ sơ.").format(
                view=label(self._view), n=len(ids)
            )
        )
        if len(ids):
            self.table.selectRow(0)

    def _failed(self, err: BaseException) -> None:
        self.status.setText(describe_error(err, self.tr("xem việc hôm nay")))

    def _open(self, index) -> None:  # type: ignore[no-untyped-def]
        if 0 <= index.row() < self.model.rowCount():
            self.open_requested.emit(self.model.dossier_id(index.row()))
