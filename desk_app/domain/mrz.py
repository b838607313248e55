"""The access key of an ID card's chip (ICAO 9303 BAC): document number, birth date, expiry.

Check digits: ICAO Doc 9303 Part 3 (8th ed., 2021) §4.9, weights 7-3-1, ``<`` = 0,
letters A=10 … Z=35. The key seed (MRZ information) is Doc 9303 Part 11 §9.7.1.1:
document number (padded with ``<`` to at least 9) + check digit + birth YYMMDD + check
digit + expiry YYMMDD + check digit.

The Vietnamese chip ID card (Căn cước công dân gắn chip 2021, thẻ Căn cước 2024) is a TD1
card; its MRZ document number is the **last 9 digits** of the 12-digit personal ID number
(the full number is repeated in the MRZ's optional data). Readers of these cards
(e.g. the HyperVerge "CCCD Chip Reading via NFC" module, open reader profiles of
VN-CCCD-2024) take exactly ID number + birth date + expiry as input for that reason.
The QR code on the card carries the ID number and birth date but not the expiry, so the
expiry is derived from the law (:func:`id_card_expiry`) and can be typed when it differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk_app.domain.errors import InvalidField

_WEIGHTS = (7, 3, 1)


def check_digit(text: str) -> str:
    """ICAO 9303-3 §4.9 check digit of an MRZ field (digits, A-Z and ``<``)."""
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - ord("A") + 10
        elif ch == "<":
            value = 0
        else:
            raise InvalidField(f"Ký tự «{ch}» không có trong vùng MRZ.", field="chip.document")
        total += value * _WEIGHTS[i % 3]
    return str(total % 10)


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


@dataclass(frozen=True)
class BacKey:
    """What the chip's Basic Access Control key is made from (ICAO 9303-11 §9.7.1.1)."""

    document_number: str
    birth_date: date
    expiry_date: date

    def mrz_information(self) -> bytes:
        """The key seed text: number<pad + cd + YYMMDD + cd + YYMMDD + cd, ASCII."""
        number = self.document_number.upper()
        if len(number) < 9:
            number = number + "<" * (9 - len(number))
        birth = yymmdd(self.birth_date)
        expiry = yymmdd(self.expiry_date)
        text = (
            number + check_digit(number) + birth + check_digit(birth) + expiry + check_digit(expiry)
        )
        return text.encode("ascii")


def document_number_for_id_card(id_number: str) -> str:
    """The MRZ document number of a Vietnamese chip ID card: the last 9 of its 12 digits."""
    digits = re.sub(r"[\s.\-]", "", id_number or "")
    if len(digits) == 12 and digits.isascii() and digits.isdigit():
        return digits[-9:]
    if 1 <= len(digits) <= 9 and re.fullmatch(r"[0-9A-Za-z]+", digits):
        return digits.upper()  # already a document number (passport, or typed from the MRZ)
    raise InvalidField(
        "Số giấy tờ phải là số định danh 12 chữ số, hoặc số trên vùng MRZ (tối đa 9 ký tự).",
        field="chip.document",
    )


# Law on Identification 2023 (Luật Căn cước, No. 26/2023/QH15) Art. 21(1): the card is
# renewed when its holder reaches 14, 25, 40 and 60 years of age; Art. 21(2): a card issued
# or renewed within the 2 years before one of those ages is valid until the next one.
# (The 2014 Law on Citizen Identification, Art. 21, had the same ages from 25.) The card's
# "Có giá trị đến" is the birthday at that age; after 60 the card has no expiry.
_RENEWAL_AGES = (14, 25, 40, 60)


def _birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # born on 29 February
        return date(birth.year + age, 3, 1)


def id_card_expiry(birth: date, issued: date) -> date | None:
    """The expiry the law gives a card issued on ``issued``; ``None`` when it has none."""
    for age in _RENEWAL_AGES:
        renewal = _birthday(birth, age)
        if issued < _birthday(birth, age - 2):
            return renewal
        if issued < renewal:  # issued within the two years before this age: the next one
            later = [a for a in _RENEWAL_AGES if a > age]
            return _birthday(birth, later[0]) if later else None
    return None


@dataclass(frozen=True)
class IdentityCheck:
    """What a dossier keeps of a chip read: never the photo, never the whole DG13.

    ``verified`` is passive authentication's verdict (hashes, signature, CSCA);
    ``result`` is a short English word for logs and sync ("ok", or what failed);
    ``matches_qr`` is None when no QR was scanned; ``access`` is the access control that
    opened the chip, "PACE" or "BAC".
    """

    method: str  # "chip"
    verified: bool
    result: str
    signer: str
    matches_qr: bool | None
    read_at: str  # ISO 8601
    access: str = "BAC"

    def payload(self) -> dict[str, object]:
        return {
            "method": self.method,
            "verified": self.verified,
            "result": self.result,
            "signer": self.signer,
            "matches_qr": self.matches_qr,
            "read_at": self.read_at,
            "access": self.access,
        }
