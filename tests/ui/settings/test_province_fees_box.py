"""Fees the province sets in a real window (issue 22 part 2): Ctrl+M says plainly that the
amount is not set and who sets it (the dossier was received all the same); the
administrator types it in Cài đặt; Ctrl+M then takes it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk_app.domain.dossier import OriginalDraft
from desk_app.domain.fee_amounts import AmountSource
from desk_app.services.desk import Desk
from desk_app.storage.fee_store import FeeStore
from desk_app.sync.pull import apply_commune_fee
from desk_app.ui.shell.main_window import MainWindow
from tests.fees_tools import MARRIAGE, certify, commune, marriage
from tests.ui.conftest import press

CTRL = Qt.KeyboardModifier.ControlModifier


def test_not_set_then_set_in_settings_then_taken(qtbot, window: MainWindow, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    commune(desk, account=False)
    code = marriage(desk)
    press(qtbot, Qt.Key.Key_M, CTRL)
    dialog = window.payment
    dialog.code.setText(code)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.amount.text() == "Chưa có mức thu", timeout=10_000)
    assert "do HĐND tỉnh quy định và quầy chưa có" in dialog.detail.text()
    assert "Quản trị viên nhập mức thu tại Cài đặt" in dialog.detail.text()
    assert not dialog.take.isEnabled()
    dialog.close()

    box = window.settings_page.province_fees
    assert box is not None
    qtbot.waitUntil(lambda: any(r.procedure_code == MARRIAGE for r in box.rows), timeout=10_000)
    row = next(i for i, r in enumerate(box.rows) if r.procedure_code == MARRIAGE)
    assert box.table.item(row, 2).text() == "Chưa có mức thu"
    box.table.setCurrentCell(row, 0)
    box.amount.setText("0")  # refused: the message says the bounds
    box.save_button.click()
    qtbot.waitUntil(lambda: "Mức thu phải từ 1" in box.message.text(), timeout=10_000)
    box.amount.setText("8.000")
    box.basis.setText("NQ 12/2025/NQ-HĐND")
    box.save_button.click()
    qtbot.waitUntil(lambda: box.table.item(row, 2).text() == "8.000 đ", timeout=10_000)
    assert box.table.item(row, 3).text() == "NQ 12/2025/NQ-HĐND"
    assert box.table.item(row, 4).text() == "Quầy này"
    held = next(r.amount for r in desk.fees.province_fees() if r.procedure_code == MARRIAGE)
    assert held is not None and (held.amount, held.source) == (8000, AmountSource.LOCAL)

    dialog.load()
    qtbot.waitUntil(lambda: dialog.amount.text() == "8.000 đ", timeout=10_000)
    assert dialog.take.isEnabled()


def test_a_fee_taken_at_another_desk_is_shown_not_charged(
    qtbot, window: MainWindow, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    commune(desk, account=False)
    code = certify(desk, [OriginalDraft("Giấy tờ", 1, 1)])
    paid = {"code": code, "series": "BL26-Q2", "number": 4, "amount": 2000, "method": "cash",
            "paid_at": "2026-03-04T09:00:00+07:00", "desk": 2}  # fmt: skip
    with desk.storage.write():
        apply_commune_fee(FeeStore(desk.storage), "fee_paid", "u-4", paid)
    press(qtbot, Qt.Key.Key_M, CTRL)
    dialog = window.payment
    dialog.code.setText(code)
    dialog.load()
    qtbot.waitUntil(lambda: "quầy 2" in dialog.amount.text(), timeout=10_000)
    assert dialog.amount.text() == "Đã thu tại quầy 2 — biên lai BL26-Q2 số 0000004"
    assert dialog.detail.text() == "2.000 đ, ngày 04/03/2026; không thu lần nữa."
    assert not dialog.take.isEnabled()
