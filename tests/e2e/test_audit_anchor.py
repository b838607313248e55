"""Issue 20 item 11: an officer with the desk's key rewrites the audit chain; the server's
signed anchor (a key no officer holds) makes ``audit-verify`` say so.

Real files and processes: the SQLCipher database opened with the officer's own key (as
the reception officer of the issue did), the district server on loopback, ``desk-app
audit-verify`` run as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.domain.audit import GENESIS, AuditAction, AuditEntry, seal, verify
from desk_app.domain.officers import Lockout, Role
from desk_app.services.desk import Desk
from desk_app.storage.database import connect
from desk_app.storage.keyring import Keyring
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at
from tests.e2e.conftest import RunningServer

LAN_TEMPORARY = "Con cò bay lả 2026"
LAN_OWN = "Trâu cày ruộng sâu 7"


def _audit_verify(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", "audit-verify", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=os.environ | {"DESK_APP_PASSWORD": TEST_PASSWORD},
        stdin=subprocess.DEVNULL,
    )


def _reseal_without(raw: object, officer: str) -> int:
    """What the reception officer of the issue did: drop the triggers, delete their own
    entries, renumber and re-seal every later entry, put the triggers back."""
    db = raw  # a sqlcipher3 connection keyed with the officer's key
    db.execute("DROP TRIGGER audit_log_no_update")  # type: ignore[attr-defined]
    db.execute("DROP TRIGGER audit_log_no_delete")  # type: ignore[attr-defined]
    rows = db.execute(  # type: ignore[attr-defined]
        "SELECT seq, at, officer, action, subject, detail FROM audit_log ORDER BY seq"
    ).fetchall()
    db.execute("DELETE FROM audit_log")  # type: ignore[attr-defined]
    previous, seq, dropped = GENESIS, 0, 0
    for row in rows:
        if row[2] == officer:
            dropped += 1
            continue
        seq += 1
        entry = AuditEntry(seq, row[1], row[2], AuditAction(row[3]), row[4], row[5])
        digest = seal(previous, entry)
        db.execute(  # type: ignore[attr-defined]
            "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [seq, row[1], row[2], row[3], row[4], row[5], previous, digest],
        )
        previous = digest
    db.execute(  # type: ignore[attr-defined]
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    db.execute(  # type: ignore[attr-defined]
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    return dropped


def _enrolled_desk_where_lan_worked(
    tmp_path: Path, district: RunningServer, clock: FakeClock
) -> tuple[Path, str]:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    data_dir = tmp_path / "data"
    admin = desk_at(data_dir, clock=clock)
    try:
        admin.sync.enrol(
            district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
        )
        admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, LAN_TEMPORARY)
        desk_id = admin.sync.identity().desk_id  # type: ignore[union-attr]
    finally:
        admin.close()
    lan = desk_at(data_dir, clock=clock, officer="lan.pt", password=LAN_TEMPORARY)
    try:
        lan.accounts.change_own_password(LAN_TEMPORARY, LAN_OWN)
        for _ in range(4):
            record = lan.intake.receive(birth_draft(lan)).record
            lan.lifecycle.view(record.id)
        lan.sync.run_once()  # the chain goes up; the answer carries the signed anchor
    finally:
        lan.close()
    return data_dir, desk_id


def test_a_resealed_chain_fails_audit_verify_against_the_servers_anchor(
    tmp_path: Path, district: RunningServer, clock: FakeClock
) -> None:
    data_dir, desk_id = _enrolled_desk_where_lan_worked(tmp_path, district, clock)
    held = district.store.audit_of(desk_id)
    assert sum(1 for r in held if r["officer"] == "lan.pt") >= 9

    before = _audit_verify(data_dir)
    assert before.returncode == 0, before.stderr
    assert f"xác nhận của máy chủ đến mục {len(held)}" in before.stdout

    # the reception officer opens the database with their own key and rewrites the chain
    key = Keyring.load(data_dir).unlock("lan.pt", LAN_OWN, clock(), Lockout())[0]
    raw = connect(data_dir / "desk.sqlite3", key)
    dropped = _reseal_without(raw, "lan.pt")
    chain = raw.execute(
        "SELECT seq, at, officer, action, subject, detail, prev_hash, hash FROM audit_log "
        "ORDER BY seq"
    ).fetchall()
    raw.close()
    # the desk's clean-close mark remembers how long the log was and refuses a shorter one;
    # its message says an administrator may delete the mark: the officer does so
    (data_dir / "desk.sqlite3.clean").unlink(missing_ok=True)
    assert dropped >= 9
    # the re-sealed chain is whole on its own: without an anchor nothing would show
    links = [
        (AuditEntry(r[0], r[1], r[2], AuditAction(r[3]), r[4], r[5]), r[6], r[7]) for r in chain
    ]
    assert verify(links) == []

    after = _audit_verify(data_dir)
    assert after.returncode == 4, after.stdout + after.stderr
    assert "KHÔNG nguyên vẹn" in after.stdout
    # the re-sealed chain is shorter than what the server anchored (a re-sealed chain of
    # the same length would differ at the anchored seq instead)
    assert f"–{len(held)} mà máy chủ đã xác nhận" in after.stderr

    # the window's Đồng bộ page asks the same, without reading the entries
    desk = desk_at(data_dir, clock=clock)
    try:
        status = desk.audit.anchor()
        assert status.anchor is not None and status.anchor.seq == len(held)
        assert "khác với bản máy chủ đã xác nhận" in status.problem
    finally:
        desk.close()


def test_an_anchor_the_officer_signs_themselves_or_an_older_one_does_not_count(
    tmp_path: Path, district: RunningServer, clock: FakeClock
) -> None:
    data_dir, desk_id = _enrolled_desk_where_lan_worked(tmp_path, district, clock)
    key = Keyring.load(data_dir).unlock("lan.pt", LAN_OWN, clock(), Lockout())[0]
    raw = connect(data_dir / "desk.sqlite3", key)
    _reseal_without(raw, "lan.pt")
    seq, head = raw.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC").fetchone()
    forged = protocol.audit_anchor(Ed25519PrivateKey.generate(), desk_id, seq, head, clock())
    raw.execute(
        "UPDATE audit_anchor SET seq = ?, hash = ?, signed = ?",
        [seq, head, protocol.canonical(forged).decode()],
    )
    raw.close()
    (data_dir / "desk.sqlite3.clean").unlink(missing_ok=True)
    after = _audit_verify(data_dir)
    assert after.returncode == 4, after.stdout + after.stderr
    assert "không còn chữ ký hợp lệ" in after.stderr

    desk = desk_at(data_dir, clock=clock)
    try:
        # an older anchor (a replayed answer, an old acknowledgement) never replaces a newer
        from desk_app.storage.audit_store import AuditStore

        assert not AuditStore(desk.storage).set_anchor(1, "0" * 64, {})
    finally:
        desk.close()


def test_the_usb_acknowledgement_carries_the_anchor(
    desk: Desk, district: RunningServer, clock: FakeClock, tmp_path: Path
) -> None:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    desk.intake.receive(birth_draft(desk))
    pack = tmp_path / "xa.zip"
    desk.sync.export_pack(pack)
    imported = subprocess.run(
        [sys.executable, "-m", "district_server", "import-pack", *district.cli_args,
         str(pack)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    ack_file = tmp_path / "xa.zip.ack.json"
    assert desk.audit.anchor().anchor is None
    desk.sync.import_ack(ack_file)
    status = desk.audit.anchor()
    assert status.anchor is not None and status.problem == ""
    held = district.store.audit_of(desk.sync.identity().desk_id)  # type: ignore[union-attr]
    assert (status.anchor.seq, status.anchor.hash) == (held[-1]["seq"], held[-1]["hash"])
