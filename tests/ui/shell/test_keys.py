"""The keys the README documents, sent as key events the way an officer presses them (not by
calling the slot they are bound to): F2, Ctrl+D, F5, R, Del, Enter in the scan panel, F9."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bench.corpus import form_page, text_page
from desk_app.services.desk import Desk
from desk_app.ui.digitise.digitise_dialog import DigitiseDialog
from desk_app.ui.shell.main_window import MainWindow
from tests.conftest import FakeClock, birth_draft
from tests.e2e.conftest import RunningServer

CTRL = Qt.KeyboardModifier.ControlModifier
FRONTEND_TESTER = "Noname frontend-tester (virtual device)"


def _key(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press ``key`` with ``widget``'s window active and ``widget`` focused, as a person does."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key, modifier)


def _idle(qtbot, panel: DigitiseDialog, timeout: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: panel.save_button.isEnabled() and not panel.progress.isVisible(), timeout=timeout
    )


def test_f2_goes_back_to_the_id_card_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.new_dossier()
    _key(qtbot, window.intake.applicant.full_name, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is window.intake.qr


def test_scan_panel_keys(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path, sane_config: Path
) -> None:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record
    window.open_dossier(record.id)
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    dossier = window.dossier_dialog
    _key(qtbot, dossier, Qt.Key.Key_D, CTRL)  # Ctrl+D opens the scan panel
    qtbot.waitUntil(lambda: dossier.findChild(DigitiseDialog) is not None)
    panel = dossier.findChild(DigitiseDialog)
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(
        lambda: panel.checklist.components.count() == len(record.components), timeout=10_000
    )

    for name, page in (("a.png", text_page()), ("b.png", form_page())):
        page.image.save(tmp_path / name, dpi=(300, 300))
    panel.import_files([tmp_path / "a.png", tmp_path / "b.png"])
    _idle(qtbot, panel)
    assert panel.page_count == 2
    first, second = (panel.thumbs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2))

    panel.thumbs.setCurrentRow(1)  # R turns the selected page a quarter turn
    before = panel._pages[1].turns
    _key(qtbot, panel.thumbs, Qt.Key.Key_R)
    assert panel._pages[1].turns == (before + 1) % 4
    _idle(qtbot, panel)

    panel.thumbs.setCurrentRow(0)  # Enter shows the selected page large
    _key(qtbot, panel.thumbs, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.zoom_dialog is not None and panel.zoom_dialog.isVisible())
    assert panel.zoom_dialog is not None
    panel.zoom_dialog.reject()

    panel.thumbs.setCurrentRow(0)  # Del removes it
    _key(qtbot, panel.thumbs, Qt.Key.Key_Delete)
    assert panel.page_count == 1
    assert panel.thumbs.item(0).data(Qt.ItemDataRole.UserRole) == second != first

    panel._find_scanners()  # F5 scans with the chosen scanner (SANE's test backend)
    qtbot.waitUntil(lambda: panel.scanner.findText(FRONTEND_TESTER) >= 0, timeout=10_000)
    panel.scanner.setCurrentIndex(panel.scanner.findText(FRONTEND_TESTER))
    _key(qtbot, panel.thumbs, Qt.Key.Key_F5)
    _idle(qtbot, panel)
    assert panel.page_count > 1 and "Đã quét" in panel.message.text()
    panel.reject()


def test_f9_syncs_now(
    qtbot, window: MainWindow, desk: Desk, district: RunningServer, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    desk.intake.receive(birth_draft(desk))
    page = window.sync
    _key(qtbot, window.nav, Qt.Key.Key_Y, CTRL)  # Ctrl+Y: the Đồng bộ page
    # The page reads the state afresh when shown: enrolled, one dossier waiting.
    qtbot.waitUntil(lambda: page.isVisible() and page.pending.text() == "1 mục")
    assert page.sync_now.isEnabled()
    _key(qtbot, page.sync_now, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "còn chờ 0" in page.message.text(), timeout=15_000)
    assert desk.sync.state().pending == 0
