"""Labelled inputs that show their own validation error underneath."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desk_app.ui.widgets.i18n import in_window_language

ERROR_STYLE = "color: #b3261e;"


class FieldErrors:
    """Maps field keys (``applicant.phone`` ...) to the error label shown under each input."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

    def add(self, key: str, editor: QWidget, label: QLabel) -> None:
        self._labels[key] = label
        self._inputs[key] = editor

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def show(self, key: str, message: str) -> QWidget | None:
        """Show ``message`` under the field (or its nearest parent key); return the editor."""
        probe = key
        while probe and probe not in self._labels:
            probe = probe.rpartition(".")[0]
        label = self._labels.get(probe) or self._labels.get("form")
        if label is None:
            return None
        text = label.text()
        message = in_window_language(message)
        label.setText(f"⚠ {message}" if not text else f"{text}\n⚠ {message}")
        label.show()
        return self._inputs.get(probe)

    def message(self, key: str) -> str:
        label = self._labels.get(key)
        return label.text() if label is not None and label.isVisible() else ""


def add_row(
    grid: QGridLayout,
    row: int,
    col: int,
    caption: str,
    editor: QWidget,
    errors: FieldErrors,
    key: str,
    span: int = 1,
) -> QLabel:
    """Put ``caption`` and ``editor`` at (row, col) with an error label under the editor."""
    label = QLabel(caption)
    label.setBuddy(editor)
    error = QLabel()
    error.setStyleSheet(ERROR_STYLE)
    error.setWordWrap(True)
    error.hide()
    grid.addWidget(label, row * 2, col * 2)
    grid.addWidget(editor, row * 2, col * 2 + 1, 1, span * 2 - 1)
    grid.addWidget(error, row * 2 + 1, col * 2 + 1, 1, span * 2 - 1)
    errors.add(key, editor, error)
    return error
