"""The keyring: the data key wrapped per officer and for recovery, lockouts kept on disk."""

from __future__ import annotations

import base64
import json
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desk_app.domain.errors import LoginFailed
from desk_app.domain.officers import Lockout
from desk_app.storage.kdf import prederive
from desk_app.storage.keyring import KEYRING_FILE, KdfCost, Keyring

CHEAP = KdfCost(time_cost=1, memory_kib=64, parallelism=1)  # the format, not the cost, is tested
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_each_officer_unwraps_the_same_data_key(tmp_path: Path) -> None:
    ring, key, code = Keyring.create(tmp_path, "admin", "mật khẩu quản trị", CHEAP)
    ring.add("canbo", "mật khẩu tạm", key, CHEAP)
    again = Keyring.load(tmp_path)
    mine, must_change = again.unlock("admin", "mật khẩu quản trị", NOW, Lockout())
    theirs, theirs_must = again.unlock("canbo", "mật khẩu tạm", NOW, Lockout())
    assert mine.raw == theirs.raw == key.raw and not must_change and not theirs_must
    assert again.recover(code).raw == key.raw
    assert again.recover(code.lower().replace("-", " ")).raw == key.raw  # typed from a printout
    text = (tmp_path / KEYRING_FILE).read_text()
    assert key.raw.hex() not in text and "mật khẩu" not in text and repr(key) == "DataKey(…)"


def test_wrong_password_and_unknown_name_say_the_same(tmp_path: Path) -> None:
    ring, _, _ = Keyring.create(tmp_path, "admin", "mật khẩu quản trị", CHEAP)
    with pytest.raises(LoginFailed) as wrong:
        ring.unlock("admin", "sai rồi", NOW, Lockout())
    with pytest.raises(LoginFailed) as unknown:
        ring.unlock("ai-do", "sai rồi", NOW, Lockout())
    assert str(wrong.value) == str(unknown.value) == "Sai tên đăng nhập hoặc mật khẩu."


def test_entries_cannot_be_swapped_between_officers(tmp_path: Path) -> None:
    ring, key, _ = Keyring.create(tmp_path, "admin", "mật khẩu quản trị", CHEAP)
    ring.add("canbo", "mật khẩu cán bộ", key, CHEAP)
    data = json.loads((tmp_path / KEYRING_FILE).read_text())
    for part in ("public", "private", "sealed", "salt"):
        data["officers"]["canbo"][part] = data["officers"]["admin"][part]
    (tmp_path / KEYRING_FILE).write_text(json.dumps(data))
    with pytest.raises(LoginFailed):  # admin's password, admin's entry, under canbo's name
        Keyring.load(tmp_path).unlock("canbo", "mật khẩu quản trị", NOW, Lockout())


def test_lockout_survives_a_restart_and_a_right_password_resets_it(tmp_path: Path) -> None:
    Keyring.create(tmp_path, "admin", "mật khẩu quản trị", CHEAP)
    rule = Lockout(attempts=3, minutes=5)
    for n in range(3):
        with pytest.raises(LoginFailed) as failed:
            Keyring.load(tmp_path).unlock("admin", "sai", NOW + timedelta(seconds=n), rule)
    assert "Sai tên đăng nhập" in str(failed.value)
    with pytest.raises(LoginFailed, match="tạm khóa do nhập sai mật khẩu 3 lần"):
        Keyring.load(tmp_path).unlock(
            "admin", "mật khẩu quản trị", NOW + timedelta(minutes=1), rule
        )
    later = NOW + timedelta(minutes=6)
    Keyring.load(tmp_path).unlock("admin", "mật khẩu quản trị", later, rule)
    assert Keyring.load(tmp_path).officers["admin"].failures == 0


def test_a_changed_password_rewraps_the_same_key(tmp_path: Path) -> None:
    ring, key, _ = Keyring.create(tmp_path, "admin", "mật khẩu cũ 1", CHEAP)
    ring.set_password("admin", "mật khẩu mới 2", key, CHEAP)
    with pytest.raises(LoginFailed):
        Keyring.load(tmp_path).unlock("admin", "mật khẩu cũ 1", NOW, Lockout())
    assert (
        Keyring.load(tmp_path).unlock("admin", "mật khẩu mới 2", NOW, Lockout())[0].raw == key.raw
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [("ABCDE-FGHIJ", "40 chữ cái"), ("A" * 40, "không đúng với quầy này")],
)
def test_a_wrong_recovery_code_says_why(tmp_path: Path, code: str, words: str) -> None:
    ring, _, _ = Keyring.create(tmp_path, "admin", "mật khẩu quản trị", CHEAP)
    with pytest.raises(LoginFailed, match=words):
        ring.recover(code)


@pytest.mark.parametrize("content", ["", "{", '{"format": 9}', '{"format": 1}', "\x00\x01"])
def test_a_damaged_keyring_says_to_restore_a_backup(tmp_path: Path, content: str) -> None:
    (tmp_path / KEYRING_FILE).write_text(content)
    with pytest.raises(LoginFailed, match="khôi phục thư mục dữ liệu từ bản sao lưu"):
        Keyring.load(tmp_path)


