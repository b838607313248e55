"""ID card QR strings as a worn card, a wrong barcode or a hand-typed line gives them:
each refused with what is wrong, nothing changed."""

from __future__ import annotations

import pytest

from desk_app.domain.errors import InvalidIdCardQr
from desk_app.services.desk import Desk

GOOD = "001190012345|012345678|Nguyễn Thị Hồng Nhung|05091990|Nữ|Thôn Đông, xã Minh Phú|01072021"
FIELDS = GOOD.split("|")


def _with(index: int, value: str) -> str:
    parts = list(FIELDS)
    parts[index] = value
    return "|".join(parts)


QR = [
    "",
    "   ",
    "\n",
    "không phải mã QR",
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
    "001190012345",
    "001190012345|",
    "|||||",
    "||||||",
    "|".join(FIELDS[:6]),
    "|".join(FIELDS[:3]),
    GOOD.replace("|", ";"),
    GOOD.replace("|", ","),
    GOOD.replace("|", "\t"),
    "\x00" * 40,
    "\ufeff",
    "�" * 20,
    "|" * 1000,
    _with(0, ""),
    _with(0, "12345"),
    _with(0, "00119001234X"),
    _with(0, "001399012345"),  # born 2099
    _with(0, "001090012345"),  # a man's number on a woman's card
    _with(0, "001180012345"),  # born 1980, not 1990
    _with(1, "12345"),
    _with(1, "0123456789"),
    _with(1, "01234567a"),
    _with(2, ""),
    _with(2, "   "),
    _with(3, ""),
    _with(3, "5091990"),
    _with(3, "05/09/1990"),
    _with(3, "32091990"),
    _with(3, "29021990"),
    _with(3, "05092099"),
    _with(3, "05091991"),  # another year than the number's
    _with(4, ""),
    _with(4, "F"),
    _with(4, "Nam"),  # the number is a woman's
    _with(4, "Khác"),
    _with(6, ""),
    _with(6, "01/07/2021"),
    _with(6, "01072099"),  # issued in the future
    _with(6, "01011980"),  # issued before birth
    _with(6, "31022021"),
    _with(6, "0107202"),
]


@pytest.mark.parametrize("raw", QR)
def test_a_bad_id_card_qr_is_refused_and_says_why(unchanged: Desk, raw: str) -> None:
    with pytest.raises(InvalidIdCardQr) as raised:
        unchanged.intake.read_id_card(raw)
    message = raised.value.message
    assert message.strip() and ("QR" in message or "quét" in message), message


def test_the_good_card_and_its_decomposed_twin_read_the_same(unchanged: Desk) -> None:
    import unicodedata

    composed = unchanged.intake.read_id_card(GOOD)
    decomposed = unchanged.intake.read_id_card(unicodedata.normalize("NFD", GOOD))
    assert composed == decomposed and composed.full_name == "Nguyễn Thị Hồng Nhung"
