"""Fee receipts (biên lai thu phí, lệ phí), their voiding, bank matches and cash hand-overs.

A receipt row is never deleted and its issued content never changes (triggers refuse it):
only the print count, the voiding (when, who, why), the bank match and the e-receipt
provider's reference are written after it is issued.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from desk_app.domain.fee_amounts import MAX_PROVINCE_AMOUNT, AmountSource, ProvinceAmount
from desk_app.domain.fees import (
    FeeLine,
    FeeReceiptRecord,
    Handover,
    NewFeeReceipt,
    PaymentMethod,
    ReceiptElsewhere,
)
from desk_app.storage.database import Storage

FEE_SCHEMA = """
CREATE TABLE fee_receipts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    series TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    dossier_code TEXT NOT NULL,
    payer_name TEXT NOT NULL,
    payer_address TEXT NOT NULL DEFAULT '',
    payer_id_number TEXT NOT NULL DEFAULT '',
    fee_name TEXT NOT NULL,
    lines TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
    paid_at TEXT NOT NULL,
    paid_day TEXT NOT NULL,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    desk_number INTEGER NOT NULL,
    prints INTEGER NOT NULL DEFAULT 0,
    voided_at TEXT,
    voided_by INTEGER REFERENCES officers (id),
    void_reason TEXT,
    matched_at TEXT,
    bank_line TEXT,
    provider TEXT NOT NULL DEFAULT 'paper',
    provider_ref TEXT,
    UNIQUE (series, number)
);
CREATE INDEX fee_receipts_day ON fee_receipts (paid_day, officer_id);
CREATE INDEX fee_receipts_dossier ON fee_receipts (dossier_id);
CREATE TRIGGER fee_receipts_no_delete BEFORE DELETE ON fee_receipts
BEGIN SELECT RAISE(ABORT, 'fee receipts are never deleted: void them'); END;
CREATE TRIGGER fee_receipts_issued_fixed BEFORE UPDATE OF
    uuid, series, number, dossier_id, dossier_code, payer_name, payer_address, payer_id_number,
    fee_name, lines, amount, method, paid_at, paid_day, officer_id, desk_number ON fee_receipts
BEGIN SELECT RAISE(ABORT, 'an issued fee receipt does not change: void it and issue another'); END;
CREATE TRIGGER fee_receipts_void_once BEFORE UPDATE OF voided_at ON fee_receipts
WHEN old.voided_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this fee receipt is already void'); END;

