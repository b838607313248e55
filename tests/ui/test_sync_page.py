"""The Đồng bộ page against the real district server on loopback."""

from __future__ import annotations

from datetime import UTC, datetime

from desk_app.services.desk import Desk
from desk_app.ui.main_window import SYNC, MainWindow
from tests.conftest import FakeClock, birth_draft
from tests.e2e.conftest import RunningServer


def test_enrol_sync_and_back_off_from_the_page(
    qtbot,
    window: MainWindow,
    desk: Desk,
    district: RunningServer,
    clock: FakeClock,
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    page = window.sync
    window.nav.setCurrentRow(SYNC)
    qtbot.waitUntil(lambda: "Chưa đăng ký" in page.server.text())
    assert not page.sync_now.isEnabled()
    assert "ngoại tuyến" in window.sync_state.text()
    page.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC)))
    qtbot.waitUntil(lambda: "quầy 1 của 000.00.31.H26" in page.server.text(), timeout=10_000)
    for _ in range(3):
        desk.intake.receive(birth_draft(desk))
    page.refresh()
    qtbot.waitUntil(lambda: page.pending.text() == "3 mục")
    assert page.timer.isActive() and 240_000 <= page.timer.interval() <= 360_000
    page.run_now()
    qtbot.waitUntil(lambda: "còn chờ 0" in page.message.text(), timeout=15_000)
    qtbot.waitUntil(lambda: window.sync_state.text() == "Đồng bộ: còn chờ 0")
    assert page.last_success.text() != "—"
    district.stop()
    desk.intake.receive(birth_draft(desk))
    page.run_now()
    qtbot.waitUntil(lambda: page.failures == 1, timeout=15_000)
    assert "Không kết nối được máy chủ" in page.message.text()
    qtbot.waitUntil(lambda: page.timer.isActive())
    assert 24_000 <= page.timer.interval() <= 36_000  # the first back-off step, jittered
    qtbot.waitUntil(lambda: "Không kết nối" in page.last_error.text())
