"""The commune hub (issue 23): LAN propagation between desks with the WAN down, and the drain
of a day's backlog when the WAN returns over the weak link.

    python -m bench.hub [--rounds 40]                          # LAN propagation only
    sudo python -m bench.hub [--dossiers 120] [--pages 400] [--rate-kbit 256] [--loss 5]
                             [--delay-ms 300] [--day DIR]      # and the drain (root)

LAN propagation: an upstream, a hub (``serve --role hub``) and two desks, each server its own
process on loopback; the upstream killed (the WAN down). Each round desk 1 receives a
dossier and syncs, desk 2 syncs: the time from the save to the dossier found at desk 2.
Goal: p95 ≤ 2 s.

Drain (needs root, as ``bench.sync_weak_link``, whose link and delay line it reuses): the
upstream in one network namespace, the hub and the desk in the other, the hub reaching the
upstream through the shaped, lossy veth and the delay line. With the WAN down (the delay
line stopped) the desk syncs the day (``--dossiers`` received, ``--pages`` signed pages) to
the hub over its loopback; then the WAN returns and the clock runs until the hub has
forwarded every batch and paper. The lower bound is the day's payload ÷ the link rate (as
for the desk's own sync); the hub's retry wait after the line returns (≤ 2 s here) counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench.figures import emit

ROOT = Path(__file__).resolve().parent.parent
COMMUNE = "000.00.31.H26"


def lan(rounds: int) -> list[float]:
    """Seconds from a save at desk 1 to the dossier found at desk 2, the upstream down."""
    from bench.common import open_bench_desk, start_district
    from district_server.cli import database_url
    from district_server.store import HUB_NUMBER, ServerStore
    from tests.conftest import birth_draft

    work = Path(tempfile.mkdtemp(prefix="hub-lan-"))
    processes: list[subprocess.Popen[bytes]] = []
    desks = []
    try:
        upstream_store = ServerStore(database_url(work / "upstream", None))
        code = upstream_store.new_enrol_code(COMMUNE, HUB_NUMBER, datetime.now(UTC))
        upstream, upstream_url = start_district(work / "upstream")
        processes.append(upstream)
        hub, hub_url = start_district(
            work / "hub", "--role", "hub", "--upstream", upstream_url, "--upstream-code", code
        )
        processes.append(hub)
        hub_store = ServerStore(database_url(work / "hub", None))
        for number in (1, 2):
            desk = open_bench_desk(work / f"desk{number}")
            desk.settings.save(
                replace(desk.settings.load(), agency_code=COMMUNE, desk_number=number)
            )
            desk.sync.enrol(hub_url, hub_store.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
            desks.append(desk)
        upstream.send_signal(signal.SIGKILL)  # the WAN down
        upstream.wait(10)
        one, two = desks
        delays = []
        for _ in range(rounds):
            started = time.perf_counter()
            record = one.intake.receive(birth_draft(one)).record
            one.sync.run_once()
            two.sync.run_once()
            found = two.storage.db.execute(
                "SELECT 1 FROM dossiers WHERE code = ?", [record.code]
            ).fetchone()
            assert found is not None, "desk 2 did not see desk 1's dossier"
            delays.append(time.perf_counter() - started)
        return delays
    finally:
        for desk in desks:
            desk.close()
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(10)
        shutil.rmtree(work, ignore_errors=True)


def drain(args: argparse.Namespace) -> dict[str, float]:
    """The day synced to the hub with the WAN down; seconds until it is all upstream."""
    from bench.sync_weak_link import PROXY_SCRIPT, SERVER_IP, Link, entries_bytes, make_day
    from district_server.cli import database_url
    from district_server.store import ServerStore

    work = Path(tempfile.mkdtemp(prefix="hub-drain-"))
    template = args.day or work / "desk-template"
    if args.day and (args.day / "papers").exists():
        papers = int((args.day / "papers").read_text())
    else:
        print(f"making the day: {args.dossiers} dossiers, {args.pages} pages ...", flush=True)
        papers = make_day(template, args.dossiers, args.pages)
        (template / "papers").write_text(str(papers))
    payload = papers + entries_bytes(template)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESK_APP_PASSWORD": "demo",
           "DISTRICT_HUB_RETRY_MAX": "2"}  # fmt: skip
    link = Link(args.rate_kbit, args.loss)
    up_dir, hub_dir, desk_dir, counter = (work / n for n in ("up", "hub", "desk", "carried"))
    shutil.copytree(template, desk_dir)
    python = sys.executable

    def cli(*command: str) -> str:
        done = subprocess.run([python, "-m", *command], capture_output=True, text=True, env=env,
                              check=True)  # fmt: skip
        return done.stdout.strip().splitlines()[-1]

    def proxy() -> subprocess.Popen[bytes]:
        return link.run(link.desk, python, "-c", PROXY_SCRIPT, "18080", SERVER_IP, "8080",
                        str(args.delay_ms), "", str(counter), env=env)  # fmt: skip

    running: list[subprocess.Popen[bytes]] = []
    try:
        running.append(link.run(link.server, python, "-m", "district_server", "serve",
                                "--data-dir", str(up_dir), "--host", SERVER_IP, "--port", "8080",
                                env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL))  # fmt: skip
        line = proxy()
        time.sleep(3)
        code = cli("district_server", "enrol-hub", "--data-dir", str(up_dir), "--commune", COMMUNE)
        running.append(link.run(link.desk, python, "-m", "district_server", "serve", "--role",
                                "hub", "--data-dir", str(hub_dir), "--port", "8090", "--upstream",
                                "http://127.0.0.1:18080", "--upstream-code", code, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
        time.sleep(5)
        line.terminate()  # the WAN down
        line.wait(10)
        desk_code = cli("district_server", "enrol-desk", "--data-dir", str(hub_dir),
                        "--commune", COMMUNE, "--desk", "1")  # fmt: skip
        for command in (("enrol", "--server", "http://127.0.0.1:8090", "--code", desk_code),
                        ("sync",)):  # fmt: skip
            synced = link.run(link.desk, python, "-m", "desk_app", command[0], "--data-dir",
                              str(desk_dir), *command[1:], env=env)  # fmt: skip
            assert synced.wait(3600) == 0, f"desk-app {command[0]} failed at the hub"
        hub = ServerStore(database_url(hub_dir, None))
        backlog = hub.relay_backlog()
        counter.unlink(missing_ok=True)
        started = time.monotonic()
        running.append(proxy())  # the WAN back
        while hub.relay_backlog() or hub.blobs_unsent(1):
            assert time.monotonic() - started < 7200, "the hub did not drain within 2 hours"
            time.sleep(0.2)
        seconds = time.monotonic() - started
        time.sleep(1)
        carried = int(counter.read_text()) if counter.exists() else 0
        return {"payload": payload, "papers": papers, "batches": backlog,
                "drain_s": seconds, "carried": carried,
                "bound_s": payload * 8 / (args.rate_kbit * 1000)}  # fmt: skip
    finally:
        for process in running:
            if process.poll() is None:
                process.terminate()
                process.wait(10)
        link.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--dossiers", type=int, default=120)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--rate-kbit", type=int, default=256)
    parser.add_argument("--loss", type=int, default=5)
    parser.add_argument("--delay-ms", type=int, default=300)
    parser.add_argument("--day", type=Path, help="the day made by bench.sync_weak_link, reused")
    args = parser.parse_args()
    delays = lan(args.rounds)
    p50 = statistics.median(delays)
    p95 = statistics.quantiles(delays, n=20)[-1]
    print(f"LAN propagation desk 1 -> hub -> desk 2, WAN down, {args.rounds} rounds: "
          f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (goal p95 ≤ 2000 ms: "
          f"{'met' if p95 <= 2 else 'NOT met'})")  # fmt: skip
    emit("hub.lan", {"p50_ms": p50 * 1000, "p95_ms": p95 * 1000, "rounds": args.rounds}, "ms",
         "save at desk 1 to found at desk 2: both desks' sync cycles through the hub on "
         "loopback, the upstream down")  # fmt: skip
    if os.geteuid() != 0:
        print("drain over the weak link: not run (needs root: network namespaces, tc, nftables)")
        return
    d = drain(args)
    print(f"drain of the day ({args.dossiers} dossiers, {args.pages} pages; {d['batches']:.0f} "
          f"batches; payload {d['payload'] / 1024:.0f} KB) over {args.rate_kbit} kbit/s, "
          f"{args.loss}% loss, +{args.delay_ms} ms: {d['drain_s']:.1f} s; lower bound "
          f"{d['bound_s']:.1f} s (× {d['drain_s'] / d['bound_s']:.2f}); carried "
          f"{d['carried'] / 1024:.0f} KB")  # fmt: skip
    emit("hub.drain", d, "bytes, s",
         f"{args.dossiers} dossiers, {args.pages} signed pages synced to the hub with the WAN "
         f"down, then forwarded over {args.rate_kbit} kbit/s (tbf), {args.loss} % loss "
         f"(nftables), +{args.delay_ms} ms round trip (delay line)")  # fmt: skip


if __name__ == "__main__":
    main()
