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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import update
from bench.figures import PREFIX, parse
from bench.tables import SECTIONS, Run, render

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


@dataclass
class Step:
    name: str
    args: list[str]  # after ``python -m bench.<name>``
    quick: list[str]
    demo: bool = False  # runs on the demo database
    root: bool = False  # needs root (network namespaces, tc, nftables)


COLD_RUNS = ["--cold-runs", "5"] if os.geteuid() == 0 else []


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
        # the commune hub: LAN propagation (any user), the day's drain over the same weak
        # link (root; the day made above)
        Step(
            "hub",
            ["--day", f"{day}-120-400"],
            ["--rounds", "5", "--dossiers", "4", "--pages", "8", "--day", f"{day}-4-8"],
        ),
        Step("report", ["--runs", "20"], ["--runs", "5"], demo=True),
        Step("search", [], [], demo=True),
        # with the OS file cache dropped too (a slow disk's first start): root only
        Step("startup", ["--runs", "20", *COLD_RUNS], ["--runs", "3"], demo=True),
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


# --- the file and the README ---------------------------------------------------------------


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
    parser.add_argument(
        "--update",
        action="store_true",
        help="with --only: put the new figures into docs/bench.md's full run and the README",
    )
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
    before: tuple[Run, dict[str, str]] | None = None
    if args.update:
        if not chosen or args.quick:
            raise SystemExit("--update re-measures some benches of a full run: give --only")
        before = update.previous(ROOT / "docs" / "bench.md")
        size = int(before[1]["demo"].split()[0].replace(",", ""))
        data_dir = OUT / f"demo-{size}"
    for step in plan:
        run.status[step.name] = "not run: the run stopped before it"
    out = args.out or (
        OUT / "bench-partial.md" if chosen and not args.update else ROOT / "docs" / "bench.md"
    )
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
        if before is None:
            publish(out, run, info, readme=not chosen and not args.no_readme)
        else:  # the full run's figures, this run's for the benches measured so far
            names = [s.name for s in plan if not run.status[s.name].startswith("not run")]
            merged = update.merge(before[0], run, STEPS_OF, set(names))
            publish(out, merged, update.note(before[1], names, info), readme=not args.no_readme)
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
    "hub": "hub",
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
