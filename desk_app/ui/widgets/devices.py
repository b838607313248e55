"""This PC's printer and scanner: chosen once (first-run wizard, settings page), kept in
QSettings (they belong to the PC, not to the commune's data), used by printing and the
scan panel. The scanner is proved by a test scan whose page is shown."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desk_app.domain.errors import DeskError
from desk_app.services.digitisation import Device, DigitisationService, RawPage, ScanRequest
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

PRINTER_KEY = "devices/printer"
SCANNER_KEY = "devices/scanner"
THUMB_WIDTH = 160


def chosen_printer() -> str:
    """The printer chosen for this PC; "" is the system's default printer."""
    return str(QSettings().value(PRINTER_KEY, ""))


def prepare_printer(printer: QPrinter) -> None:
    """Point ``printer`` at this PC's chosen printer when it still exists."""
    name = chosen_printer()
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)


def chosen_scanner() -> str:
    """The ``Device.name`` of the scanner chosen for this PC; "" when none was."""
    return str(QSettings().value(SCANNER_KEY, ""))


def list_scanners(combo: QComboBox, devices: list[Device]) -> None:
    """``devices`` in ``combo``, this PC's chosen scanner selected when it is among them."""
    combo.clear()
    for device in devices:
        combo.addItem(device.label, device)
    names = [device.name for device in devices]
    if chosen_scanner() in names:
        combo.setCurrentIndex(names.index(chosen_scanner()))


class PrinterChoice(QComboBox):
    """The printers the system knows; the first item is the system default."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="devices.printer")
        self.addItem(self.tr("Máy in mặc định của hệ thống"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.addItem(name, name)
        self.setCurrentIndex(max(0, self.findData(chosen_printer())))

    def keep(self) -> None:
        QSettings().setValue(PRINTER_KEY, str(self.currentData() or ""))


class ScannerTest(QWidget):
    """Find the scanners, choose one, scan a test page and see it."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.scanner = QComboBox(objectName="devices.scanner")
        self.find_button = QPushButton(self.tr("&Tìm máy quét"), objectName="devices.find")
        self.test_button = QPushButton(self.tr("&Quét thử một trang"), objectName="devices.test")
        self.test_button.setEnabled(False)
        self.preview = QLabel(objectName="devices.preview")
        self.preview.setFixedSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.42))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #999; background: white;")
        self.message = QLabel(objectName="devices.message", wordWrap=True)
        self.tested = False
        grid = QGridLayout(self)
        grid.addWidget(self.scanner, 0, 0, 1, 2)
        grid.addWidget(self.find_button, 1, 0)
        grid.addWidget(self.test_button, 1, 1)
        grid.addWidget(self.message, 2, 0, 1, 2)
        grid.addWidget(self.preview, 0, 2, 4, 1)
        grid.setColumnStretch(0, 1)
        self.find_button.clicked.connect(self.find_scanners)
        self.test_button.clicked.connect(self.test_scan)

    def find_scanners(self) -> None:
        self.message.setText(self.tr("Đang tìm máy quét…"))
        self.find_button.setEnabled(False)
        self._runner.submit(DigitisationService.scanners, self._found, self._not_found, Lane.WORK)

    def _found(self, devices: list[Device]) -> None:
        self.find_button.setEnabled(True)
        list_scanners(self.scanner, devices)
        self.test_button.setEnabled(bool(devices))
        self.message.setText(
            self.tr("Thấy {n} máy quét. Đặt một trang lên máy rồi quét thử.").format(n=len(devices))
            if devices
            else self.tr(
                "Không thấy máy quét. Kiểm tra cáp và nguồn rồi tìm lại; vẫn số hóa được bằng "
                "tệp hoặc thư mục quét."
            )
        )

    def _not_found(self, err: BaseException) -> None:
        self._found([])
        self.message.setText(describe_error(err, self.tr("tìm máy quét")))

    def test_scan(self) -> None:
        device = self.scanner.currentData()
        if not isinstance(device, Device):
            return
        self.test_button.setEnabled(False)
        self.message.setText(self.tr("Đang quét thử…"))

        empty = self.tr("Máy quét không trả về trang nào: hãy đặt giấy lên máy rồi quét lại.")

        def work() -> bytes:
            result = DigitisationService.scan(device, ScanRequest(dpi=150, feeder=False))
            pages: list[RawPage] = list(result.pages)
            if not pages:
                raise result.error or DeskError(empty)
            return DigitisationService.thumbnail_png(pages[0], THUMB_WIDTH)

        self._runner.submit(work, self._scanned, self._scan_failed, Lane.WORK)

    def _scanned(self, png: bytes) -> None:
        self.test_button.setEnabled(True)
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.preview.setPixmap(pixmap)
        self.tested = True
        self.message.setText(self.tr("Máy quét hoạt động: trang quét thử ở bên phải."))

    def _scan_failed(self, err: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.message.setText(describe_error(err, self.tr("quét thử")))

    def keep(self) -> None:
        device = self.scanner.currentData()
        if isinstance(device, Device):
            QSettings().setValue(SCANNER_KEY, device.name)
