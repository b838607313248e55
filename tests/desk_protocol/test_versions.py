"""The versions each side names, and which side is behind."""

from __future__ import annotations

import pytest

from desk_protocol.versions import (
    BEFORE_NEGOTIATION,
    Behind,
    Versions,
    behind,
    parse_version,
    parse_versions,
)


def test_a_server_names_one_version_or_a_range() -> None:
    assert str(Versions(2, 2)) == "2"
    assert str(Versions(2, 4)) == "2-4"
    assert parse_versions("2") == Versions(2, 2)
    assert parse_versions(" 2-4 ") == Versions(2, 4)
    for text in (None, "", "4-2", "0", "2-", "-2", "two", "2,3", "12345"):
        assert parse_versions(text) is None, text
    with pytest.raises(ValueError):
        Versions(3, 2)


def test_a_desk_names_one_version() -> None:
    assert parse_version("2") == 2
    for text in (None, "", "0", "2-3", "2.0", "-1", "x"):
        assert parse_version(text) is None, text


def test_the_side_behind_is_the_one_to_update() -> None:
    server = Versions(2, 3)
    assert behind(2, server) is None and behind(3, server) is None
    assert behind(1, server) is Behind.DESK
    assert behind(None, server) is Behind.DESK  # a desk naming no version
    assert behind(4, server) is Behind.SERVER
    assert behind(3, BEFORE_NEGOTIATION) is Behind.SERVER
    assert Behind.DESK.value == "old_desk" and Behind.SERVER.value == "old_server"
