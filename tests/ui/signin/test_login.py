"""Signing in, the first run's set-up and the idle lock, as an officer meets them."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from desk_app.app import open_desk
from desk_app.domain.audit import AuditAction
from desk_app.services.access import set_up_desk
from desk_app.services.desk import Desk
from desk_app.ui.main import guard_idle, run_gui_login
from desk_app.ui.shell.main_window import MainWindow
from desk_app.ui.signin.login_dialog import IdleWatch, LockDialog, LoginDialog
from desk_app.ui.widgets.task_runner import TaskRunner
from tests.conftest import CHEAP_KDF, TEST_PASSWORD, FakeClock


def test_signing_in_refuses_a_wrong_password_then_opens_the_desk(
    qtbot, tmp_path: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    """(The first run's set-up is the wizard's: tests/ui/setup/test_setup_wizard.py.)"""
    data = tmp_path / "d"
    set_up_desk(data, username="admin", full_name="Ngô Thị Hoa", password="Lúa chín 2026",
                clock=clock, cost=CHEAP_KDF)  # fmt: skip
    runner = TaskRunner()
    login = LoginDialog(lambda u, p: open_desk(data, officer=u, password=p, clock=clock), runner)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    login.password.setText("sai")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(login.buttons.isEnabled)
    assert "Sai tên đăng nhập hoặc mật khẩu" in login.message.text()
    assert login.password.text() == "" and login.desk is None
    login.password.setText("Lúa chín 2026")  # (QTest cannot type non-ASCII keys)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(login.buttons.isEnabled)
    assert login.desk is not None and login.desk.session.officer.full_name == "Ngô Thị Hoa"
    login.desk.close()
    runner.shutdown()


def test_the_idle_lock_keeps_unsaved_work_and_wants_the_password(
    qtbot,
    window: MainWindow,
    desk: Desk,  # type: ignore[no-untyped-def]
) -> None:
    window.intake.applicant.full_name.setText("Trần Văn Bình")  # typed, not saved
    watch = guard_idle(window, desk, minutes=0.002)  # 120 ms
    seen: list[str] = []

    step = {"n": 0}

    def act_on_the_lock() -> None:  # the lock runs its own event loop: act from a timer
        dialogs = [w for w in window.findChildren(LockDialog) if w.isVisible()]
        lock = dialogs[0] if dialogs else None
        if step["n"] == 0 and lock is not None:
            lock.password.setText("sai")
            lock.submit()  # checked on the database lane
            step["n"] = 1
        elif step["n"] == 1 and lock is not None and lock.buttons.isEnabled():
            seen.append(lock.message.text())
            lock.reject()  # Esc does not unlock
            seen.append("still locked" if lock.isVisible() else "unlocked by Esc")
            lock.password.setText(TEST_PASSWORD)
            lock.submit()
            step["n"] = 2
        elif step["n"] == 2 and (lock is None or lock.buttons.isEnabled()):
            seen.append("unlocked" if lock is None else "still locked")
            poll.stop()

    poll = QTimer(interval=50)
    poll.timeout.connect(act_on_the_lock)
    poll.start()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert "Sai tên đăng nhập hoặc mật khẩu" in seen[0]
    assert seen[1:] == ["still locked", "unlocked"]
    assert window.intake.applicant.full_name.text() == "Trần Văn Bình"
    assert isinstance(watch, IdleWatch) and watch.timer.isActive()
    actions = [e.action for e in desk.audit.recent()]
    assert AuditAction.LOCK in actions and AuditAction.LOGIN_FAILED in actions
    watch.timer.stop()


def test_the_window_backs_up_once_a_day_while_the_officer_works(
    qtbot,
    window: MainWindow,
    desk: Desk,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from desk_app.services.backup import FOLDER_ENV
    from desk_app.ui.main import keep_backing_up

    monkeypatch.setenv(FOLDER_ENV, str(tmp_path / "backups"))
    timer = keep_backing_up(window, desk, first_ms=0, every_ms=100)
    qtbot.waitUntil(lambda: "Đã sao lưu" in window.statusBar().currentMessage(), timeout=10000)
    qtbot.wait(400)  # three more checks: the snapshot is less than a day old, none is taken
    timer.stop()
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=5000)
    assert len(desk.backups.snapshots()) == 1


def _flip_a_data_byte(data: Path, clock: FakeClock, trial: Path) -> None:
    """Flip a byte in the middle of the file, in a page the start does not read: the pages
    of the schema (read at every open) lie where the migrations and the demo's bulk load
    (which drops and re-creates a trigger) happened to put them, so a copy is tried first."""
    import os

    import sqlcipher3

    from desk_app.services.access import unlock
    from desk_app.storage.database import DB_FILENAME, PAGE_SIZE, connect

    path = data / DB_FILENAME
    key = unlock(data, "admin", TEST_PASSWORD, clock).key
    raw, stamp = path.read_bytes(), path.stat()
    for page in range(len(raw) // PAGE_SIZE // 2, len(raw) // PAGE_SIZE):
        at = page * PAGE_SIZE + PAGE_SIZE // 2
        flipped = raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1 :]
        trial.write_bytes(flipped)
        conn = connect(trial, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error:
            continue  # a page of the schema: the desk would not open at all
        finally:
            conn.close()
        path.write_bytes(flipped)
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        return
    raise AssertionError("no page past the middle outside the schema")


def test_a_file_rotted_since_the_clean_close_shows_a_banner_after_the_first_paint(
    qtbot, tmp_path: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    """The window opens at once (the file is not read whole before it), then the rest of
    the start-up check finds the flipped byte: a red banner says what to do."""
    from PySide6.QtWidgets import QLabel

    from desk_app.storage.database import DB_FILENAME
    from desk_app.ui.main import show_window
    from tests.ui.conftest import isolated_settings

    isolated_settings(tmp_path)
    data = tmp_path / "d"
    set_up_desk(data, username="admin", full_name="Ngô Thị Hoa", password=TEST_PASSWORD,
                clock=clock, cost=CHEAP_KDF)  # fmt: skip
    first = open_desk(data, password=TEST_PASSWORD, clock=clock)
    first.demo.create(200, seed=5)  # pages enough that a flipped one is not read at start
    first.close()
    _flip_a_data_byte(data, clock, tmp_path / "trial.db")
    desk = open_desk(data, password=TEST_PASSWORD, clock=clock, check_later=True)
    window = show_window(desk)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: isinstance(window.menuWidget(), QLabel), timeout=15000)
    banner = window.menuWidget()
    assert isinstance(banner, QLabel) and banner.isVisible()
    assert "bị hỏng" in banner.text() and "desk-app restore" in banner.text()
    window.close()
    assert not (data / (DB_FILENAME + ".clean")).exists()


def test_typing_keeps_the_lock_away_once_the_window_is_painted(
    qtbot,
    window: MainWindow,
    desk: Desk,  # type: ignore[no-untyped-def]
) -> None:
    """The keys and the mouse are watched from the window's first paint on (a filter on
    every event before it would slow the first paint): after it, typing restarts the
    idle count."""
    watch = guard_idle(window, desk, minutes=0.02)  # 1.2 s
    window.show()
    window.update()
    qtbot.waitExposed(window)
    qtbot.wait(700)
    before = watch.timer.remainingTime()
    qtbot.keyClicks(window.intake.applicant.full_name, "Tran")
    assert watch.timer.remainingTime() > before + 300  # the count started again
    watch.timer.stop()


def test_the_sign_in_window_runs_with_the_garbage_collector_on(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """desk_app.launch holds the collector off while the program loads; a sign-in may wait
    for hours, so the sign-in window turns it back on (the signed-in window does after its
    first paint: tests/ui/shell/test_first_screen.py)."""
    seen: list[bool] = []

    def shown(dialog: LoginDialog) -> int:
        seen.append(gc.isenabled())
        return int(LoginDialog.DialogCode.Rejected)  # the officer closes it

    monkeypatch.setattr(LoginDialog, "exec", shown)
    gc.disable()
    try:
        assert run_gui_login(lambda username, password: None, None) == 0  # type: ignore[arg-type,return-value]
    finally:
        gc.enable()
    assert seen == [True]
