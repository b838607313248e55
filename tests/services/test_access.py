"""Signing in opens the data: accounts, roles, lockout, encryption at rest, the audit chain."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.app import open_desk
from desk_app.domain.audit import AuditAction
from desk_app.domain.errors import DeskError, LoginFailed, NotAllowed, WeakPassword
from desk_app.domain.officers import Lockout, Role
from desk_app.services.access import NotSetUp, recover_admin, set_up_desk
from desk_app.storage.database import connect
from desk_app.storage.keyring import Keyring
from tests.conftest import CHEAP_KDF, TEST_PASSWORD, FakeClock, birth_draft, desk_at

NAME = "Nguyễn Thị Hồng Nhung"


def test_a_copy_of_the_data_folder_holds_no_name_no_id_and_no_scan(
    tmp_path: Path, clock: FakeClock
) -> None:
    desk = desk_at(tmp_path / "desk", clock=clock)
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "scan.png"
    from bench.corpus import form_page

    form_page().image.save(scan, dpi=(300, 300))
    document = desk.digitisation.digitise_files(record.code, 1, [scan])
    pdf = desk.digitisation.pdf(document.id)
    assert record.applicant.full_name == NAME
    id_number = record.applicant.id_number
    needles = {
        "name": NAME.encode(),
        "name, folded": b"nguyen thi hong nhung",
        "name, UTF-16": NAME.encode("utf-16-le"),
        "ID number": id_number.encode(),
        "dossier code": record.code.encode(),
        "PDF header": b"%PDF",
        "a piece of the scan": pdf[2000:2032],
        "SQLite header": b"SQLite format 3",
    }

    def steal(folder: Path) -> list[Path]:
        shutil.copytree(tmp_path / "desk", folder)
        files = [p for p in folder.rglob("*") if p.is_file()]
        for path in files:
            data = path.read_bytes()
            for what, needle in needles.items():
                assert needle not in data, f"{what} readable in {path.relative_to(folder)}"
        return files

    # While the desk is open the newest pages live in the write-ahead log: stolen then too.
    assert (tmp_path / "desk" / "desk.sqlite3-wal").stat().st_size > 0
    while_open = steal(tmp_path / "stolen-open")
    assert any(p.name == "desk.sqlite3-wal" for p in while_open)
    desk.close()
    assert len(steal(tmp_path / "stolen")) >= 3  # database, keyring, at least one scan


def test_wrong_password_unknown_officer_and_lockout(tmp_path: Path, clock: FakeClock) -> None:
    desk_at(tmp_path / "d", clock=clock).close()
    with pytest.raises(LoginFailed, match="Sai tên đăng nhập hoặc mật khẩu"):
        open_desk(tmp_path / "d", officer="admin", password="sai mật khẩu", clock=clock)
    with pytest.raises(LoginFailed, match="Sai tên đăng nhập hoặc mật khẩu"):
        open_desk(tmp_path / "d", officer="nobody", password=TEST_PASSWORD, clock=clock)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            open_desk(tmp_path / "d", officer="admin", password="sai nữa", clock=clock)
    with pytest.raises(LoginFailed, match="tạm khóa"):  # even the right password waits
        open_desk(tmp_path / "d", officer="admin", password=TEST_PASSWORD, clock=clock)
    clock.now += timedelta(minutes=6)
    open_desk(tmp_path / "d", password=TEST_PASSWORD, clock=clock).close()
    with pytest.raises(NotSetUp):
        open_desk(tmp_path / "none", password=TEST_PASSWORD, clock=clock)


def test_roles_decide_and_every_event_names_its_officer(tmp_path: Path, clock: FakeClock) -> None:
    admin = desk_at(tmp_path / "d", clock=clock)
    with pytest.raises(WeakPassword):
        admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, "lan")
    admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, "Gió mùa đông bắc 7")
    admin.accounts.add("chu.tich", "Lê Văn Chủ", Role.LEADER, "Gió mùa đông bắc 7")
    with pytest.raises(DeskError, match="đã có"):
        admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, "Gió mùa đông bắc 7")
    admin.close()

    lan = desk_at(tmp_path / "d", clock=clock, officer="lan.pt", password="Gió mùa đông bắc 7")
    assert lan.session.must_change_password
    lan.accounts.change_own_password("Gió mùa đông bắc 7", "Của riêng Lan 1")
    record = lan.intake.receive(birth_draft(lan)).record
    assert lan.lifecycle.view(record.id).history[-1].officer_name == "Phạm Thị Lan"
    with pytest.raises(NotAllowed, match="quản lý tài khoản"):
        lan.accounts.add("x.y", "X Y", Role.ADMIN, "Gió mùa đông bắc 7")
    lan.close()

    leader = desk_at(tmp_path / "d", clock=clock, officer="chu.tich", password="Gió mùa đông bắc 7")
    with pytest.raises(NotAllowed, match="tiếp nhận hồ sơ"):
        leader.intake.receive(birth_draft(leader))
    leader.close()

    admin = desk_at(tmp_path / "d", clock=clock)
    admin.accounts.revoke("chu.tich", "nghỉ hưu")
    admin.close()
    with pytest.raises(LoginFailed):
        desk_at(tmp_path / "d", clock=clock, officer="chu.tich", password="Gió mùa đông bắc 7")


def test_the_recovery_code_opens_a_desk_whose_password_is_forgotten(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "d"
    code = set_up_desk(
        data, username="admin", full_name="Quản trị", password="Quên mất rồi 1", clock=clock,
        cost=CHEAP_KDF,
    )  # fmt: skip
    desk = open_desk(data, password="Quên mất rồi 1", clock=clock)
    made = desk.intake.receive(birth_draft(desk)).record.code
    desk.close()
    with pytest.raises(LoginFailed, match="Mã khôi phục"):
        recover_admin(data, "A" * 40, "admin", "Nhớ lại được 2", clock)
    recover_admin(data, code.lower().replace("-", " "), "admin", "Nhớ lại được 2", clock)
    desk = open_desk(data, password="Nhớ lại được 2", clock=clock)
    assert desk.dossiers.search(made)[0].code == made
    assert {e.detail for e in desk.audit.recent()} >= {"khôi phục bằng mã"}
    desk.close()


def test_the_audit_chain_records_and_catches_an_edit_or_a_removal(
    tmp_path: Path, clock: FakeClock
) -> None:
    desk = desk_at(tmp_path / "d", clock=clock)
    record = desk.intake.receive(birth_draft(desk)).record
    desk.lifecycle.view(record.id)
    desk.receipts.print_copy(record.code)
    desk.reports.write_book(clock().date(), clock().date(), tmp_path / "book.pdf")
    actions = [(e.action, e.subject) for e in reversed(desk.audit.recent())]
    assert actions[0] == (AuditAction.LOGIN, "admin")
    assert (AuditAction.CHANGE, record.code) in actions
    assert (AuditAction.VIEW, record.code) in actions
    assert (AuditAction.EXPORT, "book.pdf") in actions
    assert all(record.applicant.id_number not in e.subject + e.detail for e in desk.audit.recent())
    count, breaks = desk.audit.verify()
    assert count == len(actions) and breaks == []
    with pytest.raises(Exception, match="append-only"):  # the application cannot
        desk.storage.db.execute("UPDATE audit_log SET officer = 'ai-do' WHERE seq = 2")
    key = Keyring.load(tmp_path / "d").unlock("admin", TEST_PASSWORD, clock(), Lockout())[0]
    desk.close()

    # someone with the key and a SQL shell can: the chain shows it
    raw = connect(tmp_path / "d" / "desk.sqlite3", key)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("UPDATE audit_log SET subject = 'khác' WHERE seq = 3")
    raw.execute("DELETE FROM audit_log WHERE seq = 4")
    raw.close()
    desk = desk_at(tmp_path / "d", clock=clock)
    _count, breaks = desk.audit.verify()
    assert [(b.seq, b.reason) for b in breaks] == [
        (3, "nội dung đã bị sửa"),
        (5, "thiếu mục 4–4"),
        (5, "không nối với mục trước (mục trước bị sửa hoặc xóa)"),
    ]
    desk.close()
