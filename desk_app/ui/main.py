"""Start the desk window on a data folder."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desk_app.domain.audit import AuditAction
from desk_app.services.backup import BackupDone
from desk_app.services.clock import system_clock
from desk_app.services.desk import Desk
from desk_app.ui.login_dialog import (
    IdleWatch,
    LockDialog,
    LoginDialog,
    OpenDesk,
    SetUpDesk,
    SetupDialog,
    show_recovery_code,
)
from desk_app.ui.main_window import MainWindow
from desk_app.ui.messages import describe_error
from desk_app.ui.task_runner import TaskRunner

BASE_POINT_SIZE = 11
log = logging.getLogger(__name__)


def _recorded(_result: object) -> None:
    """The lock's audit entry is written; nothing to show."""


def _not_recorded(err: BaseException) -> None:
    log.error("lock not recorded in the audit log: %s", type(err).__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("DeskApp")
    QCoreApplication.setApplicationName("desk-app")
    app = QApplication(argv if argv is not None else sys.argv)
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    return app


def build_window(desk: Desk) -> MainWindow:
    settings = desk.settings.load()
    return MainWindow(desk, settings, desk.session.officer.full_name, system_clock)


def guard_idle(window: MainWindow, desk: Desk, minutes: float) -> IdleWatch:
    """Lock the screen after ``minutes`` idle; the window (and unsaved work) stays."""
    watch = IdleWatch(minutes, window)

    def lock() -> None:
        window.runner.submit(
            lambda: desk.audit.record(AuditAction.LOCK, desk.session.username),
            _recorded,
            _not_recorded,
        )
        LockDialog(desk, window.runner, window).exec()
        watch.resume()

    watch.idle.connect(lock)
    return watch


def keep_backing_up(
    window: MainWindow, desk: Desk, *, first_ms: int = 60_000, every_ms: int = 3_600_000
) -> QTimer:
    """The daily backup: a minute after start, then each hour, a snapshot when the last is
    a day old, on the task runner (the officer works on); the outcome in the status bar."""
    timer = QTimer(window, interval=every_ms)

    def check() -> None:
        timer.setInterval(every_ms)
        window.runner.submit(
            lambda: desk.backups.back_up() if desk.backups.due() else None, done, failed
        )

    def done(result: BackupDone | None) -> None:
        if result is not None:
            window.statusBar().showMessage(
                window.tr("Đã sao lưu dữ liệu quầy lúc {time} vào {folder}.").format(
                    time=f"{result.snapshot.created_at:%H:%M}",
                    folder=str(result.snapshot.path.parent),
                ),
                10_000,
            )

    def failed(err: BaseException) -> None:
        window.statusBar().showMessage(describe_error(err, window.tr("sao lưu")))

    timer.timeout.connect(check)
    timer.start(first_ms)
    return timer


def show_window(desk: Desk) -> MainWindow:
    """The window, shown, with the idle lock and the daily backup."""
    window = build_window(desk)
    guard_idle(window, desk, desk.settings.load().idle_lock_minutes)
    keep_backing_up(window, desk)
    window.show()
    return window


def run_gui(desk: Desk) -> int:
    app = create_application()
    _window = show_window(desk)
    return app.exec()


def run_gui_login(open_desk: OpenDesk, set_up: SetUpDesk | None) -> int:
    """Sign in first (or, on a new machine, set the desk up), then the window."""
    app = create_application()
    runner = TaskRunner()  # the dialogs' work off the UI thread, before the window's runner
    if set_up is not None:
        setup = SetupDialog(set_up, runner)
        if setup.exec() != SetupDialog.DialogCode.Accepted:
            return 0
        show_recovery_code(setup.recovery_code)
    login = LoginDialog(open_desk, runner)
    if login.exec() != LoginDialog.DialogCode.Accepted or login.desk is None:
        return 0
    runner.shutdown()
    desk = login.desk
    try:
        _window = show_window(desk)
        return app.exec()
    finally:
        desk.close()
