"""Issue 26 item 1 and issue 25 item 11: enrolment sets the public status-lookup address of
the papers' QR, checked to answer, https unless on this machine; the code may be typed
spaced and in lower case. The QR is phone-friendly: the desk's signed token is format 2
(compact, alphanumeric), so the receipt's QR decoded from the PDF is smaller with larger
modules; its link opens the page of a dossier not yet sent, an altered token is refused and
a token of format 1 (receipts printed before) still works. Desk ↔ the real district server
on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desk_app.app import Desk
from desk_app.domain.errors import InvalidField
from desk_app.domain.records import DossierRecord
from desk_app.services.lookup import LookupUnreachable
from desk_app.services.settings import DeskSettings
from desk_app.services.sync import lookup_token
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.sync_store import SyncStore
from tests.conftest import birth_draft, desk_at
from tests.e2e.conftest import RunningServer, free_port, start_server
from tests.pdf_tools import pdf_qr_codes, pdf_qr_symbols

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


# --- the token: format 2, compact; format 1 still read ----------------------------------

NOT_YET_SENT = "chưa được chuyển lên"


def _receipt_link(server: RunningServer, desk: Desk, number: int) -> tuple[DossierRecord, str]:
    """A dossier received at desk ``number`` of the commune, and its receipt's QR decoded."""
    desk.sync.enrol(server.url, server.store.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
    record = desk.intake.receive(birth_draft(desk)).record
    (symbol,) = pdf_qr_symbols(desk.receipts.render(record))
    assert f"MaHoSo: {record.code}" in symbol.text  # the Art. 26 content follows the link
    # The link is the base, the code, the secret and a 133-character token; with the
    # format-1 token (about 340 characters) the same QR was version 20, modules 0.29 mm.
    assert symbol.version <= 16 and symbol.module_mm >= 0.33, symbol  # 30 mm on A4
    return record, symbol.text.splitlines()[0]


def _format_1_link(desk: Desk, record: DossierRecord, url: str) -> str:
    """The link a receipt printed before format 2 carried (the same desk's key)."""
    old = lookup_token(SyncStore(desk.storage, ChangeLog(desk.storage)), record, version=1)
    assert "." in old and len(old) > 300
    return url.rpartition("&t=")[0] + "&t=" + old


def _altered(url: str, at: int) -> str:
    """``url`` with one character of its token changed."""
    head, _, token = url.rpartition("&t=")
    swapped = "B" if token[at] != "B" else "C"
    return f"{head}&t={token[:at]}{swapped}{token[at + 1 :]}"


def test_the_receipt_qr_is_small_and_its_link_shows_a_dossier_not_yet_sent(
    server: RunningServer, desk: Desk
) -> None:
    record, url = _receipt_link(server, desk, 2)
    token = parse_qs(urlsplit(url).query)["t"][0]
    assert len(token) == 133 and token.isupper()  # base32: the QR's alphanumeric mode
    assert len(url) - len(server.url) <= 190, url

    page = httpx.get(url, timeout=10)
    assert page.status_code == 200, page.text[:300]
    assert NOT_YET_SENT in page.text and "1.001193" in page.text
    assert record.received_at.strftime("%H:%M ngày %d/%m/%Y") in page.text

    # One character changed anywhere (the desk number, a time, the signature) is refused,
    # and so is the token under another code or secret of the same commune.
    for at in (2, 8, 20, 60, 132):
        assert httpx.get(_altered(url, at), timeout=10).status_code == 404, at
    other = url.replace(record.code, record.code[:-4] + "2002")
    assert httpx.get(other, timeout=10).status_code == 404
    wrong_secret = url.replace(f"k={record.lookup_secret}", "k=doan-bua")
    assert httpx.get(wrong_secret, timeout=10).status_code == 404

    # A receipt printed before format 2 still opens the page; its altered token does not.
    old = _format_1_link(desk, record, url)
    page = httpx.get(old, timeout=10)
    assert page.status_code == 200 and NOT_YET_SENT in page.text
    assert httpx.get(_altered(old, 30), timeout=10).status_code == 404

    # Once the dossier is sent, the same link shows its status from the server.
    assert desk.sync.run_once().pending == 0
    page = httpx.get(url, timeout=10)
    assert page.status_code == 200 and NOT_YET_SENT not in page.text
    assert "Tình trạng" in page.text


def test_a_revoked_desk_vouches_for_nothing_in_either_format(
    server: RunningServer, desk: Desk
) -> None:
    record, url = _receipt_link(server, desk, 1)
    old = _format_1_link(desk, record, url)
    assert httpx.get(url, timeout=10).status_code == 200
    assert httpx.get(old, timeout=10).status_code == 200
    identity = desk.sync.identity()
    assert identity is not None
    server.store.revoke(identity.desk_id, "mất máy", datetime.now(UTC))
    assert httpx.get(url, timeout=10).status_code == 404
    assert httpx.get(old, timeout=10).status_code == 404
