"""The scan panel's form: the colour mode of the pages and what the paper is (type, owner,
number, issuer, dates), read into the tags a stored copy carries."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from desk_app.domain.documents import DocumentTags, DocumentType, guess_type
from desk_app.domain.identity import parse_vn_date
from desk_app.services.digitisation import ColourMode, ComponentState
from desk_app.ui.widgets.labels import label


class TagsForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox(objectName="mode")
        for mode in ColourMode:
            self.mode.addItem(label(mode), mode)
        self.keep_blank = QCheckBox(self.tr("Giữ cả trang trắng"))
        self.doc_type = QComboBox(objectName="doc_type")
        for doc_type in DocumentType:
            if doc_type is not DocumentType.RESULT:
                self.doc_type.addItem(label(doc_type), doc_type)
        self.owner = QLineEdit(objectName="owner", placeholderText=self.tr("để trống: người nộp"))
        self.number = QLineEdit(objectName="number")
        self.issuer = QLineEdit(objectName="issuer")
        self.issued_on = QLineEdit(objectName="issued_on", placeholderText="dd/mm/yyyy")
        self.valid_until = QLineEdit(objectName="valid_until", placeholderText="dd/mm/yyyy")
        tags = QFormLayout(self)
        tags.setContentsMargins(0, 0, 0, 0)
        tags.addRow(self.tr("Chế độ màu"), self.mode)
        tags.addRow("", self.keep_blank)
        tags.addRow(self.tr("Loại giấy tờ"), self.doc_type)
        tags.addRow(self.tr("Số định danh chủ giấy tờ"), self.owner)
        tags.addRow(self.tr("Số, ký hiệu"), self.number)
        tags.addRow(self.tr("Cơ quan cấp"), self.issuer)
        tags.addRow(self.tr("Ngày cấp"), self.issued_on)
        tags.addRow(self.tr("Hiệu lực đến"), self.valid_until)

    def show_component(self, state: ComponentState) -> None:
        """The component the officer moved to: what was stored for it (its latest copy),
        else blank fields with the type its name plainly says. Nothing typed for the
        previous paper (number, issuer, dates, owner) carries over (issue 26 item 6)."""
        stored = [linked.document for linked in state.documents]
        if not stored:
            self.clear_tags()
            self.suit(state.name)
            return
        document = stored[-1]
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(document.doc_type)))
        self.owner.setText(document.owner_id_number)
        self.number.setText(document.number)
        self.issuer.setText(document.issuer)
        self.issued_on.setText(f"{document.issued_on:%d/%m/%Y}" if document.issued_on else "")
        self.valid_until.setText(f"{document.valid_until:%d/%m/%Y}" if document.valid_until else "")
        if document.colour_mode:
            self.mode.setCurrentIndex(max(0, self.mode.findData(ColourMode(document.colour_mode))))

    def clear_tags(self) -> None:
        for field in (self.owner, self.number, self.issuer, self.issued_on, self.valid_until):
            field.clear()

    def suit(self, component_name: str) -> None:
        """The paper's type guessed from the component's name; colour for ID cards and land
        use certificates, black and white otherwise."""
        guessed = guess_type(component_name)
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(guessed)))
        colour = guessed in (DocumentType.ID_CARD, DocumentType.LAND_USE_CERTIFICATE)
        self.mode.setCurrentIndex(
            self.mode.findData(ColourMode.COLOUR if colour else ColourMode.BW)
        )

    def current_mode(self) -> ColourMode:
        # Qt hands a str-based enum back as a plain str.
        return ColourMode(self.mode.currentData())

    def tags(self) -> DocumentTags:
        """The tags as typed; a date not on the calendar raises ``DeskError``."""

        def day(edit: QLineEdit, label: str) -> date | None:
            text = edit.text().strip()
            return parse_vn_date(text, field=edit.objectName(), label=label) if text else None

        return DocumentTags(
            doc_type=DocumentType(self.doc_type.currentData()),
            owner_id_number=self.owner.text(),
            number=self.number.text(),
            issuer=self.issuer.text(),
            issued_on=day(self.issued_on, self.tr("Ngày cấp")),
            valid_until=day(self.valid_until, self.tr("Hiệu lực đến")),
        )

    def keeps_blank_pages(self) -> bool:
        return self.keep_blank.isChecked()
