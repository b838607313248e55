"""Roles everywhere: every public entry point of every service, called by every role on a
real desk (a real, encrypted data folder), refused or allowed exactly as the one table says
(``domain.officers.WHO_MAY`` for who holds a permission, ``domain.operations.OPERATIONS``
for the permission each entry point needs).

The methods are found by introspection of the ``Desk``'s services, so an entry point added
without a row in the table, or without a call here, fails the test."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import text_page
from desk_app.app import Desk, open_desk
from desk_app.demo import DemoService
from desk_app.domain.audit import AuditAction
from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.counter import CounterRefusal
from desk_app.domain.errors import DeskError, NotAllowed
from desk_app.domain.fees import PaymentMethod
from desk_app.domain.lifecycle import Action
from desk_app.domain.officers import WHO_MAY, Permission, Role, RoleNotAllowed
from desk_app.domain.operations import OPERATIONS
from desk_app.services.backup import FOLDER_ENV, KEEP
from desk_app.services.desk import DemoMaker
from desk_app.services.fees import FeeSettings
from desk_app.services.today import TodayView
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at

TEMPORARY = "Mật khẩu tạm thời của quầy 2026"
OFFICERS = {Role.ADMIN: "admin", Role.LEADER: "hoa.nt", Role.RECEPTION: "lan.pt"}


@dataclasses.dataclass
class World:
    data: Path
    work: Path
    code: str
    dossier_id: int
    document_id: int
    sha256: str
    id_number: str
    clock: FakeClock
    extra: dict[str, Any]


def _services() -> Iterator[tuple[str, type]]:
    hints = typing.get_type_hints(Desk)
    # the desk names the demo maker by a protocol; desk_app.app gives it desk_app.demo's
    implementations: dict[Any, type] = {DemoMaker: DemoService}
    for field in dataclasses.fields(Desk):
        kind = implementations.get(hints[field.name], hints[field.name])
        if inspect.isclass(kind) and kind.__name__.endswith("Service"):
            yield field.name, kind


def _entry_points() -> list[tuple[str, str, str]]:
    """(desk attribute, member name, Class.member) of every public method and property."""
    found = []
    for attribute, kind in _services():
        for name, _ in inspect.getmembers(kind):
            if not name.startswith("_"):
                found.append((attribute, name, f"{kind.__name__}.{name}"))
    return found


ENTRY_POINTS = _entry_points()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    from datetime import datetime

    from desk_app.domain.calendar import VN_TZ

    clock = FakeClock(datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ))
    root = tmp_path_factory.mktemp("roles")
    data = root / "data"
    admin = desk_at(data, clock=clock)
    try:
        admin.accounts.add(OFFICERS[Role.LEADER], "Trần Thị Hoa", Role.LEADER, TEMPORARY)
        admin.accounts.add(OFFICERS[Role.RECEPTION], "Phạm Thị Lan", Role.RECEPTION, TEMPORARY)
        record = admin.intake.receive(birth_draft(admin)).record
        scan = root / "scan.png"
        text_page(3).image.save(scan, dpi=(300, 300))
        stored = admin.digitisation.digitise_files(record.code, 1, [scan])
        extra = {
            "record": admin.receipts.load(record.code),
            "settings": admin.settings.load(),
            "report": admin.reports.report(admin.reports.period("2026-Q1")),
            "document": admin.digitisation.reusable(record.applicant.id_number)[0],
            "version": record.catalogue_version,
        }
        return World(
            data, root, record.code, record.id, stored.id, stored.sha256,
            record.applicant.id_number, clock, extra,
        )  # fmt: skip
    finally:
        admin.close()


def _calls(w: World) -> dict[str, Callable[[Desk], object]]:
    """One call per entry point, with arguments that let an allowed call run (or fail on
    its own terms, never on the role) and change nothing that matters to the next call."""
    x = w.extra
    record, code, did = x["record"], w.code, w.dossier_id
    folder = w.work / "out"
    folder.mkdir(exist_ok=True)
    text = w.work / "not-a-pdf.txt"
    text.write_text("không phải PDF")
    quarter = date(2026, 1, 1), date(2026, 3, 31)
    return {
        "AuditService.record": lambda d: d.audit.record(AuditAction.VIEW, code),
        "AuditService.verify": lambda d: d.audit.verify(),
        "AuditService.anchor": lambda d: d.audit.anchor(),
        "AccountService.drop_revoked": lambda d: d.accounts.drop_revoked(),
        "AccountService.replace_key_if_due": lambda d: d.accounts.replace_key_if_due(),
        "SyncService.audit_anchor": lambda d: d.sync.audit_anchor(),
        "AuditService.chain": lambda d: d.audit.chain(),
        "AuditService.recent": lambda d: d.audit.recent(5),
        "AccountService.add": lambda d: d.accounts.add("X!", "Ai đó", Role.ADMIN, TEMPORARY),
        "AccountService.reset_password": lambda d: d.accounts.reset_password("khong.co", TEMPORARY),
        "AccountService.revoke": lambda d: d.accounts.revoke("khong.co", "thử"),
        "AccountService.change_own_password": lambda d: d.accounts.change_own_password(
            "sai mật khẩu hiện tại", TEMPORARY + " mới"
        ),
        "AccountService.check_password": lambda d: d.accounts.check_password("sai mật khẩu"),
        "SettingsService.load": lambda d: d.settings.load(),
        "SettingsService.officer_name": lambda d: d.settings.officer_name(1),
        "SettingsService.officers": lambda d: d.settings.officers(),
        "SettingsService.save": lambda d: d.settings.save(x["settings"]),
        "CatalogueService.catalogue": lambda d: d.catalogue.catalogue,
        "CatalogueService.ensure_loaded": lambda d: d.catalogue.ensure_loaded(),
        "CatalogueService.reload": lambda d: d.catalogue.reload(),
        # a file that is no published list: refused on its own terms, nothing stored
        "CatalogueService.import_published": lambda d: d.catalogue.import_published(text),
        "CatalogueService.procedures": lambda d: d.catalogue.procedures(),
        "CatalogueService.find": lambda d: d.catalogue.find("1.001193"),
        "CatalogueService.search": lambda d: d.catalogue.search("khai sinh"),
        "CatalogueService.procedure_in_version": lambda d: d.catalogue.procedure_in_version(
            x["version"], "1.001193"
        ),
        "CatalogueService.procedure_name": lambda d: d.catalogue.procedure_name("1.001193"),
        "CatalogueService.name_in_version": lambda d: d.catalogue.name_in_version(
            x["version"], "1.001193"
        ),
        "CatalogueService.case_rules": lambda d: d.catalogue.case_rules(x["version"], "1.001193"),
        "CatalogueService.component_name": lambda d: d.catalogue.component_name(
            x["version"], "1.001193", "to_khai"
        ),
        "IntakeService.calendar": lambda d: d.intake.calendar,
        "IntakeService.forget_calendar": lambda d: d.intake.forget_calendar(),
        "IntakeService.procedure": lambda d: d.intake.procedure("1.001193"),
        "IntakeService.due_at": lambda d: d.intake.due_at("1.001193", w.clock()),
        "IntakeService.preview": lambda d: d.intake.preview("1.001193", sets=1, pages=None),
        "IntakeService.read_id_card": lambda d: d.intake.read_id_card("không phải mã QR"),
        "IntakeService.known_applicant": lambda d: d.intake.known_applicant(w.id_number),
        "IntakeService.keep_draft": lambda d: d.intake.keep_draft(birth_draft(d)),
        "IntakeService.interrupted_draft": lambda d: d.intake.interrupted_draft(),
        "IntakeService.discard_draft": lambda d: d.intake.discard_draft(),
        "IntakeService.receive": lambda d: d.intake.receive(birth_draft(d)),
        "IntakeService.refuse_at_counter": lambda d: d.intake.refuse_at_counter(
            birth_draft(d).applicant, "1.001193", "Không thuộc thẩm quyền"
        ),
        "IntakeService.set_day_override": lambda d: d.intake.set_day_override(
            DayOverride(date(2026, 12, 31), OverrideKind.OFF, "thử")
        ),
        "IntakeService.remove_day_override": lambda d: d.intake.remove_day_override(
            date(2026, 12, 30)
        ),
        "IntakeService.believed_days": lambda d: d.intake.believed_days(*quarter),
        "DossierQueryService.search_ids": lambda d: d.dossiers.search_ids("nhung"),
        "DossierQueryService.rows": lambda d: d.dossiers.rows([did]),
        "DossierQueryService.search": lambda d: d.dossiers.search("nhung"),
        "DossierQueryService.get": lambda d: d.dossiers.get(did),
        "DossierQueryService.procedure_name": lambda d: d.dossiers.procedure_name("1.001193"),
        "DossierQueryService.count": lambda d: d.dossiers.count(),
        "TodayService.filter": lambda d: d.today.filter(TodayView.LATE),
        "TodayService.counts": lambda d: d.today.counts(),
        "ReceiptService.warm_up": lambda d: d.receipts.warm_up(),
        "ReceiptService.load": lambda d: d.receipts.load(code),
        "ReceiptService.render": lambda d: d.receipts.render(record),
        "ReceiptService.receipt_data": lambda d: d.receipts.receipt_data(record, x["settings"], 0),
        "ReceiptService.counter_refusal": lambda d: d.receipts.counter_refusal(
            CounterRefusal("u", "1.1/PTC", w.clock(), 1, "1.001193", record.applicant, "thử"), "X"
        ),
        "ReceiptService.print_copy": lambda d: d.receipts.print_copy(code),
        "ReceiptService.next_print": lambda d: d.receipts.next_print(code),
        "ReceiptService.record_print": lambda d: d.receipts.record_print(
            d.receipts.next_print(code)
        ),
        "FeeService.fee_settings": lambda d: d.fees.fee_settings(),
        "FeeService.save_fee_settings": lambda d: d.fees.save_fee_settings(FeeSettings()),
        "FeeService.due": lambda d: d.fees.due(code),
        "FeeService.province_fees": lambda d: d.fees.province_fees(),
        "FeeService.set_province_amount": lambda d: d.fees.set_province_amount("1.004873", 0),
        "FeeService.qr_payload": lambda d: d.fees.qr_payload(code),
        "FeeService.payment_slip": lambda d: d.fees.payment_slip(code),
        "FeeService.take_payment": lambda d: d.fees.take_payment(code, PaymentMethod.CASH),
        "FeeService.receipt": lambda d: d.fees.receipt("BL26-Q1", 1),
        "FeeService.receipts_of": lambda d: d.fees.receipts_of(code),
        "FeeService.render_receipt": lambda d: d.fees.render_receipt("BL26-Q1", 1),
        "FeeService.print_receipt": lambda d: d.fees.print_receipt("BL26-Q1", 1),
        "FeeService.void": lambda d: d.fees.void("BL26-Q1", 1, "thử"),
        "FeeService.cash_book": lambda d: d.fees.cash_book(quarter[0]),
        "FeeService.hand_over": lambda d: d.fees.hand_over(quarter[0], ""),
        "FeeService.import_statement": lambda d: d.fees.import_statement(text),
        "LifecycleService.get": lambda d: d.lifecycle.get(did),
        "LifecycleService.view": lambda d: d.lifecycle.view(did),
        "LifecycleService.actions": lambda d: d.lifecycle.actions(record),
        "LifecycleService.needs_apology": lambda d: d.lifecycle.needs_apology(record),
        "LifecycleService.history": lambda d: d.lifecycle.history(did),
        "LifecycleService.paper_for": lambda d: d.lifecycle.paper_for(record, Action.REFUSE),
        "LifecycleService.control_slip": lambda d: d.lifecycle.control_slip(record),
        "LifecycleService.result_files": lambda d: d.lifecycle.result_files(did),
        "LifecycleService.read_blob": lambda d: d.lifecycle.read_blob(w.sha256),
        "LifecycleService.perform": lambda d: d.lifecycle.perform(did, Action.RETURN_RESULT),
        "LifecycleService.attach_result": lambda d: d.lifecycle.attach_result(did, b"no"),
        "LifecycleService.attach_result_file": lambda d: d.lifecycle.attach_result_file(did, text),
        "ReportService.period": lambda d: d.reports.period("2026-Q1"),
        "ReportService.current_period": lambda d: d.reports.current_period(),
        "ReportService.report": lambda d: d.reports.report(x["report"].period),
        "ReportService.book_entries": lambda d: list(d.reports.book_entries(*quarter)),
        "ReportService.write_report": lambda d: d.reports.write_report(
            x["report"], folder / "bao-cao.xlsx"
        ),
        "ReportService.write_book": lambda d: d.reports.write_book(*quarter, folder / "so.pdf"),
        "DigitisationService.dossier": lambda d: d.digitisation.dossier(did),
        "DigitisationService.dossier_by_code": lambda d: d.digitisation.dossier_by_code(code),
        "DigitisationService.components": lambda d: d.digitisation.components(did),
        "DigitisationService.suggested_component": lambda d: d.digitisation.suggested_component(
            x["document"], list(record.components)
        ),
        "DigitisationService.pdf": lambda d: d.digitisation.pdf(w.document_id),
        "DigitisationService.check_signatures": lambda d: d.digitisation.check_signatures(
            w.document_id, []
        ),
        "DigitisationService.reusable": lambda d: d.digitisation.reusable(w.id_number),
        "DigitisationService.digitise": lambda d: d.digitisation.digitise(did, 99, []),
        "DigitisationService.digitise_files": lambda d: d.digitisation.digitise_files(code, 99, []),
        "DigitisationService.reuse": lambda d: d.digitisation.reuse(did, w.document_id, 99),
        "DigitisationService.unlink": lambda d: d.digitisation.unlink(did, 10**9),
        "DigitisationService.hot_folder": lambda d: d.digitisation.hot_folder(folder),
        "DigitisationService.export": lambda d: d.digitisation.export(w.document_id, folder),
        "SyncService.identity": lambda d: d.sync.identity(),
        "SyncService.state": lambda d: d.sync.state(),
        "SyncService.problems": lambda d: d.sync.problems(),
        "SyncService.client": lambda d: d.sync.client(),
        "SyncService.run_once": lambda d: d.sync.run_once(),
        "SyncService.import_ack": lambda d: d.sync.import_ack(folder / "ack.json"),
        "SyncService.resolve_problem": lambda d: d.sync.resolve_problem(10**9),
        "SyncService.enrol": lambda d: d.sync.enrol("http://127.0.0.1:9", "AAAA-BBBB-CCCC-DDDD"),
        "SyncService.check_lookup_base": lambda d: d.sync.check_lookup_base("http://127.0.0.1:9"),
        "SyncService.export_pack": lambda d: d.sync.export_pack(folder / "goi.zip"),
        "DemoService.create": lambda d: d.demo.create(0),
        "BackupService.folder": lambda d: d.backups.folder,
        "BackupService.snapshots": lambda d: d.backups.snapshots(),
        "BackupService.due": lambda d: d.backups.due(),
        "BackupService.back_up": lambda d: d.backups.back_up(),
    }


def _open(w: World, role: Role) -> Desk:
    password = TEST_PASSWORD if role is Role.ADMIN else TEMPORARY
    return open_desk(w.data, officer=OFFICERS[role], password=password, clock=w.clock)


def _fingerprint(w: World) -> tuple[object, ...]:
    """What a refused call must leave as it was."""
    desk = _open(w, Role.ADMIN)
    try:
        state = desk.sync.state()
        return (
            state.pending,
            desk.dossiers.count(),
            desk.settings.load(),
            tuple(sorted(str(o) for o in desk.settings.officers())),
            len(desk.backups.snapshots()),
            sorted(p.name for p in (w.work / "out").glob("*")),
        )
    finally:
        desk.close()


def test_every_entry_point_is_in_the_table_and_has_a_call() -> None:
    names = {qualname for _, _, qualname in ENTRY_POINTS}
    assert names - OPERATIONS.keys() == set(), "entry points without a row in OPERATIONS"
    assert OPERATIONS.keys() - names == set(), "rows of OPERATIONS for no entry point"
    for attribute, name, qualname in ENTRY_POINTS:
        kind = dict(_services())[attribute]
        if OPERATIONS[qualname] is None:  # no check: only a helper that holds no desk
            assert isinstance(inspect.getattr_static(kind, name), staticmethod), qualname


def test_the_table_says_what_the_issue_asks() -> None:
    """A reception officer exported the report and the book, a USB pack, a scan, and
    enrolled the desk; none of that is theirs. Leaders export and audit; only an
    administrator changes settings, accounts and backups beyond the day's one."""
    for qualname in (
        "ReportService.write_report", "ReportService.write_book", "SyncService.export_pack",
        "DigitisationService.export", "SyncService.enrol", "AccountService.add",
    ):  # fmt: skip
        permission = OPERATIONS[qualname]
        assert permission is not None and Role.RECEPTION not in WHO_MAY[permission], qualname
    for qualname in (
        "ReceiptService.print_copy", "ReceiptService.record_print", "DigitisationService.reuse"
    ):  # fmt: skip
        permission = OPERATIONS[qualname]
        assert permission is not None and Role.LEADER not in WHO_MAY[permission], qualname
    assert WHO_MAY[Permission.BACKUP] == {Role.ADMIN}
    assert all(Role.ADMIN in roles for roles in WHO_MAY.values())


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.LEADER, Role.ADMIN])
def test_every_entry_point_checks_the_role(
    world: World, role: Role, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a backup folder of the role's own: the day's backup is due for each
    monkeypatch.setenv(FOLDER_ENV, str(world.work / f"backups-{role.value}"))
    calls = _calls(world)
    missing = {q for _, _, q in ENTRY_POINTS if OPERATIONS[q] is not None} - calls.keys()
    assert not missing, f"no call written for {sorted(missing)}"
    desk = _open(world, role)
    refused, allowed = [], []
    try:
        for _attribute, _name, qualname in ENTRY_POINTS:
            permission = OPERATIONS[qualname]
            if permission is None:
                continue
            if role in WHO_MAY[permission]:
                try:
                    calls[qualname](desk)
                except RoleNotAllowed as err:  # pragma: no cover - the failure itself
                    pytest.fail(f"{role.value} refused {qualname}: {err.message}")
                except DeskError:
                    pass  # refused on its own terms (not enrolled, bad value …): role passed
                allowed.append(qualname)
            else:
                with pytest.raises(RoleNotAllowed) as caught:
                    calls[qualname](desk)
                assert role.label in caught.value.message
                refused.append(qualname)
    finally:
        desk.close()
    expected_refused = {
        q for q, p in OPERATIONS.items() if p is not None and role not in WHO_MAY[p]
    }
    assert set(refused) == expected_refused
    if role is Role.ADMIN:
        assert not refused
    else:
        assert refused  # each of the other roles is refused something


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.LEADER])
def test_refused_calls_change_nothing(world: World, role: Role) -> None:
    """Only the refused calls, then the desk is compared as it was."""
    calls = _calls(world)
    before = _fingerprint(world)
    desk = _open(world, role)
    try:
        for qualname, permission in OPERATIONS.items():
            if permission is not None and role not in WHO_MAY[permission]:
                with pytest.raises(NotAllowed):
                    calls[qualname](desk)
    finally:
        desk.close()
    assert _fingerprint(world) == before


