"""Cài đặt (Ctrl+,): everything the first-run wizard set, and more. The commune's settings
are the desk's data (only an administrator saves them); the printer, the scanner, the text
size and the language belong to this PC and take effect as they are chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import InvalidField
from desk_app.domain.officers import Role
from desk_app.services.access import Session
from desk_app.services.fees import FeeService
from desk_app.services.intake import IntakeService
from desk_app.services.settings import DeskSettings, SettingsService
from desk_app.ui.settings.calendar_box import CalendarBox
from desk_app.ui.settings.province_fees_box import ProvinceFeesBox
from desk_app.ui.widgets.comfort import MAX_POINT_SIZE, MIN_POINT_SIZE, font_size, keep_font_size
from desk_app.ui.widgets.commune_fields import CommuneFields
from desk_app.ui.widgets.devices import PrinterChoice, ScannerTest
from desk_app.ui.widgets.i18n import LANGUAGES, choose_language, chosen_language, install_language
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner


class SettingsPage(QWidget):
    saved = Signal(object)  # the DeskSettings now in force

    def __init__(
        self,
        settings: SettingsService,
        session: Session,
        runner: TaskRunner,
        parent: QWidget | None = None,
        calendar: IntakeService | None = None,
        today: date | None = None,
        fees: FeeService | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._runner = settings, runner
        self._current = settings.load()
        admin = session.officer.role is Role.ADMIN

        self.commune = CommuneFields(full=True, runner=runner)
        self.commune.fill(self._current)
        self.commune.setEnabled(admin)
        self.save_button = QPushButton(self.tr("&Lưu cài đặt của xã"), objectName="settings.save")
        self.save_button.setEnabled(admin)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(objectName="settings.message", wordWrap=True)
        if not admin:
            self.message.setText(self.tr("Chỉ quản trị đổi được cài đặt của xã."))
        commune_box = QGroupBox(self.tr("Xã và quầy"))
        commune_layout = QVBoxLayout(commune_box)
        commune_layout.addWidget(self.commune)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        commune_layout.addLayout(row)
        commune_layout.addWidget(
            QLabel(
                self.tr(
                    "Máy chủ cấp trên và đăng ký quầy: trang Đồng bộ (Ctrl+Y). Tài khoản và mật "
                    "khẩu: trang Cán bộ (Ctrl+U)."
                ),
                wordWrap=True,
            )
        )

        self.printer = PrinterChoice()
        self.printer.currentIndexChanged.connect(lambda _i: self.printer.keep())
        self.scanner = ScannerTest(runner)
        self.scanner.scanner.currentIndexChanged.connect(lambda _i: self.scanner.keep())
        devices_box = QGroupBox(self.tr("Máy in và máy quét của máy này"))
        devices = QFormLayout(devices_box)
        devices.addRow(self.tr("Máy &in"), self.printer)
        devices.addRow(self.tr("Máy &quét"), self.scanner)

        self.font_size = QSpinBox(
            objectName="settings.font_size", minimum=MIN_POINT_SIZE, maximum=MAX_POINT_SIZE
        )
        self.font_size.setValue(font_size())
        self.font_size.setSuffix(self.tr(" điểm"))
        self.font_size.valueChanged.connect(keep_font_size)
        self.language = QComboBox(objectName="settings.language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(chosen_language())))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_note = QLabel(objectName="settings.language_note", wordWrap=True)
        comfort_box = QGroupBox(self.tr("Hiển thị trên máy này"))
        comfort = QFormLayout(comfort_box)
        comfort.addRow(self.tr("&Cỡ chữ"), self.font_size)
        comfort.addRow(self.tr("&Ngôn ngữ"), self.language)
        comfort.addRow(self.language_note)

        body = QWidget()
        layout = QVBoxLayout(body)
        for box in (commune_box, devices_box, comfort_box):
            layout.addWidget(box)
        self.calendar: CalendarBox | None = None
        if calendar is not None:  # the working calendar (days off, make-up days)
            self.calendar = CalendarBox(calendar, runner, admin=admin, today=today or date.today())
            layout.addWidget(self.calendar)
        self.province_fees: ProvinceFeesBox | None = None
        if fees is not None:  # the amounts of the fees the province sets
            self.province_fees = ProvinceFeesBox(fees, runner, admin=admin)
            layout.addWidget(self.province_fees)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        QVBoxLayout(self).addWidget(scroll)

    def save(self) -> None:
        try:
            changed = self.commune.settings(self._current)
        except InvalidField:
            return
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Đang lưu…"))

        def done(stored: DeskSettings) -> None:
            self._current = stored
            self.save_button.setEnabled(True)
            self.message.setText(self.tr("Đã lưu cài đặt của xã."))
            self.saved.emit(stored)

        def failed(err: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.message.setText(describe_error(err, self.tr("lưu cài đặt")))

        self._runner.submit(lambda: self._settings.save(changed), done, failed)

    def _language_chosen(self, _index: int) -> None:
        """Kept for the next start and applied now: the open window retranslates itself."""
        wanted = str(self.language.currentData())
        choose_language(wanted)
        if install_language(wanted) != wanted:
            self.language_note.setText(
                self.tr("Chưa có bản dịch cho ngôn ngữ này: phần mềm vẫn hiện tiếng Việt.")
            )
