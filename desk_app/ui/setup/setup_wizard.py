"""The first run on a new PC: the commune and desk, the district server (or offline for
now), the printer and a scanner's test scan, the administrator's account. Finish creates
the encrypted data, saves the settings, enrols with the server when asked, and opens the
desk; every choice can be changed later on the settings page (Ctrl+,)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desk_app.domain.errors import DeskError, InvalidField, WeakPassword
from desk_app.domain.lookup import validate_lookup_base
from desk_app.domain.officers import MIN_PASSWORD, check_password, clean_username
from desk_app.services.desk import Desk
from desk_app.services.settings import DeskSettings
from desk_app.ui.signin.login_dialog import OpenDesk, SetUpDesk
from desk_app.ui.widgets.commune_fields import CommuneFields
from desk_app.ui.widgets.devices import PrinterChoice, ScannerTest
from desk_app.ui.widgets.form_dialog import password_field
from desk_app.ui.widgets.form_fields import ERROR_STYLE
from desk_app.ui.widgets.lookup_field import LookupField
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner


@dataclass
class SetupDone:
    desk: Desk
    recovery_code: str
    enrol_note: str  # "" when enrolled or offline; else why enrolment failed


def _error_label() -> QLabel:
    label = QLabel(wordWrap=True)
    label.setObjectName("wizard.error")
    label.setStyleSheet(ERROR_STYLE)
    return label


class _CommunePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Xã và quầy"))
        self.setSubTitle(
            self.tr(
                "Mã định danh của UBND xã (Quyết định 20/2020/QĐ-TTg), tên in trên giấy tờ, "
                "và số của quầy này (mỗi quầy trong xã một số khác nhau)."
            )
        )
        self.fields = CommuneFields()
        self.fields.fill(DeskSettings(parent_unit="", place=""))
        self.fields.agency_code.clear()
        QVBoxLayout(self).addWidget(self.fields)
        self.settings = DeskSettings()

    def validatePage(self) -> bool:
        try:
            self.settings = self.fields.settings(DeskSettings())
        except InvalidField:
            return False
        return True


class _ServerPage(QWizardPage):
    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self.setTitle(self.tr("Máy chủ cấp trên"))
        self.setSubTitle(
            self.tr(
                "Quầy làm việc đầy đủ khi không có mạng. Khi có địa chỉ máy chủ và mã đăng ký "
                "(do quản trị máy chủ cấp), quầy gửi hồ sơ lên theo lô mỗi khi có kết nối."
            )
        )
        self.offline = QRadioButton(self.tr("&Làm việc ngoại tuyến trước, đăng ký sau"))
        self.offline.setObjectName("wizard.offline")
        self.online = QRadioButton(self.tr("Đăng ký &với máy chủ ngay"))
        self.online.setObjectName("wizard.online")
        self.offline.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.offline)
        group.addButton(self.online)
        self.url = QLineEdit(objectName="wizard.url")
        self.url.setPlaceholderText("https://motcua.example.vn")
        self.code = QLineEdit(objectName="wizard.code")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        # The public status-lookup address printed in the papers' QR: the provincial
        # system or the portal where it offers look-up; empty: the server above.
        self.lookup = LookupField(runner, "wizard.lookup", when_empty=self.url.text)
        self.lookup.line.setPlaceholderText(self.tr("để trống: chính máy chủ ở trên"))
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("&Địa chỉ máy chủ"), self.url)
        form.addRow(self.tr("&Mã đăng ký"), self.code)
        form.addRow(self.tr("Địa chỉ &tra cứu (mã QR)"), self.lookup)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(self.online)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.online.toggled.connect(self._enable)
        self._enable(False)

    def _enable(self, online: bool) -> None:
        self.url.setEnabled(online)
        self.code.setEnabled(online)
        if online:
            self.url.setFocus()

    def server(self) -> tuple[str, str] | None:
        if not self.online.isChecked():
            return None
        return self.url.text().strip(), self.code.text().strip()

    def lookup_base(self) -> str:
        """The lookup address typed ("" for the server's own or the one it announces)."""
        return str(self.lookup.line.text()).strip()

    def validatePage(self) -> bool:
        server = self.server()
        self.error.clear()
        if self.lookup_base():
            try:
                validate_lookup_base(self.lookup_base())
            except InvalidField as err:
                self.error.setText(err.message)
                self.lookup.line.setFocus()
                return False
        if server is None:
            return True
        url, code = server
        if not url.startswith(("http://", "https://")):
            self.error.setText(self.tr("Địa chỉ máy chủ bắt đầu bằng https:// (hoặc http://)."))
            self.url.setFocus()
            return False
        if not code:
            self.error.setText(self.tr("Hãy nhập mã đăng ký do quản trị máy chủ cấp."))
            self.code.setFocus()
            return False
        return True


class _DevicesPage(QWizardPage):
    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self.setTitle(self.tr("Máy in và máy quét"))
        self.setSubTitle(
            self.tr(
                "Máy in cho Giấy tiếp nhận và các mẫu; máy quét để số hóa hồ sơ. Bỏ qua được: "
                "đổi lại trong Cài đặt."
            )
        )
        self.printer = PrinterChoice()
        self.scanner = ScannerTest(runner)
        form = QFormLayout(self)
        form.addRow(self.tr("Máy &in"), self.printer)
        form.addRow(self.tr("Máy &quét"), self.scanner)

    def initializePage(self) -> None:
        if self.scanner.scanner.count() == 0:
            self.scanner.find_scanners()


class _AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Tài khoản quản trị"))
        self.setSubTitle(
            self.tr(
                "Mật khẩu này mở khóa dữ liệu của quầy (được mã hóa): hãy ghi nhớ. Sau khi "
                "hoàn tất, máy hiện một mã khôi phục để cất giữ."
            )
        )
        self.username = QLineEdit("admin", objectName="wizard.username")
        self.full_name = QLineEdit(objectName="wizard.full_name")
        self.password = password_field("wizard.password")
        self.repeat = password_field("wizard.repeat")
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("&Tên đăng nhập"), self.username)
        form.addRow(self.tr("&Họ và tên"), self.full_name)
        form.addRow(self.tr("&Mật khẩu (ít nhất {n} ký tự)").format(n=MIN_PASSWORD), self.password)
        form.addRow(self.tr("&Nhập lại mật khẩu"), self.repeat)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        """The account's own rules (``domain.officers``), checked here so that each
        mistake is shown on this page rather than after Finish."""
        self.error.clear()
        if not self.username.text().strip() or not self.full_name.text().strip():
            self.error.setText(self.tr("Hãy nhập tên đăng nhập và họ tên người quản trị."))
            (self.full_name if self.username.text().strip() else self.username).setFocus()
            return False
        try:
            username = clean_username(self.username.text())
        except InvalidField as err:
            self.error.setText(err.message)
            self.username.setFocus()
            return False
        try:
            wizard = self.wizard()
            commune = getattr(wizard, "commune", None)
            check_password(
                self.password.text(),
                username=username,
                full_name=self.full_name.text(),
                commune=commune.settings.parent_unit if commune is not None else "",
            )
        except WeakPassword as err:
            self.error.setText(err.message)
            self.password.setFocus()
            return False
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("Hai lần nhập mật khẩu không khớp."))
            self.repeat.clear()
            self.repeat.setFocus()
            return False
        return True


