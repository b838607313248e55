"""The chip's access key from the Vietnamese ID card: document number and legal expiry."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.mrz import BacKey, document_number_for_id_card, id_card_expiry
from desk_app.services.chip import compare_with_qr, key_from_qr, key_typed
from desk_app.chip.datagroups import parse_dg13
from desk_app.domain.identity import parse_id_card_qr
from tests.chip import card_files as cf


def test_the_mrz_document_number_is_the_last_nine_digits() -> None:
    assert document_number_for_id_card("001 190 012 345") == "190012345"
    assert document_number_for_id_card("c1234567") == "C1234567"  # a passport number
    with pytest.raises(InvalidField):
        document_number_for_id_card("0011900123")


@pytest.mark.parametrize(
    ("birth", "issued", "expiry"),
    [
        (date(1990, 1, 15), date(2021, 5, 10), date(2030, 1, 15)),  # 31: until 40
        (date(1983, 3, 1), date(2021, 5, 10), date(2043, 3, 1)),  # 38: within 2 years of 40
        (date(1983, 3, 1), date(2020, 2, 28), date(2023, 3, 1)),  # 36: still until 40
        (date(1998, 6, 1), date(2022, 7, 1), date(2038, 6, 1)),  # 24: within 2 years of 25
        (date(2012, 2, 29), date(2024, 7, 1), date(2037, 3, 1)),  # 12: until 25; no 29/02/2037
        (date(1960, 1, 1), date(2021, 1, 1), None),  # over 60: no expiry
        (date(1962, 5, 1), date(2021, 1, 1), None),  # 58: within 2 years of 60
    ],
)
def test_expiry_by_the_law_on_identification(birth: date, issued: date, expiry: date | None) -> None:
    assert id_card_expiry(birth, issued) == expiry


def test_the_key_from_the_qr_needs_nothing_typed() -> None:
    key, qr = key_from_qr(cf.QR_TEXT, today=date(2026, 12, 1))
    assert key == BacKey("190012345", date(1990, 1, 15), date(2030, 1, 15))
    # number + check digit, birth YYMMDD + check digit, expiry YYMMDD + check digit
    assert key.mrz_information() == b"190012345" b"7" b"900115" b"8" b"300115" b"6"
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
