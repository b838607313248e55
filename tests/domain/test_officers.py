from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from desk_app.domain.errors import InvalidField, NotAllowed, WeakPassword
from desk_app.domain.officers import (
    Lockout,
    Permission,
    Role,
    can,
    check_password,
    clean_username,
    require,
)


def test_roles_decide_what_each_may_do() -> None:
    assert can(Role.RECEPTION, Permission.RECEIVE)
    assert not can(Role.RECEPTION, Permission.MANAGE_OFFICERS)
    assert not can(Role.RECEPTION, Permission.EXPORT)
    assert can(Role.LEADER, Permission.AUDIT) and not can(Role.LEADER, Permission.RECEIVE)
    assert all(can(Role.ADMIN, p) for p in Permission)
    with pytest.raises(NotAllowed, match=r"Cán bộ tiếp nhận.*quản lý tài khoản"):
        require(Role.RECEPTION, Permission.MANAGE_OFFICERS)


@pytest.mark.parametrize(
    ("typed", "kept"), [("  NguyenVanA ", "nguyenvana"), ("tu.phap-2", "tu.phap-2")]
)
def test_usernames_are_cleaned(typed: str, kept: str) -> None:
    assert clean_username(typed) == kept


@pytest.mark.parametrize("bad", ["", "a", "nguyễn", "1abc", "a b", "x" * 33, "admin;--"])
def test_bad_usernames_say_what_a_username_is(bad: str) -> None:
    with pytest.raises(InvalidField, match="Tên đăng nhập"):
        clean_username(bad)


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("ngắn", "ít nhất 12"),
        (" khoảng trắng ", "dấu cách"),
        ("nguyenvana2026", "tên đăng nhập"),
        ("aaaaaaaaaaaa", "4 ký tự khác nhau"),
    ],
)
def test_weak_passwords_are_refused_in_words(password: str, words: str) -> None:
    with pytest.raises(WeakPassword, match=words):
        check_password(password, username="nguyenvana")


def test_passwords_are_compared_in_nfc() -> None:
    typed = unicodedata.normalize("NFD", "Lúa chín vàng đồng")  # what some keyboards send
    assert check_password(typed, username="canbo") == unicodedata.normalize("NFC", typed)
    assert typed != unicodedata.normalize("NFC", typed)


def test_lockout_waits_longer_after_each_further_failure_up_to_a_day() -> None:
    rule, at = Lockout(attempts=5, minutes=5), datetime(2026, 11, 23, 8, tzinfo=UTC)
    assert rule.locked_until(4, at) is None
    assert rule.locked_until(5, at) == at + timedelta(minutes=5)
    assert rule.locked_until(6, at) == at + timedelta(minutes=10)
    assert rule.locked_until(40, at) == at + timedelta(days=1)


@pytest.mark.parametrize(
    "password",
    [
        "12345678",  # accepted before, found in 3 s from a copied keys.json (issue 20)
        "123456a@",
        "matkhau123456",
        "M@tkh4u 2024!",
        "Mật khẩu quản trị",
        "anhyeuem1234",
        "qwertyuiop12",
        "1qaz2wsx3edc",
        "01011990abcd",
        "19900101 hoa lan",
        "Nguyen1990!!",
        "Hương Giang 1995",
        "p@ssw0rd2024!",
        "Minh Phú 2026 abc",  # the commune's name and a year
        "Ngô Thị Hoa 88",  # the officer's own name
        "abcabcabcabc",
        "987654321000",
    ],
)
def test_what_an_offline_guesser_tries_first_is_refused(password: str) -> None:
    with pytest.raises(WeakPassword, match="Gợi ý"):
        check_password(password, username="hoa.nt", commune="UBND xã Minh Phú",
                       full_name="Ngô Thị Hoa")  # fmt: skip


@pytest.mark.parametrize(
    "password",
    [
        "cá heo leo núi tháng mười",
        "Trâu cày ruộng sâu 7",
        "Đi chợ mua rau",  # a passphrase of 4 words, under 12 characters
        "xk7Rq2mZp9Lw",
        "Lúa chín 2026",
    ],
)
def test_long_or_passphrase_passwords_pass(password: str) -> None:
    assert check_password(password, username="hoa.nt", commune="UBND xã Minh Phú",
                          full_name="Ngô Thị Hoa") == password  # fmt: skip


def test_the_message_names_what_made_it_guessable() -> None:
    with pytest.raises(WeakPassword) as refused:
        check_password("Minh Phú 1990 xy", username="hoa.nt", commune="UBND xã Minh Phú")
    assert "«minh»" in refused.value.message and "«1990»" in refused.value.message
    assert "cá heo leo núi" in refused.value.message  # and the way forward
