"""Thu phí (Ctrl+M): the fee of a dossier, taken in cash or by a VietQR transfer shown large
enough for a phone to scan from the counter; then the receipt (two copies) to print."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.catalogue import format_money
from desk_app.domain.fees import PaymentMethod
from desk_app.services.fee_types import FeeDue, PrintedFeeReceipt
from desk_app.services.fees import FeeService, qr_modules
from desk_app.ui.widgets.help import install_help
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import TaskRunner

QR_PIXELS = 360  # on a 96-dpi screen about 9.5 cm: a phone reads it from half a metre


def qr_image(payload: str, pixels: int = QR_PIXELS) -> QImage:
    """``payload`` as a black-on-white QR image with its quiet zone, ``pixels`` wide."""
    matrix = qr_modules(payload)
    n = len(matrix)
    image = QImage(n, n, QImage.Format.Format_RGB32)
    black, white = QColor("black").rgb(), QColor("white").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            image.setPixel(x, y, black if dark else white)
    return image.scaled(pixels, pixels, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.FastTransformation)  # fmt: skip


class PaymentDialog(QDialog):
    paid = Signal(object)  # FeeReceiptRecord

    def __init__(
        self, fees: FeeService, runner: TaskRunner, code: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment")
        self.setWindowTitle(self.tr("Thu phí, lệ phí"))
        self._fees = fees
        self._runner = runner
        self._due: FeeDue | None = None
        self.preview: PaperPreviewDialog | None = None
        self.code = QLineEdit(code, objectName="payment.code")
        self.code.setPlaceholderText(self.tr("Mã hồ sơ, rồi Enter"))
        self.amount = QLabel(objectName="payment.amount")
        self.amount.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.detail = QLabel(objectName="payment.detail", wordWrap=True)
        self.cash = QRadioButton(self.tr("&Tiền mặt"), objectName="payment.cash")
        self.transfer = QRadioButton(
            self.tr("&Chuyển khoản (VietQR)"), objectName="payment.transfer"
        )
        self.cash.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.cash)
        group.addButton(self.transfer)
        self.qr = QLabel(objectName="payment.qr", alignment=Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(QR_PIXELS, QR_PIXELS)
        self.qr.hide()
        self.payload = ""
        self.message = QLabel(objectName="payment.message", wordWrap=True)
        self.take = QPushButton(self.tr("Đã nhận tiền — cấp &biên lai (Ctrl+Enter)"),
                                objectName="payment.take")  # fmt: skip
        self.take.setEnabled(False)
        close = QPushButton(self.tr("Đóng (Esc)"))
        methods = QHBoxLayout()
        methods.addWidget(self.cash)
        methods.addWidget(self.transfer)
        methods.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.take)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(self.amount)
        layout.addWidget(self.detail)
        layout.addLayout(methods)
        layout.addWidget(self.qr, 1)
        layout.addLayout(buttons)
        self.code.returnPressed.connect(self.load)
        self.transfer.toggled.connect(self._show_qr)
        self.take.clicked.connect(self.take_payment)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.take_payment)
        install_help(self, "fees")
        if code:
            self.load()

    def load(self) -> None:
        code = self.code.text().strip()
        self.take.setEnabled(False)
        self.message.clear()
        self._runner.submit(lambda: self._fees.due(code), self._show_due, self._failed)

    def _show_due(self, due: FeeDue) -> None:
        self._due = due
        self.detail.setText(due.fee_text)
        elsewhere = due.paid_elsewhere
        if due.paid is not None:
            self.amount.setText(self.tr("Đã thu — biên lai {series} số {number:07d}").format(
                series=due.paid.series, number=due.paid.number))  # fmt: skip
        elif elsewhere is not None:  # taken at another desk of the commune: never twice
            self.amount.setText(
                self.tr("Đã thu tại quầy {desk} — biên lai {series} số {number:07d}").format(
                    desk=elsewhere.desk_number, series=elsewhere.series,
                    number=elsewhere.number))  # fmt: skip
            self.detail.setText(self.tr("{amount}, ngày {day}; không thu lần nữa.").format(
                amount=format_money(elsewhere.amount),
                day=elsewhere.paid_at.strftime("%d/%m/%Y")))  # fmt: skip
        elif due.amount_not_set:  # a fee the province sets, with no amount here yet
            self.amount.setText(self.tr("Chưa có mức thu"))
            self.detail.setText(self.tr(
                "Mức thu của khoản phí này do HĐND tỉnh quy định và quầy chưa có. Quản trị "
                "viên nhập mức thu tại Cài đặt → Phí, lệ phí do tỉnh quy định (hoặc lệnh "
                "desk-app fees set-amount). Hồ sơ vẫn được tiếp nhận bình thường; thu phí "
                "sau khi có mức thu."))  # fmt: skip
        elif not due.outstanding:
            self.amount.setText(self.tr("Không có khoản phải nộp"))
        else:
            self.amount.setText(format_money(due.outstanding))
            self.take.setEnabled(True)
        self._show_qr(self.transfer.isChecked())

    def _show_qr(self, on: bool) -> None:
        due = self._due
        if not on or due is None or not due.outstanding:
            self.qr.hide()
            return
        code = due.code
        self._runner.submit(lambda: self._fees.qr_payload(code), self._draw_qr, self._failed)

    def _draw_qr(self, payload: str) -> None:
        self.payload = payload
        self.qr.setPixmap(QPixmap.fromImage(qr_image(payload)))
        self.qr.show()

    def take_payment(self) -> None:
        due = self._due
        if due is None or not self.take.isEnabled():
            return
        self.take.setEnabled(False)
        method = PaymentMethod.TRANSFER if self.transfer.isChecked() else PaymentMethod.CASH
        fees = self._fees

        def pay() -> PrintedFeeReceipt:
            receipt = fees.take_payment(due.code, method)
            return fees.print_receipt(receipt.series, receipt.number)

        self._runner.submit(pay, self._paid, self._failed)

    def _paid(self, printed: PrintedFeeReceipt) -> None:
        receipt = printed.receipt
        self.amount.setText(self.tr("Đã thu — biên lai {series} số {number:07d}").format(
            series=receipt.series, number=receipt.number))  # fmt: skip
        self.paid.emit(receipt)
        self.preview = PaperPreviewDialog(
            printed.pdf,
            self.tr("Biên lai thu phí, lệ phí {series} {number:07d}").format(
                series=receipt.series, number=receipt.number),
            f"bien-lai-{receipt.series}-{receipt.number:07d}.pdf",
            self._runner,
            self,
            print_label=self.tr("&In hai liên (Ctrl+P)"),
        )  # fmt: skip
        self.preview.open()

    def _failed(self, err: BaseException) -> None:
        self.take.setEnabled(self._due is not None and bool(self._due.outstanding))
        self.message.setText(describe_error(err, self.tr("thu phí")))
