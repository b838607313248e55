"""Cán bộ: who may use this desk, one's own password, and a backup on demand.

Every officer sees the accounts and can change their own password and back up now; an
administrator also adds accounts (with a temporary password, changed at first sign-in),
resets a forgotten password and revokes an account. All of it runs on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.officers import Permission, Role, can
from desk_app.services.access import AccountService, Revoked, Session
from desk_app.services.backup import BackupDone, BackupService
from desk_app.services.settings import SettingsService
from desk_app.ui.widgets.form_dialog import FormDialog, password_field
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner


class AddOfficerDialog(FormDialog):
    def __init__(self, accounts: AccountService, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(self.tr("Thêm cán bộ"))
        self.heading.setText(self.tr("Cán bộ phải đổi mật khẩu tạm ở lần đăng nhập đầu."))
        self._accounts = accounts
        self.username = QLineEdit(objectName="username", placeholderText="nguyenvana")
        self.full_name = QLineEdit(objectName="full_name")
        self.role = QComboBox(objectName="role")
        for role in (Role.RECEPTION, Role.LEADER, Role.ADMIN):
            self.role.addItem(label(role), role.value)  # Qt hands back a plain str
        self.password = password_field("password")
        self.again = password_field("again")
        self.form.addRow(self.tr("&Tên đăng nhập"), self.username)
        self.form.addRow(self.tr("&Họ và tên"), self.full_name)
        self.form.addRow(self.tr("&Vai trò"), self.role)
        self.form.addRow(self.tr("&Mật khẩu tạm"), self.password)
        self.form.addRow(self.tr("&Nhập lại"), self.again)

    def submit(self) -> None:
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("Hai lần nhập mật khẩu không khớp."))
            return
        username, name = self.username.text(), self.full_name.text()
        role, password = Role(self.role.currentData()), self.password.text()
        self._attempt(
            lambda: self._accounts.add(username, name, role, password), lambda _r: self.accept()
        )


class PasswordDialog(FormDialog):
    """Change one's own password; ``required`` (a temporary password) cannot be skipped."""

    def __init__(
        self, accounts: AccountService, runner: TaskRunner, parent: QWidget, *, required: bool
    ) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(self.tr("Đổi mật khẩu"))
        self._accounts = accounts
        self._required = required
        self.current = password_field("current")
        self.new = password_field("new")
        self.again = password_field("again")
        if required:
            self.heading.setText(self.tr("Bạn đang dùng mật khẩu tạm: hãy đặt mật khẩu riêng."))
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        self.form.addRow(self.tr("Mật khẩu &hiện tại"), self.current)
        self.form.addRow(self.tr("Mật khẩu &mới"), self.new)
        self.form.addRow(self.tr("&Nhập lại"), self.again)

    def reject(self) -> None:
        if not self._required:  # Esc does not skip a required change
            super().reject()

    def submit(self) -> None:
        if self.new.text() != self.again.text():
            self.message.setText(self.tr("Hai lần nhập mật khẩu mới không khớp."))
            return
        current, new = self.current.text(), self.new.text()
        self._attempt(
            lambda: self._accounts.change_own_password(current, new), lambda _r: self.accept()
        )


