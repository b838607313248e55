"""Issue 26 item 6: the type a component's name suggests is right or "other" (empty), never
a wrong kind: the tags drive which stored papers are offered for reuse at intake."""

from __future__ import annotations

import pytest

from desk_app.domain.documents import DocumentType, guess_type

T = DocumentType


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # the catalogue's own component names
        ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", T.RESIDENCE),  # was taken as an ID
        ("Giấy tờ tùy thân còn giá trị sử dụng", T.ID_CARD),  # was "other"
        ("Bản sao giấy tờ tùy thân của người yêu cầu chứng thực", T.ID_CARD),
        ("Giấy tờ tùy thân của người yêu cầu (xuất trình)", T.ID_CARD),
        ("Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở", T.LAND_USE_CERTIFICATE),
        ("Văn bản ủy quyền (trường hợp ủy quyền đăng ký)", T.AUTHORISATION),
        ("Tờ khai thay đổi thông tin cư trú (mẫu CT01)", T.OTHER),  # a request form
        ("Tờ khai đăng ký khai sinh theo mẫu", T.OTHER),
        ("Giấy xác nhận tình trạng hôn nhân (khi đăng ký tại nơi không thường trú)", T.OTHER),
        ("Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh", T.OTHER),
        ("Dự thảo hợp đồng, giao dịch", T.OTHER),
        ("Bản sao cần chứng thực", T.OTHER),
        # plainly named papers
        ("Bản sao Giấy khai sinh", T.BIRTH_CERTIFICATE),
        ("Thẻ Căn cước công dân", T.ID_CARD),
        ("Chứng minh nhân dân", T.ID_CARD),
        ("Sổ hộ khẩu", T.RESIDENCE),
        ("Xác nhận thông tin về cư trú", T.RESIDENCE),
        ("Giấy chứng nhận kết hôn", T.MARRIAGE_CERTIFICATE),
        ("Hộ chiếu", T.ID_CARD),
        ("Giấy tờ chứng minh thu nhập", T.OTHER),  # "chứng minh" alone says nothing
    ],
)
def test_a_guess_is_right_or_other(name: str, expected: DocumentType) -> None:
    assert guess_type(name) is expected
