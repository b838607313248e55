"""Preview of the receipt (Form 01); each printing is recorded and a reprint is marked."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desk_app.services.receipts import PrintedReceipt, ReceiptService
from desk_app.ui.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.task_runner import TaskRunner


class ReceiptPreviewDialog(PaperPreviewDialog):
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
        """Record the printing first (DB lane): the paper says which print it is."""
        self._pending = self._receipts.print_copy(self._code)
        return self._pending.pdf, self._pending.print_number

    def _remember(self, _number: int) -> None:
        self.last_printed = self._pending  # exactly what went to the printer

    def print_receipt(self, printer: QPrinter | None) -> None:
        self.print_paper(printer)
