"""Preview of the receipt PDF, and printing it (the PDF's own pages, nothing re-laid out)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.receipts import PrintedReceipt, ReceiptService
from desk_app.ui.messages import describe_error
from desk_app.ui.task_runner import Lane, TaskRunner

PREVIEW_DPI = 90
PRINT_DPI = 300


def render_pages(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of ``pdf`` as an image (runs on the work lane; QImage is thread-safe)."""
    import pypdfium2  # only when a receipt is shown, not at start-up

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            width, height = bitmap.width, bitmap.height
            image = QImage(bitmap.buffer, width, height, bitmap.stride, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels before pdfium frees its buffer
            page.close()
        return images
    finally:
        document.close()


class ReceiptPreviewDialog(QDialog):
    printed = Signal(int)  # how many times this receipt has now been printed

    def __init__(
        self,
        pdf: bytes,
        code: str,
        receipts: ReceiptService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Giấy tiếp nhận hồ sơ {code}").format(code=code))
        self.resize(760, 900)
        self._pdf = pdf
        self._code = code
        self._receipts = receipts
        self._runner = runner
        self.pages = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.pages)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.progress = QProgressBar(maximum=0)  # busy indicator while pages render
        self.message = QLabel(wordWrap=True)
        self.print_button = QPushButton(self.tr("&In hai liên (Ctrl+P)"), objectName="print")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("&Lưu PDF…"), objectName="save_pdf")
        close = QPushButton(self.tr("Đóng (Esc)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(lambda: self.print_receipt(None))
        self.save_button.clicked.connect(self._save_pdf)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=lambda: self.print_receipt(None))
        self.rendered = False
        self.last_printed: PrintedReceipt | None = None
        self._runner.submit(
            lambda: render_pages(pdf, PREVIEW_DPI), self._show_pages, self._failed, Lane.WORK
        )

    def _show_pages(self, images: list[QImage]) -> None:
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self.pages.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.progress.hide()
        self.rendered = True

    def _failed(self, err: BaseException) -> None:
        self.progress.hide()
        self.print_button.setEnabled(True)
        self.message.setText(describe_error(err, "in biên nhận"))

    def print_receipt(self, printer: QPrinter | None) -> None:
        """Record the printing, then print. ``printer`` None asks the officer which printer."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
        self.print_button.setEnabled(False)
        self.progress.show()
        self.message.setText(self.tr("Đang in…"))

        def record_and_render() -> tuple[PrintedReceipt, list[QImage]]:
            printed = self._receipts.print_copy(self._code)
            return printed, render_pages(printed.pdf, PRINT_DPI)

        # print_copy writes (DB lane); rendering is done in the same task to keep order simple.
        self._runner.submit(
            record_and_render, lambda result: self._paint(printer, *result), self._failed
        )

    def _paint(self, printer: QPrinter, printed: PrintedReceipt, images: list[QImage]) -> None:
        prints = printed.print_number
        painter = QPainter()
        if not painter.begin(printer):
            self.progress.hide()
            self.print_button.setEnabled(True)
            self.message.setText(
                self.tr(
                    "Máy in chưa sẵn sàng: hãy kiểm tra máy in đã bật, còn giấy và đã chọn đúng "
                    "máy in, rồi bấm In lần nữa."
                )
            )
            return
        try:
            for index, image in enumerate(images):
                if index:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        self.last_printed = printed  # exactly what went to the printer
        self.progress.hide()
        self.print_button.setEnabled(True)
        note = self.tr(" (bản in lại)") if prints > 1 else ""
        self.message.setText(self.tr("Đã gửi lệnh in{note}.").format(note=note))
        self.printed.emit(prints)

    def _save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu Giấy tiếp nhận"), f"{self._code}.pdf", self.tr("Tệp PDF (*.pdf)")
        )
        if path:
            try:
                Path(path).write_bytes(self._pdf)
            except OSError as err:
                self.message.setText(describe_error(err, "lưu tệp PDF"))
                return
            self.message.setText(self.tr("Đã lưu {path}").format(path=path))
