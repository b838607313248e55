"""An officer at the keyboard: Vietnamese typed, Tab between fields, Ctrl+S, print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from desk_app.domain.dossier import DossierDraft
from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import MainWindow
from tests.pdf_tools import pdf_qr_codes, pdf_text
from tests.ui.conftest import press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
GOOD_QR = "001190012345||Nguyễn Thị Hồng Nhung|05091990|Nữ|Thôn Đông, xã Minh Phú, Hà Nội|10042021"


def test_officer_creates_a_dossier_by_keyboard_and_prints_the_receipt(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    assert QApplication.focusWidget() is page.qr  # the form starts at the ID card field
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.applicant.full_name
    type_text("Đặng Thị Thủy")
    press(qtbot, Qt.Key.Key_Tab)
    type_text("001190012345")
    press(qtbot, Qt.Key.Key_Tab)
    type_text("05/09/1990")
    press(qtbot, Qt.Key.Key_Tab)  # sex: left empty, taken from the ID number
    press(qtbot, Qt.Key.Key_Tab)
    type_text("Thôn Đông, xã Minh Phú, thành phố Hà Nội")
    press(qtbot, Qt.Key.Key_Tab)
    type_text("0912 345 678")
    page.picker.search.setFocus()
    type_text("khai sinh")  # no need to choose further: one match is chosen
    qtbot.waitUntil(lambda: page.picker.code() == "1.001193")
    qtbot.waitUntil(lambda: "17:00, 04/03/2026" in page.due.text())
    assert "Miễn phí" in page.fee.text()

    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(
        lambda: page.last_preview is not None and page.last_preview.rendered, timeout=10_000
    )
    preview = page.last_preview
    assert preview is not None and preview.isVisible()
    (hit,) = desk.dossiers.search("dang thi thuy")
    assert hit.applicant_name == "Đặng Thị Thủy"
    assert hit.code.endswith("-260304-0001")

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(preview.printed, timeout=20_000) as printed:
        preview.print_receipt(printer)
    assert printed.args == [1]  # the first printing is the original
    qtbot.waitUntil(lambda: desk.receipts.load(hit.code).receipt_prints == 1)
    assert out.stat().st_size > 10_000
    # What came out of the printer is the receipt's own pages: its QR still decodes.
    (qr,) = pdf_qr_codes(out.read_bytes(), dpi=150)
    assert f"MaHoSo: {hit.code}" in qr
    assert desk.receipts.load(hit.code).receipt_prints == 1

    preview.reject()  # closing the preview clears the form for the next citizen
    assert page.applicant.full_name.text() == ""
    # The window's focus goes back to the ID card field when it is active again.
    assert window.focusWidget() is page.qr


def test_errors_show_next_to_their_fields_and_nothing_is_saved(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    page.applicant.full_name.setFocus()
    type_text("Lê Văn Tám")
    page.applicant.id_number.setFocus()
    type_text("0010900")  # half-typed
    page.applicant.phone.setFocus()
    type_text("09abc")
    page.save()
    qtbot.waitUntil(lambda: bool(page.errors.message("applicant.phone")))
    assert "12 chữ số" in page.errors.message("applicant.id_number")
    assert "chỉ gồm chữ số" in page.errors.message("applicant.phone")
    assert "Chưa nhập địa chỉ" in page.errors.message("applicant.address")
    assert "Chưa chọn thủ tục" in page.errors.message("procedure")
    assert page.errors.message("applicant.full_name") == ""
    assert desk.dossiers.count() == 0
    assert page.last_preview is None


def test_id_card_qr_fills_the_form_and_a_returning_citizen_is_recognised(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import birth_draft

    desk.intake.receive(birth_draft(desk, phone="0987 000 111"))
    page = window.intake
    page.qr.setFocus()
    type_text(GOOD_QR)
    press(qtbot, Qt.Key.Key_Return)  # USB 2-D scanners end with Enter
    assert page.applicant.full_name.text() == "Nguyễn Thị Hồng Nhung"
    assert page.applicant.birth_date.text() == "05/09/1990"
    assert page.applicant.sex.currentText() == "Nữ"
    qtbot.waitUntil(page.known.banner.isVisible)
    assert "đã có 1 hồ sơ" in page.known.banner.text()
    page.known.use_button.click()
    assert page.applicant.phone.text() == "0987000111"


def test_a_truncated_qr_scan_says_so_and_fills_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    page.qr.setFocus()
    type_text("001190012345||Nguyễn Thị")
    press(qtbot, Qt.Key.Key_Return)
    assert "bị thiếu" in page.errors.message("qr")
    assert page.applicant.full_name.text() == ""


def test_delegate_section_and_per_page_fee(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    assert not page.principal_box.isVisible()
    page.delegated.setChecked(True)
    assert page.principal_box.isVisible()
    assert page.picker.choose("2.000815")
    # issue 26 item 5: copies are typed per original, never through "Số bộ hồ sơ"
    assert page.fee_panel.originals_box.isVisible()
    table = page.fee_panel.table
    table.item(0, 0).setText("Bằng tốt nghiệp")
    table.cellWidget(0, 1).setValue(3)
    table.cellWidget(0, 2).setValue(2)
    qtbot.waitUntil(lambda: "10.000 đ (3 trang × 2 bản)" in page.fee.text())
    page.fee_panel.add_button.click()
    table.cellWidget(1, 1).setValue(1)
    qtbot.waitUntil(lambda: "12.000 đ (2 bản chính)" in page.fee.text())
    page.sets.setValue(2)  # two dossier sets do not double the certified copies
    qtbot.waitUntil(lambda: page.draft().sets_count == 2)
    qtbot.wait(300)
    assert "12.000 đ (2 bản chính)" in page.fee.text()
    page.fee_panel.exemption.setCurrentText("Người thuộc hộ nghèo")
    qtbot.waitUntil(lambda: "Miễn 12.000 đ (Người thuộc hộ nghèo)" in page.fee.text())
    draft = page.draft()
    assert [(o.name, o.pages, o.copies) for o in draft.originals] == [
        ("Bằng tốt nghiệp", 3, 2), ("", 1, 1)
    ]  # fmt: skip
    assert draft.fee_exemption == "Người thuộc hộ nghèo"
    # a form kept before the panel (pages and sets): one original with that many copies
    page.new_dossier()
    page.fill_draft(DossierDraft(procedure_code="2.000815", pages=3, sets_count=2))
    assert [(o.pages, o.copies) for o in page.draft().originals] == [(3, 2)]


def test_a_printer_that_cannot_open_says_so_in_words(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from desk_app.ui.intake.receipt_preview_dialog import ReceiptPreviewDialog
    from tests.conftest import birth_draft

    received = desk.intake.receive(birth_draft(desk))
    preview = ReceiptPreviewDialog(
        received.receipt_pdf, received.record.code, desk.receipts, window.runner, window
    )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))  # cannot be opened
    preview.print_receipt(printer)
    # (printing to a file writes the paper's own PDF: the file is what cannot be opened)
    qtbot.waitUntil(lambda: "Không ghi được tệp" in preview.message.text(), timeout=20_000)
    assert "ổ đĩa" not in preview.message.text()
    assert preview.print_button.isEnabled()
    # Nothing reached a printer, so nothing was counted: the sheet that does print next is
    # the original, not "BẢN IN LẠI".
    code = received.record.code
    assert desk.receipts.load(code).receipt_prints == 0
    assert [e.kind for e in desk.lifecycle.history(received.record.id)].count(
        "receipt_printed"
    ) == 0
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    with qtbot.waitSignal(preview.recorded, timeout=20_000) as recorded:
        preview.print_receipt(printer)
    assert recorded.args == [1]
    assert desk.receipts.load(code).receipt_prints == 1
    assert preview.last_printed is not None
    assert "BẢN IN LẠI" not in pdf_text(preview.last_printed.pdf)


def test_earlier_digitised_paper_is_offered_and_reused_at_intake(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import text_page
    from desk_app.domain.documents import DocumentTags, DocumentType
    from tests.conftest import birth_draft

    first = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "uq.png"
    text_page().image.save(scan, dpi=(300, 300))
    desk.digitisation.digitise_files(
        first.code, 3, [scan], tags=DocumentTags(doc_type=DocumentType.AUTHORISATION)
    )
    page = window.intake
    page.qr.setFocus()
    type_text(GOOD_QR)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.reuse.isVisible)
    assert page.reuse.papers.count() == 1 and "Giấy ủy quyền" in page.reuse.papers.item(0).text()
    assert page.picker.choose("1.001193")
    qtbot.waitUntil(lambda: page.components.rowCount() == 3)
    page.reuse.papers.item(0).setCheckState(Qt.CheckState.Checked)
    assert page.components.item(2, 4).text() == "✓ dùng lại"
    assert page.components.item(0, 4).text() == "quét sau khi lưu"
    page.applicant.address.setText("Thôn Đông, xã Minh Phú")
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.save()
    dossier_id = saved.args[0].record.id
    qtbot.waitUntil(
        lambda: desk.lifecycle.get(dossier_id).digitised.components_reused == 1, timeout=10_000
    )
    qtbot.waitUntil(lambda: "Đã dùng lại 1 giấy tờ" in page.status.text())


def test_a_form_cut_by_a_power_cut_comes_back_and_goes_once_saved(
    qtbot,
    window: MainWindow,
    desk: Desk,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    page = window.intake
    page.applicant.full_name.setText("Trần Thị Bích Ngọc")
    page.applicant.id_number.setText("001190012345")
    assert page.picker.choose("1.001193")
    qtbot.waitUntil(lambda: page.components.rowCount() == 3)
    page.components.set_received(2, False)  # one paper not handed over yet
    page.applicant.address.setText("Thôn Đông")
    page.keep_draft()  # what the timer does every 3 s
    qtbot.waitUntil(lambda: desk.intake.interrupted_draft() is not None, timeout=5000)
    typed = page.draft()

    # the power goes; at the next start the form is as it was
    again = MainWindow(desk, desk.settings.load(), "Quản trị thử", clock)
    qtbot.addWidget(again)
    restored = again.intake
    qtbot.waitUntil(lambda: "Đã khôi phục" in restored.status.text(), timeout=5000)
    assert restored.draft() == typed
    assert restored.applicant.full_name.text() == "Trần Thị Bích Ngọc"
    with qtbot.waitSignal(restored.saved, timeout=10_000):
        restored.save()
    assert desk.intake.interrupted_draft() is None  # cleared by the save's transaction
    again.runner.shutdown()


def test_a_blank_form_keeps_nothing(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    page.applicant.full_name.setText("Lê Văn An")
    page.keep_draft()
    qtbot.waitUntil(lambda: desk.intake.interrupted_draft() is not None, timeout=5000)
    page.new_dossier()  # Ctrl+N: the officer gave it up
    page.keep_draft()
    qtbot.waitUntil(lambda: desk.intake.interrupted_draft() is None, timeout=5000)


OLD_CARD_QR = (
    "001190012345||Nguyễn Thị Hồng Nhung|05091990|Nữ|"
    "Thôn Đông, Xã Minh Phú, Huyện Sóc Sơn, Thành phố Hà Nội|10042021"
)


def test_an_old_cards_address_is_offered_in_its_2025_form_and_the_officer_confirms(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    page.qr.setFocus()
    type_text(OLD_CARD_QR)
    press(qtbot, Qt.Key.Key_Return)
    # the card's text first: nothing changes until the officer says so
    assert page.applicant.address.text().endswith("Huyện Sóc Sơn, Thành phố Hà Nội")
    qtbot.waitUntil(page.new_address.banner.isVisible)
    assert "Thôn Đông, Xã Kim Anh, Thành phố Hà Nội" in page.new_address.banner.text()
    page.new_address.use_button.click()
    assert page.applicant.address.text() == "Thôn Đông, Xã Kim Anh, Thành phố Hà Nội"
    assert not page.new_address.isVisible()
    # a card with a new-style address offers nothing
    page.qr.setFocus()
    type_text(GOOD_QR)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert not page.new_address.isVisible()