CREATE TABLE cash_handovers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    day TEXT NOT NULL,
    cash INTEGER NOT NULL CHECK (typeof(cash) = 'integer'),
    transfer INTEGER NOT NULL CHECK (typeof(transfer) = 'integer'),
    receipts INTEGER NOT NULL,
    accountant TEXT NOT NULL,
    handed_at TEXT NOT NULL,
    UNIQUE (officer_id, day)
);
CREATE TRIGGER cash_handovers_no_delete BEFORE DELETE ON cash_handovers
BEGIN SELECT RAISE(ABORT, 'a hand-over is kept'); END;
"""

# Issue 22 part 2, left open: the amounts the province sets, typed at a desk (one row per
# procedure; where it came from decides what a pulled one may replace), and the receipts the
# commune's other desks issued, pulled, so a fee is never taken twice across desks.
PROVINCE_SCHEMA = f"""
CREATE TABLE province_fees (
    procedure_code TEXT PRIMARY KEY,
    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount BETWEEN 1 AND
        {MAX_PROVINCE_AMOUNT}),
    basis TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL CHECK (source IN ('local', 'commune', 'district')),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE fee_receipts_elsewhere (
    uuid TEXT PRIMARY KEY,
    series TEXT NOT NULL,
    number INTEGER NOT NULL,
    dossier_code TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    method TEXT NOT NULL,
    paid_at TEXT NOT NULL,
    desk_number INTEGER NOT NULL,
    voided_at TEXT,
    void_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (series, number)
);
CREATE INDEX fee_receipts_elsewhere_code ON fee_receipts_elsewhere (dossier_code);
"""

_COLUMNS = (
    "id, uuid, series, number, dossier_id, dossier_code, payer_name, payer_address, "
    "payer_id_number, fee_name, lines, amount, method, paid_at, officer_id, desk_number, "
    "prints, voided_at, void_reason, matched_at, provider, provider_ref"
)


def _record(r: tuple[object, ...]) -> FeeReceiptRecord:
    lines = tuple(FeeLine(t, int(a)) for t, a in json.loads(str(r[10])))
    return FeeReceiptRecord(
        id=int(r[0]),  # type: ignore[call-overload]
        uuid=str(r[1]),
        series=str(r[2]),
        number=int(r[3]),  # type: ignore[call-overload]
        dossier_id=int(r[4]),  # type: ignore[call-overload]
        dossier_code=str(r[5]),
        payer_name=str(r[6]),
        payer_address=str(r[7]),
        payer_id_number=str(r[8]),
        fee_name=str(r[9]),
        lines=lines,
        amount=int(r[11]),  # type: ignore[call-overload]
        method=PaymentMethod(str(r[12])),
        paid_at=datetime.fromisoformat(str(r[13])),
        officer_id=int(r[14]),  # type: ignore[call-overload]
        desk_number=int(r[15]),  # type: ignore[call-overload]
        prints=int(r[16]),  # type: ignore[call-overload]
        voided_at=datetime.fromisoformat(str(r[17])) if r[17] else None,
        void_reason=str(r[18] or ""),
        matched_at=datetime.fromisoformat(str(r[19])) if r[19] else None,
        provider=str(r[20]),
        provider_ref=str(r[21] or ""),
    )


class FeeStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def insert(self, new: NewFeeReceipt) -> int:
        """Insert inside the caller's write transaction; returns the row id."""
        cursor = self._storage.db.execute(
            "INSERT INTO fee_receipts (uuid, series, number, dossier_id, dossier_code, "
            "payer_name, payer_address, payer_id_number, fee_name, lines, amount, method, "
            "paid_at, paid_day, officer_id, desk_number) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                new.uuid, new.series, new.number, new.dossier_id, new.dossier_code,
                new.payer_name, new.payer_address, new.payer_id_number, new.fee_name,
                json.dumps([[ln.text, ln.amount] for ln in new.lines], ensure_ascii=False),
                new.amount, new.method.value, new.paid_at.isoformat(),
                new.paid_at.date().isoformat(), new.officer_id, new.desk_number,
            ],
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def last_number(self, series: str) -> int:
        (n,) = self._storage.db.execute(
            "SELECT COALESCE(MAX(number), 0) FROM fee_receipts WHERE series = ?", [series]
        ).fetchone()
        return int(n)

    def get(self, series: str, number: int) -> FeeReceiptRecord | None:
        row = self._storage.db.execute(
            f"SELECT {_COLUMNS} FROM fee_receipts WHERE series = ? AND number = ?",
            [series, number],
        ).fetchone()
        return _record(tuple(row)) if row else None

    def for_dossier(self, dossier_id: int) -> list[FeeReceiptRecord]:
        rows = self._storage.db.execute(
            f"SELECT {_COLUMNS} FROM fee_receipts WHERE dossier_id = ? ORDER BY id", [dossier_id]
        ).fetchall()
        return [_record(tuple(r)) for r in rows]

    def of_day(self, day: date, officer_id: int | None) -> list[FeeReceiptRecord]:
        sql = f"SELECT {_COLUMNS} FROM fee_receipts WHERE paid_day = ?"
        args: list[object] = [day.isoformat()]
        if officer_id is not None:
            sql += " AND officer_id = ?"
            args.append(officer_id)
        rows = self._storage.db.execute(sql + " ORDER BY series, number", args).fetchall()
        return [_record(tuple(r)) for r in rows]

    def open_transfers(self) -> list[FeeReceiptRecord]:
        rows = self._storage.db.execute(
            f"SELECT {_COLUMNS} FROM fee_receipts WHERE method = 'transfer' "
            "AND voided_at IS NULL AND matched_at IS NULL ORDER BY id"
        ).fetchall()
        return [_record(tuple(r)) for r in rows]

    def count_print(self, receipt_id: int) -> int:
        self._storage.db.execute(
            "UPDATE fee_receipts SET prints = prints + 1 WHERE id = ?", [receipt_id]
        )
        (n,) = self._storage.db.execute(
            "SELECT prints FROM fee_receipts WHERE id = ?", [receipt_id]
        ).fetchone()
        return int(n)

    def void(self, receipt_id: int, at: datetime, officer_id: int, reason: str) -> None:
        self._storage.db.execute(
            "UPDATE fee_receipts SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
            [at.isoformat(), officer_id, reason, receipt_id],
        )

    def mark_matched(self, receipt_id: int, at: datetime, bank_line: str) -> None:
        self._storage.db.execute(
            "UPDATE fee_receipts SET matched_at = ?, bank_line = ? WHERE id = ? "
            "AND matched_at IS NULL",
            [at.isoformat(), bank_line, receipt_id],
        )

    def set_provider(self, receipt_id: int, provider: str, ref: str) -> None:
        self._storage.db.execute(
            "UPDATE fee_receipts SET provider = ?, provider_ref = ? WHERE id = ?",
            [provider, ref, receipt_id],
        )

    def handover(self, officer_id: int, day: date) -> Handover | None:
        row = self._storage.db.execute(
            "SELECT officer_id, day, cash, transfer, receipts, accountant, handed_at "
            "FROM cash_handovers WHERE officer_id = ? AND day = ?",
            [officer_id, day.isoformat()],
        ).fetchone()
        if row is None:
            return None
        return Handover(
            int(row[0]), date.fromisoformat(row[1]), int(row[2]), int(row[3]), int(row[4]),
            str(row[5]), datetime.fromisoformat(row[6]),
        )  # fmt: skip

    def insert_handover(self, uuid: str, h: Handover) -> None:
        self._storage.db.execute(
            "INSERT INTO cash_handovers (uuid, officer_id, day, cash, transfer, receipts, "
            "accountant, handed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                uuid, h.officer_id, h.day.isoformat(), h.cash, h.transfer, h.receipts,
                h.accountant, h.handed_at.isoformat(),
            ],
        )  # fmt: skip

    # --- amounts the province sets ------------------------------------------------------

    def province_amount(self, procedure_code: str) -> ProvinceAmount | None:
        row = self._storage.db.execute(
            "SELECT procedure_code, amount, basis, source, changed_at, changed_by "
            "FROM province_fees WHERE procedure_code = ?",
            [procedure_code],
        ).fetchone()
        return _amount(tuple(row)) if row else None

    def province_amounts(self) -> list[ProvinceAmount]:
        rows = self._storage.db.execute(
            "SELECT procedure_code, amount, basis, source, changed_at, changed_by "
            "FROM province_fees ORDER BY procedure_code"
        ).fetchall()
        return [_amount(tuple(r)) for r in rows]

    def set_province_amount(self, a: ProvinceAmount) -> None:
        self._storage.db.execute(
            "INSERT INTO province_fees (procedure_code, amount, basis, source, changed_at, "
            "changed_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (procedure_code) DO UPDATE SET "
            "amount = excluded.amount, basis = excluded.basis, source = excluded.source, "
            "changed_at = excluded.changed_at, changed_by = excluded.changed_by",
            [a.procedure_code, a.amount, a.basis, a.source.value, a.changed_at, a.changed_by],
        )

    # --- receipts the commune's other desks issued -------------------------------------

    def add_elsewhere(self, r: ReceiptElsewhere) -> bool:
        """Keep a receipt another desk issued; False when it is here already."""
        cursor = self._storage.db.execute(
            "INSERT OR IGNORE INTO fee_receipts_elsewhere (uuid, series, number, dossier_code, "
            "amount, method, paid_at, desk_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r.uuid, r.series, r.number, r.dossier_code, r.amount, r.method.value,
                r.paid_at.isoformat(), r.desk_number,
            ],
        )  # fmt: skip
        return cursor.rowcount > 0

    def void_elsewhere(self, series: str, number: int, at: str, reason: str) -> bool:
        cursor = self._storage.db.execute(
            "UPDATE fee_receipts_elsewhere SET voided_at = ?, void_reason = ? "
            "WHERE series = ? AND number = ? AND voided_at IS NULL",
            [at, reason, series, number],
        )
        return cursor.rowcount > 0

    def elsewhere_for(self, dossier_code: str) -> list[ReceiptElsewhere]:
        rows = self._storage.db.execute(
            "SELECT uuid, series, number, dossier_code, amount, method, paid_at, desk_number, "
            "voided_at, void_reason FROM fee_receipts_elsewhere WHERE dossier_code = ? "
            "ORDER BY paid_at",
            [dossier_code],
        ).fetchall()
        return [
            ReceiptElsewhere(
                str(u), str(s), int(n), str(c), int(a), PaymentMethod(str(m)),
                datetime.fromisoformat(str(p)), int(d),
                datetime.fromisoformat(str(v)) if v else None, str(why or ""),
            )
            for u, s, n, c, a, m, p, d, v, why in rows
        ]  # fmt: skip


def _amount(r: tuple[object, ...]) -> ProvinceAmount:
    code, amount, basis, source, at, by = (str(v) for v in r)
    return ProvinceAmount(code, int(amount), basis, AmountSource(source), at, by)
