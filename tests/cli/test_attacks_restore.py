"""Restore tricks through the real ``desk-app restore``: a revoked administrator with an
old snapshot (taken while they were one) must not put it back over the desk, and so
become an administrator of the live desk again (its accounts and key as they were, and
the next sync fetching back everything sent since)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.domain.errors import LoginFailed
from desk_app.domain.officers import Role
from desk_app.services.desk import Desk
from tests.conftest import TEST_PASSWORD, birth_draft, desk_at, desk_env

FORMER = "Sông Hồng đỏ nặng phù sa 9"
TEMPORARY = "Gió mùa đông bắc tạm 7"


def _desk_app(*args: str | Path, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=300,
        env=desk_env(DESK_APP_PASSWORD=password),
    )  # fmt: skip


def _with_hung(data: Path, role: Role) -> Desk:
    """A desk with officer hung.nv (``role``, his own password set), signed in as him."""
    admin = desk_at(data)
    admin.accounts.add("hung.nv", "Nguyễn Văn Hùng", role, TEMPORARY)
    admin.close()
    former = desk_at(data, officer="hung.nv", password=TEMPORARY)
    former.accounts.change_own_password(TEMPORARY, FORMER)
    return former


def test_a_revoked_administrator_cannot_restore_an_old_snapshot_over_the_desk(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    former = _with_hung(data, Role.ADMIN)
    snapshot = former.backups.back_up().snapshot.path  # taken while hung.nv is an administrator
    former.close()
    admin = desk_at(data)
    admin.accounts.revoke("hung.nv", "nghỉ việc")
    code = admin.intake.receive(birth_draft(admin)).record.code  # after the snapshot
    admin.close()  # the data key is replaced here

    out = _desk_app("restore", "--officer", "hung.nv", "--data-dir", data, snapshot,
                    password=FORMER)  # fmt: skip
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "Lỗi: " in out.stderr
    assert not list(tmp_path.glob("data.before-restore-*"))  # the desk was not replaced
    admin = desk_at(data)
    try:
        db = admin.storage.db
        assert db.execute("SELECT count(*) FROM dossiers WHERE code = ?", [code]).fetchone()[0]
        (revoked,) = db.execute(
            "SELECT revoked_at FROM officers WHERE username = 'hung.nv'"
        ).fetchone()
        assert revoked is not None
    finally:
        admin.close()
    # the administrators of the desk still restore as before
    assert _desk_app("restore", "--data-dir", data, snapshot, password=TEMPORARY).returncode == 2
    ok = _desk_app("restore", "--data-dir", data, snapshot, password=TEST_PASSWORD)
    assert ok.returncode == 0, ok.stderr


def test_an_account_revoked_since_the_snapshot_stays_revoked_after_a_restore(
    tmp_path: Path,
) -> None:
    """The administrator restores a snapshot taken before a revocation: its accounts came
    back as they were, so the revoked officer signed in to the live desk again (and its
    next sync fetched back everything sent since)."""
    data = tmp_path / "data"
    _with_hung(data, Role.RECEPTION).close()
    admin = desk_at(data)
    snapshot = admin.backups.back_up().snapshot.path
    admin.accounts.revoke("hung.nv", "nghỉ việc")
    admin.close()

    out = _desk_app("restore", "--data-dir", data, snapshot, password=TEST_PASSWORD)
    assert out.returncode == 0, out.stderr
    with pytest.raises(LoginFailed):
        desk_at(data, officer="hung.nv", password=FORMER).close()
    admin = desk_at(data)  # the administrator works on
    admin.close()
