"""The desk's settings as typed in the wizard or on the settings page: checked and stored
in one form, whatever the keyboard sent."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from desk_app.domain.audit import AuditAction
from desk_app.domain.errors import InvalidField, NotAllowed
from desk_app.domain.officers import Role
from desk_app.services.desk import Desk
from desk_app.services.settings import MAX_TEXT
from tests.conftest import FakeClock, desk_at


def test_settings_are_stored_composed_trimmed_and_the_agency_code_in_capitals(desk: Desk) -> None:
    typed = replace(
        desk.settings.load(),
        parent_unit=unicodedata.normalize("NFD", "  UBND   xã Minh Phú "),
        place=unicodedata.normalize("NFD", "Minh Phú"),
        agency_code=" 000.00.31.h26 ",
    )
    stored = desk.settings.save(typed)
    assert desk.settings.load() == stored
    assert (stored.parent_unit, stored.place, stored.agency_code) == (
        "UBND xã Minh Phú", "Minh Phú", "000.00.31.H26"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [("parent_unit", "   "), ("place", ""), ("leader_name", "x" * (MAX_TEXT + 1)),
     ("agency_code", "xã 31"), ("desk_number", 0)],
)  # fmt: skip
def test_a_wrong_setting_names_its_field_and_nothing_is_stored(
    desk: Desk, field: str, value: object
) -> None:
    before = desk.settings.load()
    with pytest.raises(InvalidField) as refused:
        desk.settings.save(replace(before, **{field: value}))
    assert refused.value.field == field
    assert desk.settings.load() == before


def test_only_the_administrator_changes_settings_and_the_audit_log_says_which(
    desk: Desk, clock: FakeClock
) -> None:
    desk.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, "Gió mùa đông bắc 7")
    before = desk.settings.load()
    reception = desk_at(desk.data_dir, officer="lan.pt", password="Gió mùa đông bắc 7", clock=clock)
    try:
        with pytest.raises(NotAllowed, match="thay đổi cài đặt"):
            reception.settings.save(replace(before, desk_number=7))
    finally:
        reception.close()
    assert desk.settings.load() == before

    desk.settings.save(replace(before, desk_number=7, leader_name="Trần Văn Chủ"))
    entry = desk.audit.recent(1)[0]
    assert (entry.action, entry.subject) == (AuditAction.CHANGE, "settings")
    assert entry.detail == "desk_number, leader_name"  # the names, never the values
    desk.settings.save(desk.settings.load())  # nothing changed: nothing to log
    assert desk.audit.recent(1)[0] == entry
