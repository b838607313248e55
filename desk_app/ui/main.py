"""Start the desk window on a data folder."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWizard

from desk_app.domain.audit import AuditAction
from desk_app.services.backup import BackupDone
from desk_app.services.clock import system_clock
from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import MainWindow
from desk_app.ui.shell.single_instance import SingleInstance, claim
from desk_app.ui.signin.login_dialog import (
    IdleWatch,
    LockDialog,
    LoginDialog,
    OpenDesk,
    SetUpDesk,
    show_recovery_code,
)
from desk_app.ui.signin.screen_cover import cover_windows, uncover
from desk_app.ui.widgets.comfort import apply_font_size, font_size
from desk_app.ui.widgets.first_paint import after_first_paint
from desk_app.ui.widgets.i18n import install_language
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

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
    # High-DPI: scale by the screen's exact factor (150 % is 1.5, not rounded to 2); Qt 6's
    # default too, set here so that a changed default or environment cannot round it.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv)
    app.setStyle("Fusion")
    apply_font_size(font_size())
    install_language()
    return app


def build_window(desk: Desk) -> MainWindow:
    settings = desk.settings.load()
    return MainWindow(desk, settings, desk.session.officer.full_name, system_clock)


def guard_idle(window: MainWindow, desk: Desk, minutes: float) -> IdleWatch:
    """Lock the screen after ``minutes`` idle; the window (and unsaved work) stays. The
    keys and the mouse are watched from the window's first paint on."""
    watch = IdleWatch(minutes, window)
    after_first_paint(window, watch.listen)

    def lock() -> None:
        window.runner.submit(
            lambda: desk.audit.record(AuditAction.LOCK, desk.session.username),
            _recorded,
            _not_recorded,
        )
        covers = cover_windows()  # nothing of the citizens' data shows behind the lock
        try:
            LockDialog(desk, window.runner, window).exec()
        finally:
            uncover(covers)
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
                QCoreApplication.translate(
                    "MainWindow", "Đã sao lưu dữ liệu quầy lúc {time} vào {folder}."
                ).format(
                    time=f"{result.snapshot.created_at:%H:%M}",
                    folder=str(result.snapshot.path.parent),
                ),
                10_000,
            )

    def failed(err: BaseException) -> None:
        window.statusBar().showMessage(
            describe_error(err, QCoreApplication.translate("MainWindow", "sao lưu"))
        )

    timer.timeout.connect(check)
    timer.start(first_ms)
    return timer


def check_files_after_paint(window: MainWindow, desk: Desk) -> None:
    """The rest of the start-up check (``open_desk(check_later=True)``): once the window
    is painted, the files are proved to be what the last clean close left, on the work
    lane. If they are not, a red banner across the window says so and what to do, and
    every save is refused (the desk refuses writes from then on)."""

    def start() -> None:  # (until proved, SQLite holds back checkpoints: the WAL grows)
        window.runner.submit(desk.finish_start_check, lambda _proved: None, failed, Lane.WORK)

    def failed(err: BaseException) -> None:
        banner = QLabel(
            describe_error(err, QCoreApplication.translate("MainWindow", "kiểm tra dữ liệu")),
            objectName="damaged_banner",
            wordWrap=True,
        )
        banner.setStyleSheet("background: #b71c1c; color: white; padding: 8px; font-weight: bold")
        window.setMenuWidget(banner)
        banner.show()  # (a child added to a shown window is not shown with it)

    after_first_paint(window, start)  # (a window never painted, minimised, proves too)


def show_window(desk: Desk) -> MainWindow:
    """The window, shown, with the idle lock, the daily backup and the rest of the
    start-up check after the first paint."""
    window = build_window(desk)
    after_first_paint(window, gc.enable)  # (held off while the program loaded: launch.py)
    guard_idle(window, desk, desk.settings.load().idle_lock_minutes)
    keep_backing_up(window, desk)
    check_files_after_paint(window, desk)
    window.show()
    return window


_holder: list[SingleInstance] = []  # this start's claim on its data folder, while it runs


def another_window_has(folder: Path | None) -> bool:
    """Whether a desk window already runs on ``folder`` (it was asked to come forward);
    else this start holds the folder from now on."""
    if folder is None:
        return False
    holder = claim(folder)
    if holder is None:
        print(
            QCoreApplication.translate(
                "MainWindow",
                "Quầy đã mở trên thư mục dữ liệu {folder}: cửa sổ đó được đưa lên trước.",
            ).format(folder=folder),
            file=sys.stderr,
        )
        return True
    _holder.append(holder)
    return False


def run_gui(desk: Desk, folder: Path | None = None) -> int:
    app = create_application()
    if another_window_has(folder):
        return 0
    _window = show_window(desk)
    return app.exec()


def run_gui_login(open_desk: OpenDesk, set_up: SetUpDesk | None, folder: Path | None = None) -> int:
    """Sign in first (or, on a new machine, the set-up wizard, which opens the desk).
    ``folder``: the data folder, held against a second window on it."""
    gc.enable()  # (held off while the program loaded: launch.py) a sign-in may wait for hours
    app = create_application()
    if another_window_has(folder):
        return 0
    runner = TaskRunner()  # the dialogs' work off the UI thread, before the window's runner
    if set_up is not None:
        from desk_app.ui.setup.setup_wizard import SetupWizard  # (a first start only)

        wizard = SetupWizard(set_up, open_desk, runner)
        if wizard.exec() != QWizard.DialogCode.Accepted or wizard.done_setup is None:
            return 0
        done = wizard.done_setup
        show_recovery_code(done.recovery_code)
        if done.enrol_note:
            QMessageBox.warning(None, wizard.windowTitle(), done.enrol_note)
        desk = done.desk
    else:
        login = LoginDialog(open_desk, runner)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.desk is None:
            return 0
        desk = login.desk
    runner.shutdown()
    try:
        _window = show_window(desk)
        return app.exec()
    finally:
        desk.close()
