"""The Cán bộ page: an administrator adds an account, its officer must change the
temporary password at first sign-in, a reception officer sees no admin buttons, and
a backup can be taken on demand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk_app.app import open_desk
from desk_app.domain.audit import AuditAction
from desk_app.services.desk import Desk
from desk_app.ui.officers.officers_page import AddOfficerDialog, PasswordDialog
from desk_app.ui.shell.main_window import OFFICERS, MainWindow
from tests.conftest import FakeClock

TEMPORARY = "Gió mùa đông bắc 7"
OWN = "Đèn lồng đỏ ngoài hiên"


def _when_shown(kind: type, act) -> QTimer:  # type: ignore[no-untyped-def]
    """Act on the modal dialog of ``kind`` once it shows (its exec() runs its own loop)."""
    timer = QTimer(interval=30)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible() and widget.buttons.isEnabled():
                timer.stop()
                act(widget)
                return

    def give_up() -> None:  # a test that went wrong fails instead of waiting forever
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                widget.done(0)

    timer.timeout.connect(poll)
    timer.start()
    QTimer.singleShot(20_000, give_up)
    return timer


def test_an_admin_adds_an_officer_who_must_change_the_temporary_password(
    qtbot,
    window: MainWindow,
    desk: Desk,
    clock: FakeClock,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    window.nav.setCurrentRow(OFFICERS)
    page = window.officers
    assert page.add_button.isVisible() and page.revoke_button.isVisible()
    seen: list[str] = []

    def fill(dialog: AddOfficerDialog) -> None:
        dialog.username.setText("lan.pt")
        dialog.full_name.setText("Phạm Thị Lan")
        dialog.password.setText(TEMPORARY)
        dialog.again.setText(TEMPORARY + "x")
        dialog.submit()  # refused before any work: the two differ
        seen.append(dialog.message.text())
        dialog.again.setText(TEMPORARY)
        dialog.submit()

    timer = _when_shown(AddOfficerDialog, fill)
    page.add_officer()
    timer.stop()
    assert "không khớp" in seen[0]
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=5000)
    assert "lan.pt" in [page.table.item(r, 0).text() for r in range(2)]
    assert AuditAction.ACCOUNT in [e.action for e in desk.audit.recent(5)]

    lan = open_desk(desk.data_dir, officer="lan.pt", password=TEMPORARY, clock=clock)
    try:
        assert lan.session.must_change_password
        second = MainWindow(lan, lan.settings.load(), "Phạm Thị Lan", clock)
        qtbot.addWidget(second)
        assert not second.officers.add_button.isVisibleTo(second.officers)  # not an admin

        def change(dialog: PasswordDialog) -> None:
            dialog.reject()  # Esc does not skip it
            seen.append("still open" if dialog.isVisible() else "skipped")
            dialog.current.setText(TEMPORARY)
            dialog.new.setText(OWN)
            dialog.again.setText(OWN)
            dialog.submit()

        timer = _when_shown(PasswordDialog, change)
        second.show()  # the change is asked for at once
        qtbot.waitUntil(lambda: not lan.session.must_change_password, timeout=10000)
        timer.stop()
        assert seen[1] == "still open"
        second.runner.shutdown()
    finally:
        lan.close()
    again = open_desk(desk.data_dir, officer="lan.pt", password=OWN, clock=clock)
    assert not again.session.must_change_password
    again.close()


def test_back_up_now(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desk_app.services.backup import FOLDER_ENV

    monkeypatch.setenv(FOLDER_ENV, str(tmp_path / "backups"))
    window.nav.setCurrentRow(OFFICERS)
    window.officers.backup_button.click()
    qtbot.waitUntil(lambda: "Đã sao lưu" in window.officers.message.text(), timeout=10000)
    qtbot.waitUntil(lambda: "Bản sao lưu gần nhất" in window.officers.backup_state.text())
    assert len(list((tmp_path / "backups").glob("desk-*"))) == 1
