"""The window's bits for issue 25: the applicant's kind on the intake form, refusal at the
counter (Form 03, nothing received), and a legal extension from the dossier."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QInputDialog

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.identity import IdKind
from desk_app.domain.lifecycle import Action
from desk_app.services.desk import Desk
from desk_app.storage.counter_store import CounterStore
from desk_app.ui.shell.main_window import MainWindow
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from tests.conftest import birth_draft
from tests.pdf_tools import pdf_text


def _fill(page, kind: IdKind, name: str, number: str) -> None:  # type: ignore[no-untyped-def]
    a = page.applicant
    a.id_kind.setCurrentIndex(a.id_kind.findData(kind.value))
    a.full_name.setText(name)
    a.id_number.setText(number)
    a.address.setText("Số 1 đường Làng, xã Minh Phú")


def test_an_organisation_is_received_from_the_form(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    _fill(page, IdKind.ORGANISATION, "Công ty TNHH Minh Phú", "0100109106-001")
    assert not page.applicant.birth_date.isEnabled() and not page.applicant.sex.isEnabled()
    assert page.draft().applicant.id_kind == "organisation"
    page.picker.choose("2.000884")
    qtbot.waitUntil(lambda: page.picker.code() == "2.000884")
    page.save()
    qtbot.waitUntil(lambda: desk.dossiers.count() == 1, timeout=10_000)
    kinds = desk.storage.db.execute("SELECT applicant_id_kind FROM dossiers").fetchall()
    assert [tuple(k) for k in kinds] == [("organisation",)]


def test_refusal_at_the_counter_from_the_form_receives_nothing(
    qtbot, window: MainWindow, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    _fill(page, IdKind.PERSONAL, "Nguyễn Thị Hồng Nhung", "001190012345")
    page.picker.choose("1.001193")
    qtbot.waitUntil(lambda: page.picker.code() == "1.001193")
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("Không thuộc thẩm quyền của xã", True)
    )
    page.refuse_button.click()
    qtbot.waitUntil(lambda: page.findChild(PaperPreviewDialog) is not None, timeout=10_000)
    assert desk.dossiers.count() == 0
    (refusal,) = CounterStore(desk.storage).all()
    assert refusal.reason == "Không thuộc thẩm quyền của xã" and refusal.number == "1.1/PTC-BPMC"
    assert "Mẫu 03" in page.status.text()


def test_a_legal_extension_from_the_dossier(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    draft = birth_draft(desk)
    draft.procedure_code = "1.000894"  # marriage: a verification may take 5 working days
    procedure = desk.catalogue.find("1.000894")
    assert procedure is not None
    draft.components = [
        type(draft.components[0])(c.name, c.copy_kind.value, c.count, True, c.key)
        for c in procedure.components
    ]
    record = desk.intake.receive(draft).record
    window.open_dossier(record.id)
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    dialog = window.dossier_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert Action.EXTEND in dialog.action_buttons
    action = dialog.start(Action.EXTEND)
    qtbot.waitUntil(action.isVisible)
    action.extension.setCurrentIndex(action.extension.findData("verification"))
    action.days.setText("3")
    with qtbot.waitSignal(action.done_action, timeout=10_000):
        action.submit()
    assert desk.lifecycle.get(record.id).state.deadline_at == datetime(
        2026, 3, 9, 9, 15, tzinfo=VN_TZ
    )
    qtbot.waitUntil(lambda: action.outcome is not None, timeout=10_000)
    assert action.outcome is not None and action.outcome.paper is not None
    assert "Gia hạn đến 09:15 ngày 09/03/2026" in " ".join(pdf_text(action.outcome.paper).split())
