"""Applicants of every kind (issue 25 item 2): each identifier with its own check."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.errors import DraftInvalid, InvalidIdNumber
from desk_app.domain.identity import (
    IdKind,
    parse_identifier,
    parse_passport,
    parse_person_identifier,
    parse_tax_code,
    tax_check_digit,
)

TODAY = date(2026, 3, 4)


def test_tax_codes_carry_their_check_digit_and_an_optional_branch() -> None:
    # 0100109106 is a published enterprise code (Viettel); its 10th digit is the check digit
    assert tax_check_digit("010010910") == 6
    assert parse_tax_code("0100109106") == "0100109106"
    assert parse_tax_code(" 0100109106-001 ") == "0100109106-001"
    assert parse_tax_code("0100109106001") == "0100109106-001"  # typed without the dash
    for wrong in ["0100109107", "010010910", "01001091066", "0100109106-01", "0100109106-000",
                  "01OO109106", "0100109106/001", ""]:  # fmt: skip
        with pytest.raises(InvalidIdNumber):
            parse_tax_code(wrong)
    with pytest.raises(InvalidIdNumber, match="chữ số kiểm tra"):
        parse_tax_code("0101234568")


def test_every_wrong_single_digit_of_a_tax_code_is_caught() -> None:
    base = "0100109106"
    for position in range(10):
        for digit in "0123456789":
            if digit == base[position]:
                continue
            typo = base[:position] + digit + base[position + 1 :]
            with pytest.raises(InvalidIdNumber):
                parse_tax_code(typo)


def test_passports_and_the_kind_decides_the_check() -> None:
    assert parse_passport("c1234567") == "C1234567"
    assert parse_passport("N 12345678") == "N12345678"
    for wrong in ["", "ABCDEFGH", "C12", "C1234567890", "C12345é7", "C1234/67"]:
        with pytest.raises(InvalidIdNumber):
            parse_passport(wrong)
    assert parse_identifier(IdKind.PERSONAL, "001190012345", today=TODAY, field="f") == (
        "001190012345"
    )
    with pytest.raises(InvalidIdNumber):  # a tax code is not a personal number
        parse_identifier(IdKind.PERSONAL, "0100109106", today=TODAY, field="f")
    with pytest.raises(InvalidIdNumber):  # nor a personal number a tax code
        parse_identifier(IdKind.ORGANISATION, "001190012345", today=TODAY, field="f")
    assert parse_person_identifier("B7654321", today=TODAY, field="f") == "B7654321"
    assert parse_person_identifier("001 190 012 345", today=TODAY, field="f") == "001190012345"


def test_a_draft_of_an_organisation_or_a_foreigner_validates_with_its_own_rules(
    catalogue_procedure: object,
) -> None:
    from desk_app.domain.dossier import ComponentDraft, DossierDraft, PersonDraft, validate_draft

    procedure = catalogue_procedure

    def draft(person: PersonDraft) -> DossierDraft:
        return DossierDraft(
            procedure_code="2.000884",
            applicant=person,
            components=[ComponentDraft(c.name, c.copy_kind.value, c.count, True, c.key)
                        for c in procedure.components],  # type: ignore[attr-defined]
        )  # fmt: skip

    org = PersonDraft("Công ty TNHH Minh Phú", "0100109106-001", "", "", "Số 1, xã Minh Phú",
                      "0243 456 7890", "", "organisation")  # fmt: skip
    valid = validate_draft(draft(org), procedure, today=TODAY)  # type: ignore[arg-type]
    assert valid.applicant.id_kind is IdKind.ORGANISATION
    assert valid.applicant.id_number == "0100109106-001" and valid.applicant.sex == ""
    foreigner = PersonDraft("John Smith", "n1234567", "01/02/1980", "Nam", "Khách sạn Minh Phú",
                            "", "", "passport")  # fmt: skip
    valid = validate_draft(draft(foreigner), procedure, today=TODAY)  # type: ignore[arg-type]
    assert (valid.applicant.id_kind, valid.applicant.id_number) == (IdKind.PASSPORT, "N1234567")
    bad = PersonDraft("Công ty X", "0100109107", "", "", "Xã Minh Phú", "", "", "organisation")
    with pytest.raises(DraftInvalid) as caught:
        validate_draft(draft(bad), procedure, today=TODAY)  # type: ignore[arg-type]
    assert [e.field for e in caught.value.errors] == ["applicant.id_number"]
    unknown = PersonDraft("A", "1", "", "", "B", "", "", "alien")
    with pytest.raises(DraftInvalid) as caught:
        validate_draft(draft(unknown), procedure, today=TODAY)  # type: ignore[arg-type]
    assert "applicant.id_kind" in [e.field for e in caught.value.errors]


@pytest.fixture
def catalogue_procedure() -> object:
    import json
    from pathlib import Path

    from desk_app.domain.catalogue import parse_catalogue

    root = Path(__file__).resolve().parents[2]
    document = json.loads((root / "resources/catalogue/procedures.json").read_text())
    return parse_catalogue(document).find("2.000884")


def test_the_new_refusals_read_in_english_in_the_english_window() -> None:
    from desk_app.domain.error_words import english

    for call, expected in [
        (lambda: parse_tax_code("0100109107"), "Tax code “0100109107” fails its check digit"),
        (lambda: parse_passport("C12"), "A passport number has 5 to 9 capital letters"),
    ]:
        with pytest.raises(InvalidIdNumber) as raised:
            call()
        assert english(raised.value.message).startswith(expected)
