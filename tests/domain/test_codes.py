from datetime import date

import pytest

from desk_app.domain.codes import (
    AgencyLayout,
    CodeTemplate,
    agency_layout,
    in_desk_space,
    legacy_block,
    level1_code,
    next_sequence,
    sequence_block,
    validate_agency_code,
)
from desk_app.domain.errors import DailySequenceExhausted, InvalidField


def test_each_desk_owns_its_block_and_desk_1_counts_from_0001() -> None:
    assert sequence_block(1) == range(1, 1000)
    assert sequence_block(2) == range(2001, 3000)
    assert next_sequence(1, None) == 1
    assert next_sequence(2, None) == 2001
    assert next_sequence(2, 2001) == 2002
    tpl = CodeTemplate()
    assert tpl.format(agency="H26.031.05", day=date(2026, 3, 4), seq=1, desk=1) == (
        "H26.031.05-260304-0001"
    )


def test_the_move_of_desk_1_to_0001_can_clash_with_nothing() -> None:
    # a desk that numbered today before the upgrade finishes the day in its old block
    assert next_sequence(1, 1005) == 1006
    assert next_sequence(1, 7) == 8
    # no desk's new block meets any desk's old or new block
    spaces = [set(sequence_block(d)) for d in range(1, 100)] + [set(legacy_block(1))]
    assert sum(len(s) for s in spaces) == len(set().union(*spaces))
    assert in_desk_space(1, 1) and in_desk_space(1, 1999) and not in_desk_space(1, 2001)
    assert in_desk_space(2, 2001) and not in_desk_space(2, 1)


def test_codes_from_two_desks_never_collide_over_a_full_day() -> None:
    template = CodeTemplate()
    day = date(2026, 3, 4)
    issued: dict[int, list[str]] = {1: [], 2: [], 10: []}
    for desk, codes in issued.items():
        last = None
        for _ in range(999):
            last = next_sequence(desk, last)
            codes.append(template.format(agency="000.00.31.H26", day=day, seq=last, desk=desk))
    everything = [c for codes in issued.values() for c in codes]
    assert len(everything) == len(set(everything)) == 3 * 999
    assert issued[1][0] == "000.00.31.H26-260304-0001"
    assert issued[10][0] == "000.00.31.H26-260304-10001"


def test_a_full_block_is_a_clear_error_not_a_collision() -> None:
    with pytest.raises(DailySequenceExhausted, match="Quầy 1 đã dùng hết 999 số"):
        next_sequence(1, 999)


def test_templates_and_agency_codes_are_checked() -> None:
    assert (
        CodeTemplate("{agency}-{yyyymmdd}-D{desk}-{seq}").format(
            agency="X", day=date(2026, 3, 4), seq=1001, desk=1
        )
        == "X-20260304-D1-1001"
    )
    with pytest.raises(InvalidField):
        CodeTemplate("{agency}-{yymmdd}")  # no {seq}
    with pytest.raises(InvalidField):
        CodeTemplate("{agency}-{seq}-{officer}")
    # only codes the district server takes from a desk: agency first, sequence number last
    for other in ["{yymmdd}-{agency}-{seq}", "{agency}-{seq}-{yymmdd}", "{agency}/{yymmdd}/{seq}",
                  "{agency}-{yymmdd} {seq}", "{agency}-{yymmdd!r}-{seq}", "{agency}-{seq:>6}"]:  # fmt: skip
        with pytest.raises(InvalidField, match="«-\\{seq\\}»"):
            CodeTemplate(other)
    assert validate_agency_code("000.00.12.h12") == "000.00.12.H12"
    for bad in ["", "000..12", "000.00.12.H12-", "A" * 36, "xã.01", "000.00.12", "12.H26",
                "HH1.01", "H2.01", "000.00.12.H12.01"]:  # fmt: skip
        with pytest.raises(InvalidField):
            validate_agency_code(bad)
    with pytest.raises(InvalidField):
        sequence_block(0)


def test_a_scanned_code_or_its_date_sequence_is_recognised() -> None:
    from desk_app.domain.codes import code_key, code_key_in_query

    agency = "000.00.31.H26"
    assert code_key("000.00.31.H26-260304-1001", agency) == "260304-1001"
    assert code_key_in_query(" 000.00.31.h26-260304-1001 ", agency) == "260304-1001"
    assert code_key_in_query("260304-1001", agency) == "260304-1001"
    assert code_key_in_query("nguyen van", agency) is None
    assert code_key_in_query("260304", agency) is None  # a date alone is a word search


def test_agency_codes_follow_decision_20_2020_level_1_leftmost() -> None:
    assert validate_agency_code(" h26.031.05 ") == "H26.031.05"
    assert level1_code("H26.031.05") == "H26"
    assert level1_code("G09") == "G09"
    assert level1_code("000.00.31.H26") == "H26"  # the older layout, still accepted
    assert agency_layout("H26.031.05") is AgencyLayout.RESOLVER_2025  # Circular 04/2025
    assert agency_layout("H26.31.05.01") is AgencyLayout.DECISION_2020
    assert agency_layout("000.00.31.H26") is AgencyLayout.LEGACY
    assert "04/2025" in AgencyLayout.RESOLVER_2025.label
