"""Fees the province sets, in Cài đặt (issue 22 part 2): the procedures whose fee the
province decides (phí, lệ phí thuộc thẩm quyền HĐND tỉnh) and the amount this desk has for
each; an administrator types the amount with the resolution it comes from. Sent to the
commune's other desks; an amount upstream published cannot be changed here."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_app.domain.catalogue import format_money
from desk_app.domain.fee_amounts import AmountSource
from desk_app.services.fee_types import ProvinceFeeRow
from desk_app.services.fees import FeeService
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner


class ProvinceFeesBox(QGroupBox):
    def __init__(
        self, fees: FeeService, runner: TaskRunner, *, admin: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("province_fees")
        self.setTitle(self.tr("Phí, lệ phí do tỉnh quy định"))
        self._fees, self._runner = fees, runner
        self.table = QTableWidget(0, 5, objectName="province_fees.table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Mã"), self.tr("Thủ tục"), self.tr("Mức thu mỗi bộ"), self.tr("Căn cứ"),
             self.tr("Nguồn")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(140)
        self.table.setTabKeyNavigation(False)
        self.amount = QLineEdit(objectName="province_fees.amount")
        self.amount.setPlaceholderText(self.tr("số đồng, ví dụ 8.000"))
        self.basis = QLineEdit(objectName="province_fees.basis")
        self.basis.setPlaceholderText(self.tr("căn cứ, ví dụ số nghị quyết của HĐND tỉnh"))
        self.save_button = QPushButton(self.tr("Lưu &mức thu"), objectName="province_fees.save")
        self.message = QLabel(objectName="province_fees.message", wordWrap=True)
        for editor in (self.amount, self.basis, self.save_button):
            editor.setEnabled(admin)
        if not admin:
            self.message.setText(self.tr("Chỉ quản trị nhập được mức thu."))
        self.save_button.clicked.connect(self.save)
        self.amount.returnPressed.connect(self.save)
        self.table.currentCellChanged.connect(lambda row, *_: self._pick(row))
        grid = QGridLayout(self)
        grid.addWidget(
            QLabel(self.tr("Chọn thủ tục, nhập mức thu tỉnh quy định; các quầy khác của xã "
                           "nhận khi đồng bộ. Mức cấp trên công bố được áp dụng thay."),
                   wordWrap=True),
            0, 0, 1, 3,
        )  # fmt: skip
        grid.addWidget(self.table, 1, 0, 1, 3)
        grid.addWidget(self.amount, 2, 0)
        grid.addWidget(self.basis, 2, 1)
        grid.addWidget(self.save_button, 2, 2)
        grid.addWidget(self.message, 3, 0, 1, 3)
        self.rows: list[ProvinceFeeRow] = []
        self.refresh()

    def refresh(self) -> None:
        self._runner.submit(
            self._fees.province_fees,
            self._show,
            lambda err: self.message.setText(describe_error(err, self.tr("đọc mức thu"))),
        )

    def _source(self, source: AmountSource) -> str:
        return {
            AmountSource.LOCAL: self.tr("Quầy này"),
            AmountSource.COMMUNE: self.tr("Quầy khác của xã"),
            AmountSource.DISTRICT: self.tr("Cấp trên công bố"),
        }[source]

    def _show(self, rows: list[ProvinceFeeRow]) -> None:
        current = self.table.currentRow()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            amount = row.amount
            cells = (
                row.procedure_code,
                row.procedure_name,
                self.tr("Chưa có mức thu") if amount is None else format_money(amount.amount),
                "" if amount is None else amount.basis,
                "" if amount is None else self._source(amount.source),
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if rows:
            self.table.setCurrentCell(max(0, min(current, len(rows) - 1)), 0)

    def _pick(self, index: int) -> None:
        if 0 <= index < len(self.rows):  # (a row without an amount clears the last one's)
            held = self.rows[index].amount
            self.amount.setText("" if held is None else f"{held.amount}")
            self.basis.setText("" if held is None else held.basis)

    def save(self) -> None:
        index = self.table.currentRow()
        if not (0 <= index < len(self.rows)) or not self.save_button.isEnabled():
            self.message.setText(self.tr("Chọn một thủ tục trong bảng."))
            return
        code, amount, basis = self.rows[index].procedure_code, self.amount.text(), self.basis.text()

        def done(_: object) -> None:
            self.message.setText(self.tr("Đã ghi; các quầy khác của xã nhận khi đồng bộ."))
            self.refresh()

        self._runner.submit(
            lambda: self._fees.set_province_amount(code, amount, basis),
            done,
            lambda err: self.message.setText(describe_error(err, self.tr("ghi mức thu"))),
        )
