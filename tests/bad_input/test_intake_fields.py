"""Intake fields an officer can get wrong: each refused with the field named, nothing kept."""

from __future__ import annotations

import dataclasses

import pytest

from desk_app.domain.dossier import ComponentDraft, PersonDraft
from desk_app.domain.errors import DraftInvalid
from desk_app.services.desk import Desk
from tests.conftest import birth_draft

LONG = "Nguyễn " * 40  # 280 characters: over the name's 120
DECOMPOSED = "Nguye\u0302\u0303n Thi\u0323"  # valid once composed: not in this corpus

APPLICANT = [
    ("full_name", ""),
    ("full_name", "   "),
    ("full_name", "\t \n"),
    ("full_name", LONG),
    ("full_name", "Nguyễn\x00Văn"),
    ("full_name", "Nguyễn\x07Văn"),
    ("full_name", "\x1b[31mNguyễn"),
    ("full_name", "Trần\x7fVăn"),
    ("id_number", ""),
    ("id_number", "   "),
    ("id_number", "00119001234"),  # 11 digits
    ("id_number", "0011900123456"),  # 13 digits
    ("id_number", "00119001234a"),
    ("id_number", "O01190012345"),  # a letter O for a zero
    ("id_number", "００１１９００１２３４５"),  # full-width digits
    ("id_number", "٠٠١١٩٠٠١٢٣٤٥"),  # Arabic-Indic digits
    ("id_number", "0011900123 45 6"),  # 13 digits, grouped
    ("id_number", "003190012345"),  # 003 is not a province code
    ("id_number", "001399012345"),  # born 2099
    ("id_number", "001190012345" * 2),
    ("id_number", "001190012345/1"),
    ("id_number", "001190012345\x00"),
    ("id_number", "nul"),
    ("id_number", "DROP TABLE dossiers"),
    ("birth_date", "32/01/1990"),
    ("birth_date", "29/02/1990"),  # not a leap year
    ("birth_date", "00/01/1990"),
    ("birth_date", "15/13/1990"),
    ("birth_date", "hôm qua"),
    ("birth_date", "1990-09-05-01"),
    ("birth_date", "05/09/2027"),  # after today
    ("birth_date", "05/09/1991"),  # not the year the ID number says
    ("birth_date", "05/09/19900"),
    ("birth_date", "//"),
    ("sex", "Nam"),  # the ID number says female
    ("address", ""),
    ("address", "   "),
    ("address", "Thôn Đông " * 40),
    ("address", "Thôn\x00Đông"),
    ("phone", "09123abc78"),
    ("phone", "12345"),
    ("phone", "0912-345-678-999"),
    ("phone", "không có"),
    ("phone", "+1 202 555 0100"),
    ("phone", "0912\x00345678"),
    ("phone", "0" * 30),
    ("email", "nhung@"),
    ("email", "@example.vn"),
    ("email", "nhung example.vn"),
    ("email", "nhung@@example.vn"),
    ("email", "a" * 300 + "@example.vn"),
    ("email", "nhung@example"),
]


@pytest.mark.parametrize(("field", "value"), APPLICANT)
def test_a_wrong_applicant_field_is_refused(unchanged: Desk, field: str, value: str) -> None:
    draft = birth_draft(unchanged, **{field: value})
    with pytest.raises(DraftInvalid) as raised:
        unchanged.intake.receive(draft)
    named = {e.field for e in raised.value.errors}
    wanted = (
        "applicant.id_number" if field == "birth_date" and "1991" in value else f"applicant.{field}"
    )
    assert wanted in named, (named, [e.message for e in raised.value.errors])
    assert all(e.message.strip() for e in raised.value.errors)


def _draft_with(desk: Desk, change: str):  # type: ignore[no-untyped-def]
    draft = birth_draft(desk)
    if change == "no procedure":
        return dataclasses.replace(draft, procedure_code=""), "procedure"
    if change == "unknown procedure":
        return dataclasses.replace(draft, procedure_code="9.999999"), "procedure"
    if change == "procedure with spaces only":
        return dataclasses.replace(draft, procedure_code="   "), "procedure"
    if change.startswith("sets "):
        return dataclasses.replace(draft, sets_count=int(change.split()[1])), "sets_count"
    if change.startswith("count "):
        parts = [dataclasses.replace(c) for c in draft.components]
        parts[0].count = int(change.split()[1])
        return dataclasses.replace(draft, components=parts), "components.0"
    if change == "copy kind":
        parts = [dataclasses.replace(c) for c in draft.components]
        parts[0].copy_kind = "photocopy"
        return dataclasses.replace(draft, components=parts), "components.0"
    if change == "empty component name":
        parts = [*draft.components, ComponentDraft("  ", "original", 1, True, "")]
        return dataclasses.replace(draft, components=parts), f"components.{len(parts) - 1}"
    if change == "required paper not received":
        parts = [dataclasses.replace(c, received=False) for c in draft.components]
        return dataclasses.replace(draft, components=parts), "components"
    if change == "no components at all":
        return dataclasses.replace(draft, components=[]), "components"
    if change == "channel":
        return dataclasses.replace(draft, channel="fax"), "channel"
    if change == "note too long":
        return dataclasses.replace(draft, note="x" * 501), "note"
    if change == "note control":
        return dataclasses.replace(draft, note="ghi\x00chú"), "note"
    if change == "location too long":
        return dataclasses.replace(draft, result_location="Đông " * 80), "result_location"
    if change == "principal without authorisation":
        principal = PersonDraft("Trần Văn Bình", "001090012345", "", "", "Thôn Tây", "", "")
        return dataclasses.replace(draft, principal=principal, authorisation=""), "authorisation"
    if change == "principal with a bad ID":
        principal = PersonDraft("Trần Văn Bình", "12345", "", "", "Thôn Tây", "", "")
        return (
            dataclasses.replace(draft, principal=principal, authorisation="Giấy ủy quyền số 1"),
            "principal.id_number",
        )
    raise AssertionError(change)


DRAFT = [
    "no procedure", "unknown procedure", "procedure with spaces only", "sets 0", "sets -1",
    "sets 51", "sets 100000", "count 0", "count -3", "count 100", "copy kind",
    "empty component name", "required paper not received", "no components at all", "channel",
    "note too long", "note control", "location too long", "principal without authorisation",
    "principal with a bad ID",
]  # fmt: skip


@pytest.mark.parametrize("change", DRAFT)
def test_a_wrong_dossier_field_is_refused(unchanged: Desk, change: str) -> None:
    draft, field = _draft_with(unchanged, change)
    with pytest.raises(DraftInvalid) as raised:
        unchanged.intake.receive(draft)
    assert field in {e.field for e in raised.value.errors}, [e.field for e in raised.value.errors]


def test_every_error_is_reported_at_once(unchanged: Desk) -> None:
    draft = birth_draft(unchanged, full_name="", id_number="12", phone="abc", email="@")
    with pytest.raises(DraftInvalid) as raised:
        unchanged.intake.receive(draft)
    assert {e.field for e in raised.value.errors} >= {
        "applicant.full_name", "applicant.id_number", "applicant.phone", "applicant.email"
    }  # fmt: skip
