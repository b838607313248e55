"""The intake's fee panel: originals to certify (pages and copies of each) and an exemption.

Shown for procedures whose fee is charged per page (certified copies): every original the
citizen brings is a row, with its own pages and copies, so the number of dossier sets stays
what it means. The exemption lists the catalogue's legal reasons and takes a typed one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.catalogue import FeeKind, Procedure
from desk_app.domain.dossier import DossierDraft, OriginalDraft
from desk_app.domain.fees import OriginalLine
from desk_app.ui.widgets.form_fields import ERROR_STYLE, FieldErrors, add_row

NAME, PAGES, COPIES = 0, 1, 2


class FeePanel(QWidget):
    changed = Signal()

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.originals_label = QLabel(
            self.tr("Bản chính cần chứng thực (mỗi bản chính một dòng: số trang, số bản sao)")
        )
        self.table = QTableWidget(0, 3, objectName="originals")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tên giấy tờ"), self.tr("Số trang"), self.tr("Số bản sao")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(self.tr("+ Thêm bản chính"), objectName="add_original")
        self.remove_button = QPushButton(self.tr("Bỏ dòng đang chọn"), objectName="remove_original")
        self.add_button.clicked.connect(lambda: self.add_original())
        self.remove_button.clicked.connect(self._remove_current)
        self.exemption = QComboBox(objectName="fee_exemption", editable=True)
        line = self.exemption.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Không miễn"))
        self.exemption.currentTextChanged.connect(lambda _text: self.changed.emit())
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.originals_error = QLabel(styleSheet=ERROR_STYLE, wordWrap=True)
        self.originals_error.hide()
        self.originals_box = QWidget()
        originals = QVBoxLayout(self.originals_box)
        originals.setContentsMargins(0, 0, 0, 0)
        originals.addWidget(self.originals_label)
        originals.addWidget(self.table)
        originals.addWidget(self.originals_error)
        originals.addLayout(buttons)
        grid = QGridLayout()
        add_row(grid, 0, 0, self.tr("Miễn phí, lệ phí (lý do)"), self.exemption, errors,
                "fee_exemption")  # fmt: skip
        errors.add("originals", self.table, self.originals_error)
        errors.add("pages", self.table, self.originals_error)  # no original typed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.originals_box)
        layout.addLayout(grid)
        self.originals_box.hide()

    @property
    def editors(self) -> list[QWidget]:
        """In Tab order."""
        return [self.table, self.add_button, self.remove_button, self.exemption]

    def fill(self, draft: DossierDraft) -> None:
        """A kept draft back in the panel (one of before the panel: its pages and sets as
        one original, the way its fee was computed)."""
        if draft.originals:
            self.set_originals(draft.originals)
        elif draft.pages:
            self.set_originals([OriginalDraft("", draft.pages, draft.sets_count)])
        self.set_reason(draft.fee_exemption)

    def for_preview(self) -> tuple[list[OriginalLine], str]:
        """The rows complete enough to price, and the exemption's reason."""
        rows = [OriginalLine(o.name, o.pages, o.copies) for o in self.originals()
                if o.pages and o.copies]  # fmt: skip
        return rows, self.reason()

    def set_procedure(self, procedure: Procedure | None) -> None:
        """The panel for ``procedure``: originals for a per-page fee, its exemptions."""
        per_page = procedure is not None and procedure.fee.kind is FeeKind.PER_PAGE
        self.originals_box.setVisible(per_page)
        self.set_originals([OriginalDraft(name="")] if per_page else [])
        self.exemption.clear()
        self.exemption.addItem("")
        if procedure is not None:
            self.exemption.addItems(list(procedure.fee.exemptions))
        has_fee = procedure is not None and procedure.fee.kind is not FeeKind.FREE
        self.exemption.setEnabled(has_fee)

    def add_original(self, original: OriginalDraft | None = None) -> None:
        original = original or OriginalDraft(name="")  # named on the receipt "Bản chính"
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(original.name))
        for column, value in ((PAGES, original.pages or 0), (COPIES, original.copies or 1)):
            spin = QSpinBox(minimum=0 if column == PAGES else 1, maximum=2000)
            spin.setValue(value)
            spin.valueChanged.connect(lambda _value: self.changed.emit())
            self.table.setCellWidget(row, column, spin)
        self.changed.emit()

    def _remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def _spin(self, row: int, column: int) -> int:
        widget = self.table.cellWidget(row, column)
        return widget.value() if isinstance(widget, QSpinBox) else 0

    def originals(self) -> list[OriginalDraft]:
        if self.originals_box.isHidden():
            return []
        result = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            result.append(
                OriginalDraft(
                    item.text() if item else "",
                    self._spin(row, PAGES) or None,
                    self._spin(row, COPIES) or None,
                )
            )
        return result

    def set_originals(self, originals: list[OriginalDraft]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for original in originals:
            self.add_original(original)
        if originals:
            self.originals_box.show()

    def reason(self) -> str:
        return self.exemption.currentText() if self.exemption.isEnabled() else ""

    def set_reason(self, text: str) -> None:
        self.exemption.setCurrentText(text)

    def clear(self) -> None:
        self.set_procedure(None)
