"""Signing in, the first run's set-up, and the idle lock.

Signing in opens the data (the password unwraps the desk's key), so the dialogs take the
opening function from the caller (``desk_app.cli``) rather than reaching below services.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import DeskError
from desk_app.services.desk import Desk

OpenDesk = Callable[[str, str], Desk]  # (user name, password) → the desk, or DeskError
SetUpDesk = Callable[[str, str, str], str]  # (user name, full name, password) → recovery code


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _Form(QDialog):
    def __init__(self, title: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout()
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(heading, wordWrap=True))
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _attempt(self, work: Callable[[], None]) -> bool:
        """Run ``work`` with a wait cursor (argon2 takes a quarter of a second); a
        DeskError becomes the message under the form."""
        self.message.clear()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        except DeskError as err:
            self.message.setText(err.message)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True


class LoginDialog(_Form):
    """User name and password; on success ``desk`` is the opened desk."""

    def __init__(self, open_desk: OpenDesk, parent: QWidget | None = None) -> None:
        super().__init__("Đăng nhập — Một cửa", "Đăng nhập để mở dữ liệu của quầy.", parent)
        self._open = open_desk
        self.desk: Desk | None = None
        self.username = QLineEdit("admin")
        self.password = _password_field()
        self.form.addRow("Tên đăng nhập:", self.username)
        self.form.addRow("Mật khẩu:", self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng nhập")
        self.password.setFocus()

    def submit(self) -> None:
        def work() -> None:
            self.desk = self._open(self.username.text(), self.password.text())

        if self._attempt(work):
            self.accept()
        else:
            self.password.clear()
            self.password.setFocus()


class SetupDialog(_Form):
    """The first run: the administrator's account; then the recovery code, shown once."""

    def __init__(self, set_up: SetUpDesk, parent: QWidget | None = None) -> None:
        super().__init__(
            "Thiết lập quầy — Một cửa",
            "Máy này chưa có dữ liệu quầy. Tạo tài khoản quản trị: mật khẩu này mở khóa dữ "
            "liệu (được mã hóa), hãy ghi nhớ.",
            parent,
        )
        self._set_up = set_up
        self.recovery_code = ""
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = _password_field()
        self.repeat = _password_field()
        self.form.addRow("Tên đăng nhập:", self.username)
        self.form.addRow("Họ tên:", self.full_name)
        self.form.addRow("Mật khẩu (ít nhất 8 ký tự):", self.password)
        self.form.addRow("Nhập lại mật khẩu:", self.repeat)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Thiết lập")

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText("Hai lần nhập mật khẩu không khớp.")
            self.repeat.clear()
            self.repeat.setFocus()
            return

        def work() -> None:
            self.recovery_code = self._set_up(
                self.username.text(), self.full_name.text(), self.password.text()
            )

        if self._attempt(work):
            self.accept()


def show_recovery_code(code: str, parent: QWidget | None = None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Mã khôi phục")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(
        "MÃ KHÔI PHỤC — chỉ hiện một lần. Hãy chép tay hoặc in ra, cất nơi an toàn, không lưu "
        "trong máy này. Khi quên mật khẩu quản trị, chỉ mã này mở lại được dữ liệu:"
    )
    box.setInformativeText(code)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class LockDialog(_Form):
    """Shown over the window after the idle time; the window and its unsaved work stay."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        officer = desk.session.officer
        super().__init__(
            "Màn hình đã khóa",
            f"Màn hình khóa sau thời gian không dùng. {officer.full_name} ({officer.username}) "
            "nhập mật khẩu để tiếp tục; công việc đang làm dở vẫn giữ nguyên.",
            parent,
        )
        self._desk = desk
        self.password = _password_field()
        self.form.addRow("Mật khẩu:", self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mở khóa")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()

    def reject(self) -> None:  # Esc does not unlock
        return

    def submit(self) -> None:
        ok = {"value": False}

        def work() -> None:
            ok["value"] = self._desk.accounts.check_password(self.password.text())

        if self._attempt(work) and ok["value"]:
            self.accept()
        else:
            self.password.clear()
            self.password.setFocus()


class IdleWatch(QObject):
    """Emits ``idle`` after ``minutes`` without a key press or mouse click anywhere."""

    idle = Signal()
    _ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
            QEvent.Type.MouseMove,
        }
    )

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._ACTIVITY and self.timer.isActive():
            self.timer.start()  # restart the count
        return False

    def resume(self) -> None:
        self.timer.start()
