"""Who this desk is, as a form: the commune's identity and the desk number (the first-run
wizard shows these), and the rest of the desk's settings (the settings page adds them)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from desk_app.domain.codes import MAX_DESK
from desk_app.domain.errors import InvalidField
from desk_app.services.settings import MAX_TEXT, DeskSettings
from desk_app.ui.widgets.form_fields import ERROR_STYLE
from desk_app.ui.widgets.lookup_field import LookupField
from desk_app.ui.widgets.task_runner import TaskRunner


class CommuneFields(QWidget):
    """Edits a ``DeskSettings``; ``settings()`` returns it checked (``DeskSettings.validated``),
    or raises ``InvalidField`` after showing the message and focusing the field it names."""

    def __init__(
        self,
        *,
        full: bool = False,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``runner``: the lookup address gets its "Kiểm tra" button (``full`` only)."""
        super().__init__(parent)
        self.agency_code = QLineEdit(objectName="settings.agency_code")
        self.agency_code.setPlaceholderText(self.tr("ví dụ 000.00.12.H12"))
        self.parent_unit = QLineEdit(objectName="settings.parent_unit")
        self.parent_unit.setPlaceholderText(self.tr("ví dụ UBND xã Minh Phú"))
        self.place = QLineEdit(objectName="settings.place")
        self.place.setPlaceholderText(self.tr("ví dụ Minh Phú (dòng ngày tháng trên giấy tờ)"))
        self.province = QLineEdit(objectName="settings.province")
        self.desk_number = QSpinBox(objectName="settings.desk_number", minimum=1, maximum=MAX_DESK)
        self.error = QLabel(objectName="settings.error", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("&Mã định danh cơ quan"), self.agency_code)
        form.addRow(self.tr("&Tên UBND xã/phường"), self.parent_unit)
        form.addRow(self.tr("Đị&a danh"), self.place)
        form.addRow(self.tr("&Tỉnh/thành phố"), self.province)
        form.addRow(self.tr("&Số quầy"), self.desk_number)
        self._fields: dict[str, QWidget] = {
            "agency_code": self.agency_code,
            "parent_unit": self.parent_unit,
            "place": self.place,
            "province": self.province,
            "desk_number": self.desk_number,
        }
        if full:
            self.unit = QLineEdit(objectName="settings.unit")
            self.unit.setPlaceholderText(
                self.tr("Trung tâm Phục vụ hành chính công xã … hoặc Bộ phận Một cửa")
            )
            self.unit_code = QLineEdit(objectName="settings.unit_code")
            self.unit_code.setPlaceholderText(
                self.tr("ví dụ TTPVHCC (số giấy tờ: 1.15/PBS-TTPVHCC)")
            )
            self.leader_title = QLineEdit(objectName="settings.leader_title")
            self.leader_name = QLineEdit(objectName="settings.leader_name")
            self.contact_phone = QLineEdit(objectName="settings.contact_phone")
            self.lookup: LookupField | None = None
            if runner is not None:
                self.lookup = LookupField(runner, "settings.lookup_base_url")
                self.lookup_base_url = self.lookup.line
            else:
                self.lookup_base_url = QLineEdit(objectName="settings.lookup_base_url")
            self.idle_lock_minutes = QSpinBox(
                objectName="settings.idle_lock_minutes", minimum=1, maximum=240
            )
            self.report_cutoff_day = QSpinBox(
                objectName="settings.report_cutoff_day", minimum=1, maximum=28
            )
            form.addRow(self.tr("Bộ phận tiếp &nhận"), self.unit)
            form.addRow(self.tr("Tên &viết tắt trên số giấy tờ"), self.unit_code)
            form.addRow(self.tr("Chức danh người &ký"), self.leader_title)
            form.addRow(self.tr("&Họ tên người ký"), self.leader_name)
            form.addRow(self.tr("Điện thoại &liên hệ"), self.contact_phone)
            form.addRow(self.tr("Địa chỉ &tra cứu (mã QR)"), self.lookup or self.lookup_base_url)
            form.addRow(self.tr("Tự &khóa màn hình sau (phút)"), self.idle_lock_minutes)
            form.addRow(self.tr("Ngày &chốt số liệu báo cáo"), self.report_cutoff_day)
            self._fields |= {
                "unit": self.unit,
                "unit_code": self.unit_code,
                "leader_title": self.leader_title,
                "leader_name": self.leader_name,
                "contact_phone": self.contact_phone,
                "lookup_base_url": self.lookup_base_url,
                "idle_lock_minutes": self.idle_lock_minutes,
                "report_cutoff_day": self.report_cutoff_day,
            }
        for field in self._fields.values():
            if isinstance(field, QLineEdit):
                field.setMaxLength(MAX_TEXT)
        form.addRow(self.error)

    def fill(self, settings: DeskSettings) -> None:
        for name, field in self._fields.items():
            value = getattr(settings, name)
            if isinstance(field, QSpinBox):
                field.setValue(int(value))
            elif isinstance(field, QLineEdit):
                field.setText(str(value))

    def settings(self, base: DeskSettings) -> DeskSettings:
        values: dict[str, object] = {}
        for name, field in self._fields.items():
            if isinstance(field, QSpinBox):
                values[name] = field.value()
            elif isinstance(field, QLineEdit):
                values[name] = field.text()
        self.error.hide()
        try:
            return replace(base, **values).validated()  # type: ignore[arg-type]
        except InvalidField as err:
            self.error.setText(f"⚠ {err.message}")
            self.error.show()
            target = self._fields.get(err.field or "")
            if target is not None:
                target.setFocus()
            raise
