"""Issue 25 item 10: a published list of procedures (headers as publishers word them) turned
into a catalogue version; what the list does not say is kept from the current catalogue."""

from __future__ import annotations

import pytest

from desk_app.domain.catalogue import CopyKind, FeeKind, ProcessingKind, parse_catalogue
from desk_app.domain.catalogue_import import (
    GENERIC_COMPONENT,
    catalogue_document,
    processing_of,
    table_rows,
)
from desk_app.domain.errors import InvalidCatalogue
from desk_app.services.catalogue import bundled_catalogue

# As a province's decision annexes it: a title, a blank line, the headers, group captions.
TABLE = [
    ["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ", None, None, None, None, None],
    [None, None, None, None, None, None],
    ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Phí, lệ phí",
     "Lĩnh vực"],
    ["I", None, "Lĩnh vực Hộ tịch", None, None, None],
    [1, "1.001193.000.00.00.H26", "Đăng ký khai sinh", "Ngay trong ngày làm việc, nhận sau 15 giờ "
     "thì trả trong ngày làm việc tiếp theo", "Miễn lệ phí", "Hộ tịch"],
    ["II", None, "Lĩnh vực Bảo trợ xã hội", None, None, None],
    [2, "1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
     "07 ngày làm việc", "Không", "Bảo trợ xã hội"],
    [3, "2.000286", "Cấp giấy phép kinh doanh karaoke", "05 ngày làm việc",
     "Theo Thông tư 01/2021/TT-BTC", "Văn hóa"],
]  # fmt: skip


def test_a_published_table_becomes_a_catalogue_with_sectors() -> None:
    base = bundled_catalogue()
    document = catalogue_document(
        table_rows(TABLE), base, version="2026.2", published="2026-12-01", source="QĐ 12/QĐ-UBND"
    )
    catalogue = parse_catalogue(document)  # checked like any other catalogue
    assert [(p.code, p.sector) for p in catalogue.procedures] == [
        ("1.001193.000.00.00.H26", "Hộ tịch"),
        ("1.001776", "Bảo trợ xã hội"),
        ("2.000286", "Văn hóa"),
    ]
    birth, allowance, karaoke = catalogue.procedures
    # known nationally: its papers and cut-off kept from the catalogue in force
    assert birth.components == base.find("1.001193").components  # type: ignore[union-attr]
    assert birth.processing.kind is ProcessingKind.SAME_DAY and birth.processing.cutoff
    # new: one paper for the officer to detail, the stated time, the fee as stated
    assert [c.name for c in allowance.components] == [GENERIC_COMPONENT]
    assert allowance.components[0].copy_kind is CopyKind.ORIGINAL_OR_CERTIFIED_COPY
    assert allowance.processing.days == 7 and allowance.fee.kind is FeeKind.FREE
    assert karaoke.fee.kind is FeeKind.SET_BY_PROVINCE
    assert karaoke.fee.note == "Theo Thông tư 01/2021/TT-BTC"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 ngày làm việc", {"kind": "working_days", "days": 3.0}),
        ("Không quá 1,5 ngày làm việc", {"kind": "working_days", "days": 1.5}),
        ("04 giờ làm việc", {"kind": "working_days", "days": 0.5}),
        ("Trong ngày", {"kind": "same_day"}),
    ],
)
def test_processing_times_as_lists_word_them(text: str, expected: dict[str, object]) -> None:
    assert processing_of(text) == expected


def test_headers_missing_or_rows_unreadable_are_named() -> None:
    with pytest.raises(InvalidCatalogue, match="«Lĩnh vực»"):
        table_rows([["Mã TTHC", "Tên thủ tục"], ["1.001193", "Đăng ký khai sinh"]])
    rows = table_rows(
        [
            ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời gian giải quyết"],
            ["1.00119", "Sai mã", "Hộ tịch", "1 ngày"],
            ["1.999999", "Không rõ thời hạn", "Hộ tịch", "theo quy định"],
        ]
    )
    with pytest.raises(InvalidCatalogue) as err:
        catalogue_document(rows, None, version="x", published="2026-12-01", source="s")
    assert "dòng 1: mã thủ tục «1.00119»" in str(err.value)
    assert "dòng 2 (1.999999): không đọc được thời hạn" in str(err.value)