def test_the_default_cost_is_argon2id_128_mib_three_passes() -> None:
    assert KdfCost() == KdfCost(time_cost=3, memory_kib=131072, parallelism=2)


def test_a_password_typed_decomposed_opens_what_was_set_composed(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "Lúa chín 2026")
    _ring, key, _ = Keyring.create(tmp_path, "admin", composed, CHEAP)
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    opened, _ = Keyring.load(tmp_path).unlock("admin", decomposed, NOW, Lockout())
    assert opened.raw == key.raw


def test_a_desk_set_up_at_the_former_default_wraps_new_passwords_at_todays(
    tmp_path: Path,
) -> None:
    former = KdfCost(time_cost=3, memory_kib=65536, parallelism=2)
    ring, _key, _ = Keyring.create(tmp_path, "admin", "x", former)
    assert ring.cost() == KdfCost()
    (tmp_path / "cheap").mkdir()
    cheap, _key, _ = Keyring.create(tmp_path / "cheap", "admin", "x", CHEAP)
    assert cheap.cost() == CHEAP


def test_a_format_1_keyring_opens_and_each_entry_is_sealed_at_its_next_sign_in(
    tmp_path: Path,
) -> None:
    """A keyring written before format 2: the data key wrapped straight under the KEK."""
    import base64
    import secrets

    from desk_app.storage.keyring import DataKey, _recovery_kek, _wrap, new_recovery_code

    key, code = DataKey.new(), new_recovery_code()
    salt = secrets.token_bytes(16)
    entry = {
        "salt": base64.b64encode(salt).decode(),
        "wrapped": _wrap(CHEAP.derive("mật khẩu cũ", salt), key, "admin"),
        "kdf": {"name": "argon2id", "time_cost": 1, "memory_kib": 64, "parallelism": 1},
        "failures": 0, "last_failure": None, "must_change": False,
    }  # fmt: skip
    old = {"format": 1, "officers": {"admin": entry},
           "recovery": _wrap(_recovery_kek(code), key, "recovery")}  # fmt: skip
    (tmp_path / KEYRING_FILE).write_text(json.dumps(old))
    assert Keyring.load(tmp_path).recover(code).raw == key.raw
    opened, _ = Keyring.load(tmp_path).unlock("admin", "mật khẩu cũ", NOW, Lockout())
    assert opened.raw == key.raw
    upgraded = json.loads((tmp_path / KEYRING_FILE).read_text())
    assert upgraded["format"] == 2 and "wrapped" not in upgraded["officers"]["admin"]
    again, _ = Keyring.load(tmp_path).unlock("admin", "mật khẩu cũ", NOW, Lockout())
    assert again.raw == key.raw


def test_a_key_derived_early_opens_and_a_stale_one_is_derived_again(tmp_path: Path) -> None:
    """``prederive`` derives before the services load; ``unlock`` takes it only for the
    salt and cost it was made for, and an early key that does not open (the keyring
    changed meanwhile) is derived again instead of counting as a wrong password."""
    ring, key, _ = Keyring.create(tmp_path, "admin", "mật khẩu cũ", CHEAP)
    early = prederive(tmp_path, "admin", "mật khẩu cũ")
    assert early is not None and early.kek == CHEAP.derive("mật khẩu cũ", early_salt(tmp_path))
    assert ring.unlock("admin", "mật khẩu cũ", NOW, Lockout(), early)[0].raw == key.raw
    assert prederive(tmp_path, "ai-do", "x") is None  # unlock says "wrong name or password"
    assert prederive(tmp_path / "none", "admin", "x") is None  # unlock says "not set up"
    ring.set_password("admin", "mật khẩu mới", key, CHEAP)  # a new salt meanwhile
    again = Keyring.load(tmp_path)
    assert again.unlock("admin", "mật khẩu mới", NOW, Lockout(), early)[0].raw == key.raw
    # an early key of another password is not used: the password given is derived
    wrong = prederive(tmp_path, "admin", "mật khẩu cũ")
    right = prederive(tmp_path, "admin", "mật khẩu mới")
    assert wrong is not None and right is not None
    assert again.unlock("admin", "mật khẩu mới", NOW, Lockout(), wrong)[0].raw == key.raw
    assert Keyring.load(tmp_path).officers["admin"].failures == 0
    with pytest.raises(LoginFailed):  # the right password's early key opens nothing else
        again.unlock("admin", "sai rồi", NOW, Lockout(), right)
    assert Keyring.load(tmp_path).officers["admin"].failures == 1
    # the same password's key, stale (as if derived wrongly): derived again, signed in
    stale = replace(right, kek=bytes(32))
    assert again.unlock("admin", "mật khẩu mới", NOW, Lockout(), stale)[0].raw == key.raw


def early_salt(data_dir: Path) -> bytes:
    return base64.b64decode(Keyring.load(data_dir).officers["admin"].salt)
