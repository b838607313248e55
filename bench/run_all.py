"""Every figure the README quotes, measured again: ``bash scripts/bench`` runs this.

    python -m bench.run_all [--size 1000000] [--quick] [--only report,search]
                            [--reuse-demo] [--kills 400] [--no-readme]

Makes the demo database (timed: it is a figure too), runs each bench as its own process,
collects the ``FIGURE`` lines they print (``bench/figures.py``), and writes ONE file,
``docs/bench.md``: the commit, the date, the machine, then the tables. The README's
tables are the same text, spliced between ``<!-- bench:begin NAME -->`` and
``<!-- bench:end NAME -->`` markers, so no figure in them is copied by hand. A bench
that cannot run here (the weak link needs root for its network namespaces) or fails is
marked in the tables instead of a figure. ``--quick`` is a smoke run (a 2,000-dossier
demo, few samples): its file says so at the top and in every README block.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from bench.figures import MIN_P95, PREFIX, parse

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SECTIONS = ("performance", "digitisation", "sync", "crash")


@dataclass
class Step:
    name: str
    args: list[str]  # after ``python -m bench.<name>``
    quick: list[str]
    demo: bool = False  # runs on the demo database
    root: bool = False  # needs root (network namespaces, tc, nftables)


@dataclass
class Run:
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)  # step → "ok" or why not


def steps(kills: int, postgres: bool) -> list[Step]:
    pg = ["--postgres"] if postgres else []
    day = OUT / "weak-link-day"  # made once (the slowest part to make), reused after
    return [
        # first: the longest, bound by its shaped link rather than by the processor
        Step(
            "sync_weak_link",
            ["--day", f"{day}-120-400"],
            ["--dossiers", "4", "--pages", "8", "--day", f"{day}-4-8"],
            root=True,
        ),
        Step("report", ["--runs", "20"], ["--runs", "5"], demo=True),
        Step("search", [], [], demo=True),
        Step("startup", ["--runs", "20"], ["--runs", "3"], demo=True),
        # a screen every 90 rows still reads every 100-row page (a screen every 28 rows is
        # 35,700 repaints over a million rows: 14 minutes)
        Step("scroll_memory", ["--step", "90"], ["--step", "90"], demo=True),
        Step("integrity", ["--runs", "5"], ["--runs", "2"], demo=True),
        Step("intake", ["--saves", "200"], ["--saves", "30"], demo=True),  # adds dossiers: last
        Step("capture", ["--runs", "5"], ["--runs", "2"]),
        Step("signing", ["--runs", "20"], ["--runs", "5"]),
        Step("crash", ["--kills", str(kills)], ["--kills", "4"]),
        Step(
            "sync_ingest",
            [*pg, "--repeat", "3"],
            [*pg, "--desks", "6", "--entries", "500", "--repeat", "1"],
        ),
    ]


# --- running ---------------------------------------------------------------------------


def run_step(command: list[str], log: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run one bench, its output to the console and to ``log``; (exit code, stdout)."""
    lines: list[str] = []
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert process.stdout is not None
        for line in process.stdout:
            out.write(line)
            lines.append(line)
            if PREFIX not in line:
                print("  " + line, end="", flush=True)
        code = process.wait()
    return code, "".join(lines)


def make_demo(data_dir: Path, size: int, reuse: bool, env: dict[str, str], run: Run) -> None:
    if reuse and (data_dir / "keys.json").exists():
        run.status["demo"] = "reused: an existing demo database, its making not timed"
        return
    shutil.rmtree(data_dir, ignore_errors=True)
    print(f"== demo: {size:,} dossiers in {data_dir}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_app",
            "demo",
            "--data-dir",
            str(data_dir),
            "--dossiers",
            str(size),
        ],
        cwd=ROOT,
        env=env,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the demo database could not be made (exit {done.returncode})")
    size_bytes = sum(f.stat().st_size for f in data_dir.glob("desk.sqlite3*"))
    run.figures["demo"] = {
        "key": "demo",
        "value": {"s": seconds, "bytes": size_bytes},
        "unit": "s, bytes",
        "conditions": "whole process",
    }
    run.status["demo"] = "ok"


