"""Issue 26 item 1 and issue 25 item 11: enrolment sets the public status-lookup address of
the papers' QR, checked to answer, https unless on this machine; the code may be typed
spaced and in lower case. Desk ↔ the real district server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from desk_app.app import Desk
from desk_app.domain.errors import InvalidField
from desk_app.services.lookup import LookupUnreachable
from desk_app.services.settings import DeskSettings
from tests.conftest import birth_draft, desk_at
from tests.e2e.conftest import RunningServer, free_port, start_server
from tests.pdf_tools import pdf_qr_codes

COMMUNE = "000.00.31.H26"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    running = start_server(tmp_path / "district")
    yield running
    running.stop()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    d = desk_at(tmp_path / "desk")
    yield d
    d.close()


def _typed_sloppily(code: str) -> str:
    """As an officer copies it from a paper: lower case, spaces instead of dashes."""
    return "  " + code.lower().replace("-", " ") + " "


def test_enrolment_points_the_qr_at_the_server_and_the_link_opens_the_status_page(
    server: RunningServer, desk: Desk
) -> None:
    assert desk.settings.load().lookup_base_url == DeskSettings.lookup_base_url  # default
    code = server.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC))
    desk.sync.enrol(server.url, _typed_sloppily(code))
    assert desk.settings.load().lookup_base_url == server.url
    assert desk.sync.check_lookup_base(server.url) == 404  # it answers (no such dossier)
    record = desk.intake.receive(birth_draft(desk)).record
    (payload,) = pdf_qr_codes(desk.receipts.render(record))
    url = payload.splitlines()[0]
    assert url.startswith(f"{server.url}/tra-cuu/{record.code}?k=")
    assert "MaHoSo: " + record.code in payload  # the Art. 26 content follows the link
    assert desk.sync.run_once().pending == 0
    page = httpx.get(url, timeout=10)
    assert page.status_code == 200 and record.code in page.text


def test_an_address_typed_at_enrolment_wins_and_plain_http_elsewhere_is_refused(
    server: RunningServer, desk: Desk
) -> None:
    code = server.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC))
    with pytest.raises(InvalidField, match="https://"):
        desk.sync.enrol(server.url, code, "http://dichvucong.example.gov.vn")
    assert desk.sync.identity() is None  # refused before the one-time code was used
    desk.sync.enrol(server.url, code, "https://dichvucong.example.gov.vn/")
    assert desk.settings.load().lookup_base_url == "https://dichvucong.example.gov.vn"
    record = desk.intake.receive(birth_draft(desk)).record
    (payload,) = pdf_qr_codes(desk.receipts.render(record))
    assert payload.startswith("https://dichvucong.example.gov.vn/tra-cuu/")


def test_an_address_that_does_not_answer_is_said_so(desk: Desk) -> None:
    with pytest.raises(LookupUnreachable, match="không trả lời"):
        desk.sync.check_lookup_base(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(InvalidField, match="phần gốc"):
        desk.sync.check_lookup_base("https://tinh.gov.vn/?x=1")
