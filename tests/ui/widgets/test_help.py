"""F1: the short Vietnamese guide of the page in front of the officer."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.resources import resource
from desk_app.ui.shell.main_window import PAGE_TOPICS, MainWindow
from desk_app.ui.widgets.help import TOPICS, HelpDialog, guide_text


def test_every_topic_has_a_short_vietnamese_guide() -> None:
    for topic in TOPICS:
        text = resource("help", f"{topic}.md").read_text(encoding="utf-8")
        assert text.startswith("# "), topic
        assert re.search(r"[ăâđêôơư]", text), topic
        assert 5 <= len(text.splitlines()) <= 30, f"{topic}: a guide for F1 stays short"
    assert set(PAGE_TOPICS) <= set(TOPICS)


def _open_help(qtbot) -> HelpDialog:  # type: ignore[no-untyped-def]
    def shown() -> HelpDialog | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpDialog)]
        return found[-1] if found and found[-1].isVisible() else None

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    return dialog


def test_f1_opens_the_guide_of_the_page_in_front(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for row, topic in enumerate(PAGE_TOPICS):
        window.nav.setCurrentRow(row)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
        dialog = _open_help(qtbot)
        heading = guide_text(topic).splitlines()[0].lstrip("# ")
        assert dialog.topic == topic and heading in dialog.windowTitle()
        assert heading in dialog.browser.toPlainText()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())


def test_a_missing_guide_says_so_instead_of_failing() -> None:
    assert "thiếu tệp" in guide_text("no-such-page")
