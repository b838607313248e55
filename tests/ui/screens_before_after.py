"""The before/after grabs of issue 26 in docs/screens/: the dossier on a 1366×768 screen,
the hand-over form, the idle lock over an open dossier, the dossier list at 14 pt.

Run it once on each version of the code (it uses what both have):
    git archive main | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before python tests/ui/screens_before_after.py docs/screens before
    PYTHONPATH=$PWD python tests/ui/screens_before_after.py docs/screens after
"""

# ruff: noqa: E402
import os
import sys
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

out, suffix = Path(sys.argv[1]), sys.argv[2]
out.mkdir(parents=True, exist_ok=True)
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.lifecycle import Action
from desk_app.ui.main import create_application
from desk_app.ui.widgets.comfort import apply_font_size
from tests.conftest import FakeClock, birth_draft, desk_at

app = create_application(["screens"])
tmp = Path(tempfile.mkdtemp())
QCoreApplication.setOrganizationName("DeskAppScreens")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "qs"))
clock = FakeClock(datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ))
desk = desk_at(tmp / "d", clock=clock)
from desk_app.ui.shell.main_window import MainWindow
from desk_app.ui.signin.login_dialog import LockDialog

window = MainWindow(desk, desk.settings.load(), "Quản trị thử", clock)
window.resize(1366, 728)
window.show()
QTest.qWait(300)
record = desk.intake.receive(birth_draft(desk)).record
window.open_dossier(record.id)
for _ in range(50):
    QTest.qWait(50)
    if getattr(window, "dossier_dialog", None) is not None and window.dossier_dialog.isVisible():
        break
dialog = window.dossier_dialog
QTest.qWait(200)


def save(widget: QWidget, name: str, width: int = 640) -> None:
    image = widget.grab().toImage()
    print(name, widget.width(), "x", widget.height())
    small = image.scaledToWidth(
        min(width, image.width()), Qt.TransformationMode.SmoothTransformation
    )
    small.save(str(out / f"{name}-{suffix}.png"))


def screen(parts: list[QWidget], name: str) -> None:
    """The 1366×768 screen as the officer sees it: the window, then each dialog centred."""
    canvas = QImage(1366, 768, QImage.Format.Format_RGB32)
    canvas.fill(QColor("#1e3a5f"))
    painter = QPainter(canvas)
    for index, w in enumerate(parts):
        image = w.grab().toImage()
        left, top = (1366 - image.width()) // 2, max(0, (768 - image.height()) // 2)
        painter.drawImage(QPoint(0, 0) if index == 0 else QPoint(left, top), image)
    painter.end()
    small = canvas.scaledToWidth(683, Qt.TransformationMode.SmoothTransformation)
    small.save(str(out / f"{name}-{suffix}.png"))
    print(name, [(w.width(), w.height()) for w in parts])


screen([window, dialog], "dossier-1366x768")
action = dialog.start(Action.HAND_OVER)
QTest.qWait(200)
action.party.setCurrentText("Công chức Tư pháp - Hộ tịch")
if hasattr(action, "ask_confirm"):
    action.person.setText("Lê Văn Tư")
    action.ask_confirm()
QTest.qWait(100)
save(action, "hand-over-form", 560)
action.reject()
lock = LockDialog(desk, window.runner, window)
covers: list = []  # type: ignore[type-arg]
try:
    from desk_app.ui.signin.screen_cover import cover_windows

    covers = cover_windows()
except ImportError:
    pass
lock.show()
QTest.qWait(200)
screen([window, dialog, lock], "lock-screen")
lock.hide()
for c in covers:
    c.remove()
dialog.reject()
apply_font_size(14)
window.show_dossiers()
QTest.qWait(800)
screen([window], "dossier-list-14pt")
window.runner.shutdown()
desk.close()
