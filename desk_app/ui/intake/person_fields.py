"""The fields of one person on the intake form, in the order of Form 01."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from desk_app.domain.dossier import Person, PersonDraft
from desk_app.domain.identity import FEMALE, MALE, IdKind
from desk_app.ui.widgets.form_fields import FieldErrors, add_row


class PersonFields(QWidget):
    """Name, ID number, birth date, sex, address, phone, e-mail; keys ``<prefix>.<field>``."""

    def __init__(self, prefix: str, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = prefix
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.full_name = QLineEdit(objectName=f"{prefix}.full_name")
        self.id_number = QLineEdit(objectName=f"{prefix}.id_number")
        self.id_number.setPlaceholderText(self.tr("12 chữ số"))
        self.id_number.setMaxLength(20)
        self.birth_date = QLineEdit(objectName=f"{prefix}.birth_date")
        self.birth_date.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.birth_date.setMaxLength(10)
        self.sex = QComboBox(objectName=f"{prefix}.sex")
        self.sex.addItem("", "")
        self.sex.addItem(self.tr("Nam"), MALE)  # the stored value stays the rules' word
        self.sex.addItem(self.tr("Nữ"), FEMALE)
        self.id_kind = QComboBox(objectName=f"{prefix}.id_kind")
        self.id_kind.addItem(self.tr("Cá nhân (số định danh)"), IdKind.PERSONAL.value)
        self.id_kind.addItem(self.tr("Tổ chức (mã số thuế)"), IdKind.ORGANISATION.value)
        self.id_kind.addItem(self.tr("Người nước ngoài (hộ chiếu)"), IdKind.PASSPORT.value)
        self.id_kind.currentIndexChanged.connect(self._kind_changed)
        self.address = QLineEdit(objectName=f"{prefix}.address")
        self.phone = QLineEdit(objectName=f"{prefix}.phone")
        self.phone.setMaxLength(20)
        self.email = QLineEdit(objectName=f"{prefix}.email")
        rows = [
            (0, 0, self.tr("Họ và tên *"), self.full_name, "full_name", 2),
            (1, 0, self.tr("Số định danh *"), self.id_number, "id_number", 1),
            (1, 1, self.tr("Ngày sinh"), self.birth_date, "birth_date", 1),
            (2, 0, self.tr("Giới tính"), self.sex, "sex", 1),
            (2, 1, self.tr("Cá nhân/tổ chức"), self.id_kind, "id_kind", 1),
            (3, 0, self.tr("Địa chỉ *"), self.address, "address", 2),
            (4, 0, self.tr("Điện thoại"), self.phone, "phone", 1),
            (4, 1, self.tr("Email"), self.email, "email", 1),
        ]
        for row, col, caption, editor, key, span in rows:
            add_row(grid, row, col, caption, editor, errors, f"{prefix}.{key}", span)
        self.editors: list[QWidget] = [
            self.full_name,
            self.id_number,
            self.birth_date,
            self.sex,
            self.address,
            self.phone,
            self.email,
            self.id_kind,  # last: a person is the common case, Tab keeps its old path
        ]

    def _kind_changed(self) -> None:
        kind = IdKind(str(self.id_kind.currentData()))
        self.id_number.setPlaceholderText(
            {
                IdKind.PERSONAL: self.tr("12 chữ số"),
                IdKind.ORGANISATION: self.tr("10 chữ số, hoặc 10 chữ số-3 chữ số"),
                IdKind.PASSPORT: self.tr("số hộ chiếu"),
            }[kind]
        )
        self.birth_date.setEnabled(not kind.is_organisation)
        self.sex.setEnabled(not kind.is_organisation)

    def set_kind(self, kind: str) -> None:
        self.id_kind.setCurrentIndex(max(0, self.id_kind.findData(kind or IdKind.PERSONAL.value)))

    def set_sex(self, sex: str) -> None:
        self.sex.setCurrentIndex(max(0, self.sex.findData(sex)))

    def draft(self) -> PersonDraft:
        return PersonDraft(
            full_name=self.full_name.text(),
            id_number=self.id_number.text(),
            birth_date=self.birth_date.text(),
            sex=str(self.sex.currentData() or ""),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            id_kind=str(self.id_kind.currentData()),
        )

    def fill(self, person: Person) -> None:
        self.full_name.setText(person.full_name)
        self.id_number.setText(person.id_number)
        self.birth_date.setText(person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "")
        self.set_sex(person.sex)
        self.set_kind(person.id_kind.value)
        self.address.setText(person.address)
        self.phone.setText(person.phone)
        self.email.setText(person.email)

    def fill_draft(self, person: PersonDraft) -> None:
        """Put back what was typed (a form kept across a power cut), as typed."""
        self.full_name.setText(person.full_name)
        self.id_number.setText(person.id_number)
        self.birth_date.setText(person.birth_date)
        self.set_sex(person.sex)
        self.set_kind(person.id_kind)
        self.address.setText(person.address)
        self.phone.setText(person.phone)
        self.email.setText(person.email)

    def clear(self) -> None:
        for editor in (
            self.full_name,
            self.id_number,
            self.birth_date,
            self.address,
            self.phone,
            self.email,
        ):
            editor.clear()
        self.sex.setCurrentIndex(0)
        self.id_kind.setCurrentIndex(0)
