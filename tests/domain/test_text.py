import unicodedata

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.text import clean_line, fold, nfc, search_tokens


def test_fold_removes_every_vietnamese_mark_and_maps_d_with_stroke() -> None:
    assert fold("Đặng Thị Ngọc Ánh") == "dang thi ngoc anh"
    assert fold("ĐỖ   ĐỨC  ĐẠT") == "do duc dat"
    assert fold("Nguyễn") == fold("nguyen") == fold("NGUYỄN")


def test_decomposed_input_folds_and_normalises_like_precomposed() -> None:
    composed = "Trần Thị Thủy"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert nfc(decomposed) == composed
    assert fold(decomposed) == fold(composed) == "tran thi thuy"


@pytest.mark.parametrize(
    ("query", "words"),
    [('"', []), ("*", []), ("NEAR(", ["near"]), ("'", []), ("(((", []), ("^~:", []),
     ("nguyen OR 1=1; --", ["nguyen", "or", "1", "1"]), ('a" OR "b', ["a", "or", "b"])],
)  # fmt: skip
def test_search_tokens_keep_only_words(query: str, words: list[str]) -> None:
    assert search_tokens(query) == words


def test_search_tokens_split_codes_like_the_index_does() -> None:
    assert search_tokens("000.00.31.H26-260304-1001") == [
        "000",
        "00",
        "31",
        "h26",
        "260304",
        "1001",
    ]
    assert search_tokens("Đặng văn") == ["dang", "van"]


def test_clean_line_collapses_spaces_and_stores_nfc() -> None:
    raw = unicodedata.normalize("NFD", "  Lê   Văn  Tám ")
    assert clean_line(raw, field="f", label="Họ và tên", max_len=50, required=True) == "Lê Văn Tám"


def test_clean_line_refuses_what_an_officer_must_fix() -> None:
    with pytest.raises(InvalidField, match="Chưa nhập họ và tên"):
        clean_line("   ", field="f", label="Họ và tên", max_len=50, required=True)
    with pytest.raises(InvalidField, match=r"quá dài .10\.000 ký tự.; tối đa 300"):
        clean_line("x" * 10_000, field="f", label="Địa chỉ", max_len=300, required=True)
    with pytest.raises(InvalidField, match="ký tự điều khiển"):
        clean_line("Lê\x00Tám", field="f", label="Họ và tên", max_len=50, required=True)
