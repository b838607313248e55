"""Issue 20 item 10: what a copied data folder tells an offline guesser, on real files."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from desk_app.domain.errors import WeakPassword
from desk_app.domain.officers import Lockout, Role
from desk_app.storage.database import connect
from desk_app.storage.keyring import KEYRING_FILE, Keyring
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at

LAN = "Gió mùa đông bắc 7"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows uses the profile's ACLs")
def test_the_data_folder_keyring_database_and_papers_are_private_to_the_user(
    tmp_path: Path, clock: FakeClock
) -> None:
    old = os.umask(0o022)  # a usual umask: files 0644 and folders 0755 unless asked
    try:
        desk = desk_at(tmp_path / "data", clock=clock)
        desk.intake.receive(birth_draft(desk))
        desk.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, LAN)
        done = desk.backups.back_up(tmp_path / "backups", keep=3)
        desk.close()
    finally:
        os.umask(old)
    data = tmp_path / "data"
    assert _mode(data) == 0o700
    assert _mode(data / KEYRING_FILE) == 0o600
    assert _mode(data / "desk.sqlite3") == 0o600
    assert _mode(tmp_path / "backups") == 0o700
    assert _mode(done.snapshot.path / KEYRING_FILE) == 0o600


def test_keys_json_does_not_say_which_accounts_have_a_temporary_password(
    tmp_path: Path, clock: FakeClock
) -> None:
    admin = desk_at(tmp_path / "data", clock=clock)
    admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, LAN)
    admin.close()
    ring = json.loads((tmp_path / "data" / KEYRING_FILE).read_text(encoding="utf-8"))
    assert "must_change" not in json.dumps(ring)
    lan = desk_at(tmp_path / "data", clock=clock, officer="lan.pt", password=LAN)
    assert lan.session.must_change_password  # the flag lives in the encrypted database
    lan.accounts.change_own_password(LAN, "Trâu cày ruộng sâu 7")
    lan.close()
    again = desk_at(
        tmp_path / "data", clock=clock, officer="lan.pt", password="Trâu cày ruộng sâu 7"
    )
    assert not again.session.must_change_password
    again.close()


def test_an_older_keyrings_clear_flag_moves_into_the_database(
    tmp_path: Path, clock: FakeClock
) -> None:
    admin = desk_at(tmp_path / "data", clock=clock)
    admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, LAN)
    admin.close()
    path = tmp_path / "data" / KEYRING_FILE
    ring = json.loads(path.read_text(encoding="utf-8"))
    ring["officers"]["lan.pt"]["must_change"] = True  # as an older desk wrote it
    path.write_text(json.dumps(ring), encoding="utf-8")
    # (the database's flag cleared, as on a desk from before the move)
    key = Keyring.load(tmp_path / "data").unlock("admin", TEST_PASSWORD, clock(), Lockout())[0]
    raw = connect(tmp_path / "data" / "desk.sqlite3", key)
    raw.execute("UPDATE officers SET must_change_password = 0")
    raw.close()
    admin = desk_at(tmp_path / "data", clock=clock)  # any sign-in moves every flag
    admin.close()
    assert "must_change" not in path.read_text(encoding="utf-8")
    lan = desk_at(tmp_path / "data", clock=clock, officer="lan.pt", password=LAN)
    assert lan.session.must_change_password
    lan.close()


def test_a_weak_password_is_refused_when_set_and_the_commune_name_counts(
    tmp_path: Path, clock: FakeClock
) -> None:
    desk = desk_at(tmp_path / "data", clock=clock)
    settings = desk.settings.load()
    desk.settings.save(replace(settings, parent_unit="UBND xã Minh Phú", place="Xã Minh Phú"))
    for weak in ("12345678", "123456a@", "Matkhau@2024", "Minh Phú 2026!!", "Phạm Thị Lan 1990"):
        with pytest.raises(WeakPassword):
            desk.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, weak)
    desk.close()
