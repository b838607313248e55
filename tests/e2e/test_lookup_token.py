"""Issue 26 item 1 / issue 25 item 11: the receipt's status QR is phone-friendly. The desk's
signed token is format 2 (compact, alphanumeric): the receipt's QR decoded from the PDF is
smaller with larger modules, its link opens the real server's page for a dossier not yet
sent, an altered token is refused, and a token of format 1 (receipts printed before) still
works. Desk ↔ the real district server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.domain.records import DossierRecord
from desk_app.services.desk import Desk
from tests.conftest import birth_draft, desk_at
from tests.e2e.conftest import RunningServer, start_server
from tests.pdf_tools import pdf_qr_symbols

COMMUNE = "000.00.31.H26"
NOT_YET_SENT = "chưa được chuyển lên"


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


def _format_1_link(desk: Desk, record: DossierRecord, base: str) -> str:
    """The link a receipt printed before format 2 carried (the same desk's key)."""
    identity = desk.sync.identity()
    assert identity is not None
    key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
    claims = {
        "d": identity.desk_id,
        "c": record.code,
        "p": record.procedure_code,
        "r": record.received_at.isoformat(timespec="minutes"),
        "a": record.due_at.isoformat(timespec="minutes"),
        "h": protocol.secret_hint(record.lookup_secret),
    }
    params = {"k": record.lookup_secret, "t": protocol.lookup_token_v1(key, claims)}
    return str(httpx.URL(f"{base}/tra-cuu/{record.code}", params=params))


def _altered(url: str, at: int) -> str:
    """``url`` with one character of its token changed."""
    head, _, token = url.rpartition("&t=")
    swapped = "B" if token[at] != "B" else "C"
    return f"{head}&t={token[:at]}{swapped}{token[at + 1 :]}"


def test_the_receipt_qr_is_small_and_its_link_shows_a_dossier_not_yet_sent(
    server: RunningServer, desk: Desk
) -> None:
    desk.sync.enrol(server.url, server.store.new_enrol_code(COMMUNE, 2, datetime.now(UTC)))
    record = desk.intake.receive(birth_draft(desk)).record
    (symbol,) = pdf_qr_symbols(desk.receipts.render(record))
    url = symbol.text.splitlines()[0]
    assert f"MaHoSo: {record.code}" in symbol.text  # the Art. 26 content is unchanged
    token = parse_qs(urlsplit(url).query)["t"][0]
    assert len(token) == 133 and token.isupper()  # base32: the QR's alphanumeric mode
    # The link is the base, the code, the secret and the 133-character token; with the
    # format-1 token (about 340 characters) the same QR was version 20, modules 0.29 mm.
    assert len(url) - len(server.url) <= 190, url
    assert symbol.version <= 16 and symbol.module_mm >= 0.33, symbol  # 30 mm on A4

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
    old = _format_1_link(desk, record, server.url)
    assert len(old) > len(url) + 150
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
    desk.sync.enrol(server.url, server.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC)))
    record = desk.intake.receive(birth_draft(desk)).record
    (symbol,) = pdf_qr_symbols(desk.receipts.render(record))
    url, old = symbol.text.splitlines()[0], _format_1_link(desk, record, server.url)
    assert httpx.get(url, timeout=10).status_code == 200
    identity = desk.sync.identity()
    assert identity is not None
    server.store.revoke(identity.desk_id, "mất máy", datetime.now(UTC))
    assert httpx.get(url, timeout=10).status_code == 404
    assert httpx.get(old, timeout=10).status_code == 404
