"""A hub copying entries from the upstream replays them in the order they reached it, by
their place in its feed, never by a clock (issue 23: clock skew)."""

from __future__ import annotations

from district_server.hub.forwarder import arrival_order


def test_entries_are_replayed_by_feed_position_not_by_the_time_they_carry() -> None:
    late_clock = "2026-12-06T08:00:00+00:00"  # the upstream's clock was set back meanwhile
    early_clock = "2026-12-06T09:00:00+00:00"
    by_desk = {
        "a": [
            {"seq": 1, "arrival": 5, "received_at": early_clock},
            {"seq": 2, "arrival": None, "received_at": early_clock},  # withheld there
            {"seq": 3, "arrival": 9, "received_at": late_clock},
        ],
        "b": [{"seq": 1, "arrival": 7, "received_at": late_clock}],
    }
    order = [(e["desk_id"], e["seq"]) for e in arrival_order(by_desk)]
    assert order == [("a", 1), ("a", 2), ("b", 1), ("a", 3)]


def test_an_upstream_that_gives_no_position_keeps_each_desk_s_own_order() -> None:
    by_desk = {"b": [{"seq": 1}, {"seq": 2}], "a": [{"seq": 1}]}
    order = [(e["desk_id"], e["seq"]) for e in arrival_order(by_desk)]
    assert order == [("a", 1), ("b", 1), ("b", 2)]
