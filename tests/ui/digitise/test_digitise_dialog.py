"""The scan panel in the window: files, the SANE test scanner and a scan folder to a
signed, stored copy, with pages turned, reordered and removed on the way."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from bench.corpus import blank_page, form_page, text_page
from desk_app.domain.calendar import VN_TZ
from desk_app.services.desk import Desk
from desk_app.services.digitisation import ColourMode, Pkcs12Identity, TokenIdentity
from desk_app.ui.digitise.digitise_dialog import DigitiseDialog
from desk_app.ui.shell.main_window import MainWindow
from tests.capture.certs import OfficerCert
from tests.conftest import FakeClock, birth_draft


def _panel(qtbot, window: MainWindow, desk: Desk) -> tuple[DigitiseDialog, int]:  # type: ignore[no-untyped-def]
    record = desk.intake.receive(birth_draft(desk)).record
    window.open_dossier(record.id)
    qtbot.waitUntil(lambda: getattr(window, "dossier_dialog", None) is not None)
    panel = window.dossier_dialog.open_digitise()
    assert panel is not None
    qtbot.waitUntil(
        lambda: panel.checklist.components.count() == len(record.components), timeout=10_000
    )
    return panel, record.id


def _idle(qtbot, panel: DigitiseDialog, timeout: int = 30_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: panel.save_button.isEnabled() and not panel.progress.isVisible(), timeout=timeout
    )


def test_files_turned_reordered_and_saved_signed(
    qtbot,
    window: MainWindow,
    desk: Desk,
    tmp_path: Path,
    clock: FakeClock,
    officer: OfficerCert,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime.now(VN_TZ).replace(microsecond=0)
    panel, dossier_id = _panel(qtbot, window, desk)
    files = []
    for name, page in (("a.png", text_page()), ("b.png", blank_page()), ("c.png", form_page())):
        page.image.save(tmp_path / name, dpi=(300, 300))
        files.append(tmp_path / name)
    (tmp_path / "bad.jpg").write_text("x")
    panel.import_files([*files, tmp_path / "bad.jpg"])
    _idle(qtbot, panel)
    assert panel.page_count == 3 and "bad.jpg" in panel.message.text()
    assert "trắng" in panel.thumbs.item(1).text()  # the blank back side is marked
    panel.thumbs.item(2).setSelected(True)
    panel.rotate(1)
    _idle(qtbot, panel)
    panel.thumbs.clearSelection()
    panel.thumbs.item(0).setSelected(True)
    panel.delete_pages()
    assert panel.page_count == 2
    # drag the form (now page 2) before the blank page: the order of pages follows
    form_id = panel.thumbs.item(1).data(Qt.ItemDataRole.UserRole)
    assert panel.thumbs.model().moveRow(QModelIndex(), 1, QModelIndex(), 0)
    qtbot.waitUntil(lambda: panel.thumbs.item(0).text() == "Trang 1")
    assert panel.thumbs.item(0).data(Qt.ItemDataRole.UserRole) == form_id
    assert "trắng" in panel.thumbs.item(1).text()
    panel.tags_form.mode.setCurrentIndex(panel.tags_form.mode.findData(ColourMode.GREY))
    _idle(qtbot, panel)
    panel.checklist.components.setCurrentRow(0)
    panel.set_signer(Pkcs12Identity(officer.p12, officer.passphrase))
    with qtbot.waitSignal(panel.saved, timeout=30_000):
        panel.save()
    assert "Đã lưu 1 trang, ký số bởi Nguyễn Thị Hoa" in panel.message.text()
    qtbot.waitUntil(lambda: panel.checklist.components.item(0).text().startswith("✓"))
    assert "Đã số hóa" in panel.checklist.components.item(0).text()
    assert desk.lifecycle.get(dossier_id).digitised.components_digitised == 1
    # the viewer opens the stored copy
    panel.checklist.view_document()
    qtbot.waitUntil(
        lambda: panel.checklist.viewer is not None and panel.checklist.viewer.rendered,
        timeout=10_000,
    )
    panel.checklist.viewer.reject()
    # a wrong copy is taken off, after a question
    monkeypatch.setattr(
        "desk_app.ui.digitise.checklist.QMessageBox.question",
        lambda *a, **k: QMessageBox.StandardButton.Yes,
    )
    panel.checklist.unlink_document()
    qtbot.waitUntil(
        lambda: panel.checklist.components.item(0).text().startswith("○"), timeout=10_000
    )
    assert desk.lifecycle.get(dossier_id).digitised.components_digitised == 0
    # digitise it again, close the panel: the dossier is shown afresh, the paper marked
    panel.import_files([files[0]])
    _idle(qtbot, panel)
    with qtbot.waitSignal(panel.saved, timeout=30_000):
        panel.save()
    old = window.dossier_dialog
    panel.reject()
    qtbot.waitUntil(lambda: window.dossier_dialog is not old, timeout=10_000)
    label = window.dossier_dialog.findChild(QLabel, "components")
    first, second = label.text().splitlines()[:2]
    assert first.endswith("— đã số hóa") and not second.endswith("— đã số hóa")


def test_bad_tag_is_shown_and_nothing_saved(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    panel, dossier_id = _panel(qtbot, window, desk)
    text_page().image.save(tmp_path / "a.png", dpi=(300, 300))
    panel.import_files([tmp_path / "a.png"])
    _idle(qtbot, panel)
    panel.tags_form.issued_on.setText("31/02/2026")
    panel.save()
    assert panel.message.text() == "Ngày cấp «31/02/2026» không có trên lịch."
    assert desk.lifecycle.get(dossier_id).digitised.components_digitised == 0
    assert panel.page_count == 1  # the pages stay on screen


def test_scanner_batch_and_scan_folder(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path, sane_config: Path
) -> None:  # type: ignore[no-untyped-def]
    panel, _ = _panel(qtbot, window, desk)
    panel._find_scanners()
    qtbot.waitUntil(
        lambda: panel.scanner.findText("Noname frontend-tester (virtual device)") >= 0,
        timeout=10_000,
    )
    panel.scanner.setCurrentIndex(panel.scanner.findText("Noname frontend-tester (virtual device)"))
    panel.scan()
    _idle(qtbot, panel, 60_000)
    assert panel.page_count >= 5, panel.message.text()
    assert "Đã quét" in panel.message.text()
    before = panel.page_count
    folder = tmp_path / "scan-folder"
    folder.mkdir()
    panel.watch_folder(folder, settle_seconds=0.2)
    text_page().image.save(folder / "scan0001.png", dpi=(300, 300))
    deadline = time.monotonic() + 20
    qtbot.waitUntil(
        lambda: panel.page_count == before + 1 or time.monotonic() > deadline, timeout=25_000
    )
    assert panel.page_count == before + 1
    qtbot.waitUntil(lambda: (folder / "đã nhập" / "scan0001.png").exists(), timeout=5_000)
    panel.reject()


def test_saved_with_a_usb_token(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path, clock: FakeClock, token: TokenIdentity
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime.now(VN_TZ).replace(microsecond=0)
    panel, _dossier_id = _panel(qtbot, window, desk)
    text_page().image.save(tmp_path / "a.png", dpi=(300, 300))
    panel.import_files([tmp_path / "a.png"])
    _idle(qtbot, panel)
    panel.set_signer(token)
    assert panel.sign_button.text() == "Ký bằng token: can-bo"
    with qtbot.waitSignal(panel.saved, timeout=30_000):
        panel.save()
    assert "ký số bởi Nguyễn Thị Hoa" in panel.message.text()


def test_tags_show_what_was_stored_and_nothing_carries_to_the_next_paper(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    """Issue 26 item 6, typed as an officer types it."""
    from desk_app.domain.documents import DocumentType
    from tests.ui.conftest import type_text

    clock.now = datetime.now(VN_TZ).replace(microsecond=0)
    panel, dossier_id = _panel(qtbot, window, desk)
    tags = panel.tags_form
    panel.checklist.components.setCurrentRow(1)  # "Giấy chứng sinh …": no plain kind
    assert tags.doc_type.currentData() == DocumentType.OTHER
    text_page().image.save(tmp_path / "a.png", dpi=(300, 300))
    panel.import_files([tmp_path / "a.png"])
    _idle(qtbot, panel)
    tags.doc_type.setCurrentIndex(tags.doc_type.findData(DocumentType.BIRTH_CERTIFICATE))
    for field, text in ((tags.number, "123/GCS"), (tags.issuer, "Bệnh viện huyện"),
                        (tags.issued_on, "01/03/2026")):  # fmt: skip
        field.setFocus()
        type_text(text, field)
    with qtbot.waitSignal(panel.saved, timeout=30_000):
        panel.save()
    # the panel shows what was stored (read back), not a guess
    qtbot.waitUntil(lambda: panel.checklist.components.item(1).text().startswith("✓"))
    assert tags.doc_type.currentData() == DocumentType.BIRTH_CERTIFICATE
    assert (tags.number.text(), tags.issuer.text(), tags.issued_on.text()) == (
        "123/GCS", "Bệnh viện huyện", "01/03/2026"
    )  # fmt: skip
    # the next paper starts empty
    panel.checklist.components.setCurrentRow(2)  # "Văn bản ủy quyền …"
    assert tags.doc_type.currentData() == DocumentType.AUTHORISATION
    assert [f.text() for f in (tags.number, tags.issuer, tags.issued_on, tags.valid_until)] == [
        "", "", "", ""
    ]  # fmt: skip
    panel.checklist.components.setCurrentRow(1)  # back: the stored tags again
    assert tags.number.text() == "123/GCS"
    (stored,) = [d for c in desk.digitisation.components(dossier_id) for d in c.documents]
    assert stored.document.doc_type is DocumentType.BIRTH_CERTIFICATE
    assert stored.document.number == "123/GCS"