class _FinishPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Hoàn tất"))
        self.summary = QLabel(objectName="wizard.summary", wordWrap=True)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)


class SetupWizard(QWizard):
    """On success ``done`` holds the opened desk, the recovery code and any enrolment note."""

    def __init__(
        self,
        set_up: SetUpDesk,
        open_desk: OpenDesk,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thiết lập quầy — Một cửa"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 520)
        self._set_up, self._open, self._runner = set_up, open_desk, runner
        self.commune = _CommunePage()
        self.server = _ServerPage(runner)
        self.devices = _DevicesPage(runner)
        self.admin = _AdminPage()
        self.finish = _FinishPage()
        for page in (self.commune, self.server, self.devices, self.admin, self.finish):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Tiếp >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Lùi"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Thoát"))
        self.currentIdChanged.connect(self._entered)
        self.done_setup: SetupDone | None = None
        self._recovery_code = ""  # kept across a retry: the data is made once

    def _entered(self, _page_id: int) -> None:
        if self.currentPage() is self.finish:
            s, server = self.commune.settings, self.server.server()
            self.finish.summary.setText(
                self.tr(
                    "{unit} ({code}), {province} — quầy số {desk}.\n"
                    "Máy chủ: {server}.\nQuản trị: {name} ({user}).\n\n"
                    "Bấm Hoàn tất để tạo dữ liệu quầy (được mã hóa)."
                ).format(
                    unit=s.parent_unit,
                    code=s.agency_code,
                    province=s.province or "—",
                    desk=s.desk_number,
                    server=server[0] if server else self.tr("làm việc ngoại tuyến"),
                    name=self.admin.full_name.text().strip(),
                    user=self.admin.username.text().strip(),
                )
            )

    def accept(self) -> None:
        """Finish: the work runs on the database lane; the wizard closes when it is done."""
        if self.done_setup is not None:
            super().accept()
            return
        self.devices.printer.keep()
        self.devices.scanner.keep()
        settings, server = self.commune.settings, self.server.server()
        lookup = self.server.lookup_base()
        if lookup:  # (offline for now, it is a setting all the same)
            settings = replace(settings, lookup_base_url=lookup)
        username = self.admin.username.text().strip()
        full_name = self.admin.full_name.text().strip()
        password = self.admin.password.text()
        made = self._recovery_code
        set_up, open_desk = self._set_up, self._open
        not_enrolled = self.tr("Chưa đăng ký được với máy chủ: {why} Quầy làm việc ngoại tuyến; "
                               "đăng ký lại ở trang Đồng bộ (Ctrl+Y).")  # fmt: skip

        def work() -> SetupDone:
            code = made or set_up(username, full_name, password)
            self._recovery_code = code
            desk = open_desk(username, password)
            try:
                desk.settings.save(settings)
                note = ""
                if server is not None:
                    try:
                        desk.sync.enrol(*server, lookup)
                    except (DeskError, OSError) as err:
                        note = not_enrolled.format(why=getattr(err, "message", str(err)))
            except BaseException:
                desk.close()
                raise
            return SetupDone(desk, code, note)

        self.finish.error.clear()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.finish.summary.setText(self.tr("Đang tạo dữ liệu quầy…"))
        self._runner.submit(work, self._finished, self._failed)

    def _finished(self, done: SetupDone) -> None:
        self.done_setup = done
        super().accept()

    def _failed(self, err: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self._entered(self.currentId())
        self.finish.error.setText(describe_error(err, self.tr("thiết lập quầy")))
