"""The Đồng bộ page against the real district server on loopback."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import form_page
from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import SYNC, MainWindow
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


def test_an_item_in_error_is_listed_until_a_person_marks_it_dealt_with(
    qtbot,
    window: MainWindow,
    desk: Desk,
    district: RunningServer,
    clock: FakeClock,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    page = window.sync
    window.nav.setCurrentRow(SYNC)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "scan.png"
    form_page().image.save(scan, dpi=(300, 300))
    sha = desk.digitisation.digitise_files(record.code, 1, [scan]).sha256
    desk.blobs.path(sha).unlink()  # the paper is gone from disk
    page.run_now()
    qtbot.waitUntil(lambda: "lỗi 2" in page.message.text(), timeout=15_000)
    qtbot.waitUntil(lambda: page.problems.count() == 2)
    assert "chờ người xử lý: 2" in page.problems_title.text()
    assert "2 mục lỗi chờ xử lý" in window.sync_state.text()
    texts = [page.problems.item(i).text() for i in range(2)]
    assert any(sha[:12] in t and "quét lại" in t for t in texts)
    page.problems.setFocus()
    page.problems.setCurrentRow(0)
    assert page.resolve_button.isEnabled()
    page.resolve_selected()
    qtbot.waitUntil(lambda: page.problems.count() == 1)
    assert len(desk.sync.problems()) == 1


def test_the_page_shows_when_the_local_audit_chain_differs_from_the_servers_anchor(
    qtbot,
    window: MainWindow,
    desk: Desk,
    district: RunningServer,
    clock: FakeClock,
) -> None:  # type: ignore[no-untyped-def]
    from desk_app.storage.database import connect
    from tests.e2e.test_audit_anchor import _reseal_without

    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    page = window.sync
    window.nav.setCurrentRow(SYNC)
    qtbot.waitUntil(lambda: "chưa có xác nhận" in page.audit_anchor.text())
    page.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC)))
    qtbot.waitUntil(lambda: "quầy 1 của 000.00.31.H26" in page.server.text(), timeout=10_000)
    desk.lifecycle.view(desk.intake.receive(birth_draft(desk)).record.id)
    page.run_now()
    qtbot.waitUntil(lambda: "còn chờ 0" in page.message.text(), timeout=15_000)
    qtbot.waitUntil(lambda: "khớp với bản máy chủ đã xác nhận" in page.audit_anchor.text())
    # someone with the key removes the administrator's entries and re-seals the rest
    raw = connect(desk.storage.path, desk.storage.key)
    _reseal_without(raw, "admin")
    raw.close()
    page.refresh()
    qtbot.waitUntil(lambda: "khác với bản máy chủ đã xác nhận" in page.audit_anchor.text())


def test_a_hub_found_on_the_lan_is_enrolled_with_only_when_it_proves_the_confirmed_key(
    qtbot,
    window: MainWindow,
    desk: Desk,
    district: RunningServer,
    clock: FakeClock,
) -> None:  # type: ignore[no-untyped-def]
    """The page's side of ``desk-app hub-find`` (the LAN itself: tests/e2e/test_hub_discovery):
    nothing found is said so; a server that proves no hub key is refused before the code
    is sent, and the desk stays unenrolled."""
    page = window.sync
    window.nav.setCurrentRow(SYNC)
    assert page.find_hub_button.isEnabled()
    page._found([])
    assert page.message.text() == "Không tìm thấy hub nào trong mạng nội bộ."
    code = district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    page.enrol_found(district.url, code, "9F2D-4DFB-5D77-0503-8E92-2513-51D4-B802")
    qtbot.waitUntil(lambda: "không cho biết khóa hub" in page.message.text(), timeout=10_000)
    assert desk.sync.identity() is None
    page.enrol(district.url, code)  # the code was never sent: still good for the server itself
    qtbot.waitUntil(lambda: "quầy 1 của 000.00.31.H26" in page.server.text(), timeout=10_000)
