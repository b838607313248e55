"""Start the desk window on a data folder."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desk_app.services.clock import system_clock
from desk_app.services.desk import Desk
from desk_app.ui.main_window import MainWindow

BASE_POINT_SIZE = 11


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
    officer = desk.settings.officer_name(1)
    return MainWindow(desk, settings, officer, system_clock)


def run_gui(desk: Desk) -> int:
    app = create_application()
    window = build_window(desk)
    window.show()
    return app.exec()
