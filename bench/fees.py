"""A receipt with its fee: save (certification priced per original) → Form 01 PDF, then the
fee taken by VietQR transfer → the fee receipt PDF (two copies, the QR drawn).

    python -m bench.fees [--data-dir DIR] [--size N] [--saves 200]

Each save is the real ``IntakeService.receive``; each payment the real
``FeeService.take_payment`` (one FULL-sync commit of the receipt and its change-log entry)
and ``print_receipt`` (render, count the printing). Goal: the save with its fee stays
p95 ≤ 150 ms, as the save without one (bench.intake).
"""

from __future__ import annotations

from datetime import datetime

from bench.common import demo_args, demo_parser, open_bench_desk, report, timed
from bench.intake import StepClock, draft
from desk_app.domain.dossier import OriginalDraft
from desk_app.domain.fees import PaymentMethod
from desk_app.services.fees import FeeSettings

ACCOUNT = FeeSettings(bank_bin="970415", bank_account="113366668888",
                      bank_account_name="UBND xã Minh Phú")  # fmt: skip


def main() -> None:
    parser = demo_parser()
    parser.set_defaults(size=5000)
    parser.add_argument("--saves", type=int, default=200)
    args = demo_args(parser)
    probe = open_bench_desk(args.data_dir)
    last = probe.storage.db.execute("SELECT MAX(received_at) FROM dossiers").fetchone()[0]
    probe.fees.save_fee_settings(ACCOUNT)
    probe.close()
    clock = StepClock(datetime.fromisoformat(last) if last else None)
    desk = open_bench_desk(args.data_dir, clock=clock)
    print(f"receipt with fee on {desk.dossiers.count():,} dossiers, {args.saves} saves, "
          f"clock {clock.now:%d/%m/%Y}")  # fmt: skip
    counter = iter(range(10**9))
    codes: list[str] = []

    def save() -> None:
        n = next(counter)
        d = draft(n)
        d.pages = None
        d.originals = [OriginalDraft("Giấy khai sinh", 1, 2), OriginalDraft("Bằng", 3 + n % 5, 1)]
        codes.append(desk.intake.receive(d).record.code)

    save()  # warm: fonts registered, statements prepared
    desk.fees.print_receipt(*_paid(desk, codes.pop()))
    saves = timed(save, args.saves)
    payments = timed(lambda: desk.fees.print_receipt(*_paid(desk, codes.pop())), args.saves)
    report("save with fee → Form 01 PDF ready", saves, goal="p95 ≤ 150 ms", key="fees.save")
    report("take fee (VietQR) → fee receipt PDF ready", payments, goal="p95 ≤ 150 ms",
           key="fees.pay")  # fmt: skip
    desk.close()


def _paid(desk: object, code: str) -> tuple[str, int]:
    receipt = desk.fees.take_payment(code, PaymentMethod.TRANSFER)  # type: ignore[attr-defined]
    return receipt.series, receipt.number


if __name__ == "__main__":
    main()
