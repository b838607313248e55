"""The VietQR payload: fields, lengths and CRC-16/CCITT-FALSE (independent checks)."""

from __future__ import annotations

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.vietqr import PayeeAccount, ascii_text, crc16_ccitt_false, transfer_payload

PAYEE = PayeeAccount("970415", "113366668888", "UBND xã Minh Phú")


def test_crc_is_ccitt_false() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the catalogue's check value
    # a payload published by an independent encoder (vietnam-qr-pay's README)
    published = (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045405100005802VN62150811Chuyen tien630453E6"
    )
    assert f"{crc16_ccitt_false(published[:-4].encode()):04X}" == published[-4:]


def test_payload_fields_in_order() -> None:
    text = transfer_payload(PAYEE, amount=421000, purpose="000.00.31.H26-260304-0001")
    assert text == (
        "000201" "010212"
        "3856" "0010A000000727" "0126" "0006970415" "0112113366668888" "0208QRIBFTTA"
        "5303704" "5406421000" "5802VN" "5916UBND XA MINH PHU"
        "6229" "0825000.00.31.H26-260304-0001"
        "6304" + text[-4:]
    )  # fmt: skip
    assert f"{crc16_ccitt_false(text[:-4].encode()):04X}" == text[-4:]


def test_names_lose_accents_and_are_cut_to_the_field() -> None:
    assert ascii_text("Ủy ban nhân dân xã Đông Hưng Thuận", 25) == "UY BAN NHAN DAN XA DONG H"


@pytest.mark.parametrize("amount", [0, -5, 1.5, True])
def test_amount_is_positive_whole_dong(amount: object) -> None:
    with pytest.raises(InvalidField):
        transfer_payload(PAYEE, amount=amount, purpose="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "payee",
    [PayeeAccount("97041", "1", "A"), PayeeAccount("970415", "12 34", "A"),
     PayeeAccount("970415", "1234", " ")],
)  # fmt: skip
def test_account_is_checked(payee: PayeeAccount) -> None:
    with pytest.raises(InvalidField):
        transfer_payload(payee, amount=1000, purpose="x")
