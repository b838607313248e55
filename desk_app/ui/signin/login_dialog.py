"""Signing in, the recovery code shown after the first run's set-up, and the idle lock.

Signing in opens the data (the password unwraps the desk's key), so the dialogs take the
opening function from the caller (``desk_app.cli``) rather than reaching below services.
The work itself (argon2id, a quarter of a second; opening and migrating the database)
goes through the task runner's database lane, never the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desk_app.services.desk import Desk
from desk_app.ui.widgets.form_dialog import FormDialog, password_field
from desk_app.ui.widgets.task_runner import TaskRunner

OpenDesk = Callable[[str, str], Desk]  # (user name, password) → the desk, or DeskError
SetUpDesk = Callable[[str, str, str], str]  # (user name, full name, password) → recovery code


class _Form(FormDialog):
    """The sign-in dialogs: Cancel leaves the program."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Thoát"))

    def failure_action(self) -> str:
        return self.tr("mở dữ liệu quầy")


class LoginDialog(_Form):
    """User name and password; on success ``desk`` is the opened desk."""

    def __init__(
        self, open_desk: OpenDesk, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(self.tr("Đăng nhập — Một cửa"))
        self.heading.setText(self.tr("Đăng nhập để mở dữ liệu của quầy."))
        self._open = open_desk
        self.desk: Desk | None = None
        self.username = QLineEdit("admin")
        self.password = password_field()
        self.form.addRow(self.tr("Tên đăng nhập:"), self.username)
        self.form.addRow(self.tr("Mật khẩu:"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đăng nhập"))
        self.password.setFocus()

    def submit(self) -> None:
        username, password = self.username.text(), self.password.text()

        def opened(desk: Desk) -> None:
            self.desk = desk
            self.accept()

        def refused() -> None:
            self.password.clear()
            self.password.setFocus()

        self._attempt(lambda: self._open(username, password), opened, refused)


def show_recovery_code(code: str, parent: QWidget | None = None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("LoginDialog", "Mã khôi phục"))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(
        QCoreApplication.translate(
            "LoginDialog",
            "MÃ KHÔI PHỤC — chỉ hiện một lần. Hãy chép tay hoặc in ra, cất nơi an toàn, không "
            "lưu trong máy này. Khi quên mật khẩu quản trị, chỉ mã này mở lại được dữ liệu:",
        )
    )
    box.setInformativeText(code)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class LockDialog(_Form):
    """Shown over the window after the idle time; the window and its unsaved work stay."""

    def __init__(self, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        officer = desk.session.officer
        self.setWindowTitle(self.tr("Màn hình đã khóa"))
        self.heading.setText(
            self.tr(
                "Màn hình khóa sau thời gian không dùng. {name} ({user}) nhập mật khẩu để tiếp "
                "tục; công việc đang làm dở vẫn giữ nguyên."
            ).format(name=officer.full_name, user=officer.username)
        )
        self._desk = desk
        self.password = password_field()
        self.form.addRow(self.tr("Mật khẩu:"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mở khóa"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()

    def reject(self) -> None:  # Esc does not unlock
        return

    def submit(self) -> None:
        password = self.password.text()

        def checked(right: bool) -> None:
            if right:
                self.accept()
            else:
                self.message.setText(self.tr("Mật khẩu không đúng."))
                refused()

        def refused() -> None:
            self.password.clear()
            self.password.setFocus()

        self._attempt(lambda: self._desk.accounts.check_password(password), checked, refused)


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
        self.timer.start()

    def listen(self) -> None:
        """Watch the keys and the mouse of the whole application from now on (the desk
        calls it after the window's first paint: a filter on every event slows it)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._ACTIVITY and self.timer.isActive():
            self.timer.start()  # restart the count
        return False

    def resume(self) -> None:
        self.timer.start()
