"""Taking fees: what is due, VietQR, fee receipts, voiding, the cash book, bank statements.

Every payment, voiding, hand-over and bank match is written with its change-log entry in
one transaction, so the district sees the same money the desk does.

A licensed e-receipt provider (biên lai điện tử) plugs in as a :class:`ReceiptIssuer`:
it is told of each receipt after the desk's commit and returns its own reference, kept
on the receipt; the paper issuer (the default) keeps the desk's own series.
"""

from __future__ import annotations

import logging
import uuid as uuid_mod
from dataclasses import asdict
from datetime import date
from pathlib import Path

from desk_app.domain.audit import AuditAction
from desk_app.domain.catalogue import FeeKind, format_money
from desk_app.domain.fee_amounts import (
    AmountSource,
    ProvinceAmount,
    check_basis,
    check_province_amount,
    not_set_text,
)
from desk_app.domain.fees import (
    FeeError,
    FeeLine,
    FeeReceiptRecord,
    Handover,
    NewFeeReceipt,
    PaymentMethod,
    ReceiptElsewhere,
    match_statement,
    quote,
    receipt_series,
    totals,
)
from desk_app.domain.ids import uuid7
from desk_app.domain.records import DossierRecord
from desk_app.domain.text import clean_line
from desk_app.domain.vietqr import PayeeAccount, transfer_payload
from desk_app.services.access import Session
from desk_app.services.audit import AuditService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.fee_types import (
    CashBook,
    FeeDue,
    FeeSettings,
    PaperIssuer,
    PrintedFeeReceipt,
    ProvinceFeeRow,
    ReceiptIssuer,
    StatementResult,
)
from desk_app.services.guard import permitted
from desk_app.services.receipts import ReceiptService
from desk_app.services.settings import SettingsService
from desk_app.services.statements import read_statement
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.database import Storage
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.settings_store import SettingsStore

log = logging.getLogger(__name__)

MAX_REASON = 200


def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of ``payload``'s QR code (quiet zone included), for a screen to draw: the
    same code as the printed papers' (``forms.qr.qr_matrix``)."""
    from desk_app.forms.qr import qr_matrix

    return qr_matrix(payload)


