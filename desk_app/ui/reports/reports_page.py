"""Báo cáo: a period's figures as a table and charts, exports to Excel/PDF, the tracking book."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.periods import ROMAN, Period, PeriodKind
from desk_app.domain.reporting import PROGRESS_COLUMNS, Report, percent
from desk_app.services.reports import ReportService
from desk_app.ui.reports.bar_chart import BarChart
from desk_app.ui.widgets.labels import words
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

_KINDS = (
    (PeriodKind.QUARTER, QT_TRANSLATE_NOOP("ReportsPage", "Quý")),
    (PeriodKind.MONTH, QT_TRANSLATE_NOOP("ReportsPage", "Tháng")),
    (PeriodKind.HALF, QT_TRANSLATE_NOOP("ReportsPage", "6 tháng")),
    (PeriodKind.YEAR, QT_TRANSLATE_NOOP("ReportsPage", "Năm")),
)


class ReportsPage(QWidget):
    def __init__(
        self, reports: ReportService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._reports, self._runner = reports, runner
        self.kind = QComboBox(objectName="report.kind")
        for kind, label in _KINDS:
            self.kind.addItem(self.tr(str(label)), kind.value)
        self.period = QLineEdit(objectName="report.period")
        self.period.setPlaceholderText(self.tr("2026-Q1, 2026-H1, 2026-03 hoặc 2026"))
        self.make = QPushButton(self.tr("&Lập báo cáo"), objectName="report.make")
        self.export_xlsx = QPushButton(self.tr("Xuất &Excel…"), objectName="report.xlsx")
        self.export_pdf = QPushButton(self.tr("Xuất &PDF…"), objectName="report.pdf")
        for button in (self.export_xlsx, self.export_pdf):
            button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kỳ báo cáo:")))
        top.addWidget(self.kind)
        top.addWidget(self.period, 1)
        top.addWidget(self.make)
        top.addWidget(self.export_xlsx)
        top.addWidget(self.export_pdf)
        self.title = QLabel(objectName="report.title")
        self.title.setStyleSheet("font-weight: bold;")
        self.progress = QProgressBar(maximum=0, objectName="report.progress")
        self.progress.hide()
        self.table = QTableWidget(0, 2 + len(PROGRESS_COLUMNS), objectName="report.table")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.setHorizontalHeaderLabels(
            [self.tr("Mã"), self.tr("Thủ tục")]
            + [f"{words(g)}: {words(t)}" if g else words(t) for g, t, _ in PROGRESS_COLUMNS]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 260)
        self.progress_chart = BarChart(self.tr("Kết quả giải quyết trong kỳ"))
        self.digit_chart = BarChart(self.tr("Số hóa và hài lòng"))
        charts = QHBoxLayout()
        charts.addWidget(self.progress_chart)
        charts.addWidget(self.digit_chart)
        self.message = QLabel(wordWrap=True, objectName="report.message")

        book = QGroupBox(self.tr("Sổ theo dõi hồ sơ (Mẫu 07)"))
        self.book_from = QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.book_to = QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy")
        today = QDate.currentDate()
        self.book_from.setDate(QDate(today.year(), today.month(), 1))
        self.book_to.setDate(today)
        self.book_pdf = QPushButton(self.tr("Xuất sổ PDF…"), objectName="book.pdf")
        self.book_xlsx = QPushButton(self.tr("Xuất sổ Excel…"), objectName="book.xlsx")
        grid = QGridLayout(book)
        grid.addWidget(QLabel(self.tr("Từ ngày")), 0, 0)
        grid.addWidget(self.book_from, 0, 1)
        grid.addWidget(QLabel(self.tr("đến ngày")), 0, 2)
        grid.addWidget(self.book_to, 0, 3)
        grid.addWidget(self.book_pdf, 0, 4)
        grid.addWidget(self.book_xlsx, 0, 5)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addLayout(charts, 2)
        layout.addWidget(self.table, 3)
        layout.addWidget(book)
        layout.addWidget(self.message)

        self.make.clicked.connect(self.make_report)
        self.period.returnPressed.connect(self.make_report)
        self.kind.currentIndexChanged.connect(lambda _index: self._kind_changed())
        self.export_xlsx.clicked.connect(lambda: self._export(".xlsx"))
        self.export_pdf.clicked.connect(lambda: self._export(".pdf"))
        self.book_pdf.clicked.connect(lambda: self._export_book(".pdf"))
        self.book_xlsx.clicked.connect(lambda: self._export_book(".xlsx"))
        self.report: Report | None = None
        self._started = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._kind_changed(then_report=True)

    def _kind_changed(self, *, then_report: bool = False) -> None:
        """Put the current period of the chosen kind in the box (the cut-off day is a
        setting, read on the DB lane), and make its report when asked."""
        kind = PeriodKind(self.kind.currentData())

        def show(code: str) -> None:
            self.period.setText(code)
            if then_report:
                self.make_report()

        self._runner.submit(lambda: self._reports.current_period(kind).code, show, self._failed)

    def make_report(self) -> None:
        text = self.period.text()
        self.progress.show()
        self.make.setEnabled(False)
        self.message.clear()
        self._runner.submit(
            lambda: self._reports.report(self._reports.period(text)), self._show, self._failed
        )

    def _failed(self, err: BaseException) -> None:
        self.progress.hide()
        self.make.setEnabled(True)
        self.message.setText(describe_error(err, self.tr("lập báo cáo")))

    def _period_title(self, period: Period) -> str:
        match period.kind:
            case PeriodKind.MONTH:
                name = self.tr("Tháng {n} năm {year}").format(
                    n=f"{period.number:02d}", year=period.year
                )
            case PeriodKind.QUARTER:
                name = self.tr("Quý {n} năm {year}").format(
                    n=ROMAN[period.number - 1], year=period.year
                )
            case PeriodKind.HALF:
                name = (
                    self.tr("6 tháng đầu năm {year}")
                    if period.number == 1
                    else self.tr("6 tháng cuối năm {year}")
                ).format(year=period.year)
            case _:
                name = self.tr("Năm {year}").format(year=period.year)
        return self.tr("{name} (từ {start} đến {end})").format(
            name=name, start=f"{period.start:%d/%m/%Y}", end=f"{period.last_day:%d/%m/%Y}"
        )

    def _show(self, report: Report) -> None:
        self.report = report
        self.progress.hide()
        self.make.setEnabled(True)
        for button in (self.export_xlsx, self.export_pdf):
            button.setEnabled(True)
        self.title.setText(self._period_title(report.period))
        rows = [(r.code, r.name, r.counts) for r in report.by_procedure]
        rows.append(("", self.tr("TỔNG CỘNG"), report.total))
        self.table.setRowCount(len(rows))
        for row, (code, name, counts) in enumerate(rows):
            values = [code, name] + [str(getattr(counts, a)) for _, _, a in PROGRESS_COLUMNS]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        t = report.total
        self.progress_chart.set_bars(
            [
                (self.tr("Tiếp nhận"), t.received, "#9ec5e8"),
                (self.tr("Trước hạn"), t.finished_early, "#7fbf7f"),
                (self.tr("Đúng hạn"), t.finished_on_time, "#b5dcb5"),
                (self.tr("Quá hạn"), t.finished_late, "#e88f86"),
                (self.tr("Đang giải quyết"), t.open, "#ffd966"),
                (self.tr("Chờ bổ sung"), t.paused, "#cccccc"),
            ]
        )
        self.digit_chart.set_bars(
            [
                (
                    self.tr("Số hóa đủ (%)"),
                    round(percent(t.fully_digitised, t.received)),
                    "#9ec5e8",
                ),
                (
                    self.tr("Kết quả số hóa (%)"),
                    round(percent(t.results_digitised, t.finished)),
                    "#7fbf7f",
                ),
                (self.tr("Hài lòng (%)"), round(report.satisfied_percent), "#b5dcb5"),
            ]
        )

    def _export(self, suffix: str) -> None:
        report = self.report
        if report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Xuất báo cáo"), f"bao-cao-{report.period.code}{suffix}"
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        report = self.report
        assert report is not None
        self._runner.submit(
            lambda: self._reports.write_report(report, path),
            lambda _: self.message.setText(self.tr("Đã ghi {path}").format(path=path)),
            lambda err: self.message.setText(describe_error(err, self.tr("xuất báo cáo"))),
            Lane.WORK,
        )

    def _export_book(self, suffix: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Xuất Sổ theo dõi hồ sơ"), f"so-theo-doi{suffix}"
        )
        if path:
            self.save_book(Path(path))

    def save_book(self, path: Path) -> None:
        first, last = _to_date(self.book_from.date()), _to_date(self.book_to.date())
        self.message.setText(self.tr("Đang xuất sổ…"))
        self._runner.submit(
            lambda: self._reports.write_book(first, last, path),
            lambda n: self.message.setText(
                self.tr("Đã ghi sổ ({n} hồ sơ) vào {path}").format(n=n, path=path)
            ),
            lambda err: self.message.setText(describe_error(err, self.tr("xuất sổ theo dõi"))),
        )


def _to_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())
