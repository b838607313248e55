"""F3 at intake: the ID card's chip read through the real pcscd and the emulated card
(tests/pcsc.py), off the UI thread; the applicant prefilled from DG13; the check kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import MainWindow
from tests import pcsc
from tests.chip import card_files as cf
from tests.chip.test_reader import KEY
from tests.ui.conftest import press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _scan_qr(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.intake.qr.setFocus()
    type_text(cf.QR_TEXT)
    press(qtbot, Qt.Key.Key_Return)


def test_f3_reads_the_chip_prefills_and_the_dossier_keeps_the_check(
    qtbot, window: MainWindow, desk: Desk, pcscd: pcsc.Pcscd
) -> None:  # type: ignore[no-untyped-def]
    card = cf.make_card()
    (desk.data_dir / "trust").mkdir()
    (desk.data_dir / "trust" / "csca.pem").write_bytes(card.pki.csca_pem())
    page = window.intake
    with pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode()):
        window.refresh_reader_state()
        qtbot.waitUntil(lambda: "có thẻ" in window.reader_state.text(), timeout=5000)
        assert "Danh sách CSCA của tỉnh: chưa nhận" in window.reader_state.toolTip()
        _scan_qr(qtbot, window)
        page.applicant.address.setText("")  # the chip gives the residence back
        press(qtbot, Qt.Key.Key_F3)
        qtbot.waitUntil(lambda: "Đã đọc chip" in page.status.text(), timeout=10_000)
    assert "HỢP LỆ" in page.status.text()
    assert page.applicant.full_name.text() == "Nguyễn Thị Hoà"
    assert page.applicant.id_number.text() == cf.ID_NUMBER
    assert page.applicant.birth_date.text() == "15/01/1990"
    assert page.applicant.address.text() == cf.DETAILS[9]

    page.picker.search.setFocus()
    type_text("khai sinh")
    qtbot.waitUntil(lambda: page.picker.code() == "1.001193")
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: page.last_preview is not None, timeout=10_000)
    (hit,) = desk.dossiers.search("nguyen thi hoa")
    history = desk.lifecycle.history(desk.receipts.load(hit.code).id)
    [check] = [e for e in history if e.kind == "identity_checked"]
    assert check.details["verified"] is True and check.details["matches_qr"] is True


def test_f3_on_a_tampered_card_says_so_and_still_fills(
    qtbot, window: MainWindow, pcscd: pcsc.Pcscd
) -> None:  # type: ignore[no-untyped-def]
    card = cf.make_card(tamper_dg13=True)
    page = window.intake
    with pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode()):
        _scan_qr(qtbot, window)
        press(qtbot, Qt.Key.Key_F3)
        qtbot.waitUntil(lambda: "Đã đọc chip" in page.status.text(), timeout=10_000)
    assert "KHÔNG XÁC THỰC ĐƯỢC" in page.status.text()
    assert "Khác với mã QR: họ tên." in page.status.text()
    assert page.applicant.full_name.text() == "Nguyễn Thị Hoả"


def test_f3_with_no_card_says_what_to_do(qtbot, window: MainWindow, pcscd: pcsc.Pcscd) -> None:  # type: ignore[no-untyped-def]
    page = window.intake
    _scan_qr(qtbot, window)
    press(qtbot, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: "Chưa có thẻ trên đầu đọc" in page.status.text(), timeout=10_000)
    window.refresh_reader_state()
    qtbot.waitUntil(lambda: "chưa có thẻ" in window.reader_state.text(), timeout=5000)
