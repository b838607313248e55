"""The chip's access key from the Vietnamese ID card: document number and legal expiry."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.mrz import document_number_for_id_card, id_card_expiry


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
def test_expiry_by_the_law_on_identification(
    birth: date, issued: date, expiry: date | None
) -> None:
    assert id_card_expiry(birth, issued) == expiry
