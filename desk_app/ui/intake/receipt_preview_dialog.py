"""Preview of the receipt (Form 01); each printing is recorded and a reprint is marked.

The PDF of the next printing is made first (it says which printing it is); the printing is
counted only once its pages were handed to the printer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desk_app.services.receipts import PrintedReceipt, ReceiptService
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import TaskRunner


class ReceiptPreviewDialog(PaperPreviewDialog):
    recorded = Signal(int)  # the printing was counted

    def __init__(
        self,
        pdf: bytes,
        code: str,
        receipts: ReceiptService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            pdf,
            self.tr("Giấy tiếp nhận hồ sơ {code}").format(code=code),
            f"{code}.pdf",
            runner,
            parent,
            print_label=self.tr("&In hai liên (Ctrl+P)"),
        )
        self._code = code
        self._receipts = receipts
        self.last_printed: PrintedReceipt | None = None
        self._pending: PrintedReceipt | None = None
        self.printed.connect(self._remember)

    def produce(self) -> tuple[bytes, int]:
        """The next printing's PDF (DB lane), not yet counted."""
        self._pending = self._receipts.next_print(self._code)
        return self._pending.pdf, self._pending.print_number

    def _remember(self, _number: int) -> None:
        sent = self._pending  # exactly what went to the printer
        if sent is None:
            return
        self.last_printed = sent
        self._runner.submit(
            lambda: self._receipts.record_print(sent),
            lambda _prints: self.recorded.emit(sent.print_number),
            self._failed,
        )

    def print_receipt(self, printer: QPrinter | None) -> None:
        self.print_paper(printer)
