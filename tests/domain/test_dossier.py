import unicodedata
from datetime import date, datetime

import pytest

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import (
    ComponentDraft,
    DossierDraft,
    PersonDraft,
    Status,
    check_clock,
    components_for,
    is_late,
    validate_draft,
)
from desk_app.domain.errors import ClockWrong, DraftInvalid
from desk_app.services.catalogue import bundled_catalogue

TODAY = date(2026, 3, 4)
BIRTH = bundled_catalogue().find("1.001193")
assert BIRTH is not None


def draft(**person: str) -> DossierDraft:
    p = PersonDraft("Lê Văn Tám", "001090012345", "01/02/1990", "Nam", "Thôn Đông", "0912345678")
    for k, v in person.items():
        setattr(p, k, v)
    return DossierDraft("1.001193", p, components=components_for(BIRTH))  # type: ignore[arg-type]


def test_a_good_draft_becomes_a_typed_intake() -> None:
    valid = validate_draft(draft(), BIRTH, today=TODAY)  # type: ignore[arg-type]
    assert valid.applicant.birth_date == date(1990, 2, 1)
    assert valid.fee.amount == 0
    assert [c.received for c in valid.components] == [True, True, False]


def test_decomposed_name_is_stored_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Đặng Thị Thủy")
    valid = validate_draft(draft(full_name=nfd), BIRTH, today=TODAY)  # type: ignore[arg-type]
    assert valid.applicant.full_name == "Đặng Thị Thủy"
    assert unicodedata.is_normalized("NFC", valid.applicant.full_name)


def test_every_error_is_reported_at_once_next_to_its_field() -> None:
    bad = draft(full_name="", id_number="0011900", phone="09abc", address="x" * 10_000, email="a@b")
    bad.components[1].received = False
    with pytest.raises(DraftInvalid) as caught:
        validate_draft(bad, BIRTH, today=TODAY)  # type: ignore[arg-type]
    fields = {e.field for e in caught.value.errors}
    assert fields == {
        "applicant.full_name",
        "applicant.id_number",
        "applicant.phone",
        "applicant.address",
        "applicant.email",
        "components",
    }
    assert "Giấy chứng sinh" in (caught.value.for_field("components") or "")


def test_id_number_must_agree_with_birth_date_and_sex() -> None:
    with pytest.raises(DraftInvalid) as caught:
        validate_draft(draft(birth_date="01/02/1991", sex="Nữ"), BIRTH, today=TODAY)  # type: ignore[arg-type]
    assert {e.field for e in caught.value.errors} == {"applicant.id_number", "applicant.sex"}


def test_delegate_needs_the_principal_and_the_authorisation_paper() -> None:
    d = draft()
    d.principal = PersonDraft("Trần Văn Bình", "001080012345", "", "", "Thôn Hạ", "")
    with pytest.raises(DraftInvalid) as caught:
        validate_draft(d, BIRTH, today=TODAY)  # type: ignore[arg-type]
    assert caught.value.for_field("authorisation")
    d.authorisation = "Giấy ủy quyền số 12/2026 ngày 01/03/2026"
    assert validate_draft(d, BIRTH, today=TODAY).principal is not None  # type: ignore[arg-type]


def test_hand_added_components_need_a_name_and_a_sane_count() -> None:
    d = draft()
    d.components.append(ComponentDraft("", "copy", 0, True, None))
    with pytest.raises(DraftInvalid) as caught:
        validate_draft(d, BIRTH, today=TODAY)  # type: ignore[arg-type]
    assert caught.value.for_field("components.3")


def test_a_clock_set_to_1970_or_running_backwards_is_refused() -> None:
    with pytest.raises(ClockWrong, match="01/01/1970"):
        check_clock(datetime(1970, 1, 1, tzinfo=VN_TZ), None)
    last = datetime(2026, 3, 4, 10, tzinfo=VN_TZ)
    with pytest.raises(ClockWrong, match="chậm hơn"):
        check_clock(datetime(2026, 3, 3, 10, tzinfo=VN_TZ), last)
    check_clock(datetime(2026, 3, 4, 9, 55, tzinfo=VN_TZ), last)  # within tolerance


def test_late_is_derived_not_stored() -> None:
    due = datetime(2026, 3, 4, 17, tzinfo=VN_TZ)
    after = datetime(2026, 3, 5, 8, tzinfo=VN_TZ)
    assert is_late(Status.IN_PROCESSING, due, None, after)
    assert not is_late(Status.IN_PROCESSING, due, None, due)
    assert is_late(Status.RETURNED, due, after, after)
    assert not is_late(Status.REFUSED, due, None, after)