def load_average() -> str:
    """The 1-minute load average (on 2 cores, above 2 means something else was running)."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "?"


def machine(size: int, quick: bool) -> dict[str, str]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else "?"

    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    import sqlite3

    cipher = "?"
    with contextlib.suppress(Exception):
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        cipher = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        cipher += f" (SQLite {conn.execute('SELECT sqlite_version()').fetchone()[0]})"
        conn.close()
    dirty = git("status", "--porcelain", "--untracked-files=no")
    load = "?"
    with contextlib.suppress(OSError):
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return {
        "commit": git("rev-parse", "--short=10", "HEAD")
        + (" (+ uncommitted changes)" if dirty else ""),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlcipher": cipher,
        "load": load,
        "demo": f"{size:,} dossiers",
        "kind": "quick smoke run" if quick else "full run",
    }


# --- formatting --------------------------------------------------------------------------


def ms(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 10:
        return f"{value:.0f} ms"
    if value >= 1:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def size_words(n: float) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def dist(v: dict[str, Any], fmt: Callable[[float], str] = ms) -> str:
    """p50 and p95 with their sample count; the median and the maximum when too few."""
    if "p95" in v:
        return f"p50 {fmt(v['p50'])}, p95 {fmt(v['p95'])} (n={v['n']})"
    if v["n"] == 1:
        return f"{fmt(v['p50'])} (one run)"
    return f"median {fmt(v['p50'])}, max {fmt(v['max'])} (n={v['n']}, < {MIN_P95}: no p95)"


def top(v: dict[str, Any]) -> float:
    """What a goal is judged on: the p95, or the maximum when there is no p95."""
    return float(v.get("p95", v["max"]))


def ratio(ours: dict[str, Any], base: dict[str, Any]) -> str:
    if "p95" in ours and "p95" in base:
        return f"{ours['p95'] / max(base['p95'], 1e-9):.2f}× at p95"
    return f"{ours['p50'] / max(base['p50'], 1e-9):.2f}× at the median"


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


class Tables:
    def __init__(self, run: Run, info: dict[str, str], steps_of: dict[str, str]) -> None:
        self.run, self.info, self.steps_of = run, info, steps_of

    def fig(self, key: str) -> Any:
        record = self.run.figures.get(key)
        return None if record is None else record["value"]

    def cond(self, key: str) -> str:
        record = self.run.figures.get(key)
        return "" if record is None else str(record.get("conditions", ""))

    def missing(self, key: str) -> str:
        step = self.steps_of.get(key.split(".")[0], key.split(".")[0])
        why = self.run.status.get(step, "not run")
        return f"— ({why})" if not why.startswith("ok") else "— (no figure printed)"

    def stamp(self) -> str:
        i = self.info
        text = (
            f"_Measured by `bash scripts/bench` ({i['kind']}, demo {i['demo']}) on "
            f"{i['date']}, commit `{i['commit']}`: {i['cpu']}, {i['cores']} cores, "
            f"{i['ram']}; the machine, versions and raw figures are in "
            f"[docs/bench.md](docs/bench.md)._"
        )
        if i["kind"] != "full run":
            text = (
                "**QUICK SMOKE RUN: a small demo and few samples; these are not the "
                "figures of a full run.** " + text
            )
        return text

    # -- performance --

    def performance(self) -> str:
        f = self.fig
        rows = ["| What | Figure | Baseline in the same run | Goal |", "|---|---|---|---|"]
        demo = f("demo")
        if demo:
            rows.append(
                f"| `desk-app demo --dossiers N` (each dossier's whole life) | "
                f"{demo['s']:.0f} s ({size_words(demo['bytes'])} database) | — | "
                f"< 180 s for 1,000,000: "
                f"{met(demo['s'] < 180) if '1,000,000' in self.info['demo'] else 'n/a'} |"
            )
        else:
            rows.append(f"| `desk-app demo --dossiers N` | {self.missing('demo')} | — | < 180 s |")
        q, qb, qf = (
            f("report.last_quarter"),
            f("report.last_quarter.baseline"),
            f("report.last_quarter.first"),
        )
        if q and qb and qf:
            rows.append(
                f"| quarterly report, last complete quarter, every count by procedure "
                f"(`bench.report`, over {f('report.dossiers') or 0:,} dossiers) | "
                f"{dist(q)}; first run {ms(qf['p50'])} | counting the quarter's received "
                f"dossiers by index {dist(qb)} | ≤ 2 s: {met(top(q) <= 2000)} |"
            )
        else:
            rows.append(
                f"| quarterly report (`bench.report`) | {self.missing('report')} | | ≤ 2 s |"
            )
        o, y = f("report.old_quarter"), f("report.year")
        if o and y:
            rows.append(
                f"| quarterly report four years back; a whole year | {dist(o)}; {dist(y)} "
                f"| — | ≤ 2 s: {met(max(top(o), top(y)) <= 2000)} |"
            )
        t1, tc, tl, tb = (
            f("today.first"),
            f("today.counts"),
            f("today.with_list"),
            f("today.baseline"),
        )
        if t1 and tc and tl and tb:
            rows.append(
                f"| Today page: six counts (`bench.report`) | first run {ms(t1['p50'])}, "
                f"then {dist(tc)}; counts + first list {dist(tl)} | one indexed count "
                f"{dist(tb)} | ≤ 200 ms: {met(max(t1['max'], top(tl)) <= 200)} |"
            )
        s, sb = f("search.desk"), f("search.baseline")
        if s and sb:
            r = top(s) / max(top(sb), 1e-9)
            rows.append(
                f"| search, {f('search.queries')} typed queries (names with/without "
                f"accents, codes, ID and phone fragments) × 3 passes, 50 rows each "
                f"(`bench.search`) | {dist(s)} | bare FTS5 / index query {dist(sb)} → "
                f"{ratio(s, sb)} | p95 ≤ 30 ms, ≤ 1.5×: {met(top(s) <= 30 and r <= 1.5)} |"
            )
        else:
            rows.append(f"| search (`bench.search`) | {self.missing('search')} | | p95 ≤ 30 ms |")
        a = f("search.all_ids")
        if a:
            rows.append(
                f"| all ids of the list, no query (`bench.search`; in the background) "
                f"| {dist(a)} | — | — |"
            )
        i, ir, ic = f("intake.save"), f("intake.render"), f("intake.commit")
        if i and ir and ic:
            rows.append(
                f"| save → receipt PDF ready, {i['n']} saves (`bench.intake`) | {dist(i)} "
                f"| rendering Form 01 alone {dist(ir)} → {ratio(i, ir)}; a bare fsync'd "
                f"commit {dist(ic)} | p95 ≤ 150 ms: {met(top(i) <= 150)} |"
            )
        else:
            rows.append(
                f"| save → receipt (`bench.intake`) | {self.missing('intake')} | | p95 ≤ 150 ms |"
            )
        d, b = f("startup.desk"), f("startup.bare")
        if d and b:
            rows.append(
                f"| cold start → first painted window (`bench.startup`, "
                f"{self.cond('startup.desk')}) | {dist(d)} | bare Qt window {dist(b)} → "
                f"{ratio(d, b)} | ≤ 1.5 s: {met(top(d) <= 1500)} |"
            )
        else:
            rows.append(f"| cold start (`bench.startup`) | {self.missing('startup')} | | ≤ 1.5 s |")
        u, c, k, mb = (
            f("integrity.unclean"),
            f("integrity.clean"),
            f("integrity.kdf"),
            f("integrity.database"),
        )
        if u and c and k is not None and mb is not None:
            rows.append(
                f"| opening the desk after an unclean close: whole-file check "
                f"(`bench.integrity`, {mb:,.0f} MB database, sign-in included: "
                f"{self.cond('integrity.kdf')}, {ms(k)} of it) | {dist(u)} | the same "
                f"open after a clean close {dist(c)} | — |"
            )
        else:
            rows.append(
                f"| open after an unclean close (`bench.integrity`) | {self.missing('integrity')} | | — |"
            )
        p, pb = f("scroll.peak"), f("scroll.before")
        if p is not None and pb is not None:
            rows.append(
                f"| peak memory scrolling all {f('scroll.rows'):,} rows, "
                f"{self.cond('scroll.per_screen')} (`bench.scroll_memory`) | {p:.0f} MB "
                f"({ms(f('scroll.per_screen'))} per "
                f"screen) | window shown, list not loaded {pb:.0f} MB → {p / pb:.2f}× | "
                f"≤ 250 MB: {met(p <= 250)} |"
            )
        else:
            rows.append(
                f"| peak memory scrolling (`bench.scroll_memory`) | {self.missing('scroll')} | | ≤ 250 MB |"
            )
        return "\n".join([self.stamp(), "", *rows])

    # -- digitisation --

    NAMES: ClassVar[dict[str, str]] = {
        "text.bw": "notice, 4 paragraphs",
        "text (5 par.).bw": "notice, 5 paragraphs (dense)",
        "text.grey": "notice",
        "form.bw": "form with seal",
        "form.colour": "form with seal",
        "id_card.colour": "ID card on A4",
        "sane_pattern.colour": "SANE colour pattern",
    }
    GOALS: ClassVar[dict[str, int]] = {"bw": 40, "grey": 120, "colour": 200}

    def digitisation(self) -> str:
        rows = [
            "| page | mode | KB/page | goal | × lossless | × JPEG 75 | ms/page (clean alone) | "
            "OCR scan → cleaned → stored |",
            "|---|---|---|---|---|---|---|---|",
        ]
        pages = [
            (k, r)
            for k, r in self.run.figures.items()
            if k.startswith("capture.") and isinstance(r["value"], dict)
        ]
        worst_jpeg, slowest = 0.0, 0.0
        for key, record in pages:
            v = record["value"]
            name = key.removeprefix("capture.")
            mode = name.rsplit(".", 1)[1]
            label = {"bw": "B/W", "grey": "grey", "colour": "colour"}[mode]
            codec = v.get("codec") or ("G4" if mode == "bw" else "JPEG")  # runs before issue 24
            kind = f"{label} ({codec}"
            kb, goal = v["bytes"] / 1000, self.GOALS[mode]
            worst_jpeg = max(worst_jpeg, v["bytes"] / v["jpeg75"])
            slowest = max(slowest, v["ms"])
            ocr = v["ocr"]
            shown = (
                "—"
                if ocr[0] is None or ocr[0] < 50 or None in ocr
                else " → ".join(f"{x:.1f}%" for x in ocr)
            )
            rows.append(
                f"| {self.NAMES.get(name, name)} | {kind}, {v['dpi']} dpi) | {kb:.1f} | "
                f"≤ {goal} {'✓' if kb <= goal else '✗'} | {v['bytes'] / v['lossless']:.3f} | "
                f"{v['bytes'] / v['jpeg75']:.3f} | {v['ms']:.0f} ({v['clean_ms']:.0f}) | {shown} |"
            )
        if not pages:
            rows.append(f"| {self.missing('capture')} | | | | | | | |")
        lines = [
            self.stamp(),
            "",
            "Bytes are what one more page adds to a component PDF; the baselines are the same "
            "scan as one more page of an img2pdf PDF, lossless (PNG) and JPEG quality 75, at "
            "the stored page's resolution and colour space (grey for B/W and grey pages, RGB "
            "for colour), made in the same run. Time: clean + encode (clean "
            "alone in brackets), median of several runs on one core.",
            "",
            *rows,
            "",
        ]
        if pages:
            lines.append(
                f"Every page is ≤ {worst_jpeg:.2f}× JPEG 75 (goal ≤ 0.5×: "
                f"{met(worst_jpeg <= 0.5)}); the slowest takes {slowest:.0f} ms "
                f"(goal ≤ 300 ms on one core: {met(slowest <= 300)})."
            )
        if self.fig("capture.ocr") is False:
            lines.append("OCR: not measured (tesseract with Vietnamese is not installed here).")
        a = self.fig("capture.assembly5")
        if a is not None:
            lines.append(
                f"A whole 5-page B/W component (encode, assemble, PDF/A-2b validation of "
                f"the bytes written): {ms(a)}."
            )
        sb, sm, sf = self.fig("signing.bytes"), self.fig("signing.ms"), self.fig("signing.first")
        if sb is not None and sm and sf is not None:
            lines.append(
                f"Signing (`bench.signing`, {self.cond('signing.ms')}) adds {dist(sm)} "
                f"and {sb / 1000:.1f} KB per document; the first signature of a process "
                f"takes {ms(sf)} (the stamp font is cut down to Vietnamese once)."
            )
        else:
            lines.append(f"Signing (`bench.signing`): {self.missing('signing')}.")
        return "\n".join(lines)

    # -- sync --

    def sync(self) -> str:
        lines = [self.stamp(), ""]
        w = self.fig("weak_link")
        if w:
            bound = w["bound_s"]
            lines += [
                f"`bench.sync_weak_link` (a commune's day: {self.cond('weak_link')}; the cut run "
                f"drops every connection at {w['cuts']} points of the payload):",
                "",
                "| | Time | × lower bound (payload ÷ link rate) | Goal |",
                "|---|---|---|---|",
                f"| payload {w['payload'] / 1024:,.0f} KB (papers {w['papers'] / 1024:,.0f} KB); "
                f"lower bound | {bound:.1f} s | 1.00 | |",
                f"| the day, uncut | {w['uncut_s']:.1f} s | {w['uncut_s'] / bound:.2f} | ≤ 1.25: "
                f"{met(w['uncut_s'] / bound <= 1.25)} |",
                f"| the day, {w['cuts']} cuts ({w['cut_runs']} runs of `desk-app sync`) | "
                f"{w['cut_s']:.1f} s | {w['cut_s'] / bound:.2f} | |",
                f"| re-sent after {w['cuts']} cuts | {w['resent'] / 1024:,.0f} KB in all, "
                f"{w['resent'] / max(1, w['cuts']) / 1024:,.0f} KB a cut | | ≤ one chunk "
                f"({w['chunk'] // 1024} KB) a cut: {met(w['resent'] / max(1, w['cuts']) <= w['chunk'])} |",
            ]
        else:
            lines.append(f"`bench.sync_weak_link`: {self.missing('weak_link')}.")
        lines.append("")
        rows = []
        for key, name, goal in (
            ("ingest.sqlite", "SQLite", None),
            ("ingest.postgres", "PostgreSQL", 0.30),
        ):
            v = self.fig(key)
            if not v:
                rows.append(f"| {name} | {self.missing(key)} | | | | | |")
                continue

            def span(xs: list[float]) -> str:
                lo, hi = min(xs), max(xs)
                return f"{lo:,.0f}" if round(lo) == round(hi) else f"{lo:,.0f} – {hi:,.0f}"

            def rspan(xs: list[float]) -> str:
                lo, hi = min(xs), max(xs)
                return f"{lo:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f} – {hi:.2f}"

            per = [a / b for a, b in zip(v["api"], v["per_batch"], strict=True)]
            one = [a / b for a, b in zip(v["api"], v["one"], strict=True)]
            target = f"≥ {goal:.2f}: {met(min(per) >= goal)}" if goal else ""
            rows.append(
                f"| {name} ({self.cond(key).rsplit(', ', 1)[-1]}) | {span(v['api'])} | "
                f"{span(v['per_batch'])} | {rspan(per)} | {span(v['one'])} | {rspan(one)} "
                f"| {target} |"
            )
        conditions = self.cond("ingest.sqlite") or self.cond("ingest.postgres")
        lines += [
            f"`bench.sync_ingest` ({conditions.rsplit(', ', 1)[0] if conditions else 'not run'}; "
            "signed and gzipped as a desk sends them, against the real server; the raw baselines "
            "insert the same rows into the same kind of database through an engine set up by the "
            "server's store, so with the same journal mode and synchronous setting: one commit a "
            "batch, what an acknowledgement needs, and one transaction for everything; ranges "
            "over the runs):",
            "",
            "| Database | API entries/s | Raw, a commit a batch | Ratio | Raw, one transaction | "
            "Ratio | Goal |",
            "|---|---|---|---|---|---|---|",
            *rows,
        ]
        return "\n".join(lines)

    # -- crash --

    def crash(self) -> str:
        c, r, k = self.fig("crash"), self.fig("crash.restart"), self.fig("crash.real_kdf")
        if not (c and r and k is not None):
            return f"{self.stamp()}\n\nCrash harness: {self.missing('crash')}."
        real = self.cond("crash.real_kdf").removeprefix("one sign-in's ").removesuffix(", same run")
        where = ", ".join(
            f"{n} {w}" for w, n in sorted(c["killed_while"].items(), key=lambda x: -x[1])
        )
        return (
            f"{self.stamp()}\n\nLast run (`bench.crash --kills {c['kills']}`): "
            f"**{c['kills']} kills, all checks passed after every one**; {c['dossiers']:,} "
            f"dossiers ({c['receipts']:,} with a receipt produced before the kill), "
            f"{c['entries_synced']:,} change-log entries held by the server exactly once each "
            f"after the final sync, {c['papers']:,} paper files; reopening after a kill "
            f"(integrity check and sweep included) {dist(r)} on this small desk, "
            f"{self.cond('crash.restart').removesuffix('; a small desk')} (the tests' cost, "
            f"not the desk's: {real} takes {ms(k)} a sign-in, measured "
            f"in the same run); {c['minutes']:.1f} minutes. Where the kills landed (from the "
            f"worker's open files): {where}."
        )


# --- the file and the README ---------------------------------------------------------------


def render(run: Run, info: dict[str, str], steps_of: dict[str, str]) -> dict[str, str]:
    tables = Tables(run, info, steps_of)
    return {name: getattr(tables, name)() for name in SECTIONS}


def write_file(path: Path, blocks: dict[str, str], run: Run, info: dict[str, str]) -> None:
    head = "QUICK SMOKE RUN — not the figures of a full run" if info["kind"] != "full run" else ""
    machine_rows = "\n".join(f"| {k} | {v} |" for k, v in info.items())
    statuses = "\n".join(f"| `{k}` | {v} |" for k, v in run.status.items())
    raw = "\n".join(json.dumps(r, ensure_ascii=False) for r in run.figures.values())
    text = (
        "# Benchmark figures\n\n"
        + (f"**{head}.**\n\n" if head else "")
        + "Written by `bash scripts/bench` (`bench/run_all.py`); do not edit by hand. README.md's "
        "tables between the `bench:begin` / `bench:end` markers are the sections below.\n\n"
        "| | |\n|---|---|\n" + machine_rows + "\n\n"
        "| bench | status |\n|---|---|\n"
        + statuses
        + "\n\n"
        + "".join(
            f"## {name}\n\n<!-- bench:begin {name} -->\n{blocks[name]}\n<!-- bench:end {name} -->\n\n"
            for name in SECTIONS
        )
        + "## Raw figures\n\n```\n"
        + raw
        + "\n```\n"
    )
    path.write_text(text, encoding="utf-8")


def splice(readme: Path, blocks: dict[str, str]) -> list[str]:
    """Put each block between its markers in ``readme``; the names of the blocks placed."""
    text = readme.read_text(encoding="utf-8")
    placed = []
    for name, block in blocks.items():
        begin, end = f"<!-- bench:begin {name} -->", f"<!-- bench:end {name} -->"
        if begin in text and end in text and text.index(begin) < text.index(end):
            before, rest = text.split(begin, 1)
            _, after = rest.split(end, 1)
            # inside a list item the marker is indented: so is the block, to stay in the item
            indent = before[before.rfind("\n") + 1 :]
            body = "\n".join(indent + line if line else "" for line in block.splitlines())
            text = f"{before}{begin}\n{body}\n{indent}{end}{after}"
            placed.append(name)
    readme.write_text(text, encoding="utf-8")
    return placed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000, help="dossiers in the demo")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--only", default="", help="comma-separated benches (no README splice)")
    parser.add_argument("--reuse-demo", action="store_true", help="keep a demo made before")
    parser.add_argument("--kills", type=int, default=400, help="crash harness kills")
    parser.add_argument(
        "--out", type=Path, help="default docs/bench.md; bench/out/bench-partial.md with --only"
    )
    parser.add_argument("--no-readme", action="store_true", help="do not splice README.md")
    args = parser.parse_args()
    size = 2000 if args.quick and args.size == 1_000_000 else args.size
    chosen = {name for name in args.only.split(",") if name}
    postgres = bool(list(Path("/usr/lib/postgresql").glob("*/bin/initdb")))
    plan = [s for s in steps(args.kills, postgres) if not chosen or s.name in chosen]
    data_dir = OUT / f"demo-{size}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    info = machine(size, args.quick)
    run = Run()
    for step in plan:
        run.status[step.name] = "not run: the run stopped before it"
    out = args.out or (OUT / "bench-partial.md" if chosen else ROOT / "docs" / "bench.md")
    started = time.perf_counter()
    demo_made = False
    for step in plan:
        if step.root and os.geteuid() != 0:
            run.status[step.name] = "not run: needs root (network namespaces, tc, nftables)"
            print(f"== {step.name}: skipped, needs root", flush=True)
            continue
        if step.demo and not demo_made:  # a partial run reuses the demo it finds
            make_demo(data_dir, size, args.reuse_demo or bool(chosen), env, run)
            demo_made = True
        command = [
            sys.executable,
            "-m",
            f"bench.{step.name}",
            *(step.quick if args.quick else step.args),
        ]
        if step.demo:
            command += ["--data-dir", str(data_dir), "--size", str(size)]
        print(f"== {step.name}: {' '.join(command[1:])}", flush=True)
        begun, load = time.perf_counter(), load_average()
        code, output = run_step(command, logs / f"{step.name}.log", env)
        figures = parse(output)
        run.figures.update(figures)
        run.status[step.name] = (
            "ok" if code == 0 else f"failed (exit {code}; bench/out/logs/{step.name}.log)"
        )
        # other work on the machine slows what is measured: the status says how busy it was
        run.status[step.name] += f" (load average {load} before it, {load_average()} after)"
        if step.name == "sync_ingest" and not postgres:
            run.status[step.name] += "; PostgreSQL not installed: SQLite only"
        print(
            f"   {step.name}: {run.status[step.name]}, {len(figures)} figures, "
            f"{time.perf_counter() - begun:.0f} s",
            flush=True,
        )
        # written after every bench: a run stopped half-way leaves what it measured,
        # the rest marked as not run
        info["duration"] = f"{(time.perf_counter() - started) / 60:.1f} minutes"
        publish(out, run, info, readme=not chosen and not args.no_readme)
    failed = [k for k, v in run.status.items() if v.startswith("failed")]
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


STEPS_OF = {
    "demo": "demo",
    "report": "report",
    "today": "report",
    "search": "search",
    "intake": "intake",
    "startup": "startup",
    "integrity": "integrity",
    "scroll": "scroll_memory",
    "capture": "capture",
    "signing": "signing",
    "ingest": "sync_ingest",
    "weak_link": "sync_weak_link",
    "crash": "crash",
}


def publish(out: Path, run: Run, info: dict[str, str], *, readme: bool) -> None:
    """Write the figures so far to ``out`` and, for a whole run, into README.md."""
    blocks = render(run, info, STEPS_OF)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_file(out, blocks, run, info)
    print(f"   wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}", flush=True)
    if readme:
        placed = splice(ROOT / "README.md", blocks)
        print(f"   README.md: {', '.join(placed) or 'no bench markers found'}", flush=True)


if __name__ == "__main__":
    main()
