import copy

import pytest

from desk_app.domain.catalogue import FeeKind, FeeRule, compute_fee, format_money, parse_catalogue
from desk_app.domain.errors import InvalidCatalogue
from desk_app.services.catalogue import bundled_catalogue

DOMAIN_CODES = {
    "1.001193",
    "1.000894",
    "1.000656",
    "1.004873",
    "2.000635",
    "2.000908",
    "2.000815",
    "2.000884",
    "2.001035",
    "2.001019",
    "2.001016",
    "1.004222",
    "1.004194",
}


def test_bundled_catalogue_has_the_13_procedures_with_sources() -> None:
    catalogue = bundled_catalogue()
    assert {p.code for p in catalogue.procedures} == DOMAIN_CODES
    for p in catalogue.procedures:
        assert p.source and p.components and p.name
    birth = catalogue.find("1.001193")
    assert birth is not None and birth.processing.cutoff is not None
    assert catalogue.find("2.001035").processing.days == 2  # type: ignore[union-attr]


def test_certified_copy_fee_per_page_with_cap() -> None:
    rule = bundled_catalogue().find("2.000815").fee  # type: ignore[union-attr]
    assert compute_fee(rule, sets=1, pages=1).amount == 2_000
    assert compute_fee(rule, sets=1, pages=3).amount == 5_000
    assert compute_fee(rule, sets=2, pages=3).amount == 10_000
    assert compute_fee(rule, sets=1, pages=1000).amount == 200_000
    assert compute_fee(rule, sets=1, pages=None).amount is None


def test_money_is_written_the_vietnamese_way() -> None:
    assert format_money(1_250_000) == "1.250.000 đ"
    assert compute_fee(FeeRule(FeeKind.FIXED, amount=10_000), sets=2, pages=None).text == "20.000 đ"


def test_a_malformed_catalogue_is_refused() -> None:
    good = {"version": "x", "published": "2026-01-01", "source": "s", "procedures": []}
    assert parse_catalogue(good).procedures == ()
    bad = copy.deepcopy(good)
    bad["procedures"] = [{"code": "abc"}]
    with pytest.raises(InvalidCatalogue):
        parse_catalogue(bad)
