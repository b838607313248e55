"""Opening the desk after an unclean close (the whole-file check) against after a clean one.

    python -m bench.integrity [--data-dir DIR] [--size N] [--runs 5]

Each run is two fresh processes on the demo database: the first signs in and is
SIGKILLed with the desk open (a crash or a power cut: the sign-in's audit entry changed
the files, and no clean-close mark vouches for them), the second signs in again and times
``open_desk``, which runs SQLite's quick_check over every page (each page decrypted and
its HMAC checked) and the paper sweep before it returns. The baseline, in the same run:
the same open after a clean close (the mark's hash of the files instead of the check).
Both include the sign-in (argon2id at the desk's cost). Python's import time is not in
either figure.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from bench.common import demo_args, demo_parser, kdf_cost, kdf_ms, kdf_words, report
from bench.figures import emit

CHILD = r"""
import json, os, signal, sys, time
from pathlib import Path
from bench.common import open_bench_desk
data_dir, mode = Path(sys.argv[1]), sys.argv[2]
started = time.perf_counter()
desk = open_bench_desk(data_dir)
seconds = time.perf_counter() - started
checked = not desk.storage.closed_cleanly
print(json.dumps({"ms": seconds * 1000, "checked": checked}), flush=True)
if mode == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
desk.close()
"""

ROOT = Path(__file__).resolve().parent.parent


def open_once(data_dir: Path, mode: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), mode],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if mode == "crash":
        assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    else:
        assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = demo_parser()
    parser.add_argument("--runs", type=int, default=5)
    args = demo_args(parser)
    database = args.data_dir / "desk.sqlite3"
    open_once(args.data_dir, "clean")  # leaves a clean close; warms the OS file cache
    after_crash, after_clean = [], []
    for _ in range(args.runs):
        open_once(args.data_dir, "crash")
        opened = open_once(args.data_dir, "clean")
        assert opened["checked"], "the open after a kill did not run the whole-file check"
        after_crash.append(float(str(opened["ms"])))
        opened = open_once(args.data_dir, "clean")
        assert not opened["checked"], "the open after a clean close ran the whole-file check"
        after_clean.append(float(str(opened["ms"])))
    cost = kdf_cost(args.data_dir)
    signing_in = kdf_ms(cost)
    words = f"sign-in included: {kdf_words(cost)}, {signing_in:.0f} ms of it in one run"
    emit("integrity.kdf", signing_in, "ms", kdf_words(cost))
    size_mb = (database.stat().st_size + _size(database.with_name(database.name + "-wal"))) / 1e6
    print(f"database {size_mb:,.0f} MB (with its WAL), {args.runs} runs of each")
    emit("integrity.database", size_mb, "MB")
    report(
        "open after a clean close (baseline)", after_clean, key="integrity.clean", conditions=words
    )
    report(
        "open after an unclean close (whole-file check)",
        after_crash,
        after_clean,
        key="integrity.unclean",
        conditions=words,
    )


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


if __name__ == "__main__":
    main()
