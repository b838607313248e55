"""Issue 20 item 10: a revoked officer's password with an old copy of keys.json opened the
current database. A revocation now replaces the data key (database and papers), and a cut
at any step of the replacement leaves a desk that opens. Real files throughout."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.corpus import form_page
from desk_app.domain.errors import LoginFailed
from desk_app.domain.officers import Lockout, Role
from desk_app.storage import rekey
from desk_app.storage.blob_store import BLOB_DIR, BlobCipher, BlobCorrupt
from desk_app.storage.database import DatabaseError, connect
from desk_app.storage.keyring import KEYRING_FILE, DataKey, Keyring
from tests.conftest import FakeClock, birth_draft, desk_at

TEMPORARY = "Gió mùa đông bắc 7"
LAN = "Trâu cày ruộng sâu 7"


def _desk_with_lan(tmp_path: Path, clock: FakeClock) -> tuple[Path, str, int]:
    """A desk with a dossier, a signed-in officer lan.pt and a digitised paper; lan's copy of
    keys.json taken while lan was still an officer."""
    data = tmp_path / "data"
    admin = desk_at(data, clock=clock)
    admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, TEMPORARY)
    admin.close()
    lan = desk_at(data, clock=clock, officer="lan.pt", password=TEMPORARY)
    lan.accounts.change_own_password(TEMPORARY, LAN)
    record = lan.intake.receive(birth_draft(lan)).record
    scan = tmp_path / "scan.png"
    form_page().image.save(scan, dpi=(300, 300))
    document = lan.digitisation.digitise_files(record.code, 1, [scan])
    lan.close()
    shutil.copy(data / KEYRING_FILE, tmp_path / "lan-copy-of-keys.json")
    return data, record.code, document.id


def _lans_key_from_her_copy(tmp_path: Path, clock: FakeClock) -> DataKey:
    folder = tmp_path / "lan-copy"
    folder.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "lan-copy-of-keys.json", folder / KEYRING_FILE)
    return Keyring.load(folder).unlock("lan.pt", LAN, clock(), Lockout())[0]


def _opens_database(data: Path, key: DataKey) -> bool:
    conn = connect(data / "desk.sqlite3", key)
    try:
        conn.execute("SELECT count(*) FROM dossiers").fetchone()
    except DatabaseError:
        return False
    finally:
        conn.close()
    return True


def _opens_a_paper(data: Path, key: DataKey) -> bool:
    cipher = BlobCipher(key.derive("blobs"))
    for path in (data / BLOB_DIR).glob("??/*"):
        for sha in _paper_hashes(data):
            try:
                cipher.open(path.read_bytes(), sha)
            except BlobCorrupt:
                continue
            return True
    return False


def _paper_hashes(data: Path) -> list[str]:
    admin = desk_at(data, clock=FakeClock(_NOW))
    try:
        return [r[0] for r in admin.storage.db.execute("SELECT sha256 FROM blobs")]
    finally:
        admin.close()


_NOW = datetime(2026, 3, 4, 9, 15, tzinfo=UTC)


def test_an_old_keys_json_and_a_revoked_password_no_longer_open_the_desk(
    tmp_path: Path, clock: FakeClock
) -> None:
    data, code, document_id = _desk_with_lan(tmp_path, clock)
    old_key = _lans_key_from_her_copy(tmp_path, clock)
    assert _opens_database(data, old_key) and _opens_a_paper(data, old_key)  # before

    admin = desk_at(data, clock=clock)
    revoked = admin.accounts.revoke("lan.pt", "chuyển công tác")
    assert revoked.recovery_code is None and revoked.must_reset == []
    admin.close()  # the data key is replaced here

    assert not _opens_database(data, old_key)  # the attack, on the real files
    assert not _opens_a_paper(data, old_key)
    with pytest.raises(LoginFailed):
        desk_at(data, clock=clock, officer="lan.pt", password=LAN)
    again = desk_at(data, clock=clock)  # the administrator, unchanged password
    try:
        assert [h.code for h in again.dossiers.search(code)] == [code]
        assert again.digitisation.pdf(document_id).startswith(b"%PDF")
        assert again.storage.integrity_ok()
        assert again.audit.verify()[1] == []
    finally:
        again.close()
    assert not Keyring.load(data).rekey_due
    assert sorted(p.name for p in data.iterdir() if ".next" in p.name or ".old" in p.name) == []


def _cut(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make the replacement stop at ``where`` as a power cut would (every earlier write was
    fsynced, so the files are what a cut leaves)."""

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(f"cut {where}")

    if where == "after the marker":
        monkeypatch.setattr(rekey, "_export_database", boom)
    elif where == "after the database copy":
        monkeypatch.setattr(rekey, "_copy_papers", boom)
    elif where == "after the commit":
        monkeypatch.setattr(rekey, "_roll_forward", boom)
    elif where == "in the roll forward":
        real = os.replace

        def replace(a: str | Path, b: str | Path) -> None:
            if Path(a).name == BLOB_DIR:  # the database is in place, blobs → blobs.old: cut
                raise OSError("cut in the roll forward")
            real(a, b)

        monkeypatch.setattr(rekey.os, "replace", replace)


@pytest.mark.parametrize(
    "where",
    ["after the marker", "after the database copy", "after the commit", "in the roll forward"],
)
def test_a_cut_replacement_is_finished_or_undone_and_redone_at_the_next_sign_in(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    data, code, document_id = _desk_with_lan(tmp_path, clock)
    old_key = _lans_key_from_her_copy(tmp_path, clock)
    admin = desk_at(data, clock=clock)
    admin.accounts.revoke("lan.pt", "chuyển công tác")
    _cut(monkeypatch, where)
    admin.close()  # cut: the close logs it, the desk is left as the cut left it
    monkeypatch.undo()
    left = sorted(p.name for p in data.iterdir() if ".next" in p.name or ".old" in p.name)
    assert (
        left
        == {
            "after the marker": ["keys.json.next"],
            "after the database copy": ["desk.sqlite3.next", "keys.json.next"],
            "after the commit": ["blobs.next", "desk.sqlite3.next"],
            "in the roll forward": ["blobs.next"],
        }[where]
    )

    again = desk_at(data, clock=clock)  # settles, and replaces the key if still due
    try:
        assert [h.code for h in again.dossiers.search(code)] == [code]
        assert again.digitisation.pdf(document_id).startswith(b"%PDF")
        assert again.storage.integrity_ok()
    finally:
        again.close()
    assert not _opens_database(data, old_key)
    assert not _opens_a_paper(data, old_key)
    assert not Keyring.load(data).rekey_due
    leftovers = [p.name for p in data.iterdir() if ".next" in p.name or ".old" in p.name]
    assert leftovers == []


def test_the_replacement_waits_while_another_process_has_the_desk_open(
    tmp_path: Path, clock: FakeClock
) -> None:
    import subprocess
    import sys

    data, _code, _doc = _desk_with_lan(tmp_path, clock)
    holder = subprocess.Popen(  # another desk-app process holding the database open
        [sys.executable, "-c",
         "import sys, fcntl, os; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_SH); print('held', flush=True); sys.stdin.read()",
         str(data / "desk.sqlite3.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        admin = desk_at(data, clock=clock)
        admin.accounts.revoke("lan.pt", "chuyển công tác")
        admin.close()
        assert Keyring.load(data).rekey_due  # not replaced under the other process
    finally:
        holder.communicate("")
    admin = desk_at(data, clock=clock)  # the next sign-in does it
    admin.close()
    assert not Keyring.load(data).rekey_due
    assert not _opens_database(data, _lans_key_from_her_copy(tmp_path, clock))
