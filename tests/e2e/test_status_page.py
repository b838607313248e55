"""The public page behind the receipt's QR, served by the real server, read by a browser."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from desk_app.app import Desk
from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import Action, ActionInput
from tests.conftest import FakeClock, birth_draft
from tests.e2e.conftest import RunningServer

NOW = datetime.now(UTC)


@pytest.fixture
def synced(desk: Desk, district: RunningServer, clock: FakeClock) -> tuple[Desk, str, str]:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, NOW))
    record = desk.intake.receive(birth_draft(desk)).record
    desk.sync.run_once()
    return desk, record.code, record.lookup_secret


def test_the_page_shows_the_dossier_with_the_name_masked(
    synced: tuple[Desk, str, str], district: RunningServer
) -> None:
    desk, code, secret = synced
    page = httpx.get(f"{district.url}/tra-cuu/{code}", params={"k": secret})
    assert page.status_code == 200
    text = page.text
    assert "Đăng ký khai sinh" in text
    assert "Nguyễn T. H. N." in text and "Hồng Nhung" not in text
    assert "001190012345" not in text  # no ID number, no phone, no address
    assert Status.RECEIVED.label in text
    assert "Trong hạn" in text
    # a status change made at the desk reaches the page after the next sync
    record = desk.lifecycle.get(desk.storage.db.execute("SELECT id FROM dossiers").fetchone()[0])
    desk.lifecycle.perform(
        record.id, Action.HAND_OVER, ActionInput(party="Công chức Tư pháp - Hộ tịch")
    )
    desk.sync.run_once()
    again = httpx.get(f"{district.url}/tra-cuu/{code}", params={"k": secret}).text
    assert Status.IN_PROCESSING.label in again and Status.RECEIVED.label not in again


def test_a_wrong_secret_answers_exactly_like_an_unknown_code(
    synced: tuple[Desk, str, str], district: RunningServer
) -> None:
    _, code, secret = synced
    wrong = httpx.get(f"{district.url}/tra-cuu/{code}", params={"k": secret + "x"})
    unknown = httpx.get(f"{district.url}/tra-cuu/000.00.31.H26-991231-9999", params={"k": secret})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.text == unknown.text and "Không tìm thấy hồ sơ" in wrong.text


def test_lookups_are_rate_limited(synced: tuple[Desk, str, str], district: RunningServer) -> None:
    _, code, _ = synced
    answers = [
        httpx.get(f"{district.url}/tra-cuu/{code}", params={"k": "x"}) for _ in range(30 + 2)
    ]
    # exactly 30 lookups a minute from one address are answered (README), the rest refused
    assert [a.status_code for a in answers] == [404] * 30 + [429] * 2
    assert "Tra cứu quá nhiều lần" in answers[-1].text


def test_headless_chromium_renders_the_page(
    synced: tuple[Desk, str, str], district: RunningServer, tmp_path: Path
) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "Debian's chromium is missing (scripts/test installs it)"
    _, code, secret = synced
    out = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=390,844",
         f"--screenshot={tmp_path / 'phone.png'}", "--dump-dom",
         f"{district.url}/tra-cuu/{code}?k={secret}"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Hẹn trả kết quả" in out.stdout and "Nguyễn T. H. N." in out.stdout


def test_a_dossier_not_yet_sent_is_vouched_for_by_the_receipt_qr(
    desk: Desk, district: RunningServer, clock: FakeClock
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from tests.pdf_tools import pdf_qr_codes

    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, NOW))
    received = desk.intake.receive(birth_draft(desk))  # not synced: the server has nothing
    url = next(c for c in pdf_qr_codes(received.receipt_pdf) if "/tra-cuu/" in c).splitlines()[0]
    query = parse_qs(urlsplit(url).query)
    code = received.record.code
    page = httpx.get(
        f"{district.url}/tra-cuu/{code}", params={"k": query["k"][0], "t": query["t"][0]}
    )
    assert page.status_code == 200 and "chưa được chuyển lên hệ thống" in page.text
    assert "Nguyễn" not in page.text  # the token carries no personal data
    # a wrong secret, or a token for another code, still answers like an unknown code
    for params in (
        {"k": "sai", "t": query["t"][0]},
        {"k": query["k"][0], "t": query["t"][0][:-4] + "AAAA"},
    ):
        assert httpx.get(f"{district.url}/tra-cuu/{code}", params=params).status_code == 404
    other = f"{code[:-4]}9999"
    assert (
        httpx.get(
            f"{district.url}/tra-cuu/{other}", params={"k": query["k"][0], "t": query["t"][0]}
        ).status_code
        == 404
    )
    # once sent, the real status replaces it
    desk.sync.run_once()
    page = httpx.get(
        f"{district.url}/tra-cuu/{code}", params={"k": query["k"][0], "t": query["t"][0]}
    )
    assert "chưa được chuyển" not in page.text and "Trong hạn" in page.text
