"""Issue 26 item 7: every window and dialog fits the smallest office screen, 1366×768
(1366×728 above a taskbar), at 100 % and 125 % text size (11 and 14 points).

Each is opened as the officer opens it, on a screen of that size, and grabbed: it is no
larger than the screen, and every visible button lies inside it at no less than the width
its text needs. ``DESK_APP_SCREENS=DIR`` saves the grabs (docs/screens/)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from desk_app.domain.lifecycle import Action
from desk_app.services.desk import Desk
from desk_app.ui.digitise.pages import PageZoom
from desk_app.ui.dossiers.action_dialog import ActionDialog
from desk_app.ui.officers.officers_page import AddOfficerDialog, PasswordDialog
from desk_app.ui.setup.setup_wizard import SetupWizard
from desk_app.ui.shell.main_window import PAGE_TOPICS, MainWindow
from desk_app.ui.signin.login_dialog import LockDialog, LoginDialog
from desk_app.ui.widgets import fit
from desk_app.ui.widgets.comfort import BASE_POINT_SIZE, apply_font_size
from desk_app.ui.widgets.help import HelpDialog
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import TaskRunner
from tests.conftest import birth_draft

SCREEN = QRect(0, 0, fit.SMALLEST_SCREEN.width(), fit.SMALLEST_SCREEN.height())
TEXT_SIZES = (BASE_POINT_SIZE, 14)  # 100 % and 125 % (11 pt × 1.25 ≈ 14 pt)


@pytest.fixture(params=TEXT_SIZES, ids=lambda p: f"{p}pt")
def text_size(request, monkeypatch) -> Iterator[int]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fit, "available_area", lambda _widget=None: QRect(SCREEN))
    apply_font_size(request.param)
    yield request.param
    apply_font_size(BASE_POINT_SIZE)


def assert_fits(qtbot, widget: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(60)  # the page's rows and counts arrive, the layout settles
    size = widget.frameGeometry().size()
    assert size.width() <= SCREEN.width() and size.height() <= SCREEN.height(), (name, size)
    hint = widget.minimumSizeHint()
    assert hint.width() <= SCREEN.width() and hint.height() <= SCREEN.height(), (name, hint)
    inside = widget.rect()
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisibleTo(widget) or button.window() is not widget:
            continue
        shown: QWidget = button  # in a scroll area: the area is what must be inside
        for ancestor in _ancestors(button, widget):
            if isinstance(ancestor, QScrollArea):
                shown = ancestor
        box = QRect(shown.mapTo(widget, shown.rect().topLeft()), shown.size())
        assert inside.contains(box), (name, button.text(), box, inside)
        assert button.width() >= button.minimumSizeHint().width(), (name, button.text())
    folder = os.environ.get("DESK_APP_SCREENS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().scaledToWidth(min(640, widget.width())).save(str(Path(folder) / name))


def _ancestors(widget: QWidget, top: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        yield parent
        parent = parent.parentWidget()


def test_the_window_and_its_pages_fit(qtbot, window: MainWindow, text_size: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(SCREEN.width() - 16, SCREEN.height() - 40)
    for row, topic in enumerate(PAGE_TOPICS):
        window.nav.setCurrentRow(row)
        assert_fits(qtbot, window, f"window-{topic}-{text_size}pt.png")


def test_the_dossier_and_its_forms_fit(
    qtbot, window: MainWindow, desk: Desk, text_size: int
) -> None:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record
    window.open_dossier(record.id)
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    dossier = window.dossier_dialog
    assert_fits(qtbot, dossier, f"dossier-{text_size}pt.png")
    history = dossier.findChild(QWidget, "history")
    scroll = dossier.details_scroll
    scroll.ensureWidgetVisible(history)
    assert (
        scroll.viewport()
        .rect()
        .intersects(  # the last event can be scrolled to
            QRect(history.mapTo(scroll.viewport(), history.rect().topLeft()), history.size())
        )
    )
    for action in Action:
        dialog = ActionDialog(dossier._record, action, desk.lifecycle, window.runner, dossier)
        qtbot.addWidget(dialog)
        assert_fits(qtbot, dialog, f"action-{action.value}-{text_size}pt.png")
        dialog.ask_confirm()  # errors under every needed field: it grows and still fits
        assert_fits(qtbot, dialog, f"action-{action.value}-errors-{text_size}pt.png")
        dialog.close()
    scan = dossier.open_digitise()
    assert scan is not None
    assert_fits(qtbot, scan, f"digitise-{text_size}pt.png")
    scan.close()


def test_the_papers_the_guide_and_the_lock_fit(
    qtbot, window: MainWindow, desk: Desk, text_size: int
) -> None:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record
    pdf = desk.receipts.render(record)
    preview = PaperPreviewDialog(pdf, "Giấy tiếp nhận", "r.pdf", window.runner, window)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.rendered, timeout=10_000)
    assert_fits(qtbot, preview, f"preview-{text_size}pt.png")
    guide = HelpDialog("dossier", window)
    qtbot.addWidget(guide)
    assert_fits(qtbot, guide, f"help-{text_size}pt.png")

    lock = LockDialog(desk, window.runner, window)
    qtbot.addWidget(lock)
    assert_fits(qtbot, lock, f"lock-{text_size}pt.png")
    add = AddOfficerDialog(desk.accounts, window.runner, window)
    qtbot.addWidget(add)
    assert_fits(qtbot, add, f"add-officer-{text_size}pt.png")
    change = PasswordDialog(desk.accounts, window.runner, window, required=True)
    qtbot.addWidget(change)
    assert_fits(qtbot, change, f"password-{text_size}pt.png")
    zoom = PageZoom(_page_png(), window)  # a scanned page, larger than the screen
    qtbot.addWidget(zoom)
    assert_fits(qtbot, zoom, f"page-zoom-{text_size}pt.png")


def _page_png() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(1240, 1754, QImage.Format.Format_RGB32)  # A4 at 150 dpi
    image.fill(0xFFFFFF)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def test_the_first_run_wizard_and_the_sign_in_fit(qtbot, text_size: int) -> None:  # type: ignore[no-untyped-def]
    def never(*_args: str) -> Desk:
        raise AssertionError("not reached")

    runner = TaskRunner()
    try:
        wizard = SetupWizard(never, never, runner)  # type: ignore[arg-type]
        qtbot.addWidget(wizard)
        for n, page_id in enumerate(wizard.pageIds()):
            wizard.setStartId(page_id)
            wizard.restart()
            assert_fits(qtbot, wizard, f"wizard-{n}-{text_size}pt.png")
        login = LoginDialog(never, runner)
        qtbot.addWidget(login)
        assert_fits(qtbot, login, f"login-{text_size}pt.png")
    finally:
        runner.shutdown()