def test_only_the_days_backup_without_the_backup_permission(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reception officer takes the day's backup (the window's daily one) and nothing
    that would rotate the history away: not ``keep=1``, not another folder, not a second
    one the same day. An administrator may."""
    folder = tmp_path / "backups"
    monkeypatch.setenv(FOLDER_ENV, str(folder))
    admin = desk_at(tmp_path / "data", clock=clock)
    admin.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, TEMPORARY)
    for _ in range(3):
        admin.backups.back_up(keep=KEEP)
        clock.now += timedelta(days=1)
    history = [s.name for s in admin.backups.snapshots()]
    admin.close()
    assert len(history) == 3
    desk = open_desk(tmp_path / "data", officer="lan.pt", password=TEMPORARY, clock=clock)
    try:
        for attempt in (
            lambda: desk.backups.back_up(keep=1),
            lambda: desk.backups.back_up(tmp_path / "elsewhere"),
        ):
            with pytest.raises(RoleNotAllowed) as caught:
                attempt()
            assert "quản trị" in caught.value.message
        assert [s.name for s in desk.backups.snapshots()] == history
        assert not (tmp_path / "elsewhere").exists()
        desk.backups.back_up()  # the day's: due, default folder, default rotation
        with pytest.raises(RoleNotAllowed, match="đã có bản sao lưu"):
            desk.backups.back_up()
        assert [s.name for s in desk.backups.snapshots()][:3] == history
        assert len(desk.backups.snapshots()) == 4
    finally:
        desk.close()


def test_only_who_reads_the_audit_log_clears_its_sync_problem(world: World) -> None:
    """The problem "the desk's audit chain differs from the server's copy" must not be
    cleared by the reception officer whose entries may be the missing ones."""
    from desk_app.storage.change_log import ChangeLog
    from desk_app.storage.sync_store import SyncStore

    admin = _open(world, Role.ADMIN)
    try:
        store = SyncStore(admin.storage, ChangeLog(admin.storage))
        store.note_problem("entry", "audit", "audit_broken", "chuỗi khác", world.clock())
        store.note_problem("blob", "ab" * 32, "blob_missing", "thiếu tệp", world.clock())
        audit, blob = (p.id for p in admin.sync.problems()[-2:])
    finally:
        admin.close()
    reception = _open(world, Role.RECEPTION)
    try:
        with pytest.raises(RoleNotAllowed, match="nhật ký truy cập"):
            reception.sync.resolve_problem(audit)
        assert reception.sync.resolve_problem(blob)  # an ordinary problem: theirs to clear
        assert audit in {p.id for p in reception.sync.problems()}
    finally:
        reception.close()
    leader = _open(world, Role.LEADER)
    try:
        assert leader.sync.resolve_problem(audit)
        assert audit not in {p.id for p in leader.sync.problems()}
    finally:
        leader.close()
