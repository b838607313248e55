"""One dossier: what was received, its history, the actions its status allows, reprints."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.dossier import FINISHED_STATUSES
from desk_app.domain.lifecycle import Action, is_late
from desk_app.services.digitisation import DigitisationService
from desk_app.services.lifecycle import DossierView, LifecycleService
from desk_app.services.receipts import ReceiptService
from desk_app.ui.digitise.digitise_dialog import DigitiseDialog
from desk_app.ui.dossiers.action_dialog import ActionDialog
from desk_app.ui.intake.receipt_preview_dialog import ReceiptPreviewDialog
from desk_app.ui.widgets.fit import resize_to_fit
from desk_app.ui.widgets.form_fields import ERROR_STYLE
from desk_app.ui.widgets.help import install_help
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner

ACTION_COLUMNS = 3  # the action buttons wrap onto rows: the dialog fits a 1366 px screen

_EVENTS = {  # the history's own events, besides the actions
    "received": QT_TRANSLATE_NOOP("DossierDialog", "Tiếp nhận"),
    "receipt_printed": QT_TRANSLATE_NOOP("DossierDialog", "In biên nhận"),
    "identity_checked": QT_TRANSLATE_NOOP("DossierDialog", "Đọc chip thẻ căn cước"),
}


class DossierDialog(QDialog):
    changed = Signal(int)  # dossier id, after an action was recorded

    def __init__(
        self,
        view: DossierView,
        receipts: ReceiptService,
        lifecycle: LifecycleService,
        runner: TaskRunner,
        now: datetime,
        parent: QWidget | None = None,
        digitisation: DigitisationService | None = None,
    ) -> None:
        super().__init__(parent)
        install_help(self, "dossier")
        self._digitisation = digitisation
        record, procedure_name = view.record, view.procedure_name
        self._record = record
        self._receipts = receipts
        self._lifecycle = lifecycle
        self._runner = runner
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=record.code))
        form = QFormLayout()
        a = record.applicant
        late = is_late(record.state, now)
        status = label(record.status) + (self.tr(" — QUÁ HẠN") if late else "")
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
            (self.tr("Đang ở"), record.state.holder),
            (self.tr("Phí, lệ phí"), record.fee_text or "—"),
            (self.tr("Số bộ"), str(record.sets_count)),
            (
                self.tr("Sổ theo dõi"),
                self.tr("Quyển {volume}, số {entry}").format(
                    volume=record.book_volume, entry=record.book_entry
                ),
            ),
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
            field = QLabel(value, wordWrap=True)
            field.setObjectName(f"dossier.{caption}")
            form.addRow(caption, field)
        digitised = self.tr(" — đã số hóa")
        components = "\n".join(
            f"{'☑' if c.received else '☐'} {c.name} — {label(c.copy_kind)} × {c.count}"
            + (digitised if c.position in view.digitised_positions else "")
            for c in record.components
        )
        form.addRow(
            self.tr("Thành phần"), QLabel(components, wordWrap=True, objectName="components")
        )
        history = "\n".join(
            f"{e.at:%H:%M %d/%m/%Y} — {self._event(e.kind)} — {e.officer_name}"
            + (f": {e.reason}" if e.reason else "")
            for e in view.history
        )
        form.addRow(self.tr("Quá trình"), QLabel(history, wordWrap=True, objectName="history"))
        self.apology = QLabel(
            self.tr(
                "⚠ Hồ sơ sắp hoặc đã quá hạn mà chưa có kết quả: hãy lập Văn bản xin lỗi và hẹn "
                "lại ngày trả (Mẫu 04)."
            ),
            wordWrap=True,
            objectName="apology_prompt",
        )
        self.apology.setStyleSheet(ERROR_STYLE)
        self.apology.setVisible(view.needs_apology)
        self.action_buttons: dict[Action, QPushButton] = {}
        row_buttons: list[QPushButton] = []
        for action in view.actions:
            button = QPushButton(label(action) + "…", objectName=f"action.{action.value}")
            button.clicked.connect(lambda _=False, a=action: self.start(a))
            row_buttons.append(button)
            self.action_buttons[action] = button
        if digitisation is not None:
            scan = QPushButton(self.tr("Số &hóa thành phần… (Ctrl+D)"), objectName="digitise")
            scan.clicked.connect(self.open_digitise)
            QShortcut(QKeySequence("Ctrl+D"), self, activated=self.open_digitise)
            row_buttons.append(scan)
        if record.status in FINISHED_STATUSES:
            attach = QPushButton(self.tr("Số hóa &kết quả (PDF)…"), objectName="attach_result")
            attach.clicked.connect(self.choose_result_file)
            row_buttons.append(attach)
        actions = QGridLayout()
        for index, button in enumerate(row_buttons):
            # Enter or Space never starts an action by accident: each is a deliberate click
            # (or its mnemonic) and opens a form that asks for a confirm.
            button.setAutoDefault(False)
            actions.addWidget(button, index // ACTION_COLUMNS, index % ACTION_COLUMNS)
        self.message = QLabel(wordWrap=True)
        self.reprint = QPushButton(self.tr("&In lại biên nhận (Ctrl+P)"), objectName="reprint")
        self.reprint.clicked.connect(self.open_receipt)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.open_receipt)
        self.reprint.setAutoDefault(False)
        self.close_button = QPushButton(self.tr("Đóng (Esc)"), objectName="close")
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)  # Enter here only closes the dossier
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.reprint)
        buttons.addWidget(self.close_button)
        # What was received and its history scroll; the buttons stay in view (1366×768).
        details = QWidget(objectName="details")
        details_layout = QVBoxLayout(details)
        details_layout.addLayout(form)
        details_layout.addWidget(self.apology)
        details_layout.addStretch(1)
        self.details_scroll = QScrollArea(objectName="details_scroll")
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setWidget(details)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details_scroll, 1)
        layout.addLayout(actions)
        layout.addLayout(buttons)
        resize_to_fit(self, 760, 680)
        self.close_button.setFocus()  # after an action too: the harmless place
        self.preview: ReceiptPreviewDialog | None = None
        self.action_dialog: ActionDialog | None = None
        self.digitise_dialog: DigitiseDialog | None = None

    def _event(self, kind: str) -> str:
        """A history entry's words: an action's label, or the dossier's own events."""
        if kind in _EVENTS:
            return self.tr(str(_EVENTS[kind]))
        try:
            return label(Action(kind))
        except ValueError:
            return kind

    def open_digitise(self) -> DigitiseDialog | None:
        """The scan panel of this dossier; the report counts change once a copy is saved."""
        if self._digitisation is None:
            return None
        self.digitise_dialog = DigitiseDialog(
            self._record.id, self._digitisation, self._runner, self
        )
        saved: list[int] = []
        self.digitise_dialog.saved.connect(saved.append)
        # Once the panel closes, the dossier is shown again as it is now (if a copy was saved).
        self.digitise_dialog.finished.connect(lambda _result: self._after_digitising(saved))
        self.digitise_dialog.open()
        return self.digitise_dialog

    def start(self, action: Action) -> ActionDialog:
        """Open the form of ``action``; once recorded, this dossier is shown afresh."""
        # Over this dialog (modal to it): the dossier cannot be clicked behind the form.
        self.action_dialog = ActionDialog(
            self._record,
            action,
            self._lifecycle,
            self._runner,
            self,
            paper_parent=self.parentWidget(),
        )
        self.action_dialog.done_action.connect(lambda _done: self._changed())
        self.action_dialog.open()
        return self.action_dialog

    def _after_digitising(self, saved: list[int]) -> None:
        if saved:
            self._changed()

    def _changed(self) -> None:
        """An action was recorded: this dialog closes at once so that the paper it issued
        is in front and usable; the dossier is shown again once that preview is closed."""
        self.accept()
        preview = self.action_dialog.preview if self.action_dialog is not None else None
        if preview is not None and preview.isVisible():
            preview.finished.connect(lambda _result: self.changed.emit(self._record.id))
        else:
            self.changed.emit(self._record.id)

    def choose_result_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn bản số hóa của kết quả"), "", self.tr("Tệp PDF (*.pdf)")
        )
        if path:
            self.attach_result(Path(path))

    def attach_result(self, path: Path) -> None:
        record_id = self._record.id

        self._runner.submit(
            lambda: self._lifecycle.attach_result_file(record_id, path),
            lambda _sha: self.message.setText(self.tr("Đã lưu bản số hóa của kết quả.")),
            lambda err: self.message.setText(
                describe_error(err, self.tr("lưu bản số hóa kết quả"))
            ),
        )

    def open_receipt(self) -> None:
        """Show the receipt; printing from the preview counts and marks it as a reprint."""
        record = self._record
        self._runner.submit(
            lambda: self._receipts.render(record, reprint=max(record.receipt_prints, 1)),
            self._show_preview,
            lambda err: self.message.setText(describe_error(err, self.tr("in lại biên nhận"))),
        )

    def _show_preview(self, pdf: bytes) -> None:
        self.preview = ReceiptPreviewDialog(
            pdf, self._record.code, self._receipts, self._runner, self
        )
        self.preview.open()
