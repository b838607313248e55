"""One dossier, read-only: what was received, and reprinting its receipt."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.dossier import is_late
from desk_app.domain.records import DossierRecord
from desk_app.services.receipts import ReceiptService
from desk_app.ui.messages import describe_error
from desk_app.ui.receipt_preview_dialog import ReceiptPreviewDialog
from desk_app.ui.task_runner import TaskRunner


class DossierDialog(QDialog):
    def __init__(
        self,
        record: DossierRecord,
        procedure_name: str,
        receipts: ReceiptService,
        runner: TaskRunner,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record
        self._receipts = receipts
        self._runner = runner
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=record.code))
        self.resize(640, 560)
        form = QFormLayout()
        a = record.applicant
        late = is_late(record.status, record.state.deadline_at, record.state.settled_at, now)
        status = record.status.label + (self.tr(" — QUÁ HẠN") if late else "")
        rows = [
            (self.tr("Mã hồ sơ"), record.code),
            (self.tr("Thủ tục"), f"{procedure_name} ({record.procedure_code})"),
            (self.tr("Tình trạng"), status),
            (self.tr("Người nộp"), a.full_name),
            (self.tr("Số định danh"), a.id_number),
            (self.tr("Địa chỉ"), a.address),
            (self.tr("Điện thoại"), a.phone or "—"),
            (self.tr("Nhận lúc"), record.received_at.strftime("%H:%M %d/%m/%Y")),
            (self.tr("Hẹn trả"), record.due_at.strftime("%H:%M %d/%m/%Y")),
            (self.tr("Phí, lệ phí"), record.fee_text or "—"),
            (self.tr("Số bộ"), str(record.sets_count)),
            (self.tr("Sổ theo dõi"), f"Quyển {record.book_volume}, số {record.book_entry}"),
            (self.tr("Số lần in biên nhận"), str(record.receipt_prints)),
        ]
        if record.principal is not None:
            rows.insert(
                6,
                (
                    self.tr("Người ủy quyền"),
                    f"{record.principal.full_name} ({record.authorisation})",
                ),
            )
        for caption, value in rows:
            label = QLabel(value, wordWrap=True)
            label.setObjectName(f"dossier.{caption}")
            form.addRow(caption, label)
        components = "\n".join(
            f"{'☑' if c.received else '☐'} {c.name} — {c.copy_kind.label} × {c.count}"
            for c in record.components
        )
        form.addRow(self.tr("Thành phần"), QLabel(components, wordWrap=True))
        self.message = QLabel(wordWrap=True)
        self.reprint = QPushButton(self.tr("&In lại biên nhận (Ctrl+P)"), objectName="reprint")
        self.reprint.clicked.connect(self.open_receipt)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.open_receipt)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.reprint)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.preview: ReceiptPreviewDialog | None = None

    def open_receipt(self) -> None:
        """Show the receipt; printing from the preview counts and marks it as a reprint."""
        record = self._record
        self._runner.submit(
            lambda: self._receipts.render(record, reprint=max(record.receipt_prints, 1)),
            self._show_preview,
            lambda err: self.message.setText(describe_error(err, "in lại biên nhận")),
        )

    def _show_preview(self, pdf: bytes) -> None:
        self.preview = ReceiptPreviewDialog(
            pdf, self._record.code, self._receipts, self._runner, self
        )
        self.preview.open()
