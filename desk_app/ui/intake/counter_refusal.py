"""Refusal at the counter from the intake form: Form 03 instead of a receipt (no dossier,
no code, no book entry; docs/rules/refusal.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QPushButton

from desk_app.domain.errors import DraftInvalid
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog

if TYPE_CHECKING:
    from desk_app.services.intake import IntakeService
    from desk_app.ui.intake.intake_page import IntakePage
    from desk_app.ui.widgets.task_runner import TaskRunner


def refusal_button(page: IntakePage, intake: IntakeService, runner: TaskRunner) -> QPushButton:
    """The intake form's "Từ chối tiếp nhận (Mẫu 03)" button."""
    button: QPushButton = QPushButton(
        QCoreApplication.translate("CounterRefusal", "Từ chối tiếp nhận (Mẫu 03)"),
        objectName="refuse",
    )
    button.clicked.connect(lambda: refuse_at_counter(page, intake, runner))
    return button


def refuse_at_counter(page: IntakePage, intake: IntakeService, runner: TaskRunner) -> None:
    """Ask why, then issue Form 03 for the applicant and procedure on the form."""
    reason, ok = QInputDialog.getText(
        page,
        QCoreApplication.translate("CounterRefusal", "Từ chối tiếp nhận tại quầy (Mẫu 03)"),
        QCoreApplication.translate(
            "CounterRefusal", "Lý do từ chối (không cấp mã hồ sơ, không vào sổ):"
        ),
        QLineEdit.EchoMode.Normal,
    )
    if not ok:
        return
    page.errors.clear()
    applicant, code = page.applicant.draft(), page.picker.code()

    def shown(pdf: bytes) -> None:  # the page owns the preview (Qt parent)
        PaperPreviewDialog(
            pdf, QCoreApplication.translate("CounterRefusal", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"), "mau-03-tai-quay.pdf",
            runner, page,
        ).open()  # fmt: skip
        page.status.setText(
            QCoreApplication.translate(
                "CounterRefusal",
                "Đã lập Phiếu từ chối tiếp nhận (Mẫu 03); hồ sơ không được tiếp nhận.",
            )
        )

    def failed(err: BaseException) -> None:
        if isinstance(err, DraftInvalid):
            for error in err.errors:
                page.errors.show(error.field, error.message)
        page.status.setText(
            describe_error(err, QCoreApplication.translate("CounterRefusal", "lập phiếu từ chối"))
        )

    runner.submit(lambda: intake.refuse_at_counter(applicant, code, reason), shown, failed)
