"""Sổ thu phí (Ctrl+B): the day's receipts of this officer (or of every officer), cash and
transfer totals, the hand-over to the accountant, a bank statement to match transfers, a
receipt voided with its reason or printed again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.catalogue import format_money
from desk_app.domain.fees import FeeReceiptRecord, PaymentMethod
from desk_app.services.fee_types import CashBook, FeeSettings, PrintedFeeReceipt, StatementResult
from desk_app.services.fees import FeeService
from desk_app.ui.intake.fee_account_dialog import FeeAccountDialog
from desk_app.ui.widgets.help import install_help
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import TaskRunner


class CashBookDialog(QDialog):
    def __init__(
        self,
        fees: FeeService,
        officer_id: int,
        runner: TaskRunner,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cash_book")
        self.setWindowTitle(self.tr("Sổ thu phí, lệ phí"))
        self.resize(900, 560)
        self._fees = fees
        self._officer_id = officer_id
        self._runner = runner
        self.book: CashBook | None = None
        self.preview: PaperPreviewDialog | None = None
        self.day = QDateEdit(QDate(today.year, today.month, today.day), objectName="book.day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.everyone = QCheckBox(self.tr("Mọi cán bộ của quầy"), objectName="book.everyone")
        self.table = QTableWidget(0, 6, objectName="book.table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Ký hiệu"), self.tr("Số"), self.tr("Mã hồ sơ"), self.tr("Số tiền"),
            self.tr("Hình thức"), self.tr("Tình trạng"),
        ])  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.totals = QLabel(objectName="book.totals", wordWrap=True)
        self.totals.setStyleSheet("font-weight: bold;")
        self.message = QLabel(objectName="book.message", wordWrap=True)
        self.accountant = QLineEdit(objectName="book.accountant")
        self.accountant.setPlaceholderText(self.tr("Họ tên kế toán nhận tiền"))
        self.hand_button = QPushButton(self.tr("&Bàn giao"), objectName="book.hand_over")
        self.statement_button = QPushButton(self.tr("Đối chiếu &sao kê…"),
                                            objectName="book.statement")  # fmt: skip
        self.void_button = QPushButton(self.tr("&Hủy biên lai…"), objectName="book.void")
        self.reprint_button = QPushButton(self.tr("In &lại"), objectName="book.reprint")
        self.account_button = QPushButton(self.tr("Tài khoản nhận &phí…"),
                                          objectName="book.account")  # fmt: skip
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Ngày")))
        top.addWidget(self.day)
        top.addWidget(self.everyone)
        top.addStretch(1)
        top.addWidget(self.account_button)
        top.addWidget(self.statement_button)
        actions = QHBoxLayout()
        actions.addWidget(self.void_button)
        actions.addWidget(self.reprint_button)
        actions.addStretch(1)
        actions.addWidget(self.accountant)
        actions.addWidget(self.hand_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.everyone.toggled.connect(lambda _on: self.refresh())
        self.hand_button.clicked.connect(self.hand_over)
        self.statement_button.clicked.connect(lambda: self.import_statement(None))
        self.void_button.clicked.connect(lambda: self.void_selected(None))
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.account_button.clicked.connect(self.edit_account)
        self.account: FeeAccountDialog | None = None
        install_help(self, "fees")
        self.refresh()

    def _day(self) -> date:
        return self.day.date().toPython()  # type: ignore[no-any-return]

    def refresh(self) -> None:
        day, officer = self._day(), None if self.everyone.isChecked() else self._officer_id
        self._runner.submit(lambda: self._fees.cash_book(day, officer), self._show, self._failed)

    def _show(self, book: CashBook) -> None:
        self.book = book
        self.table.setRowCount(len(book.receipts))
        for row, r in enumerate(book.receipts):
            state = (
                self.tr("Đã hủy: {reason}").format(reason=r.void_reason) if r.voided_at
                else self.tr("Đã đối chiếu") if r.matched_at
                else self.tr("Chờ đối chiếu") if r.method is PaymentMethod.TRANSFER else ""
            )  # fmt: skip
            method = (
                self.tr("Tiền mặt") if r.method is PaymentMethod.CASH else self.tr("Chuyển khoản")
            )
            values = [r.series, f"{r.number:07d}", r.dossier_code, format_money(r.amount),
                      method, state]  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        t = book.totals
        text = self.tr(
            "Tiền mặt {cash} · Chuyển khoản {transfer} (chưa đối chiếu {unmatched}) · "
            "Cộng {total} · {receipts} biên lai, {voided} đã hủy"
        ).format(
            cash=format_money(t.cash), transfer=format_money(t.transfer),
            unmatched=t.transfers_unmatched, total=format_money(t.total),
            receipts=t.receipts, voided=t.voided,
        )  # fmt: skip
        if book.handover is not None:
            text += self.tr(" · Đã bàn giao cho {name}").format(name=book.handover.accountant)
        self.totals.setText(text)
        mine = not self.everyone.isChecked()
        self.hand_button.setEnabled(mine and book.handover is None)
        self.accountant.setEnabled(mine and book.handover is None)

    def selected(self) -> FeeReceiptRecord | None:
        row = self.table.currentRow()
        if self.book is None or not 0 <= row < len(self.book.receipts):
            return None
        receipt: FeeReceiptRecord = self.book.receipts[row]
        return receipt

    def hand_over(self) -> None:
        day, name = self._day(), self.accountant.text()
        self._runner.submit(lambda: self._fees.hand_over(day, name), self._done, self._failed)

    def import_statement(self, path: Path | None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Sao kê ngân hàng"), "",
                self.tr("Sao kê (*.csv *.xlsx)"),
            )  # fmt: skip
            if not chosen:
                return
            path = Path(chosen)
        file = path
        self._runner.submit(
            lambda: self._fees.import_statement(file), self._statement_done, self._failed
        )

    def _statement_done(self, result: StatementResult) -> None:
        lines = [m.problem for m in result.matches if m.problem]
        self.message.setText(
            self.tr("Đã đối chiếu {n} khoản; {k} dòng cần xem lại.").format(
                n=result.matched, k=result.problems)
            + ("\n" + "\n".join(lines[:5]) if lines else "")
        )  # fmt: skip
        self.refresh()

    def void_selected(self, reason: str | None) -> None:
        receipt = self.selected()
        if receipt is None or receipt.voided_at is not None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("Hủy biên lai"), self.tr("Lý do hủy biên lai:")
            )
            if not ok:
                return
        series, number, why = receipt.series, receipt.number, reason
        self._runner.submit(lambda: self._fees.void(series, number, why), self._done, self._failed)

    def reprint_selected(self) -> None:
        receipt = self.selected()
        if receipt is None:
            return
        series, number = receipt.series, receipt.number
        self._runner.submit(
            lambda: self._fees.print_receipt(series, number), self._show_receipt, self._failed
        )

    def _show_receipt(self, printed: PrintedFeeReceipt) -> None:
        r = printed.receipt
        self.preview = PaperPreviewDialog(
            printed.pdf,
            self.tr("Biên lai {series} {number:07d}").format(series=r.series, number=r.number),
            f"bien-lai-{r.series}-{r.number:07d}.pdf",
            self._runner,
            self,
        )
        self.preview.open()
        self.refresh()

    def edit_account(self) -> None:
        """The commune's fee account and receipt symbols (saved by an administrator)."""
        self._runner.submit(self._fees.fee_settings, self._show_account, self._failed)

    def _show_account(self, current: FeeSettings) -> None:
        self.account = FeeAccountDialog(self._fees, current, self._runner, self)
        self.account.open()

    def _done(self, _result: object) -> None:
        self.message.clear()
        self.refresh()

    def _failed(self, err: BaseException) -> None:
        self.message.setText(describe_error(err, self.tr("ghi sổ thu phí")))
