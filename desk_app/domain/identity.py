"""Applicants' identifiers (personal ID numbers, organisations' tax/enterprise codes,
passports), the ID card QR string, phone numbers and e-mail addresses.

Form 01 asks for "số định danh cá nhân/tổ chức": a person is named by the 12-digit
personal ID number, an organisation by its tax code (= enterprise code), a foreigner by
a passport number. Sources and what is not confirmed: docs/rules/identity.md.

ID number structure (Law on Identity 2023 Art. 12; Decree 137/2015; Circular 07/2016):
12 digits ``PPP G YY RRRRRR``: PPP the province (or country) where the birth was
registered, G the century and sex, YY the last two digits of the birth year, then six
random digits. There is no checksum, so what can be checked is structure and plausibility.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desk_app.domain.errors import InvalidField, InvalidIdCardQr, InvalidIdNumber
from desk_app.domain.text import nfc

# The 63 province codes in force before the 2025 mergers; numbers issued then never change.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Births registered abroad carry a country code instead. Its table was not verified
# (domain.md marks it [U]), so any code from 100 up is accepted as a country code.
_FIRST_COUNTRY_CODE = 100

# Century-and-sex digit: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s,
# 8/9 = 1800s would never be seen on a living applicant but is part of the scheme.
_CENTURY_BY_DIGIT = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 2300,
    9: 2300,
}

FEMALE = "Nữ"
MALE = "Nam"


@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    place_code: str
    place_name: str | None  # None for a country code
    birth_year: int
    sex: str  # MALE or FEMALE


def parse_id_number(raw: str, *, today: date, field: str = "applicant.id_number") -> IdNumberInfo:
    """Check a personal ID number and return what its digits say.

    Spaces and dots that officers type to group digits are dropped. Raises
    :class:`InvalidIdNumber` with the precise reason.
    """
    number = re.sub(r"[\s.\-]", "", nfc(raw or ""))
    if not number:
        raise InvalidIdNumber("Chưa nhập số định danh cá nhân (12 chữ số).", field=field)
    if not number.isascii() or not number.isdigit():
        raise InvalidIdNumber("Số định danh cá nhân chỉ gồm chữ số.", field=field)
    if len(number) != 12:
        raise InvalidIdNumber(
            f"Số định danh cá nhân phải có đúng 12 chữ số (đang có {len(number)}).", field=field
        )
    place = number[:3]
    if place not in PROVINCE_CODES and int(place) < _FIRST_COUNTRY_CODE:
        raise InvalidIdNumber(
            f"Ba số đầu «{place}» không phải mã tỉnh hay mã quốc gia nơi đăng ký khai sinh.",
            field=field,
        )
    digit = int(number[3])
    birth_year = _CENTURY_BY_DIGIT[digit] + int(number[4:6])
    if birth_year > today.year:
        raise InvalidIdNumber(
            f"Số định danh cho năm sinh {birth_year}, sau năm hiện tại: kiểm tra chữ số thứ 4-6.",
            field=field,
        )
    return IdNumberInfo(
        number=number,
        place_code=place,
        place_name=PROVINCE_CODES.get(place),
        birth_year=birth_year,
        sex=FEMALE if digit % 2 else MALE,
    )


def mask_id_number(number: str) -> str:
    """Show only what an officer needs to recognise a number: ``001******789``."""
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 6) + number[-3:]


def parse_vn_date(raw: str, *, field: str, label: str) -> date:
    """Parse ``dd/mm/yyyy`` (also ``ddmmyyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``)."""
    text = nfc(raw or "").strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text) or re.fullmatch(
        r"(\d{2})(\d{2})(\d{4})", text
    )
    if not match:
        raise InvalidField(f"{label} phải có dạng ngày/tháng/năm, ví dụ 05/09/1990.", field=field)
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidField(f"{label} «{text}» không có trên lịch.", field=field) from None


@dataclass(frozen=True)
class IdCardData:
    """What the QR code on a chip-based ID card (CCCD / thẻ căn cước) holds."""

    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    sex: str
    address: str
    issue_date: date


def parse_id_card_qr(raw: str, *, today: date) -> IdCardData:
    """Parse ``ID|old ID|name|DOB ddmmyyyy|sex|address|issue date ddmmyyyy[|extra...]``.

    Extra trailing fields (newer cards) are ignored; anything missing or malformed is an
    :class:`InvalidIdCardQr` that says which part is wrong.
    """
    text = nfc(raw or "").strip().strip("\r\n")
    field = "qr"
    if "|" not in text:
        raise InvalidIdCardQr(
            "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ.",
            field=field,
        )
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 7:
        raise InvalidIdCardQr(
            f"Mã QR thẻ căn cước bị thiếu ({len(parts)}/7 phần): hãy quét lại, giữ thẻ thật yên.",
            field=field,
        )
    id_raw, old_id, name, dob_raw, sex_raw, address, issue_raw = parts[:7]
    try:
        info = parse_id_number(id_raw, today=today, field=field)
    except InvalidIdNumber as err:
        raise InvalidIdCardQr(f"Mã QR thẻ căn cước: {err.message}", field=field) from None
    if old_id and not re.fullmatch(r"\d{9}", old_id):
        raise InvalidIdCardQr("Mã QR thẻ căn cước: số CMND cũ phải có 9 chữ số.", field=field)
    if not name:
        raise InvalidIdCardQr("Mã QR thẻ căn cước không có họ tên: hãy quét lại.", field=field)
    birth = _qr_date(dob_raw, "ngày sinh")
    issue = _qr_date(issue_raw, "ngày cấp")
    if birth > today:
        raise InvalidIdCardQr("Mã QR thẻ căn cước: ngày sinh sau ngày hôm nay.", field=field)
    if issue > today or issue < birth:
        raise InvalidIdCardQr("Mã QR thẻ căn cước: ngày cấp không hợp lệ.", field=field)
    sex = {"nam": MALE, "nữ": FEMALE}.get(sex_raw.casefold())
    if sex is None:
        raise InvalidIdCardQr(f"Mã QR thẻ căn cước: giới tính «{sex_raw}» không rõ.", field=field)
    if info.birth_year != birth.year or info.sex != sex:
        raise InvalidIdCardQr(
            "Mã QR thẻ căn cước: số định danh không khớp với năm sinh hoặc giới tính.", field=field
        )
    return IdCardData(info.number, old_id, name, birth, sex, address, issue)


def _qr_date(raw: str, label: str) -> date:
    if not re.fullmatch(r"\d{8}", raw):
        raise InvalidIdCardQr(f"Mã QR thẻ căn cước: {label} «{raw}» không đúng dạng.", field="qr")
    try:
        return date(int(raw[4:]), int(raw[2:4]), int(raw[:2]))
    except ValueError:
        raise InvalidIdCardQr(
            f"Mã QR thẻ căn cước: {label} «{raw}» không có trên lịch.", field="qr"
        ) from None


def normalise_phone(raw: str, *, field: str = "applicant.phone") -> str:
    """A Vietnamese phone number as ``0xxxxxxxxx``; empty stays empty.

    Accepts spaces, dots, dashes and a ``+84``/``84`` prefix; refuses letters.
    """
    text = nfc(raw or "").strip()
    if not text:
        return ""
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit():
        raise InvalidField("Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84).", field=field)
    if not digits.startswith("0") or len(digits) not in (10, 11):
        raise InvalidField(
            "Số điện thoại phải có 10 chữ số và bắt đầu bằng 0 (máy bàn: 11 chữ số).", field=field
        )
    return digits


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalise_email(raw: str, *, field: str = "applicant.email") -> str:
    text = nfc(raw or "").strip()
    if text and (len(text) > 254 or not _EMAIL.fullmatch(text)):
        raise InvalidField("Địa chỉ email không đúng dạng (ví dụ: ten@example.vn).", field=field)
    return text


class IdKind(StrEnum):
    """Which identifier names an applicant (and how it is checked and printed)."""

    PERSONAL = "personal"  # số định danh cá nhân, 12 digits
    ORGANISATION = "organisation"  # mã số thuế / mã số doanh nghiệp, 10 or 10-3 digits
    PASSPORT = "passport"  # số hộ chiếu (foreigners)

    @property
    def label(self) -> str:
        return _ID_KIND_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        return self is IdKind.ORGANISATION


_ID_KIND_LABELS = {
    IdKind.PERSONAL: "Số định danh cá nhân",
    IdKind.ORGANISATION: "Mã số thuế/mã số doanh nghiệp",
    IdKind.PASSPORT: "Số hộ chiếu",
}

# Tax code check digit (the tax authority's modulo-11 rule, docs/rules/identity.md [S]):
# N10 = 10 - (sum of N1..N9 weighted 31, 29, 23, 19, 17, 13, 7, 5, 3) mod 11.
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_check_digit(first_nine: str) -> int:
    """The 10th digit of a tax code whose first nine digits are ``first_nine``.

    A remainder of 0 would give 10, which is no digit; such bases are taken as 0 [U].
    """
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    return (10 - total % 11) % 10


def parse_tax_code(raw: str, *, field: str = "applicant.id_number") -> str:
    """An organisation's tax code (mã số thuế, which is also its enterprise code): 10 digits,
    or 10 digits, a dash and a 3-digit branch number (``0101234567-001``). The 10th digit
    is the check digit of the first nine. Returns the code as printed, with its dash."""
    text = re.sub(r"\s", "", nfc(raw or ""))
    if not text:
        raise InvalidIdNumber("Chưa nhập mã số thuế/mã số doanh nghiệp của tổ chức.", field=field)
    match = re.fullmatch(r"(\d{10})(?:-?(\d{3}))?", text)
    if not match or not text.isascii():
        raise InvalidIdNumber(
            "Mã số thuế/mã số doanh nghiệp gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 "
            "chữ số của đơn vị phụ thuộc (ví dụ 0101234567-001).",
            field=field,
        )
    base, branch = match.group(1), match.group(2)
    if int(base[9]) != tax_check_digit(base[:9]):
        raise InvalidIdNumber(
            f"Mã số thuế «{base}» sai chữ số kiểm tra (chữ số thứ 10): hãy đối chiếu lại với "
            "giấy chứng nhận đăng ký doanh nghiệp hoặc đăng ký thuế.",
            field=field,
        )
    if branch == "000":
        raise InvalidIdNumber("Số thứ tự đơn vị phụ thuộc bắt đầu từ 001.", field=field)
    return f"{base}-{branch}" if branch else base


# ICAO Doc 9303 (machine-readable travel documents): the document number field holds up to
# nine characters, A-Z and 0-9. Vietnamese passports: a letter and seven digits.
_PASSPORT = re.compile(r"[A-Z0-9]{5,9}")


def parse_passport(raw: str, *, field: str = "applicant.id_number") -> str:
    """A passport number (a foreigner's identifier): 5–9 letters and digits, with a digit."""
    text = re.sub(r"[\s\-]", "", nfc(raw or "")).upper()
    if not text:
        raise InvalidIdNumber("Chưa nhập số hộ chiếu.", field=field)
    if not text.isascii() or not _PASSPORT.fullmatch(text) or not any(c.isdigit() for c in text):
        raise InvalidIdNumber(
            "Số hộ chiếu gồm 5 đến 9 chữ cái in hoa và chữ số (như in ở dòng mã máy đọc của "
            "hộ chiếu), ví dụ C1234567.",
            field=field,
        )
    return text


def parse_identifier(kind: IdKind, raw: str, *, today: date, field: str) -> str:
    """The applicant's identifier of ``kind``, checked and normalised."""
    if kind is IdKind.ORGANISATION:
        return parse_tax_code(raw, field=field)
    if kind is IdKind.PASSPORT:
        return parse_passport(raw, field=field)
    return parse_id_number(raw, today=today, field=field).number


def parse_person_identifier(raw: str, *, today: date, field: str) -> str:
    """A person's identifier when the kind is not said: digits are a personal ID number,
    anything with a letter a passport number (e.g. who collects a result)."""
    text = re.sub(r"[\s.\-]", "", nfc(raw or ""))
    if text and not text.isdigit():
        return parse_passport(text, field=field)
    return parse_id_number(raw, today=today, field=field).number
