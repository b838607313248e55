"""Printing through a real CUPS queue: the printer chosen by name in Cài đặt, Ctrl+P in the
receipt preview, the print dialog with that printer already chosen, and the sheet that came
out of the queue read back (its QR decoded)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication

from desk_app.services.desk import Desk
from desk_app.ui.intake.receipt_preview_dialog import ReceiptPreviewDialog
from desk_app.ui.shell.main_window import MainWindow
from tests.conftest import birth_draft
from tests.cups import Queue, private_cups
from tests.pdf_tools import pdf_qr_codes
from tests.ui.conftest import press

CTRL = Qt.KeyboardModifier.ControlModifier
QUEUE = "May-in-Mot-cua"


@pytest.fixture
def queue() -> Iterator[Queue]:
    with private_cups(QUEUE) as started:
        yield started


def test_a_receipt_printed_on_the_printer_chosen_in_settings(
    queue: Queue, qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_Comma, CTRL)  # Cài đặt
    choice = window.settings_page.printer
    # The page lists what the scheduler has, and keeps the officer's choice for this PC.
    assert QUEUE in [choice.itemData(i) for i in range(choice.count())]
    choice.setCurrentIndex(choice.findData(QUEUE))

    received = desk.intake.receive(birth_draft(desk))
    preview = ReceiptPreviewDialog(
        received.receipt_pdf, received.record.code, desk.receipts, window.runner, window
    )
    preview.show()
    qtbot.waitUntil(lambda: preview.rendered, timeout=10_000)
    preview.activateWindow()
    preview.setFocus()
    chosen: list[str] = []

    def accept_print_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(50, accept_print_dialog)
            return
        chosen.append(dialog.printer().printerName())
        dialog.accept()

    QTimer.singleShot(50, accept_print_dialog)
    with qtbot.waitSignal(preview.recorded, timeout=30_000) as recorded:
        qtbot.keyClick(preview, Qt.Key.Key_P, CTRL)
    assert chosen == [QUEUE]  # the dialog opened on the printer chosen in Cài đặt
    assert recorded.args == [1]
    assert desk.receipts.load(received.record.code).receipt_prints == 1
    printed = queue.wait_for_job()
    assert printed.startswith(b"%PDF")
    (qr,) = pdf_qr_codes(printed, dpi=150)
    assert f"MaHoSo: {received.record.code}" in qr


def test_printing_to_a_file_with_no_printer_gives_the_vector_receipt(
    qtbot, window: MainWindow, desk: Desk, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, 8: no printer, "Print to File (PDF)": the receipt's own PDF (its text and
    QR readable), counted as a printing, not a 2 MB picture of it."""
    from PySide6.QtPrintSupport import QPrinter

    from tests.pdf_tools import pdf_text

    received = desk.intake.receive(birth_draft(desk))
    preview = ReceiptPreviewDialog(
        received.receipt_pdf, received.record.code, desk.receipts, window.runner, window
    )
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.rendered, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "bien-nhan.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(preview.recorded, timeout=30_000):
        preview.print_paper(printer)
    assert out.stat().st_size < 300_000  # the paper's own PDF, not a raster
    assert received.record.code in pdf_text(out.read_bytes())
    (qr,) = pdf_qr_codes(out.read_bytes(), dpi=150)
    assert f"MaHoSo: {received.record.code}" in qr
    assert desk.receipts.load(received.record.code).receipt_prints == 1
