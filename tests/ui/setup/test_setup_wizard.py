"""The first-run wizard on a fresh data folder: commune and desk, the real district server
on loopback, the SANE test scanner's test scan, the administrator; then the settings page
changes what it set."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from desk_app.app import open_desk
from desk_app.services.access import is_set_up, set_up_desk
from desk_app.ui.main import build_window
from desk_app.ui.setup.setup_wizard import SetupWizard
from desk_app.ui.shell.main_window import SETTINGS
from desk_app.ui.widgets.devices import SCANNER_KEY
from desk_app.ui.widgets.task_runner import TaskRunner
from tests.conftest import CHEAP_KDF, FakeClock
from tests.e2e.conftest import RunningServer
from tests.ui.conftest import isolated_settings

PASSWORD = "Lúa chín 2026"


def _wizard(qtbot, data: Path, clock: FakeClock) -> tuple[SetupWizard, TaskRunner]:  # type: ignore[no-untyped-def]
    def set_up(username: str, full_name: str, password: str) -> str:
        return set_up_desk(data, username=username, full_name=full_name, password=password,
                           clock=clock, cost=CHEAP_KDF)  # fmt: skip

    runner = TaskRunner()
    wizard = SetupWizard(
        set_up, lambda u, p: open_desk(data, officer=u, password=p, clock=clock), runner
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard, runner


def test_the_wizard_sets_up_enrols_tests_the_scanner_and_opens_the_desk(
    qtbot, tmp_path: Path, clock: FakeClock, district: RunningServer, sane_config: Path
) -> None:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    data = tmp_path / "commune"
    wizard, runner = _wizard(qtbot, data, clock)

    # Commune and desk: a bad agency code stays on the page with the rule's words.
    page = wizard.commune.fields
    page.agency_code.setText("xa minh phu")
    page.parent_unit.setText("UBND xã Minh Phú")
    page.place.setText("Minh Phú")
    page.province.setText("Tuyên Quang")
    page.desk_number.setValue(2)
    wizard.next()
    assert wizard.currentPage() is wizard.commune
    assert "Mã định danh cơ quan" in page.error.text()
    page.agency_code.setText("000.00.31.h26")
    wizard.next()
    assert wizard.currentPage() is wizard.server

    # Server: an address without a scheme is refused; then the real server's code.
    wizard.server.online.setChecked(True)
    wizard.server.url.setText("motcua.example.vn")
    wizard.server.code.setText("x")
    wizard.next()
    assert wizard.currentPage() is wizard.server and "https://" in wizard.server.error.text()
    code = district.store.new_enrol_code("000.00.31.H26", 2, datetime.now(UTC))
    wizard.server.url.setText(district.url)
    # Issue 26 item 8: the code as copied from paper, lower case and spaced, is taken.
    wizard.server.code.setText(" " + code.lower().replace("-", " "))
    # Issue 26 item 1: the QR's lookup address, plain http elsewhere refused, then checked.
    lookup = wizard.server.lookup
    lookup.check_button.click()  # empty: the server above is what the QR will open
    qtbot.waitUntil(lambda: lookup.checked == district.url, timeout=10_000)
    lookup.line.setText("http://dichvucong.example.vn")
    wizard.next()
    assert wizard.currentPage() is wizard.server and "https://" in wizard.server.error.text()
    lookup.line.setText(district.url)
    lookup.checked = ""
    lookup.check_button.click()
    qtbot.waitUntil(lambda: lookup.checked == district.url, timeout=10_000)
    assert "trả lời" in lookup.result.text()
    wizard.next()
    assert wizard.currentPage() is wizard.devices

    # Devices: the SANE test scanner is found and scans a page that shows.
    scanner = wizard.devices.scanner
    qtbot.waitUntil(lambda: scanner.test_button.isEnabled(), timeout=30_000)
    scanner.test_button.click()
    qtbot.waitUntil(lambda: scanner.tested, timeout=60_000)
    pixmap = scanner.preview.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 100
    wizard.next()

    # Administrator: the two passwords must match.
    admin = wizard.admin
    admin.full_name.setText("Ngô Thị Hoa")
    admin.password.setText(PASSWORD)
    admin.repeat.setText("Lúa chín 2025")
    wizard.next()
    assert wizard.currentPage() is admin and "không khớp" in admin.error.text()
    admin.repeat.setText(PASSWORD)
    wizard.next()
    assert wizard.currentPage() is wizard.finish
    assert "UBND xã Minh Phú (000.00.31.H26)" in wizard.finish.summary.text()

    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.done_setup is not None, timeout=60_000)
    done = wizard.done_setup
    assert done is not None and done.enrol_note == ""
    assert len(done.recovery_code.replace("-", "")) == 40
    assert str(QSettings().value(SCANNER_KEY)) == scanner.scanner.currentData().name
    desk = done.desk
    try:
        saved = desk.settings.load()
        assert (saved.agency_code, saved.parent_unit, saved.place, saved.province) == (
            "000.00.31.H26", "UBND xã Minh Phú", "Minh Phú", "Tuyên Quang"
        )  # fmt: skip
        assert saved.desk_number == 2
        assert desk.sync.identity() is not None
        assert saved.lookup_base_url == district.url  # the papers' QR opens it
        assert desk.session.officer.full_name == "Ngô Thị Hoa"

        # Everything it set can be changed later: the settings page saves a new desk number.
        window = build_window(desk)  # as the app opens it after Finish
        qtbot.addWidget(window)
        window.show()
        # The title and the status bar name the commune and desk the wizard set.
        assert "UBND xã Minh Phú — Quầy 2" in window.windowTitle()
        assert "Quầy 2" in window.desk_label.text()
        window.nav.setCurrentRow(SETTINGS)
        settings_page = window.settings_page
        assert settings_page.commune.parent_unit.text() == "UBND xã Minh Phú"
        settings_page.commune.desk_number.setValue(3)
        settings_page.commune.agency_code.setText("xã 31")
        settings_page.save()
        assert "Mã định danh cơ quan" in settings_page.commune.error.text()
        settings_page.commune.agency_code.setText("000.00.31.H26")
        settings_page.commune.parent_unit.setText("UBND xã Minh Phú Mới")
        settings_page.save()
        qtbot.waitUntil(lambda: "Đã lưu" in settings_page.message.text())
        assert desk.settings.load().desk_number == 3
        assert "UBND xã Minh Phú Mới — Quầy 3" in window.windowTitle()
        assert "Quầy 3" in window.desk_label.text()  # the status bar too, not the old desk
        assert "Minh Phú Mới" in window.desk_label.text()
        window.runner.shutdown()
    finally:
        desk.close()
        runner.shutdown()
    assert is_set_up(data)


def test_offline_for_now_and_a_failed_finish_keeps_what_was_typed(
    qtbot, tmp_path: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    data = tmp_path / "commune"
    wizard, runner = _wizard(qtbot, data, clock)
    wizard.commune.fields.agency_code.setText("000.00.31.H26")
    wizard.commune.fields.parent_unit.setText("UBND xã Minh Phú")
    wizard.commune.fields.place.setText("Minh Phú")
    wizard.next()
    assert wizard.server.offline.isChecked()
    wizard.next()
    wizard.next()
    wizard.admin.username.setText("")
    wizard.admin.full_name.setText("Ngô Thị Hoa")
    wizard.next()
    assert "tên đăng nhập" in wizard.admin.error.text()
    wizard.admin.username.setText("admin")
    wizard.admin.password.setText("ngắn")
    wizard.admin.repeat.setText("ngắn")
    wizard.next()
    assert "ít nhất 12 ký tự" in wizard.admin.error.text()
    wizard.admin.password.setText(PASSWORD)
    wizard.admin.repeat.setText(PASSWORD)
    wizard.next()
    data.mkdir()
    (data / "desk.sqlite3").write_bytes(b"not a database")  # the data folder is not empty
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: bool(wizard.finish.error.text()), timeout=30_000)
    assert wizard.done_setup is None and wizard.isVisible()
    assert wizard.admin.full_name.text() == "Ngô Thị Hoa"  # nothing typed is lost
    runner.shutdown()
