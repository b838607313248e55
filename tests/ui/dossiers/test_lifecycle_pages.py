"""The life of a dossier in the window: actions from the dossier, Today, reports."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import Action
from desk_app.services.desk import Desk
from desk_app.services.today import TodayView
from desk_app.ui.dossiers.dossier_dialog import DossierDialog
from desk_app.ui.shell.main_window import REPORTS, TODAY, MainWindow
from tests.conftest import FakeClock, birth_draft
from tests.pdf_tools import pdf_text
from tests.ui.conftest import press, type_text


def _dialog(qtbot, window: MainWindow) -> DossierDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    dialog = window.dossier_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_hand_over_typed_with_enters_records_nothing_until_confirmed_then_form_06_in_front(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, items 2 and 3: Enter in the first field never records; both fields are
    needed and "Ghi nhận" asks for an explicit confirm; the paper comes first, and the
    dossier shown again afterwards has its focus on "Đóng", never on an action."""
    record = desk.intake.receive(birth_draft(desk)).record
    window.open_dossier(record.id)
    dialog = _dialog(qtbot, window)
    assert set(dialog.action_buttons) >= {
        Action.HAND_OVER,
        Action.REFUSE,
        Action.REQUEST_SUPPLEMENT,
    }
    assert not any(b.autoDefault() or b.isDefault() for b in dialog.action_buttons.values())
    qtbot.mouseClick(dialog.action_buttons[Action.HAND_OVER], Qt.MouseButton.LeftButton)
    action = dialog.action_dialog
    assert action is not None
    qtbot.waitUntil(action.isVisible)
    action.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is action)
    action.party.setFocus()
    type_text("Công chức Tư pháp - Hộ tịch", action.party.lineEdit())
    press(qtbot, Qt.Key.Key_Return)  # Enter in the first field: on to "Người nhận"
    assert QApplication.focusWidget() is action.person
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Enter)
    assert action.isVisible() and action.outcome is None
    assert desk.lifecycle.get(record.id).status is Status.RECEIVED
    qtbot.mouseClick(action.ok, Qt.MouseButton.LeftButton)  # the receiver is still empty
    assert "Người nhận" in action.errors.message("person")
    assert action.confirm.isHidden() and QApplication.focusWidget() is action.person
    type_text("Lê Văn Tư", action.person)
    qtbot.mouseClick(action.ok, Qt.MouseButton.LeftButton)
    assert not action.confirm.isHidden() and "không hoàn tác" in action.confirm_text.text()
    press(qtbot, Qt.Key.Key_Return)  # still nothing: only the confirm itself records
    qtbot.wait(100)
    assert desk.lifecycle.get(record.id).status is Status.RECEIVED
    with qtbot.waitSignal(action.done_action, timeout=10_000):
        qtbot.mouseClick(action.confirm, Qt.MouseButton.LeftButton)
    assert desk.lifecycle.get(record.id).status is Status.IN_PROCESSING
    # The paper is in front and usable: the dossier dialog is closed, not on top of it.
    preview = action.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.rendered, timeout=10_000)
    assert "PHIẾU KIỂM SOÁT" in pdf_text(action.outcome.paper)
    assert preview.isVisible() and not dialog.isVisible()
    assert QApplication.activeModalWidget() is preview
    qtbot.wait(200)
    assert window.dossier_dialog is dialog  # not reopened over the paper
    preview.reject()  # the officer closes the paper: the dossier as it is now
    qtbot.waitUntil(lambda: window.dossier_dialog is not dialog)
    again = _dialog(qtbot, window)
    history = again.findChild(type(again.message), "history")
    assert history is not None and "Chuyển xử lý" in history.text()
    assert Action.HAND_OVER in again.action_buttons and Action.RESULT_READY in again.action_buttons
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is again.close_button)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_B, Qt.Key.Key_Return):  # stray keys
        qtbot.keyClick(again, key)
    assert again.action_dialog is None
    assert [e.kind for e in desk.lifecycle.view(record.id).history].count("hand_over") == 1


