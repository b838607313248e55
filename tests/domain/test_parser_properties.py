"""Property tests for the parsers officers' input goes through: whatever the text, the
answer is a value or the parser's own clear error (never another exception), and what is
accepted survives the ways officers and scanners write it."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.errors import DeskError, InvalidIdCardQr, InvalidIdNumber
from desk_app.domain.identity import (
    PROVINCE_CODES,
    mask_id_number,
    normalise_email,
    normalise_phone,
    parse_id_card_qr,
    parse_id_number,
    parse_vn_date,
)
from desk_app.domain.text import clean_line

TODAY = date(2026, 3, 4)
ANY_TEXT = st.text(max_size=200)
QR_PARTS = st.lists(st.text(max_size=40), min_size=0, max_size=10).map("|".join)


@settings(max_examples=400)
@given(ANY_TEXT)
def test_an_id_number_is_parsed_or_refused_clearly(raw: str) -> None:
    try:
        info = parse_id_number(raw, today=TODAY)
    except InvalidIdNumber as err:
        assert err.message and err.field == "applicant.id_number"
        return
    assert len(info.number) == 12 and info.number.isdigit() and info.birth_year <= TODAY.year


@given(
    place=st.sampled_from(sorted(PROVINCE_CODES)),
    digit=st.sampled_from([0, 1, 2, 3]),  # born in the 20th or 21st century
    year=st.integers(0, 99),
    serial=st.integers(0, 999_999),
    spacing=st.sampled_from(["", " ", ".", "  "]),
)
def test_a_valid_number_is_read_the_same_however_grouped(
    place: str, digit: int, year: int, serial: int, spacing: str
) -> None:
    number = f"{place}{digit}{year:02d}{serial:06d}"
    born = (1900 if digit < 2 else 2000) + year
    if born > TODAY.year:
        return
    grouped = spacing.join([number[:3], number[3:6], number[6:9], number[9:]])
    info = parse_id_number(f" {grouped} ", today=TODAY)
    assert info.number == number and info.birth_year == born
    assert info.sex == ("Nữ" if digit % 2 else "Nam")
    masked = mask_id_number(number)
    assert masked[:3] == number[:3] and masked[-3:] == number[-3:] and "*" * 6 in masked


@settings(max_examples=400)
@given(st.one_of(ANY_TEXT, QR_PARTS))
def test_an_id_card_qr_is_parsed_or_refused_clearly(raw: str) -> None:
    try:
        card = parse_id_card_qr(raw, today=TODAY)
    except InvalidIdCardQr as err:
        assert err.message and err.field == "qr"
        return
    assert card.birth_date <= TODAY and card.full_name


@given(
    name=st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ", min_size=1,
                 max_size=30).filter(lambda s: s.strip()),
    day=st.dates(min_value=date(1930, 1, 1), max_value=date(2007, 12, 31)),
)  # fmt: skip
def test_a_card_reads_the_same_composed_or_decomposed(name: str, day: date) -> None:
    number = f"001{1 if day.year < 2000 else 3}{day.year % 100:02d}012345"
    raw = f"{number}||{name}|{day:%d%m%Y}|Nữ|Thôn Đông|01072021"
    composed = parse_id_card_qr(unicodedata.normalize("NFC", raw), today=TODAY)
    decomposed = parse_id_card_qr(unicodedata.normalize("NFD", raw), today=TODAY)
    assert composed == decomposed
    assert composed.full_name == unicodedata.normalize("NFC", name).strip()


@settings(max_examples=300)
@given(ANY_TEXT)
def test_dates_phones_emails_and_lines_are_parsed_or_refused_clearly(raw: str) -> None:
    for parse in (
        lambda: parse_vn_date(raw, field="birth_date", label="Ngày sinh"),
        lambda: normalise_phone(raw),
        lambda: normalise_email(raw),
        lambda: clean_line(raw, field="note", label="Ghi chú", max_len=50, required=True),
    ):
        try:
            parse()
        except DeskError as err:
            assert err.message.strip()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_a_day_written_as_officers_write_it_reads_back(day: date) -> None:
    for text in (f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", f"{day:%d-%m-%Y}"):
        try:
            assert parse_vn_date(text, field="d", label="Ngày") == day
        except DeskError:
            assert "-" in text  # only the slash form is promised


@given(st.text(max_size=60).filter(lambda s: any(c.isdigit() for c in s)))
def test_an_accepted_phone_is_ten_digits_from_zero(raw: str) -> None:
    try:
        phone = normalise_phone(raw)
    except DeskError:
        return
    assert phone == "" or (phone.startswith("0") and phone.isdigit() and len(phone) == 10)
