"""Save → receipt PDF ready, on the demo database, against its two unavoidable parts.

    python -m bench.intake [--data-dir DIR] [--size N] [--saves 200]

Each save is the real ``IntakeService.receive`` (validate, number, one FULL-sync commit of
dossier + checklist + event + change log, read back, render Form 01 in two copies). The
baselines, measured in the same run on the same disk: one bare fsync'd SQLite commit of a
row, and rendering the same receipt alone. Goal: p95 ≤ 150 ms.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

from bench.common import demo_args, demo_parser, open_bench_desk, report, timed
from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.dossier import ComponentDraft, DossierDraft, PersonDraft
from desk_app.forms.qr import qr_matrix


class StepClock:
    """Office time on the first working day after the newest dossier, 20 s per save."""

    def __init__(self, after: datetime | None) -> None:
        calendar = WorkCalendar()
        day = calendar.next_working_day((after or datetime.now(VN_TZ)).date())
        self.now = datetime.combine(day, time(7, 30), VN_TZ)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=20)
        return self.now


def draft(n: int) -> DossierDraft:
    return DossierDraft(
        procedure_code="2.000815",
        applicant=PersonDraft(f"Nguyễn Văn Thử {n}", f"0010{80 + n % 10}{n % 1_000_000:06d}", "",
                              "", "Thôn Đông, xã Minh Phú, thành phố Hà Nội", "0912345678"),
        components=[
            ComponentDraft("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", "original",
                           1, True, "ban-chinh"),
            ComponentDraft("Bản sao cần chứng thực", "copy", 2, True, "ban-sao"),
        ],
        pages=3,
    )  # fmt: skip


def main() -> None:
    parser = demo_parser()
    parser.add_argument("--saves", type=int, default=200)
    args = demo_args(parser)
    probe = open_bench_desk(args.data_dir)
    last = probe.storage.db.execute("SELECT MAX(received_at) FROM dossiers").fetchone()[0]
    probe.close()
    clock = StepClock(datetime.fromisoformat(last) if last else None)
    desk = open_bench_desk(args.data_dir, clock=clock)
    print(f"save → receipt on {desk.dossiers.count():,} dossiers, {args.saves} saves, "
          f"clock {clock.now:%d/%m/%Y}")  # fmt: skip
    counter = iter(range(10**9))
    desk.intake.receive(draft(next(counter)))  # warm: fonts registered, statements prepared
    saves = timed(lambda: desk.intake.receive(draft(next(counter))), args.saves)

    record = desk.receipts.load(desk.dossiers.search("", limit=1)[0].code)

    def render_cold() -> None:
        qr_matrix.cache_clear()  # a new dossier always has a new QR payload
        desk.receipts.render(record)

    render = timed(render_cold, max(args.saves // 4, 20))
    with tempfile.TemporaryDirectory(dir=args.data_dir) as tmp:
        conn = sqlite3.connect(Path(tmp, "baseline.sqlite3"), isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)")
        payload = "x" * 2000

        def commit_one() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t (payload) VALUES (?)", [payload])
            conn.execute("COMMIT")

        commits = timed(commit_one, max(args.saves // 2, 20))
        conn.close()
    report("baseline: bare fsync'd commit of one row", commits, key="intake.commit",
           conditions="WAL, synchronous=FULL, a 2 KB row, same disk")  # fmt: skip
    report("baseline: render Form 01 (2 copies, QR) only", render, key="intake.render")
    report("save → receipt PDF ready", saves, render, "p95 ≤ 150 ms", key="intake.save")
    desk.close()


if __name__ == "__main__":
    main()
