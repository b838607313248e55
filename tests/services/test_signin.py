"""The sign-in of ``desk-app gui`` on a thread of its own: the same key, the same refusals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.app import open_desk
from desk_app.domain.errors import LoginFailed
from desk_app.services.access import NotSetUp, unlock
from desk_app.services.signin import unlock_in_background
from tests.conftest import TEST_PASSWORD, FakeClock, desk_at


def test_the_key_derived_on_its_own_thread_signs_in_and_refuses_as_the_sign_in_does(
    tmp_path: Path, clock: FakeClock
) -> None:
    """``desk-app gui`` derives the key while the window's code loads: the same key, the
    same refusals, each failure counted toward the lockout."""
    data = tmp_path / "d"
    desk_at(data, clock=clock).close()
    for _ in range(5):
        with pytest.raises(LoginFailed, match="Sai tên đăng nhập hoặc mật khẩu"):
            unlock_in_background(data, "admin", "sai mật khẩu", clock).result(timeout=60)
    with pytest.raises(LoginFailed, match="tạm khóa"):  # even the right password waits
        unlock_in_background(data, "admin", TEST_PASSWORD, clock).result(timeout=60)
    clock.now += timedelta(minutes=6)
    unlocked = unlock_in_background(data, " Admin ", TEST_PASSWORD, clock).result(timeout=60)
    assert unlocked.username == "admin"
    assert unlocked.key.raw == unlock(data, "admin", TEST_PASSWORD, clock).key.raw
    desk = open_desk(data, unlocked=unlocked, clock=clock, check_later=True)
    assert desk.session.username == "admin"
    desk.close()
    with pytest.raises(NotSetUp):
        unlock_in_background(tmp_path / "none", "admin", TEST_PASSWORD, clock).result(timeout=60)
