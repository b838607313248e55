from datetime import date

import pytest

from desk_app.domain.errors import InvalidField, InvalidIdCardQr, InvalidIdNumber
from desk_app.domain.identity import (
    mask_id_number,
    normalise_phone,
    parse_id_card_qr,
    parse_id_number,
)

TODAY = date(2026, 3, 4)
GOOD_QR = "001190012345|012345678|Nguyễn Thị Hồng Nhung|05091990|Nữ|Thôn Đông, xã Minh Phú, Hà Nội|10042021"


def test_a_valid_number_tells_province_birth_year_and_sex() -> None:
    info = parse_id_number("001 190 012 345", today=TODAY)
    assert (info.number, info.place_name, info.birth_year, info.sex) == (
        "001190012345",
        "Hà Nội",
        1990,
        "Nữ",
    )
    assert parse_id_number("079205000001", today=TODAY).birth_year == 2005
    assert parse_id_number("079205000001", today=TODAY).sex == "Nam"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "Chưa nhập"),
        ("00119001234", "đúng 12 chữ số .đang có 11."),
        ("0011900123456", "đang có 13"),
        ("00119001234a", "chỉ gồm chữ số"),
        ("００１１９００１２３４５", "chỉ gồm chữ số"),  # full-width digits
        ("003190012345", "không phải mã tỉnh"),  # 003 is no province code
        ("001230012345", "năm sinh 2030"),  # 2000s, year 30: in the future
        ("001490012345", "năm sinh 2190"),
    ],
)
def test_invalid_or_half_typed_numbers_say_why(raw: str, reason: str) -> None:
    with pytest.raises(InvalidIdNumber, match=reason):
        parse_id_number(raw, today=TODAY)


def test_mask_keeps_only_the_ends() -> None:
    assert mask_id_number("001190012345") == "001******345"


def test_id_card_qr_fills_the_applicant() -> None:
    card = parse_id_card_qr(GOOD_QR + "\r\n", today=TODAY)
    assert card.full_name == "Nguyễn Thị Hồng Nhung"
    assert card.birth_date == date(1990, 9, 5)
    assert card.issue_date == date(2021, 4, 10)
    assert card.old_id_number == "012345678"


def test_id_card_qr_tolerates_extra_trailing_fields_and_empty_old_id() -> None:
    raw = GOOD_QR.replace("|012345678|", "||") + "|extra|more"
    assert parse_id_card_qr(raw, today=TODAY).old_id_number == ""


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("001190012345|012345678|Nguyễn Thị", "bị thiếu"),
        ("not a qr code at all", "Không đọc được"),
        (GOOD_QR.replace("05091990", "31021990"), "ngày sinh .31021990. không có trên lịch"),
        (GOOD_QR.replace("05091990", "5091990"), "ngày sinh .5091990. không đúng dạng"),
        (GOOD_QR.replace("10042021", "10042031"), "ngày cấp không hợp lệ"),
        (GOOD_QR.replace("|Nữ|", "|X|"), "giới tính"),
        (GOOD_QR.replace("|Nữ|", "|Nam|"), "không khớp"),
        (GOOD_QR.replace("05091990", "05091991"), "không khớp"),
        (GOOD_QR.replace("001190012345", "00119001234"), "12 chữ số"),
        (GOOD_QR.replace("|012345678|", "|12345|"), "CMND cũ"),
    ],
)
def test_truncated_or_wrong_qr_strings_are_refused(raw: str, reason: str) -> None:
    with pytest.raises(InvalidIdCardQr, match=reason):
        parse_id_card_qr(raw, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("", ""),
        ("024 3825 1234", "02438251234"),
    ],
)
def test_phone_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["09123abc78", "12345", "0912-345-678-999", "không có"])
def test_phone_with_letters_or_wrong_length_is_refused(raw: str) -> None:
    with pytest.raises(InvalidField):
        normalise_phone(raw)
