"""The dossier list: search without accents, filters, lazy rows, open and reprint."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from desk_app.domain.calendar import VN_TZ
from desk_app.services.desk import Desk
from desk_app.ui.dossiers.dossier_table_model import LATE
from desk_app.ui.shell.main_window import MainWindow
from tests.conftest import FakeClock, birth_draft
from tests.ui.conftest import press, type_text


def _seed(desk: Desk, clock: FakeClock) -> None:
    for name, number in [
        ("Đặng Văn Đức", "001080011111"),
        ("Trần Thị Mai", "001190022222"),
        ("Đỗ Thị Đào", "001185033333"),
    ]:
        sex = "Nam" if number[3] == "0" else "Nữ"
        desk.intake.receive(
            birth_draft(desk, full_name=name, id_number=number, birth_date="", sex=sex)
        )


def _listed(qtbot, window: MainWindow, desk: Desk, clock: FakeClock):  # type: ignore[no-untyped-def]
    """The three seeded dossiers, listed after Ctrl+F (the cursor in the search box)."""
    _seed(desk, clock)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.dossiers
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    return page


def test_search_without_accents_and_open_with_enter(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    _seed(desk, clock)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.dossiers
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.search.hasFocus()
    type_text("dao")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.row(0).applicant_name == "Đỗ Thị Đào"  # type: ignore[union-attr]
    assert page.count.text() == "1 hồ sơ"
    with qtbot.waitSignal(page.open_requested) as opened:  # one Enter opens it
        press(qtbot, Qt.Key.Key_Return)
    assert opened.args == [page.model.dossier_id(0)]


def test_down_goes_into_the_results_and_enter_typed_fast_opens_once_found(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, 8: ↓ in the box goes to the list; Enter straight after typing (the search
    not yet run) opens the dossier found, in one go."""
    page = _listed(qtbot, window, desk, clock)
    press(qtbot, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.selectionModel().selectedRows()[0].row() == 0
    press(qtbot, Qt.Key.Key_Down)  # then arrows move inside the list
    assert page.table.selectionModel().selectedRows()[0].row() == 1
    page.focus_search()
    with qtbot.waitSignal(page.open_requested, timeout=3000) as opened:
        type_text("tran thi mai")
        press(qtbot, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1 and opened.args == [page.model.dossier_id(0)]


def test_columns_hold_a_whole_code_and_whole_dates_at_any_text_size(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    from desk_app.ui.widgets.comfort import apply_font_size

    page = _listed(qtbot, window, desk, clock)
    try:
        for points in (11, 14):
            apply_font_size(points)
            qtbot.wait(20)
            metrics = page.table.fontMetrics()
            for column in (0, 4, 5):  # the code, received, due
                text = str(page.model.data(page.model.index(0, column)))
                needed = metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth()
                assert page.table.columnWidth(column) >= needed, (points, column, text)
    finally:
        apply_font_size(11)


def test_syntax_characters_in_the_box_are_harmless(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    _seed(desk, clock)
    window.show_dossiers()
    page = window.dossiers
    # Each text is reduced to its words: no word lists every dossier, every word must match
    # (the last as a prefix, so "or" matches nobody). An FTS syntax error would show the
    # search's failure message instead of these counts.
    for text, shown, rows in [
        ('"', "3 hồ sơ", 3),
        ("*", "3 hồ sơ", 3),
        ("NEAR(", "0 hồ sơ", 0),
        ("'", "3 hồ sơ", 3),
        ('mai" OR "', "0 hồ sơ", 0),
        ('"mai"*', "1 hồ sơ", 1),
    ]:
        page.search.setText(text)
        page.refresh()
        qtbot.waitUntil(lambda: page.count.text() != "Đang tìm…")
        assert (page.count.text(), page.model.rowCount()) == (shown, rows), text
    assert page.model.row(0).applicant_name == "Trần Thị Mai"  # type: ignore[union-attr]


def test_late_filter_and_colour_with_words(
    qtbot, window: MainWindow, desk: Desk, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    _seed(desk, clock)
    clock.now = datetime(2026, 3, 6, 9, 0, tzinfo=VN_TZ)  # two days later: all three are late
    window.show_dossiers()
    page = window.dossiers
    page.late.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    index = page.model.index(0, 6)
    assert "QUÁ HẠN" in page.model.data(index)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == LATE
    page.status.setCurrentIndex(page.status.findData(10))  # returned: none
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)


def test_rows_are_fetched_lazily_a_page_at_a_time(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    desk.demo.create(1200, seed=7)
    window.show_dossiers()
    page = window.dossiers
    qtbot.waitUntil(lambda: page.model.rowCount() == 1200, timeout=5000)
    page.table.scrollToBottom()
    qtbot.wait(50)
    # Only what was on screen (top and bottom) was read, not 1,200 rows.
    assert page.model.fetches <= 4
    assert page.model.row(1199) is not None


def test_reprint_from_the_dossier_is_counted_and_marked(
    qtbot, window: MainWindow, desk: Desk, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from tests.pdf_tools import pdf_text

    record = desk.intake.receive(birth_draft(desk)).record
    desk.receipts.print_copy(record.code)  # printed once at intake
    window.open_dossier(record.id)
    from desk_app.ui.dossiers.dossier_dialog import DossierDialog

    qtbot.waitUntil(lambda: any(isinstance(w, DossierDialog) for w in window.children()))
    dialog = next(w for w in window.children() if isinstance(w, DossierDialog))
    dialog.open_receipt()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.rendered, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "reprint.pdf"))
    assert dialog.preview is not None
    with qtbot.waitSignal(dialog.preview.printed, timeout=20_000) as printed:
        dialog.preview.print_receipt(printer)
    assert printed.args == [2]
    qtbot.waitUntil(lambda: desk.receipts.load(record.code).receipt_prints == 2)
    # The printer got images of this PDF's pages; the PDF itself says it is a reprint.
    sent = dialog.preview.last_printed
    assert sent is not None and sent.is_reprint
    assert "BẢN IN LẠI (lần 1)" in " ".join(pdf_text(sent.pdf).split())
