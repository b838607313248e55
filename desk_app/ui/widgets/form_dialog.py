"""A small form dialog whose OK runs its work on the task runner: a heading, the fields, a
red line for what went wrong (the dialog stays open with what was typed), OK and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner


def password_field(name: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FormDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.setMinimumWidth(420)
        self.heading = QLabel(wordWrap=True)
        self.form = QFormLayout()
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def failure_action(self) -> str:
        """What was being done, for the sentence an unexpected error becomes."""
        return self.tr("lưu")

    def _attempt(
        self,
        work: Callable[[], Any],
        on_ok: Callable[[Any], None],
        on_refused: Callable[[], None] = lambda: None,
    ) -> None:
        """Run ``work`` on the database lane; its result goes to ``on_ok``, an error
        becomes the message under the form."""
        self.message.clear()
        self.buttons.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        def settle() -> None:
            QGuiApplication.restoreOverrideCursor()
            self.buttons.setEnabled(True)

        def done(result: Any) -> None:
            settle()
            on_ok(result)

        def failed(err: BaseException) -> None:
            settle()
            self.message.setText(describe_error(err, self.failure_action()))
            on_refused()

        self._runner.submit(work, done, failed)
