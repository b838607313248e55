"""A periodic report and the Today page on the demo database.

    python -m bench.report [--data-dir DIR] [--size N]

Report: the whole quarterly report (every count by procedure, satisfaction) for the last
complete quarter, and for a quarter four years back, against the baseline of merely
counting the quarter's received dossiers through their index (the least any report must
read). Goal: ≤ 2 s. Today: the six counts of the Today page and the ids of its longest
list, against one bare indexed count. Goal: ≤ 200 ms.
"""

from __future__ import annotations

from datetime import datetime, time

from bench.common import demo_args, demo_parser, open_bench_desk, report, timed
from bench.figures import emit
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.periods import PeriodKind
from desk_app.services.today import TodayView


def main() -> None:
    parser = demo_parser()
    parser.add_argument("--runs", type=int, default=20, help="runs of each report (p95: ≥ 20)")
    args = demo_args(parser)
    runs = args.runs
    desk = open_bench_desk(args.data_dir)
    db = desk.storage.db
    reports = desk.reports
    last = reports.current_period(PeriodKind.QUARTER).previous()
    old = reports.period(f"{last.year - 4}-Q{last.number}")
    dossiers = desk.dossiers.count()
    print(f"reports over {dossiers:,} dossiers: {last.label}; {old.label}")
    emit("report.dossiers", dossiers, "dossiers")

    def bare(period_start: object, period_end: object) -> int:
        (n,) = db.execute(
            "SELECT COUNT(*) FROM dossiers WHERE received_at >= ? AND received_at < ?",
            [period_start, period_end],
        ).fetchone()
        return int(n)

    for period, name, key in (
        (last, "last quarter", "report.last_quarter"),
        (old, "quarter four years back", "report.old_quarter"),
    ):
        start = datetime.combine(period.start, time(0), VN_TZ).isoformat()
        end = datetime.combine(period.end, time(0), VN_TZ).isoformat()
        cold = timed(lambda p=period: reports.report(p), 1)  # type: ignore[misc]
        report(f"report, {name}, first run", cold, key=f"{key}.first")
        baseline = timed(lambda s=start, e=end: bare(s, e), runs)  # type: ignore[misc]
        ours = timed(lambda p=period: reports.report(p), runs)  # type: ignore[misc]
        report(f"count received in {name} (baseline)", baseline, key=f"{key}.baseline")
        report(f"report, {name}", ours, baseline, "≤ 2000 ms", key=key)
    year = reports.period(str(last.year))
    whole_year = timed(lambda: reports.report(year), runs)
    report("report, a whole year", whole_year, None, "≤ 2000 ms", key="report.year")

    today = desk.today
    first = timed(today.counts, 1)
    report("Today page: six counts, first run", first, None, "≤ 200 ms", key="today.first")
    counts = today.counts()
    longest = max(counts, key=lambda v: counts[v])
    now = datetime.now(VN_TZ)
    baseline = timed(
        lambda: db.execute("SELECT COUNT(*) FROM dossiers WHERE status = 9").fetchone(),
        max(runs, 20),
    )
    report("one indexed count (baseline)", baseline, key="today.baseline")
    ours = timed(today.counts, max(runs, 20))
    report("Today page: six counts", ours, baseline, "≤ 200 ms", key="today.counts")
    shown = timed(lambda: desk.dossiers.search_ids("", today.filter(longest, now)), max(runs, 20))
    report(f"Today page: ids of '{TodayView(longest).label}' ({counts[longest]:,})", shown)
    whole = timed(
        lambda: (today.counts(), desk.dossiers.search_ids("", today.filter(TodayView.DUE_TODAY))),
        max(runs, 20),
    )
    report("Today page: counts + first list", whole, baseline, "≤ 200 ms", key="today.with_list")
    desk.close()


if __name__ == "__main__":
    main()
