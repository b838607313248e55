"""VietQR: the NAPAS payment QR (EMVCo merchant-presented mode) for a fee transfer.

The payload is a chain of ID (2 digits) + length (2 digits) + value fields:

- ``00`` payload format ``01``; ``01`` point of initiation ``12`` (dynamic: one amount, one
  dossier) ;
- ``38`` merchant account information of NAPAS: ``00`` GUID ``A000000727``, ``01`` the
  beneficiary organisation (``00`` bank BIN, ``01`` account number), ``02`` service
  ``QRIBFTTA`` (inter-bank fast transfer to an account);
- ``53`` currency ``704`` (VND), ``54`` amount (whole đồng), ``58`` country ``VN``,
  ``59`` the account holder's name (ASCII, ≤ 25), ``60`` city (ASCII, ≤ 15);
- ``62`` additional data, ``08`` purpose of transaction: the dossier code, so the bank
  statement line can be matched to the dossier;
- ``63`` CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over everything before it,
  including ``6304``, as four upper-case hex digits.

Sources: EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode v1.1;
NAPAS VietQR IBFT specification (as reproduced by public encoders; see docs/fees.md).
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

from desk_app.domain.errors import InvalidField
from desk_app.domain.text import fold

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
MAX_PURPOSE = 50  # banks cut longer transfer notes; ours is a dossier code and a word
MAX_NAME = 25
MAX_CITY = 15


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF), what EMVCo's tag 63 carries."""
    return binascii.crc_hqx(data, 0xFFFF)


def _field(tag: str, value: str) -> str:
    if not value:
        return ""
    if len(value) > 99:
        raise InvalidField(f"Trường {tag} của mã VietQR quá dài.", field="vietqr")
    return f"{tag}{len(value):02d}{value}"


def ascii_text(text: str, limit: int) -> str:
    """Vietnamese text as banks' QR fields take it: no accents, upper case, ASCII only."""
    plain = fold(text).upper()
    plain = re.sub(r"[^A-Z0-9 .\-/]", " ", plain)
    return " ".join(plain.split())[:limit].strip()


@dataclass(frozen=True)
class PayeeAccount:
    """The commune's account for fees (from the settings)."""

    bank_bin: str  # 6 digits, NAPAS bank identification number
    account: str
    name: str
    city: str = ""

    def checked(self) -> PayeeAccount:
        if not re.fullmatch(r"\d{6}", self.bank_bin):
            raise InvalidField("Mã BIN ngân hàng gồm 6 chữ số (ví dụ 970415).", field="bank_bin")
        if not re.fullmatch(r"[0-9A-Za-z]{1,19}", self.account):
            raise InvalidField(
                "Số tài khoản chỉ gồm chữ số hoặc chữ cái, tối đa 19 ký tự.", field="bank_account"
            )
        if not self.name.strip():
            raise InvalidField("Chưa nhập tên chủ tài khoản.", field="bank_account_name")
        return self


def transfer_payload(payee: PayeeAccount, *, amount: int, purpose: str) -> str:
    """The VietQR text for paying ``amount`` đồng with ``purpose`` as the transfer note."""
    payee = payee.checked()
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidField("Số tiền phải là số đồng nguyên dương.", field="amount")
    note = ascii_text(purpose, MAX_PURPOSE)
    beneficiary = _field("00", payee.bank_bin) + _field("01", payee.account)
    merchant = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    )
    body = (
        _field("00", "01")
        + _field("01", "12")
        + _field("38", merchant)
        + _field("53", CURRENCY_VND)
        + _field("54", str(amount))
        + _field("58", "VN")
        + _field("59", ascii_text(payee.name, MAX_NAME))
        + _field("60", ascii_text(payee.city, MAX_CITY))
        + _field("62", _field("08", note))
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"
