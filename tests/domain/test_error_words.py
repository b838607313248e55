"""Issue 26, 8: the rules' refusals in English for the English window."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.error_words import english
from desk_app.domain.errors import DeskError
from desk_app.domain.identity import parse_id_number, parse_vn_date
from desk_app.domain.text import clean_line


def _message(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DeskError) as raised:
        call()
    return raised.value.message


def test_the_rules_own_words_come_out_in_english() -> None:
    cases = {
        lambda: clean_line("", field="f", label="Họ và tên", max_len=10, required=True):
            "Full name is empty.",
        lambda: clean_line("x" * 12, field="f", label="Địa chỉ", max_len=10, required=True):
            "Address is too long (12 characters); at most 10.",
        lambda: parse_vn_date("31/02/2026", field="f", label="Ngày sinh"):
            "Date of birth “31/02/2026” is not on the calendar.",
        lambda: parse_id_number("", today=date(2026, 3, 4), field="id"):
            "The personal ID number (12 digits) is empty.",
    }  # fmt: skip
    for call, expected in cases.items():
        assert english(_message(call)) == expected


def test_a_message_not_in_the_table_is_left_as_it_is() -> None:
    assert english("Một câu mới chưa có trong bảng.") == "Một câu mới chưa có trong bảng."
