from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import MainWindow
from tests.conftest import FakeClock


def isolated_settings(tmp_path: Path) -> None:
    """This PC's QSettings (layout, printer, text size, language) in the test's own folder."""
    QCoreApplication.setOrganizationName("DeskAppTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))


@pytest.fixture
def window(qtbot, desk: Desk, clock: FakeClock, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    settings = desk.settings.load()
    w = MainWindow(desk, settings, desk.settings.officer_name(1), clock)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.runner.shutdown()


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Type like a person, one character at a time, Vietnamese included.

    ``qtbot.keyClicks`` aborts the run on non-ASCII text (a Qt testlib assert), so each
    character goes as its own key press/release with the character as the event's text.
    """
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def press(
    qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)


# The real district server on loopback, for the Đồng bộ page.
from tests.e2e.conftest import district, postgres_url  # noqa: E402, F401