class FeeService:
    def __init__(
        self,
        storage: Storage,
        store: FeeStore,
        changes: ChangeLog,
        settings_store: SettingsStore,
        settings: SettingsService,
        catalogue: CatalogueService,
        receipts: ReceiptService,
        clock: Clock,
        *,
        session: Session,
        issuer: ReceiptIssuer | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self._session = session
        self._audit = audit
        self._storage = storage
        self._store = store
        self._changes = changes
        self._settings_store = settings_store
        self._settings = settings
        self._catalogue = catalogue
        self._receipts = receipts
        self._clock = clock
        self._issuer: ReceiptIssuer = issuer or PaperIssuer()

    # --- settings ------------------------------------------------------------------------

    @permitted
    def fee_settings(self) -> FeeSettings:
        raw = self._settings_store.get_all()
        names = asdict(FeeSettings()).keys()
        return FeeSettings(**{n: raw[f"fee_{n}"] for n in names if f"fee_{n}" in raw})

    @permitted
    def save_fee_settings(self, new: FeeSettings) -> FeeSettings:
        if new.bank_account:
            PayeeAccount(new.bank_bin, new.bank_account, new.bank_account_name).checked()
        receipt_series(new.series_prefix, 1, date(2026, 1, 1))
        values = {f"fee_{k}": " ".join(str(v).split()) for k, v in asdict(new).items()}
        before = asdict(self.fee_settings())
        changed = [k for k, v in asdict(new).items() if " ".join(str(v).split()) != before[k]]
        with self._storage.write():
            self._settings_store.set_many(values)
            if self._audit is not None and changed:
                self._audit.record(AuditAction.CHANGE, "settings", "fee " + ", ".join(changed))
        return self.fee_settings()

    # --- what is due, and the QR to pay it -----------------------------------------------

    def _record(self, code: str) -> DossierRecord:
        return self._receipts.load(code)

    def _paid(self, record: DossierRecord) -> FeeReceiptRecord | None:
        live = [r for r in self._store.for_dossier(record.id) if r.voided_at is None]
        return live[-1] if live else None

    def _paid_elsewhere(self, record: DossierRecord) -> ReceiptElsewhere | None:
        live = [r for r in self._store.elsewhere_for(record.code) if r.voided_at is None]
        return live[-1] if live else None

    def _amount_due(self, record: DossierRecord) -> tuple[int | None, str, bool]:
        """What the dossier's fee is now: as intake computed it, or, for a fee the province
        sets that had no amount then, the amount the desk has now (per set); the text; and
        whether the amount is still not set."""
        if record.fee_amount is not None:
            return record.fee_amount, record.fee_text, False
        procedure = self._catalogue.procedure_in_version(
            record.catalogue_version, record.procedure_code
        ) or self._catalogue.find(record.procedure_code)
        if procedure is None or procedure.fee.kind is not FeeKind.SET_BY_PROVINCE:
            return None, record.fee_text, False
        fee = quote(
            procedure.fee, sets=max(record.sets_count, 1),
            province=self._store.province_amount(procedure.code),
        )  # fmt: skip
        if fee.total is None:
            return None, not_set_text(procedure.fee), True
        return fee.total, fee.text, False

    @permitted
    def due(self, code: str) -> FeeDue:
        record = self._record(code)
        amount, text, not_set = self._amount_due(record)
        return FeeDue(
            record.code, record.applicant.full_name, amount, text, self._paid(record),
            self._paid_elsewhere(record), not_set,
        )  # fmt: skip

    # --- amounts the province sets -------------------------------------------------------

    @permitted
    def province_fees(self) -> list[ProvinceFeeRow]:
        """Every procedure of the catalogue in force whose fee the province sets, with the
        amount this desk has for it (None: not set yet)."""
        held = {a.procedure_code: a for a in self._store.province_amounts()}
        return [
            ProvinceFeeRow(p.code, p.name, p.fee.note, held.get(p.code))
            for p in self._catalogue.procedures()
            if p.fee.kind is FeeKind.SET_BY_PROVINCE
        ]

    @permitted
    def set_province_amount(
        self, procedure_code: str, amount: object, basis: str = ""
    ) -> ProvinceAmount:
        """Set the amount the province decided for a procedure's fee (per dossier set, whole
        đồng), with the resolution it comes from. Audited and sent up: the commune's other
        desks take it, unless upstream published one (upstream wins, here too)."""
        code = procedure_code.strip()
        procedure = self._catalogue.find(code)
        if procedure is None or procedure.fee.kind is not FeeKind.SET_BY_PROVINCE:
            raise FeeError(
                f"Thủ tục «{code}» không có khoản phí do tỉnh quy định trong danh mục đang áp dụng."
            )
        value = check_province_amount(amount)
        text = check_basis(basis)
        now = self._clock()
        with self._storage.write():
            current = self._store.province_amount(code)
            if current is not None and current.source is AmountSource.DISTRICT:
                raise FeeError(
                    f"Mức thu của thủ tục {code} do cấp trên công bố "
                    f"({format_money(current.amount)}); quầy không sửa được."
                )
            new = ProvinceAmount(code, value, text, AmountSource.LOCAL,
                                 now.isoformat(timespec="seconds"), self._session.username)  # fmt: skip
            self._store.set_province_amount(new)
            self._changes.append(
                kind="fee_amount",
                entity_uuid=uuid7(now),
                device_time=now,
                officer_id=self._session.officer_id,
                payload={
                    "code": f"phí {code}",  # the audit log's subject
                    "procedure_code": code, "amount": value, "basis": text,
                    "changed_at": new.changed_at, "changed_by": new.changed_by,
                },
            )  # fmt: skip
            if self._audit is not None:
                before = format_money(current.amount) if current else "chưa có"
                self._audit.record(
                    AuditAction.CHANGE, f"phí {code}",
                    f"mức thu của tỉnh {before} → {format_money(value)} {text}".strip(),
                )  # fmt: skip
        log.info("province amount %s set to %d", code, value)
        return new

    @permitted
    def qr_payload(self, code: str) -> str:
        """The VietQR text to pay ``code``'s fee by transfer (tag 62/08 = the dossier code)."""
        due = self.due(code)
        if not due.outstanding:
            raise FeeError(f"Hồ sơ {due.code} không còn khoản phí nào phải nộp.")
        payee = self.fee_settings().payee
        if payee is None:
            raise FeeError(
                "Chưa khai báo tài khoản nhận phí của xã (Cài đặt → Phí, lệ phí): "
                "mã BIN ngân hàng, số tài khoản, tên chủ tài khoản."
            )
        return transfer_payload(payee, amount=due.outstanding, purpose=due.code)

    @permitted
    def payment_slip(self, code: str) -> bytes:
        """A5 slip with the VietQR large, for a citizen who pays by transfer later."""
        from desk_app.forms.fee_receipt import PaymentSlipData, render_payment_slip_pdf

        due = self.due(code)
        fee = self.fee_settings()
        payload = self.qr_payload(code)
        return render_payment_slip_pdf(
            PaymentSlipData(
                unit=self._settings.load().parent_unit,
                dossier_code=due.code,
                payer_name=due.payer_name,
                amount=due.outstanding,
                account_text=f"{fee.bank_name} {fee.bank_account} — {fee.bank_account_name}",
                qr_payload=payload,
            )
        )

    # --- taking the money ----------------------------------------------------------------

    @permitted
    def take_payment(self, code: str, method: PaymentMethod) -> FeeReceiptRecord:
        """Record ``code``'s fee as paid and issue its receipt (next number of the series)."""
        record = self._record(code)
        if self._paid(record) is not None:
            raise FeeError(f"Phí của hồ sơ {record.code} đã thu (có biên lai chưa hủy).")
        elsewhere = self._paid_elsewhere(record)
        if elsewhere is not None:
            raise FeeError(elsewhere.already_paid())
        amount, fee_text, _not_set = self._amount_due(record)
        if not amount:
            raise FeeError(f"Hồ sơ {record.code} không có khoản phí xác định để thu ({fee_text}).")
        settings = self._settings.load()
        fee_settings = self.fee_settings()
        procedure = self._catalogue.procedure_in_version(
            record.catalogue_version, record.procedure_code
        )
        kind = procedure.fee.kind if procedure else FeeKind.FIXED
        name = "Lệ phí" if kind is FeeKind.BY_CHANNEL else "Phí"
        fee_name = f"{name} {procedure.name if procedure else record.procedure_code}"
        now = self._clock()
        series = receipt_series(fee_settings.series_prefix, settings.desk_number, now.date())
        with self._storage.write():
            if self._paid(record) is not None:  # paid meanwhile (another window, the CLI)
                raise FeeError(f"Phí của hồ sơ {record.code} đã thu (có biên lai chưa hủy).")
            elsewhere = self._paid_elsewhere(record)  # or pulled from another desk meanwhile
            if elsewhere is not None:
                raise FeeError(elsewhere.already_paid())
            number = self._store.last_number(series) + 1
            new = NewFeeReceipt(
                uuid=str(uuid_mod.uuid4()),
                series=series,
                number=number,
                dossier_id=record.id,
                dossier_code=record.code,
                payer_name=record.applicant.full_name,
                payer_address=record.applicant.address,
                payer_id_number=record.applicant.id_number,
                fee_name=fee_name,
                lines=(FeeLine(fee_text, amount),),
                amount=amount,
                method=method,
                paid_at=now,
                officer_id=self._session.officer_id,
                desk_number=settings.desk_number,
            )
            self._store.insert(new)
            self._changes.append(
                kind="fee_paid",
                entity_uuid=new.uuid,
                device_time=now,
                officer_id=self._session.officer_id,
                payload={
                    "code": record.code, "dossier_uuid": record.uuid, "series": series,
                    "number": number, "amount": new.amount, "method": method.value,
                    "paid_at": now, "fee_name": fee_name,
                    "agency_code": settings.agency_code, "desk": settings.desk_number,
                    # enough to put the receipt back after a restore (sync.recover_fees)
                    "payer_name": new.payer_name, "payer_address": new.payer_address,
                    "payer_id_number": new.payer_id_number,
                    "lines": [[line.text, line.amount] for line in new.lines],
                },
            )  # fmt: skip
        receipt = self._store.get(series, number)
        assert receipt is not None  # just committed
        ref = self._issuer.issue(receipt)
        if ref or self._issuer.name != "paper":
            with self._storage.write():
                self._store.set_provider(receipt.id, self._issuer.name, ref)
            receipt = self._store.get(series, number)
            assert receipt is not None
        log.info("fee paid %s: receipt %s/%07d (%s)", record.code, series, number, method.value)
        return receipt

    @permitted
    def receipt(self, series: str, number: int) -> FeeReceiptRecord:
        found = self._store.get(series.strip(), number)
        if found is None:
            raise FeeError(f"Không có biên lai ký hiệu {series} số {number:07d} tại quầy này.")
        return found

    @permitted
    def receipts_of(self, code: str) -> list[FeeReceiptRecord]:
        return self._store.for_dossier(self._record(code).id)

    @permitted
    def render_receipt(self, series: str, number: int, *, reprint: int = 0) -> bytes:
        """The receipt's PDF as it stands (void ones say so), not counted as a printing."""
        return self._render(self.receipt(series, number), reprint)

    def _render(self, receipt: FeeReceiptRecord, reprint: int) -> bytes:
        from desk_app.forms.fee_receipt import FeeReceiptData, render_fee_receipt_pdf

        settings = self._settings.load()
        fee = self.fee_settings()
        payee = fee.payee
        qr = None
        if receipt.method is PaymentMethod.TRANSFER and payee is not None:
            qr = transfer_payload(payee, amount=receipt.amount, purpose=receipt.dossier_code)
        data = FeeReceiptData(
            unit=settings.parent_unit,
            tax_code=fee.tax_code,
            address=settings.place,
            form_symbol=fee.form_symbol,
            series=receipt.series,
            number=f"{receipt.number:07d}",
            payer_name=receipt.payer_name,
            payer_address=receipt.payer_address,
            payer_id_number=receipt.payer_id_number,
            dossier_code=receipt.dossier_code,
            fee_name=receipt.fee_name,
            lines=receipt.lines,
            amount=receipt.amount,
            method_label=receipt.method.label,
            paid_at=receipt.paid_at,
            place=settings.place,
            collector_name=self._settings_store.officer_name(receipt.officer_id),
            qr_payload=qr,
            reprint=reprint,
            void_reason=receipt.void_reason,
        )
        return render_fee_receipt_pdf(data, paper=settings.paper)

    @permitted
    def print_receipt(self, series: str, number: int) -> PrintedFeeReceipt:
        """The receipt's two copies, counted as a printing; later ones say BẢN IN LẠI."""
        receipt = self.receipt(series, number)
        pdf = self._render(receipt, receipt.prints)
        with self._storage.write():
            prints = self._store.count_print(receipt.id)
        return PrintedFeeReceipt(receipt, pdf, prints)

    @permitted
    def void(self, series: str, number: int, reason: str) -> FeeReceiptRecord:
        """Void a receipt with its reason; it stays in the book, marked, never deleted."""
        receipt = self.receipt(series, number)
        text = clean_line(
            reason, field="reason", label="Lý do hủy biên lai", max_len=MAX_REASON, required=True
        )
        if receipt.voided_at is not None:
            raise FeeError(f"Biên lai {series} số {number:07d} đã hủy trước đó.")
        now = self._clock()
        with self._storage.write():
            self._store.void(receipt.id, now, self._session.officer_id, text)
            self._changes.append(
                kind="fee_voided",
                entity_uuid=receipt.uuid,
                device_time=now,
                officer_id=self._session.officer_id,
                payload={"code": receipt.dossier_code, "series": receipt.series,
                         "number": receipt.number, "reason": text, "voided_at": now},
            )  # fmt: skip
        self._issuer.void(receipt, text)
        return self.receipt(series, number)

    # --- the cash book -------------------------------------------------------------------

    @permitted
    def cash_book(self, day: date, officer_id: int | None = None) -> CashBook:
        """One officer's receipts of ``day`` (every officer's with ``None``), their totals
        and the hand-over to the accountant if it was made."""
        rows = self._store.of_day(day, officer_id)
        handover = self._store.handover(officer_id, day) if officer_id is not None else None
        return CashBook(
            day, officer_id, tuple(rows), totals(r.cash_entry() for r in rows), handover
        )

    @permitted
    def hand_over(self, day: date, accountant: str) -> Handover:
        """Record that the signed-in officer handed ``day``'s cash to ``accountant``."""
        name = clean_line(accountant, field="accountant", label="Tên kế toán", max_len=120,
                          required=True)  # fmt: skip
        officer = self._session.officer_id
        now = self._clock()
        entity = str(uuid_mod.uuid4())
        # the totals read in the transaction that records them: a fee taken meanwhile (the
        # window's work lane, a second window) is either in them or after the hand-over
        with self._storage.write():
            if self._store.handover(officer, day) is not None:
                raise FeeError(f"Đã bàn giao tiền ngày {day:%d/%m/%Y} rồi.")
            totals = self.cash_book(day, officer).totals
            handover = Handover(
                officer, day, totals.cash, totals.transfer, totals.receipts, name, now
            )
            self._store.insert_handover(entity, handover)
            self._changes.append(
                kind="cash_handover",
                entity_uuid=entity,
                device_time=now,
                officer_id=officer,
                payload={"day": day, "cash": handover.cash, "transfer": handover.transfer,
                         "receipts": handover.receipts, "accountant": name},
            )  # fmt: skip
        return handover

    # --- bank statements -----------------------------------------------------------------

    @permitted
    def import_statement(self, path: Path) -> StatementResult:
        """Match a bank statement (CSV or .xlsx) to open transfer receipts by dossier code
        and amount; every matched receipt is marked (and synced), the rest are listed."""
        lines = read_statement(path)
        open_receipts = {r.dossier_code: r for r in self._store.open_transfers()}
        matches = match_statement(lines, {c: r.amount for c, r in open_receipts.items()})
        now = self._clock()
        matched = 0
        with self._storage.write():
            for m in matches:
                if m.problem or m.dossier_code is None:
                    continue
                receipt = open_receipts.pop(m.dossier_code, None)
                if receipt is None:  # the same code twice in one statement
                    continue
                text = f"{m.line.booked_on} {format_money(m.line.amount)} {m.line.description}"
                self._store.mark_matched(receipt.id, now, text[:300])
                self._changes.append(
                    kind="fee_matched",
                    entity_uuid=receipt.uuid,
                    device_time=now,
                    officer_id=self._session.officer_id,
                    payload={"code": receipt.dossier_code, "series": receipt.series,
                             "number": receipt.number, "booked_on": m.line.booked_on},
                )  # fmt: skip
                matched += 1
        return StatementResult(tuple(matches), matched, sum(1 for m in matches if m.problem))
