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
    ("", "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    ("   ", "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    ("\n", "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    (
        "không phải mã QR",
        "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ.",
    ),
    (
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ.",
    ),
    ("001190012345", "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    ("001190012345|", "Mã QR thẻ căn cước bị thiếu (2/7 phần): hãy quét lại, giữ thẻ thật yên."),
    ("|||||", "Mã QR thẻ căn cước bị thiếu (6/7 phần): hãy quét lại, giữ thẻ thật yên."),
    ("||||||", "Chưa nhập số định danh cá nhân (12 chữ số)."),
    (
        "|".join(FIELDS[:6]),
        "Mã QR thẻ căn cước bị thiếu (6/7 phần): hãy quét lại, giữ thẻ thật yên.",
    ),
    (
        "|".join(FIELDS[:3]),
        "Mã QR thẻ căn cước bị thiếu (3/7 phần): hãy quét lại, giữ thẻ thật yên.",
    ),
    (
        GOOD.replace("|", ";"),
        "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ.",
    ),
    (
        GOOD.replace("|", ","),
        "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ.",
    ),
    (
        GOOD.replace("|", "\t"),
        "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ.",
    ),
    ("\x00" * 40, "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    ("\ufeff", "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    ("�" * 20, "Không đọc được mã QR trên thẻ căn cước: hãy quét lại mã QR ở mặt trước thẻ."),
    ("|" * 1000, "Chưa nhập số định danh cá nhân (12 chữ số)."),
    (_with(0, ""), "Chưa nhập số định danh cá nhân (12 chữ số)."),
    (_with(0, "12345"), "Số định danh cá nhân phải có đúng 12 chữ số (đang có 5)."),
    (_with(0, "00119001234X"), "Số định danh cá nhân chỉ gồm chữ số."),
    (
        _with(0, "001399012345"),
        "Số định danh cho năm sinh 2099, sau năm hiện tại: kiểm tra chữ số thứ 4-6.",
    ),  # born 2099
    (
        _with(0, "001090012345"),
        "số định danh không khớp với năm sinh hoặc giới tính.",
    ),  # a man's number on a woman's card
    (
        _with(0, "001180012345"),
        "số định danh không khớp với năm sinh hoặc giới tính.",
    ),  # born 1980, not 1990
    (_with(1, "12345"), "số CMND cũ phải có 9 chữ số."),
    (_with(1, "0123456789"), "số CMND cũ phải có 9 chữ số."),
    (_with(1, "01234567a"), "số CMND cũ phải có 9 chữ số."),
    (_with(2, ""), "Mã QR thẻ căn cước không có họ tên: hãy quét lại."),
    (_with(2, "   "), "Mã QR thẻ căn cước không có họ tên: hãy quét lại."),
    (_with(3, ""), "ngày sinh «» không đúng dạng."),
    (_with(3, "5091990"), "ngày sinh «5091990» không đúng dạng."),
    (_with(3, "05/09/1990"), "ngày sinh «05/09/1990» không đúng dạng."),
    (_with(3, "32091990"), "ngày sinh «32091990» không có trên lịch."),
    (_with(3, "29021990"), "ngày sinh «29021990» không có trên lịch."),
    (_with(3, "05092099"), "ngày sinh sau ngày hôm nay."),
    (
        _with(3, "05091991"),
        "số định danh không khớp với năm sinh hoặc giới tính.",
    ),  # another year than the number's
    (_with(4, ""), "giới tính «» không rõ."),
    (_with(4, "F"), "giới tính «F» không rõ."),
    (
        _with(4, "Nam"),
        "số định danh không khớp với năm sinh hoặc giới tính.",
    ),  # the number is a woman's
    (_with(4, "Khác"), "giới tính «Khác» không rõ."),
    (_with(6, ""), "ngày cấp «» không đúng dạng."),
    (_with(6, "01/07/2021"), "ngày cấp «01/07/2021» không đúng dạng."),
    (_with(6, "01072099"), "ngày cấp không hợp lệ."),  # issued in the future
    (_with(6, "01011980"), "ngày cấp không hợp lệ."),  # issued before birth
    (_with(6, "31022021"), "ngày cấp «31022021» không có trên lịch."),
    (_with(6, "0107202"), "ngày cấp «0107202» không đúng dạng."),
]


@pytest.mark.parametrize(("raw", "why"), QR)
def test_a_bad_id_card_qr_is_refused_and_says_why(unchanged: Desk, raw: str, why: str) -> None:
    with pytest.raises(InvalidIdCardQr) as raised:
        unchanged.intake.read_id_card(raw)
    assert raised.value.message.removeprefix("Mã QR thẻ căn cước: ") == why


def test_the_good_card_and_its_decomposed_twin_read_the_same(unchanged: Desk) -> None:
    import unicodedata

    composed = unchanged.intake.read_id_card(GOOD)
    decomposed = unchanged.intake.read_id_card(unicodedata.normalize("NFD", GOOD))
    assert composed == decomposed and composed.full_name == "Nguyễn Thị Hồng Nhung"
