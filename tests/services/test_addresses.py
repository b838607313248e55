"""Issue 25 item 9: pre-2025 addresses from old cards offered in the 34-province form,
offline (the converter is never given a street, so it never looks one up)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from desk_app.services.addresses import suggest_new_address


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the address conversion tried the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


def test_an_old_commune_address_becomes_the_merged_commune_keeping_the_street() -> None:
    got = suggest_new_address("Thôn Đông, Xã Minh Phú, Huyện Sóc Sơn, Thành phố Hà Nội")
    assert got is not None
    assert got.new == "Thôn Đông, Xã Kim Anh, Thành phố Hà Nội"
    assert not got.split and got.source.startswith("vietnamadminunits ")


def test_a_merged_province_and_a_city_ward() -> None:
    got = suggest_new_address("Số 12, Phường 1, Quận 3, TP Hồ Chí Minh")
    assert got is not None and got.new == "Số 12, Phường Bàn Cờ, Thành phố Hồ Chí Minh"
    # Hà Giang merged into Tuyên Quang (Resolution 202/2025/QH15)
    got = suggest_new_address("Tổ 1, Phường Minh Khai, Thành phố Hà Giang, Tỉnh Hà Giang")
    assert got is not None and got.new.endswith("Tỉnh Tuyên Quang"), got


def test_a_split_ward_asks_the_officer_to_check() -> None:
    got = suggest_new_address("Xã Tân Thạnh, Huyện Thới Lai, Thành phố Cần Thơ")
    assert got is not None and got.split and "hỏi lại người dân" in got.note


@pytest.mark.parametrize(
    "address",
    ["Thôn Đông, xã Minh Phú, thành phố Hà Nội", "không rõ địa chỉ", "   "],
)
def test_new_or_unknown_addresses_get_no_suggestion(address: str) -> None:
    assert suggest_new_address(address) is None


def test_the_built_program_converts_without_shapely_and_geopy() -> None:
    """The bundle leaves shapely and geopy out (installer/desk-app.spec); the package's
    parser imports them at its top, so the desk's stand-ins take their place."""
    code = (
        "import sys\n"
        "for name in ('shapely', 'geopy', 'numpy'): sys.modules[name] = None\n"
        "from desk_app.services.addresses import SAMPLE_OLD_ADDRESS, suggest_new_address\n"
        "print(suggest_new_address(SAMPLE_OLD_ADDRESS).new)\n"
        "print(suggest_new_address(SAMPLE_OLD_ADDRESS).new)\n"  # the stand-ins, in place
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},  # (Windows: not the ANSI code page)
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Thôn Đông, Xã Kim Anh, Thành phố Hà Nội"] * 2
    assert "shapely" not in done.stderr


def test_an_address_longer_than_the_form_takes_gets_no_suggestion_at_once() -> None:
    """From a card's chip or QR, which can say anything: 40 KB of commas kept the
    package's parser busy for ~20 s (100 KB: 97 s), the card's read waiting behind it."""
    suggest_new_address("x")  # the package imported before the clock starts
    started = time.perf_counter()
    assert suggest_new_address(", " * 20_000 + "huyện Sóc Sơn, thành phố Hà Nội") is None
    assert time.perf_counter() - started < 0.5
