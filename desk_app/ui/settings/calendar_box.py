"""The commune's working calendar in Cài đặt (issue 25 item 1): the days the desk takes as
off (weekdays) or worked (weekends) in a year, and why; an administrator adds a day off or
a make-up day, or removes one the desk set (docs/rules/calendar.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.calendar_days import BelievedDay
from desk_app.domain.errors import DeskError
from desk_app.domain.identity import parse_vn_date
from desk_app.services.intake import IntakeService
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner


class CalendarBox(QGroupBox):
    def __init__(
        self,
        intake: IntakeService,
        runner: TaskRunner,
        *,
        admin: bool,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Lịch làm việc của xã"))
        self._intake, self._runner = intake, runner
        self.year = QSpinBox(objectName="calendar.year", minimum=2025, maximum=2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(self.refresh)
        self.table = QTableWidget(0, 5, objectName="calendar.table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Ngày"), self.tr("Nghỉ/làm"), self.tr("Lý do"), self.tr("Nguồn"),
             self.tr("Ghi chú")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(180)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.day = QLineEdit(objectName="calendar.day")
        self.day.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.kind = QComboBox(objectName="calendar.kind")
        self.kind.addItem(self.tr("Ngày nghỉ thêm"), OverrideKind.OFF.value)
        self.kind.addItem(self.tr("Ngày làm bù"), OverrideKind.WORK.value)
        self.note = QLineEdit(objectName="calendar.note")
        self.note.setPlaceholderText(self.tr("căn cứ, ví dụ số văn bản"))
        self.add_button = QPushButton(self.tr("Đặt &ngày"), objectName="calendar.add")
        self.remove_button = QPushButton(self.tr("&Bỏ ngày đã đặt"), objectName="calendar.remove")
        self.message = QLabel(objectName="calendar.message", wordWrap=True)
        for editor in (self.day, self.kind, self.note, self.add_button, self.remove_button):
            editor.setEnabled(admin)
        self.add_button.clicked.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_day)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Năm")), 0, 0)
        grid.addWidget(self.year, 0, 1)
        grid.addWidget(self.table, 1, 0, 1, 5)
        grid.addWidget(self.day, 2, 0)
        grid.addWidget(self.kind, 2, 1)
        grid.addWidget(self.note, 2, 2)
        grid.addWidget(self.add_button, 2, 3)
        grid.addWidget(self.remove_button, 2, 4)
        grid.addWidget(self.message, 3, 0, 1, 5)
        self.days: list[BelievedDay] = []
        self.refresh()

    def refresh(self) -> None:
        year = self.year.value()
        self._runner.submit(
            lambda: self._intake.believed_days(date(year, 1, 1), date(year, 12, 31)),
            self._show,
            lambda err: self.message.setText(describe_error(err, self.tr("đọc lịch"))),
        )

    def _show(self, days: list[BelievedDay]) -> None:
        self.days = days
        self.table.setRowCount(len(days))
        for row, entry in enumerate(days):
            cells = (
                entry.day.strftime("%d/%m/%Y"),
                self.tr("Làm việc") if entry.working else self.tr("Nghỉ"),
                entry.why,
                label(entry.source),
                entry.upstream_note,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _day(self) -> date | None:
        try:
            return parse_vn_date(self.day.text(), field="day", label=self.tr("Ngày"))
        except DeskError as err:
            self.message.setText(err.message)
            return None

    def add_day(self) -> None:
        when = self._day()
        if when is None:
            return
        kind, note = OverrideKind(str(self.kind.currentData())), self.note.text()
        self._submit(lambda: self._intake.set_day_override(DayOverride(when, kind, note)))

    def remove_day(self) -> None:
        row = self.table.currentRow()
        when = self.days[row].day if 0 <= row < len(self.days) else self._day()
        if when is not None:
            self._submit(lambda: self._intake.remove_day_override(when))

    def _submit(self, change: Callable[[], None]) -> None:
        def done(_: object) -> None:
            self.message.setText(self.tr("Đã ghi; các quầy khác của xã nhận khi đồng bộ."))
            self.refresh()

        self._runner.submit(
            change,
            done,
            lambda err: self.message.setText(describe_error(err, self.tr("ghi lịch"))),
        )
