"""The card reader service: the key from the QR, the comparison with the QR, and the chip
check kept in the dossier's history (without a reader, then a PACE chip through pcscd)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desk_app.chip.datagroups import parse_dg13
from desk_app.domain.errors import InvalidField
from desk_app.domain.identity import parse_id_card_qr
from desk_app.domain.mrz import BacKey, IdentityCheck
from desk_app.services.chip import CardReaderService, compare_with_qr, key_from_qr, key_typed
from desk_app.services.desk import Desk
from tests import pcsc
from tests.chip import card_files as cf
from tests.conftest import birth_draft


def test_the_key_from_the_qr_needs_nothing_typed() -> None:
    key, qr = key_from_qr(cf.QR_TEXT, today=date(2026, 12, 1))
    assert key == BacKey("190012345", date(1990, 1, 15), date(2030, 1, 15))
    # number + check digit, birth YYMMDD + check digit, expiry YYMMDD + check digit
    assert key.mrz_information() == b"190012345790011583001156"
    assert qr.full_name == "Nguyễn Thị Hoà"
    assert key == key_typed("001190012345", "15/01/1990", "15/01/2030")


def test_an_old_holders_card_asks_for_the_expiry() -> None:
    text = "001060012345||Trần Văn An|01011960|Nam|Hà Nội|01012021"
    with pytest.raises(InvalidField, match="ngày hết hạn"):
        key_from_qr(text, today=date(2026, 12, 1))


def test_chip_and_qr_compared() -> None:
    qr = parse_id_card_qr(cf.QR_TEXT, today=date(2026, 12, 1))
    assert compare_with_qr(parse_dg13(cf.dg13()), qr) == ()
    other = parse_dg13(cf.dg13({**cf.DETAILS, 2: "Nguyễn Thị Hoa", 9: "Huế"}))
    assert compare_with_qr(other, qr) == ("full_name", "residence")


def test_the_dossier_keeps_the_chip_check_and_no_photo(desk: Desk) -> None:
    check = IdentityCheck("chip", False, "hash mismatch: DG13", "CN=Document Signer Test,C=VN",
                          True, "2026-12-01T09:00:00+07:00")  # fmt: skip
    received = desk.intake.receive(birth_draft(desk), identity_check=check)
    history = desk.lifecycle.history(received.record.id)
    [event] = [e for e in history if e.kind == "identity_checked"]
    assert event.details["verified"] is False
    assert event.details["result"] == "hash mismatch: DG13"
    assert set(event.details) == {
        "method",
        "verified",
        "result",
        "signer",
        "matches_qr",
        "read_at",
        "access",
    }
    assert event.details["access"] == "BAC"
    plain = desk.intake.receive(birth_draft(desk))
    assert all(e.kind != "identity_checked" for e in desk.lifecycle.history(plain.record.id))


def test_a_pace_read_is_kept_as_such_in_the_dossier(
    desk: Desk, pcscd: pcsc.Pcscd, tmp_path: Path
) -> None:
    files = cf.make_card()
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "csca.pem").write_bytes(files.pki.csca_pem())
    key, qr = key_from_qr(cf.QR_TEXT, today=date(2026, 12, 1))
    with pcsc.card_on_reader(pcscd, files.files, key.mrz_information().decode(), pace=True):
        reading = CardReaderService(tmp_path).read(key, qr=qr)
    assert reading.check.access == "PACE" and reading.check.verified
    received = desk.intake.receive(birth_draft(desk), identity_check=reading.check)
    [event] = [
        e for e in desk.lifecycle.history(received.record.id) if e.kind == "identity_checked"
    ]
    assert event.details["access"] == "PACE"
    assert event.details["verified"] is True and event.details["matches_qr"] is True
