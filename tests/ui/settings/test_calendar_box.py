"""The working calendar in Cài đặt (issue 25 item 1): the year's days and their source,
a day set by the administrator."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.domain.calendar_days import DaySource
from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import MainWindow


def test_the_administrator_sets_a_day_in_settings(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    box = window.settings_page.calendar
    assert box is not None
    box.year.setValue(2027)
    qtbot.waitUntil(lambda: any(d.day == date(2027, 11, 24) for d in box.days), timeout=10_000)
    row = next(i for i, d in enumerate(box.days) if d.day == date(2027, 1, 1))
    item = box.table.item(row, 2)
    assert item is not None and item.text() == "Tết Dương lịch"
    box.day.setText("20/02/2027")
    box.kind.setCurrentIndex(box.kind.findData("work"))
    box.note.setText("Làm bù Tết")
    box.add_button.click()
    qtbot.waitUntil(lambda: any(d.day == date(2027, 2, 20) for d in box.days), timeout=10_000)
    (entry,) = [d for d in box.days if d.day == date(2027, 2, 20)]
    assert entry.working and entry.source is DaySource.LOCAL
    assert desk.intake.calendar.is_working_day(date(2027, 2, 20))
    assert "đồng bộ" in box.message.text()


def test_tab_leaves_the_filled_calendar_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    box = window.settings_page.calendar
    assert box is not None
    window.pages.setCurrentWidget(window.settings_page)
    qtbot.waitUntil(lambda: box.table.rowCount() > 5, timeout=10_000)  # the year's holidays
    box.table.setCurrentCell(0, 0)
    box.table.setFocus()
    qtbot.waitUntil(box.table.hasFocus)
    qtbot.keyClick(box.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not box.table  # no keyboard trap in the table