class OfficersPage(QWidget):
    def __init__(
        self,
        accounts: AccountService,
        settings: SettingsService,
        backups: BackupService,
        session: Session,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._settings = settings
        self._backups = backups
        self._session = session
        self._runner = runner
        admin = can(session.officer.role, Permission.MANAGE_OFFICERS)
        who = QLabel(
            self.tr("Đang đăng nhập: {name} ({username}), {role}").format(
                name=session.officer.full_name,
                username=session.username,
                role=label(session.officer.role),
            )
        )
        columns = [
            self.tr("Tên đăng nhập"),
            self.tr("Họ và tên"),
            self.tr("Vai trò"),
            self.tr("Nguồn"),
            self.tr("Trạng thái"),
        ]  # each literal, so Qt Linguist finds them
        self.table = QTableWidget(0, len(columns), objectName="officers")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.own_password = QPushButton(self.tr("Đổi &mật khẩu của tôi…"), objectName="own")
        self.own_password.clicked.connect(lambda: self.change_own_password(required=False))
        self.add_button = QPushButton(self.tr("&Thêm cán bộ…"), objectName="add")
        self.add_button.clicked.connect(self.add_officer)
        self.reset_button = QPushButton(self.tr("Đặt &lại mật khẩu…"), objectName="reset")
        self.reset_button.clicked.connect(self.reset_password)
        self.revoke_button = QPushButton(self.tr("Th&u hồi…"), objectName="revoke")
        self.revoke_button.clicked.connect(self.revoke)
        self.backup_button = QPushButton(self.tr("&Sao lưu ngay"), objectName="backup")
        self.backup_button.clicked.connect(self.back_up)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.backup_state = QLabel(objectName="backup_state", wordWrap=True)
        buttons = QHBoxLayout()
        for button in (self.own_password, self.add_button, self.reset_button, self.revoke_button):
            buttons.addWidget(button)
            if not (button is self.own_password or admin):
                button.hide()  # (not setVisible(True): without a parent yet, a window of its own)
        buttons.addStretch(1)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.backup_state, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addLayout(backup_row)
        self.refresh()

    def refresh(self) -> None:
        self._runner.submit(
            lambda: (self._settings.officers(), self._backups.snapshots()),
            lambda result: self._show(*result),
            lambda err: self.message.setText(describe_error(err, self.tr("đọc danh sách cán bộ"))),
        )

    def _show(self, officers: list[dict[str, str | None]], snapshots: list[Any]) -> None:
        self.table.setRowCount(len(officers))
        for row, officer in enumerate(officers):
            revoked = officer["revoked_at"]
            values = (
                officer["username"] or "",
                officer["full_name"] or "",
                label(Role(str(officer["role"]))),
                self.tr("cấp huyện") if officer["source"] == "district" else self.tr("tại quầy"),
                self.tr("đã thu hồi {day}").format(day=revoked[:10])
                if revoked
                else self.tr("đang dùng"),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, officer["username"])
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if snapshots:
            last = snapshots[-1]
            self.backup_state.setText(
                self.tr("Bản sao lưu gần nhất: {time}, {n} hồ sơ, tại {folder}").format(
                    time=f"{last.created_at:%H:%M %d/%m/%Y}",
                    n=last.dossiers,
                    folder=str(last.path.parent),
                )
            )
        else:
            self.backup_state.setText(self.tr("Chưa có bản sao lưu nào."))

    def _selected(self) -> str | None:
        item = self.table.currentItem()
        if item is None:
            self.message.setText(self.tr("Hãy chọn một cán bộ trong danh sách."))
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _done(self, text: str) -> Callable[[Any], None]:
        def show(_result: Any) -> None:
            self.message.setText(text)
            self.refresh()

        return show

    def _failed(self, action: str) -> Callable[[BaseException], None]:
        return lambda err: self.message.setText(describe_error(err, action))

    def change_own_password(self, *, required: bool) -> None:
        dialog = PasswordDialog(self._accounts, self._runner, self, required=required)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText(self.tr("Đã đổi mật khẩu."))

    def add_officer(self) -> None:
        dialog = AddOfficerDialog(self._accounts, self._runner, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText(
                self.tr("Đã thêm tài khoản «{u}».").format(u=dialog.username.text())
            )
            self.refresh()

    def reset_password(self) -> None:
        username = self._selected()
        if username is None:
            return
        password, ok = QInputDialog.getText(
            self, self.tr("Đặt lại mật khẩu"),
            self.tr("Mật khẩu tạm cho «{u}» (đổi ở lần đăng nhập sau):").format(u=username),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if ok:
            self._runner.submit(
                lambda: self._accounts.reset_password(username, password),
                self._done(self.tr("Đã đặt lại mật khẩu của «{u}».").format(u=username)),
                self._failed(self.tr("đặt lại mật khẩu")),
            )

    def revoke(self) -> None:
        username = self._selected()
        if username is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Thu hồi tài khoản"),
            self.tr("Lý do thu hồi tài khoản «{u}»:").format(u=username),
        )  # fmt: skip
        if not ok:
            return
        sure = QMessageBox.question(
            self, self.tr("Thu hồi tài khoản"),
            self.tr("Thu hồi «{u}»? Cán bộ này sẽ không đăng nhập được nữa.").format(u=username),
        )  # fmt: skip
        if sure == QMessageBox.StandardButton.Yes:
            self._runner.submit(
                lambda: self._accounts.revoke(username, reason),
                lambda revoked: self._revoked(username, revoked),
                self._failed(self.tr("thu hồi tài khoản")),
            )

    def _revoked(self, username: str, revoked: Revoked) -> None:
        text = self.tr(
            "Đã thu hồi tài khoản «{u}». Khóa dữ liệu sẽ được thay khi đóng phần mềm."
        ).format(u=username)
        if revoked.must_reset:
            text += " " + self.tr(
                "Các tài khoản chưa đăng nhập lại từ khi nâng cấp sẽ phải đặt lại mật khẩu: {names}."
            ).format(names=", ".join(revoked.must_reset))
        self.message.setText(text)
        self.refresh()
        if revoked.recovery_code:
            QMessageBox.information(
                self, self.tr("Mã khôi phục mới"),
                self.tr(
                    "Mã khôi phục mới của quầy (mã cũ hết hiệu lực). Hãy chép hoặc in ra và cất "
                    "giữ xa máy tính:\n\n{code}"
                ).format(code=revoked.recovery_code),
            )  # fmt: skip

    def back_up(self) -> None:
        self.backup_button.setEnabled(False)
        self.message.setText(self.tr("Đang sao lưu…"))

        def done(result: BackupDone) -> None:
            self.backup_button.setEnabled(True)
            self.message.setText(
                self.tr("Đã sao lưu {n} hồ sơ vào {path}.").format(
                    n=result.snapshot.dossiers, path=str(result.snapshot.path)
                )
            )
            self.refresh()

        def failed(err: BaseException) -> None:
            self.backup_button.setEnabled(True)
            self.message.setText(describe_error(err, self.tr("sao lưu")))

        self._runner.submit(self._backups.back_up, done, failed)
