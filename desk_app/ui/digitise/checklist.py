"""The scan panel's checklist: the dossier's components with each one's state and copies; the
latest copy of one viewed, or taken off the dossier (a wrong scan) after asking."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.digitisation import ComponentState, DigitisationService
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import TaskRunner


class ComponentChecklist(QWidget):
    chosen = Signal(object)  # the ComponentState the officer moved to
    said = Signal(str)  # a line for the panel's message
    failed = Signal(object, str)  # an error, and what was being done

    def __init__(self, dossier_id: int, service: DigitisationService, runner: TaskRunner) -> None:
        super().__init__()
        self._dossier_id = dossier_id
        self._service = service
        self._runner = runner
        self._states: list[ComponentState] = []
        self.viewer: PaperPreviewDialog | None = None
        self.components = QListWidget(objectName="components")
        self.components.currentRowChanged.connect(self._component_chosen)
        self.view_button = QPushButton(self.tr("&Xem bản số hóa"), objectName="view_document")
        self.view_button.clicked.connect(self.view_document)
        self.unlink_button = QPushButton(self.tr("&Gỡ bản số hóa"), objectName="unlink_document")
        self.unlink_button.clicked.connect(self.unlink_document)
        left = QVBoxLayout(self)
        left.addWidget(QLabel(self.tr("Thành phần hồ sơ")))
        left.addWidget(self.components, 1)
        left.addWidget(self.view_button)
        left.addWidget(self.unlink_button)

    def refresh(self) -> None:
        dossier_id = self._dossier_id
        self._runner.submit(
            lambda: self._service.components(dossier_id),
            self._show_components,
            lambda err: self.said.emit(describe_error(err, self.tr("đọc thành phần hồ sơ"))),
        )

    def _show_components(self, states: list[ComponentState]) -> None:
        row = max(0, self.components.currentRow())
        self._states = states
        self.components.clear()
        for state in states:
            mark = "✓" if state.digitised else "○"
            item = QListWidgetItem(
                f"{mark} {state.position}. {state.name}\n    {state.status_text}"
            )
            self.components.addItem(item)
        if states:
            self.components.setCurrentRow(min(row, len(states) - 1))

    def _component_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._states):
            return
        state = self._states[row]
        self.chosen.emit(state)
        self.view_button.setEnabled(state.digitised)
        self.unlink_button.setEnabled(state.digitised)

    def current_component(self) -> ComponentState | None:
        row = self.components.currentRow()
        return self._states[row] if 0 <= row < len(self._states) else None

    def view_document(self) -> None:
        component = self.current_component()
        if component is None or not component.documents:
            return
        document = component.documents[-1].document
        what = self.tr("mở bản số hóa")
        self._runner.submit(
            lambda: self._service.pdf(document.id),
            lambda pdf: self._show_document(pdf, document.file_name or document.title),
            lambda err: self.failed.emit(err, what),
        )

    def unlink_document(self) -> None:
        """Take the component's latest copy off this dossier (a wrong scan), after asking."""
        component = self.current_component()
        if component is None or not component.documents:
            return
        document = component.documents[-1].document
        answer = QMessageBox.question(
            self.window(),
            self.tr("Gỡ bản số hóa"),
            self.tr("Gỡ bản số hóa “{title}” khỏi hồ sơ này?").format(title=document.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        dossier_id, what = self._dossier_id, self.tr("gỡ bản số hóa")
        self._runner.submit(
            lambda: self._service.unlink(dossier_id, document.id),
            lambda _none: self._unlinked(),
            lambda err: self.failed.emit(err, what),
        )

    def _unlinked(self) -> None:
        self.said.emit(self.tr("Đã gỡ bản số hóa."))
        self.refresh()

    def _show_document(self, pdf: bytes, name: str) -> None:
        self.viewer = PaperPreviewDialog(pdf, name, name, self._runner, self.window())
        self.viewer.open()
