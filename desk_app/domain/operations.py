"""Every entry point of the desk's services and the permission it needs.

The services' public methods are wrapped by ``services.guard.permitted``, which looks the
method up here by its qualified name and asks the officer's session before running it; a
method missing from this table cannot be wrapped (the import fails), and
``tests/services/test_roles.py`` walks every public method of every service with every role
against this table and ``officers.WHO_MAY``.

``None`` marks a static helper that holds no desk and so reads no desk data (pages from
files or a scanner, a thumbnail, a row formatted): the set-up wizard uses them before
anyone has signed in.
"""

from __future__ import annotations

from desk_app.domain.officers import Permission

_V = Permission.VIEW

OPERATIONS: dict[str, Permission | None] = {
    # access: the audit log and the accounts
    "AuditService.record": _V,  # what an officer sees and takes away is recorded for all
    "AuditService.verify": Permission.AUDIT,
    "AuditService.anchor": _V,  # whether the chain matches the server's anchor: no entry shown
    "AuditService.chain": Permission.AUDIT,
    "AuditService.recent": Permission.AUDIT,
    "AccountService.add": Permission.MANAGE_OFFICERS,
    "AccountService.reset_password": Permission.MANAGE_OFFICERS,
    "AccountService.revoke": Permission.MANAGE_OFFICERS,
    # carrying out what an administrator or the district decided, at any officer's close
    "AccountService.drop_revoked": _V,
    "AccountService.replace_key_if_due": _V,
    "AccountService.change_own_password": Permission.OWN_ACCOUNT,
    "AccountService.check_password": Permission.OWN_ACCOUNT,
    # settings and catalogue
    "SettingsService.load": _V,
    "SettingsService.officer_name": _V,
    "SettingsService.officers": _V,
    "SettingsService.save": Permission.SETTINGS,
    "CatalogueService.catalogue": _V,
    "CatalogueService.ensure_loaded": _V,
    "CatalogueService.reload": _V,
    "CatalogueService.import_published": Permission.SETTINGS,
    "CatalogueService.procedures": _V,
    "CatalogueService.find": _V,
    "CatalogueService.search": _V,
    "CatalogueService.procedure_in_version": _V,
    "CatalogueService.case_rules": _V,
    "CatalogueService.procedure_name": _V,
    "CatalogueService.name_in_version": _V,
    "CatalogueService.component_name": _V,
    # intake
    "IntakeService.calendar": _V,
    "IntakeService.forget_calendar": _V,
    "IntakeService.procedure": _V,
    "IntakeService.due_at": _V,
    "IntakeService.preview": _V,
    "IntakeService.read_id_card": _V,  # parsing what the scanner typed, no data read
    "IntakeService.known_applicant": Permission.RECEIVE,
    "IntakeService.keep_draft": Permission.RECEIVE,
    "IntakeService.interrupted_draft": Permission.RECEIVE,
    "IntakeService.discard_draft": Permission.RECEIVE,
    "IntakeService.receive": Permission.RECEIVE,
    "IntakeService.refuse_at_counter": Permission.RECEIVE,
    "IntakeService.set_day_override": Permission.SETTINGS,
    "IntakeService.remove_day_override": Permission.SETTINGS,
    "IntakeService.believed_days": _V,
    # finding dossiers, Today
    "DossierQueryService.search_ids": _V,
    "DossierQueryService.rows": _V,
    "DossierQueryService.search": _V,
    "DossierQueryService.get": _V,
    "DossierQueryService.procedure_name": _V,
    "DossierQueryService.count": _V,
    "DossierQueryService.hit": None,
    "TodayService.filter": _V,
    "TodayService.counts": _V,
    # receipts
    "ReceiptService.warm_up": _V,
    "ReceiptService.load": _V,
    "ReceiptService.render": _V,
    "ReceiptService.receipt_data": _V,
    "ReceiptService.counter_refusal": Permission.RECEIVE,
    "ReceiptService.print_copy": Permission.RECEIVE,
    "ReceiptService.next_print": Permission.RECEIVE,
    "ReceiptService.record_print": Permission.RECEIVE,
    # fees: what is due and the cash book are read by all; money taken by those who receive
    "FeeService.fee_settings": _V,
    "FeeService.save_fee_settings": Permission.SETTINGS,
    "FeeService.due": _V,
    "FeeService.province_fees": _V,
    "FeeService.set_province_amount": Permission.SETTINGS,
    "FeeService.qr_payload": _V,
    "FeeService.payment_slip": _V,
    "FeeService.take_payment": Permission.RECEIVE,
    "FeeService.receipt": _V,
    "FeeService.receipts_of": _V,
    "FeeService.render_receipt": _V,
    "FeeService.print_receipt": Permission.RECEIVE,
    "FeeService.void": Permission.RECEIVE,
    "FeeService.cash_book": _V,
    "FeeService.hand_over": Permission.RECEIVE,
    "FeeService.import_statement": Permission.RECEIVE,
    # after intake
    "LifecycleService.get": _V,
    "LifecycleService.view": _V,
    "LifecycleService.actions": _V,
    "LifecycleService.needs_apology": _V,
    "LifecycleService.history": _V,
    "LifecycleService.paper_for": _V,
    "LifecycleService.control_slip": _V,
    "LifecycleService.result_files": _V,
    "LifecycleService.read_blob": _V,
    "LifecycleService.perform": Permission.PROCESS,
    "LifecycleService.attach_result": Permission.PROCESS,
    "LifecycleService.attach_result_file": Permission.PROCESS,
    # reports
    "ReportService.period": Permission.VIEW_REPORTS,
    "ReportService.current_period": Permission.VIEW_REPORTS,
    "ReportService.report": Permission.VIEW_REPORTS,
    "ReportService.book_entries": Permission.VIEW_REPORTS,
    "ReportService.write_report": Permission.EXPORT,
    "ReportService.write_book": Permission.EXPORT,
    # digitisation
    "DigitisationService.import_files": None,
    "DigitisationService.prepare": None,
    "DigitisationService.scanners": None,
    "DigitisationService.scan": None,
    "DigitisationService.thumbnail_png": None,
    "DigitisationService.check_export_folder": None,
    "DigitisationService.dossier": _V,
    "DigitisationService.dossier_by_code": _V,
    "DigitisationService.components": _V,
    "DigitisationService.suggested_component": _V,
    "DigitisationService.pdf": _V,
    "DigitisationService.check_signatures": _V,
    "DigitisationService.reusable": Permission.RECEIVE,
    "DigitisationService.digitise": Permission.RECEIVE,
    "DigitisationService.digitise_files": Permission.RECEIVE,
    "DigitisationService.reuse": Permission.RECEIVE,
    "DigitisationService.unlink": Permission.RECEIVE,
    "DigitisationService.hot_folder": Permission.RECEIVE,
    "DigitisationService.export": Permission.EXPORT,
    # sync
    "SyncService.identity": _V,  # the status bar says what waits, for everyone
    "SyncService.state": _V,
    "SyncService.problems": _V,
    "SyncService.audit_anchor": _V,
    "SyncService.client": Permission.SYNC,
    "SyncService.run_once": Permission.SYNC,
    "SyncService.import_ack": Permission.SYNC,
    "SyncService.resolve_problem": Permission.SYNC,  # the audit's own problem: AUDIT too
    "SyncService.enrol": Permission.SETTINGS,
    "SyncService.check_lookup_base": Permission.SETTINGS,  # with the settings it checks
    "SyncService.export_pack": Permission.EXPORT,
    # demo, backups
    "DemoService.create": Permission.SETTINGS,
    "BackupService.folder": _V,
    "BackupService.snapshots": _V,
    "BackupService.due": _V,
    "BackupService.back_up": Permission.DAILY_BACKUP,  # a folder, a rotation or a 2nd: BACKUP
}


def permission_of(operation: str) -> Permission | None:
    """The permission ``operation`` (``Class.method``) needs; KeyError when it is unknown."""
    return OPERATIONS[operation]
