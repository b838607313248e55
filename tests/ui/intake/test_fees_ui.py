"""Ctrl+M and Ctrl+B in a real window: the fee of the dossier just saved, the VietQR shown
large on screen (read back by zxing-cpp from the screen's pixels and parsed by PyPI's
vietnam-qr-pay), the receipt, the cash book with a void and the hand-over."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from vietnam_qr_pay import QRPay

from desk_app.domain.dossier import OriginalDraft
from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import MainWindow
from tests.fees_tools import certify_draft, commune
from tests.pdf_tools import pdf_text
from tests.ui.conftest import press

CTRL = Qt.KeyboardModifier.ControlModifier


def _received(desk: Desk, window: MainWindow) -> str:
    commune(desk)
    draft = certify_draft(desk, [OriginalDraft("Bằng tốt nghiệp", 3, 2)])
    received = desk.intake.receive(draft)
    window.intake.saved.emit(received)  # as the page does after its own save
    return received.record.code


def test_take_a_fee_by_vietqr_then_the_cash_book(
    qtbot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code = _received(desk, window)
    press(qtbot, Qt.Key.Key_M, CTRL)
    dialog = window.payment
    qtbot.waitUntil(lambda: dialog.amount.text() == "10.000 đ")
    assert dialog.code.text() == code and dialog.take.isEnabled()
    dialog.transfer.setChecked(True)
    qtbot.waitUntil(lambda: dialog.qr.isVisible() and dialog.qr.pixmap() is not None)
    assert dialog.qr.pixmap().width() >= 360  # large enough for a phone at the counter
    shot = tmp_path / "qr.png"
    assert dialog.qr.grab().save(str(shot))
    (read,) = zxingcpp.read_barcodes(Image.open(shot))
    qr = QRPay(read.text)
    assert qr.is_valid and qr.amount == "10000" and qr.additional_data.purpose == code.upper()
    assert (qr.consumer.bank_bin, qr.consumer.bank_number) == ("970415", "113366668888")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert "BL26-Q1 số 0000001" in dialog.amount.text()
    assert desk.fees.due(code).paid is not None
    assert "Chuyển khoản" in pdf_text(desk.fees.render_receipt("BL26-Q1", 1))
    dialog.preview.close()
    dialog.close()

    book = window.cash_book()
    qtbot.waitUntil(lambda: book.table.rowCount() == 1)
    assert book.table.item(0, 2).text() == code
    assert "Chuyển khoản 10.000 đ (chưa đối chiếu 1)" in book.totals.text()
    book.table.selectRow(0)
    book.void_selected("Thu nhầm hình thức")
    qtbot.waitUntil(lambda: "Đã hủy: Thu nhầm hình thức" in (book.table.item(0, 5).text()))
    assert "Chuyển khoản 0 đ" in book.totals.text() and "1 đã hủy" in book.totals.text()
    book.accountant.setText("Lê Thị Hoa")
    book.hand_button.click()
    qtbot.waitUntil(lambda: "Đã bàn giao cho Lê Thị Hoa" in book.totals.text())
    assert not book.hand_button.isEnabled()


def test_the_fee_account_is_set_from_the_cash_book(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    book = window.cash_book()
    book.account_button.click()
    qtbot.waitUntil(lambda: book.account is not None and book.account.isVisible())
    dialog = book.account
    assert dialog is not None
    dialog.fields["bank_bin"].setText("97041")  # five digits: refused, the dialog stays
    dialog.fields["bank_account"].setText("0011001234567")
    dialog.fields["bank_account_name"].setText("UBND xã Minh Phú")
    dialog.submit()
    qtbot.waitUntil(lambda: "BIN" in dialog.message.text())
    dialog.fields["bank_bin"].setText("970436")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = desk.fees.fee_settings()
    assert (saved.bank_bin, saved.bank_account) == ("970436", "0011001234567")
    assert any("fee bank_bin" in e.detail for e in desk.audit.recent(5))
