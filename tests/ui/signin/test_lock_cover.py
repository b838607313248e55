"""Issue 26 item 4: the idle lock hides everything; no citizen's data is rendered behind it.

The proof is the pixels: the window and the open dossier are grabbed while locked and
every pixel but the lock box's is the cover's one colour (before the lock the same grabs
show the applicant). ``DESK_APP_SCREENS=DIR`` also saves the grabs (docs/screens/)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desk_app.services.desk import Desk
from desk_app.ui.main import guard_idle
from desk_app.ui.shell.main_window import MainWindow
from desk_app.ui.signin.login_dialog import LockDialog
from desk_app.ui.signin.screen_cover import COVER_COLOUR
from tests.conftest import TEST_PASSWORD, birth_draft


def colours(image: QImage, step: int = 3) -> set[int]:
    """The distinct colours of the image, sampled every ``step`` pixels."""
    return {
        image.pixel(x, y)
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    }


def save(widget: QWidget, name: str) -> None:
    folder = os.environ.get("DESK_APP_SCREENS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().scaledToWidth(640).save(str(Path(folder) / name))


def test_the_lock_covers_the_window_and_the_open_dossier(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record
    applicant = record.applicant
    window.intake.applicant.full_name.setText("Trần Văn Bình")  # typed, not saved
    window.open_dossier(record.id)
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    dossier = window.dossier_dialog
    qtbot.waitUntil(dossier.isVisible)
    shown = [w.text() for w in dossier.findChildren(QLabel) if w.isVisible()]
    assert applicant.full_name in shown and applicant.id_number in shown  # before: visible
    assert len(colours(dossier.grab().toImage())) > 2
    save(dossier, "lock-before.png")
    cover = QColor(COVER_COLOUR).rgb()
    seen: dict[str, object] = {}

    def while_locked() -> None:  # the lock runs its own event loop: look from a timer
        lock = next((w for w in window.findChildren(LockDialog) if w.isVisible()), None)
        if lock is None:
            return
        poll.stop()
        seen["window"] = colours(window.grab().toImage())
        seen["dossier"] = colours(dossier.grab().toImage())
        seen["open"] = dossier.isVisible() and window.isVisible()
        # what any visible label of the program still shows, the lock box's own aside
        seen["texts"] = [  # any label shown in a window that has no cover on top
            w.text()
            for top in QApplication.topLevelWidgets()
            for w in top.findChildren(QLabel)
            if w.isVisible() and w.window() is not lock and not _covered(w)
        ]
        save(window, "lock-after.png")
        lock.password.setText(TEST_PASSWORD)
        lock.submit()

    poll = QTimer(interval=30)
    poll.timeout.connect(while_locked)
    poll.start()
    watch = guard_idle(window, desk, minutes=0.001)  # 60 ms
    qtbot.waitUntil(lambda: "texts" in seen, timeout=5000)
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in window.findChildren(LockDialog)))
    watch.timer.stop()
    assert seen["window"] == {cover} and seen["dossier"] == {cover}
    assert seen["open"] is True  # hidden, not closed: the work stays
    assert seen["texts"] == []
    qtbot.waitUntil(lambda: len(colours(dossier.grab().toImage())) > 2)  # unlocked: back
    assert window.intake.applicant.full_name.text() == "Trần Văn Bình"


def _covered(widget: QWidget) -> bool:
    """Under a lock cover: its window has a visible cover (raised above every child)."""
    covers = widget.window().findChildren(QLabel, "lock_cover")
    return any(c.isVisible() and c.geometry().contains(widget.window().rect()) for c in covers)