def test_an_empty_reason_is_refused_under_its_field_before_any_confirm(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26 item 8: the form grows for its error text instead of cutting it."""
    record = desk.intake.receive(birth_draft(desk)).record
    window.open_dossier(record.id)
    dialog = _dialog(qtbot, window)
    action = dialog.start(Action.REQUEST_SUPPLEMENT)
    qtbot.waitUntil(action.isVisible)
    before = action.height()
    qtbot.mouseClick(action.ok, Qt.MouseButton.LeftButton)
    error = action.errors.message("reason")
    assert "Nội dung cần bổ sung" in error and action.confirm.isHidden()
    label = next(w for w in action.findChildren(QLabel) if w.text() == error)
    assert action.height() > before
    assert action.rect().contains(label.geometry().bottomRight())
    assert label.height() >= label.heightForWidth(label.width())  # not cut
    assert desk.lifecycle.get(record.id).status is Status.RECEIVED


def test_returning_to_the_applicant_does_not_ask_the_id_again(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, 8: the applicant's number is there; a delegate's is typed."""
    record = desk.intake.receive(birth_draft(desk)).record
    desk.lifecycle.perform(record.id, Action.RESULT_READY)
    window.open_dossier(record.id)
    dialog = _dialog(qtbot, window)
    action = dialog.start(Action.RETURN_RESULT)
    qtbot.waitUntil(action.isVisible)
    assert action.collector_id.text() == record.applicant.id_number
    assert not action.person.isEnabled()
    action.collector.setCurrentIndex(1)  # a delegate collects it
    assert action.collector_id.text() == "" and action.person.isEnabled()
    action.collector.setCurrentIndex(0)
    qtbot.mouseClick(action.ok, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(action.done_action, timeout=10_000):
        qtbot.mouseClick(action.confirm, Qt.MouseButton.LeftButton)
    assert desk.lifecycle.get(record.id).status is Status.RETURNED


def test_the_sync_count_follows_what_the_officer_records(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, 8: the waiting count on Đồng bộ does not go stale."""
    record = desk.intake.receive(birth_draft(desk)).record
    window.sync.refresh()
    before = desk.sync.state().pending
    qtbot.waitUntil(lambda: window.sync.pending.text() == f"{before} mục")
    window.open_dossier(record.id)
    dialog = _dialog(qtbot, window)
    action = dialog.start(Action.RESULT_READY)
    qtbot.waitUntil(action.isVisible)
    qtbot.mouseClick(action.ok, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(action.done_action, timeout=10_000):
        qtbot.mouseClick(action.confirm, Qt.MouseButton.LeftButton)
    after = desk.sync.state().pending
    assert after > before
    if action.preview is not None:
        action.preview.reject()  # the paper first; then the dossier and the counts
    qtbot.waitUntil(lambda: window.sync.pending.text() == f"{after} mục", timeout=5000)


def test_apology_prompt_shows_when_a_dossier_will_be_late(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record  # due today 17:00
    window.open_dossier(record.id)
    dialog = _dialog(qtbot, window)
    assert dialog.apology.isVisibleTo(dialog)
    assert Action.APOLOGISE in dialog.action_buttons


def test_today_page_counts_lists_and_opens(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    due_today = desk.intake.receive(birth_draft(desk)).record
    late = desk.intake.receive(
        birth_draft(desk, id_number="001085012345", sex="Nam", birth_date="")
    ).record
    ready = desk.intake.receive(birth_draft(desk, id_number="001195000002", birth_date="")).record
    desk.lifecycle.perform(ready.id, Action.RESULT_READY)
    clock.now += timedelta(days=1)  # Thursday: the two open birth dossiers are now late
    assert desk.today.counts()[TodayView.LATE] == 2
    assert due_today and late
    window.nav.setCurrentRow(TODAY)
    page = window.today
    qtbot.waitUntil(lambda: page.counts.get(TodayView.READY) == 1)
    assert page.buttons[TodayView.LATE].text() == "Quá hạn: 2"
    qtbot.waitUntil(
        lambda: window.nav.item(TODAY).text().endswith("0 đến hạn · 2 quá hạn · 1 chờ trả")
    )
    page.buttons[TodayView.READY].click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    page.table.selectRow(0)
    press(qtbot, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, window)
    assert dialog.windowTitle().endswith(ready.code)
    assert Action.RETURN_RESULT in dialog.action_buttons


def test_reports_page_figures_chart_and_exports(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record
    desk.lifecycle.perform(record.id, Action.RESULT_READY)
    window.nav.setCurrentRow(REPORTS)
    page = window.reports
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert page.period.text() == "2026-Q1"  # 4 March 2026, before the 15th cut-off
    page.period.setText("2026-Q5")
    page.make_report()
    qtbot.waitUntil(lambda: "quý 5" in page.message.text())
    page.period.setText("2026-Q1")
    page.make_report()
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.code == "2026-Q1")
    assert page.report.total.received == 1 and page.report.total.finished_on_time == 1
    assert ("Đúng hạn", 1) in [(label, value) for label, value, _ in page.progress_chart.bars]
    last = page.table.rowCount() - 1
    assert page.table.item(last, 1).text() == "TỔNG CỘNG"
    out = tmp_path / "q1.xlsx"
    page.save_report(out)
    qtbot.waitUntil(out.exists, timeout=10_000)
    sheet = openpyxl.load_workbook(out)["Tiến độ giải quyết"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "TỔNG CỘNG")
    assert total[2:7] == (0, 1, 0, 0, 1)  # the one dossier received at the desk in Q1
    book = tmp_path / "so.pdf"
    from PySide6.QtCore import QDate

    page.book_from.setDate(QDate(2026, 3, 1))
    page.book_to.setDate(QDate(2026, 3, 31))
    page.save_book(book)
    qtbot.waitUntil(lambda: "1 hồ sơ" in page.message.text(), timeout=10_000)
    assert "0912345678" in pdf_text(book.read_bytes())  # the applicant of the one dossier


def test_a_dossier_sent_by_post_is_recorded_as_such(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    from desk_app.domain.dossier import Channel

    page = window.intake
    draft = birth_draft(desk)
    page.channel.setCurrentIndex(page.channel.findData(Channel.POST.value))
    assert page.draft().channel == "post"
    draft.channel = page.draft().channel
    record = desk.intake.receive(draft).record
    assert desk.lifecycle.get(record.id).channel is Channel.POST
    page.new_dossier()
    assert page.draft().channel == "direct"


def test_a_rules_refusal_shows_in_english_in_the_english_window(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, 8: validation messages follow the window's language."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desk_app.ui.widgets.i18n import install_language

    record = desk.intake.receive(birth_draft(desk)).record
    before = set(QCoreApplication.instance().findChildren(QTranslator))  # type: ignore[union-attr]
    try:
        assert install_language("en") == "en"
        window.open_dossier(record.id)
        dialog = _dialog(qtbot, window)
        action = dialog.start(Action.APOLOGISE)
        qtbot.waitUntil(action.isVisible)
        action.new_due.setText("31/02/2026")
        action.reason.setText("Chờ xác minh")
        qtbot.mouseClick(action.ok, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(action.confirm, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(action.errors.message("new_due")), timeout=5000)
        assert "New appointment date “31/02/2026” is not on the calendar." in (
            action.errors.message("new_due")
        )
    finally:
        install_language("vi")
        for t in set(QCoreApplication.instance().findChildren(QTranslator)) - before:  # type: ignore[union-attr]
            QCoreApplication.removeTranslator(t)
