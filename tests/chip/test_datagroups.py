"""DG1, DG13 (Vietnamese text with diacritics) and passive authentication, on files made
by tests/chip/card_files.py with a CSCA made by the test."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

from desk_app.chip.datagroups import parse_com, parse_dg1, parse_dg13
from desk_app.chip.passive import load_trust_list, verify
from tests.chip import card_files as cf


def test_ef_com_lists_the_data_groups() -> None:
    assert parse_com(cf.ef_com((1, 2, 13))) == [1, 2, 13]


def test_dg1_td1_of_a_vietnamese_card() -> None:
    mrz = parse_dg1(cf.dg1())
    assert mrz.document_code == "ID" and mrz.issuing_state == "VNM"
    assert mrz.document_number == cf.DOCUMENT_NUMBER
    assert mrz.full_number == cf.ID_NUMBER
    assert (mrz.birth_yymmdd, mrz.sex, mrz.expiry_yymmdd) == ("900115", "F", "300115")
    assert mrz.names == "NGUYEN, THI HOA"


def test_dg13_vietnamese_fields_with_diacritics() -> None:
    details = parse_dg13(cf.dg13())
    assert details.full_name == "Nguyễn Thị Hoà"
    assert unicodedata.is_normalized("NFC", details.full_name)
    assert details.id_number == cf.ID_NUMBER
    assert details.birth_date == "15/01/1990"
    assert details.sex == "Nữ"
    assert details.ethnicity == "Kinh"
    assert details.place_of_origin.startswith("Xã Đông Hưng")
    assert details.residence.endswith("Hà Nội")
    assert (details.father_name, details.mother_name) == cf.PARENTS
    assert details.spouse_name == "Trần Văn Đức"
    assert details.old_id_number == "012345678"
    assert details.expiry_date == "15/01/2030"


def test_dg13_decomposed_text_comes_out_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    details = parse_dg13(cf.dg13({2: nfd}))
    assert details.full_name == "Nguyễn Thị Hoà" != nfd


def test_passive_authentication_to_a_test_csca() -> None:
    card = cf.make_card()
    result = verify(
        card.files[0x011D], {1: card.dg1, 13: card.dg13}, load_trust_list([card.pki.csca_pem()])
    )
    assert result.ok, result.reason
    assert result.data_groups == {1: True, 13: True}
    assert "CSCA Test Vietnam" in result.csca


def test_a_changed_data_group_fails_its_hash() -> None:
    card = cf.make_card(tamper_dg13=True)
    result = verify(
        card.files[0x011D], {1: card.dg1, 13: card.dg13}, load_trust_list([card.pki.csca_pem()])
    )
    assert not result.ok
    assert result.data_groups == {1: True, 13: False}
    assert "DG13" in result.reason


def test_a_signer_from_another_csca_is_not_trusted() -> None:
    card = cf.make_card()
    other = cf.make_pki("CSCA Test Vietnam")  # same name, other key
    result = verify(
        card.files[0x011D], {1: card.dg1, 13: card.dg13}, load_trust_list([other.csca_pem()])
    )
    assert not result.ok and "CSCA" in result.reason


def test_an_empty_trust_list_and_a_broken_sod_fail() -> None:
    card = cf.make_card()
    groups = {1: card.dg1, 13: card.dg13}
    assert not verify(card.files[0x011D], groups, []).ok
    assert not verify(b"\x77\x03\x30\x01\x00", groups, []).ok
    assert (
        "expired"
        in verify(
            card.files[0x011D],
            groups,
            load_trust_list([card.pki.csca_pem()]),
            now=datetime.now(UTC) + timedelta(days=4000),
        ).reason
    )


def test_a_forged_signature_fails() -> None:
    card = cf.make_card()
    raw = bytearray(card.files[0x011D])
    raw[-5] ^= 0x01  # inside the ECDSA signature at the end of the SOD
    result = verify(
        bytes(raw), {1: card.dg1, 13: card.dg13}, load_trust_list([card.pki.csca_pem()])
    )
    assert not result.ok and "signature" in result.reason
