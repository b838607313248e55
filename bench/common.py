"""Helpers shared by the benchmarks: the demo database, percentiles, printing figures."""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.figures import MIN_P95, emit_samples, percentile, summary

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_DATA = BENCH_DIR / "out" / "million"
DEFAULT_SIZE = 1_000_000


def open_bench_desk(data_dir: Path, **kwargs: Any) -> Desk:
    """A desk for measuring: the demo's administrator (admin / demo), set up on first use."""
    from desk_app.app import open_desk
    from desk_app.services.access import ADMIN, DEMO_PASSWORD, is_set_up, set_up_desk
    from desk_app.services.clock import system_clock

    if not is_set_up(data_dir):
        set_up_desk(data_dir, username=ADMIN, full_name="Quản trị (đo)", password=DEMO_PASSWORD,
                    clock=kwargs.get("clock", system_clock), demo=True)  # fmt: skip
    return open_desk(data_dir, officer=ADMIN, password=DEMO_PASSWORD, **kwargs)


def ensure_demo(data_dir: Path, size: int) -> None:
    """Create the demo database with ``size`` dossiers unless it is already there."""
    if (data_dir / "keys.json").exists():
        return
    if (data_dir / "desk.sqlite3").exists():  # made before encryption: not openable now
        raise SystemExit(f"{data_dir} holds a desk made before encryption; remove it first")
    print(f"creating the demo database ({size:,} dossiers) in {data_dir} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desk_app", "demo", "--data-dir", str(data_dir),
         "--dossiers", str(size)],
        check=True,
    )  # fmt: skip
    print(f"  demo database ready in {time.perf_counter() - started:.1f} s", flush=True)


def demo_parser() -> argparse.ArgumentParser:
    """The arguments every benchmark takes: where the demo database is, and its size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    return parser


def demo_args(parser: argparse.ArgumentParser | None = None) -> argparse.Namespace:
    """Parse the arguments and make sure the demo database exists."""
    args = (parser or demo_parser()).parse_args()
    ensure_demo(args.data_dir, args.size)
    return args


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls of ``fn``."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p(samples: list[float], q: float) -> float:
    return percentile(samples, q)


def spread(samples: list[float]) -> str:
    """The p50 and p95 with enough samples for a p95 (``MIN_P95``), else the median and the
    maximum, saying that the samples are too few for a percentile."""
    s = summary(samples)
    if "p95" in s:
        return f"p50 {s['p50']:8.2f} ms  p95 {s['p95']:8.2f} ms  (n={s['n']})"
    return f"median {s['p50']:8.2f} ms  max {s['max']:8.2f} ms  (n={s['n']}, too few for a p95)"


def report(name: str, samples: list[float], baseline: list[float] | None = None,
           goal: str = "", key: str | None = None, conditions: str = "") -> None:  # fmt: skip
    """Print a line for people and, with ``key``, the figure for ``scripts/bench``."""
    line = f"{name:<44} {spread(samples)}  mean {statistics.fmean(samples):8.2f} ms"
    if baseline:
        q = 95 if min(len(samples), len(baseline)) >= MIN_P95 else 50
        ratio = p(samples, q) / max(p(baseline, q), 1e-9)
        line += f"  ratio p{q} {ratio:5.2f}x"
    if goal:
        line += f"  (goal {goal})"
    print(line, flush=True)
    if key:
        emit_samples(key, samples, "ms", conditions)


def start_district(
    data_dir: Path,
    *args: str,
    url: str | None = None,
    workers: int = 1,
    port: int = 0,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """The real district server as its own process on loopback (``args`` added to
    ``serve``; ``env`` added to the environment), once it answers: the process and its
    address. The caller stops it."""
    import httpx

    import desk_protocol as protocol
    from bench.pg import free_port

    port = port or free_port()
    command = [sys.executable, "-m", "district_server", "serve", "--data-dir", str(data_dir),
               "--port", str(port), "--workers", str(workers), *args]  # fmt: skip
    command += ["--database-url", url] if url else []
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=None if env is None else os.environ | env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + protocol.TIME_PATH).is_success:
                break
        if process.poll() is not None:
            raise RuntimeError(f"the district server ended with exit {process.returncode}")
        time.sleep(0.05)
    return process, base


@contextlib.contextmanager
def serve_district(data_dir: Path, url: str | None = None, workers: int = 1) -> Iterator[str]:
    """The real district server as its own process on loopback; yields its address."""
    process, base = start_district(data_dir, url=url, workers=workers)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(10)


def kdf_cost(data_dir: Path, officer: str = "admin") -> dict[str, int]:
    """The argon2id cost an officer's sign-in pays on this desk (from its keys.json)."""
    import json

    kdf = json.loads((data_dir / "keys.json").read_text(encoding="utf-8"))["officers"][officer]
    return {k: int(kdf["kdf"][k]) for k in ("time_cost", "memory_kib", "parallelism")}


def kdf_words(cost: dict[str, int]) -> str:
    return (f"argon2id t={cost['time_cost']}, {cost['memory_kib'] // 1024 or cost['memory_kib']}"
            f"{' MiB' if cost['memory_kib'] >= 1024 else ' KiB'}, p={cost['parallelism']}")  # fmt: skip


def kdf_ms(cost: dict[str, int], repeat: int = 3) -> float:
    """The median time of one key derivation at ``cost`` (what a sign-in spends in it)."""
    from desk_app.storage.keyring import KdfCost

    kdf = KdfCost(cost["time_cost"], cost["memory_kib"], cost["parallelism"])
    return statistics.median(timed(lambda: kdf.derive("mật khẩu", b"\0" * 16), repeat))
