"""Preview of a printed paper (receipt, notices, control slip), and printing its PDF's own
pages, nothing re-laid out."""

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

from desk_app.ui.widgets.devices import prepare_printer
from desk_app.ui.widgets.fit import resize_to_fit
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

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


class PaperPreviewDialog(QDialog):
    """Shows ``pdf``; printing runs ``produce`` first (on the DB lane) for the bytes to
    print, so a paper whose printing is recorded (the receipt) records it before it prints."""

    printed = Signal(int)  # how many times this paper has now been printed (0: not counted)

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        print_label: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pdf = pdf
        self._file_name = file_name
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
        self.print_button = QPushButton(print_label or self.tr("&In (Ctrl+P)"), objectName="print")
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
        resize_to_fit(self, 800, 900)  # an A4 page's width; as tall as the screen allows
        self.print_button.clicked.connect(lambda: self.print_paper(None))
        self.save_button.clicked.connect(self._save_pdf)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=lambda: self.print_paper(None))
        self.rendered = False
        self._runner.submit(
            lambda: render_pages(pdf, PREVIEW_DPI), self._show_pages, self._failed, Lane.WORK
        )

    def produce(self) -> tuple[bytes, int]:
        """The PDF to print and its print number (runs on the DB lane). Default: as shown."""
        return self._pdf, 0

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
        self.message.setText(describe_error(err, self.tr("in giấy tờ")))

    def print_paper(self, printer: QPrinter | None) -> None:
        """Print; ``printer`` None asks the officer which printer."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            prepare_printer(printer)  # this PC's chosen printer, preselected
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
        self.print_button.setEnabled(False)
        self.progress.show()
        self.message.setText(self.tr("Đang in…"))
        target = printer.outputFileName()
        if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and target:
            # No printer, "print to file": the paper's own vector PDF (tens of KB, text and
            # QR sharp), not its pages drawn as 300 dpi pictures (megabytes).
            self._runner.submit(self.produce, lambda made: self._write(Path(target), *made),
                                self._failed)  # fmt: skip
            return

        def produce_and_render() -> tuple[int, list[QImage]]:
            pdf, number = self.produce()
            return number, render_pages(pdf, PRINT_DPI)

        self._runner.submit(
            produce_and_render, lambda result: self._paint(printer, *result), self._failed
        )

    def _write(self, path: Path, pdf: bytes, number: int) -> None:
        try:
            path.write_bytes(pdf)
        except OSError:
            self.progress.hide()
            self.print_button.setEnabled(True)
            self.message.setText(
                self.tr(
                    "Không ghi được tệp {file}: thư mục không có hoặc không được ghi. Hãy chọn "
                    "nơi lưu khác rồi bấm In lần nữa."
                ).format(file=path)
            )
            return
        self._printed(number)

    def _printed(self, number: int) -> None:
        self.progress.hide()
        self.print_button.setEnabled(True)
        note = self.tr(" (bản in lại)") if number > 1 else ""
        self.message.setText(self.tr("Đã gửi lệnh in{note}.").format(note=note))
        self.printed.emit(number)

    def _paint(self, printer: QPrinter, number: int, images: list[QImage]) -> None:
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
        self._printed(number)

    def _save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu tệp PDF"), self._file_name, self.tr("Tệp PDF (*.pdf)")
        )
        if path:
            try:
                Path(path).write_bytes(self._pdf)
            except OSError as err:
                self.message.setText(describe_error(err, self.tr("lưu tệp PDF")))
                return
            self.message.setText(self.tr("Đã lưu {path}").format(path=path))
