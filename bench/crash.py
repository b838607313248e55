"""Crash harness: kill the desk (SIGKILL) at random moments of intake, scanning and sync,
hundreds of times, and check the desk after each restart.

    python -m bench.crash [--kills 400] [--seed 2026]

A worker process (``python -m bench.crash worker DIR``) signs in and works without pause:
it receives dossiers and prints their receipts (the PDF written, then the code appended to
``receipts.log`` and fsynced: a receipt handed to a citizen), digitises scans, and syncs
with a real district server (``district-server serve`` on loopback). The harness waits
until the worker is working, kills it after a random delay, then opens the desk itself
and checks:

- the desk opens: SQLite's integrity check passes (start-up runs it), every paper file
  with a row is there (start-up swept the ones without);
- every dossier whose receipt was produced is in the database;
- the change log is consistent: numbered 1…n without a hole, one ``dossier_received``
  entry for each dossier and a dossier for each, the audit chain unbroken;
- at the end, after a last sync: the server holds exactly the desk's entries (same
  number, same content hashes, in order: nothing twice), and a status-page row for each
  dossier.

SIGKILL leaves the operating system's caches to be written; a power cut does not. The
power cut itself is ``bench/powercut.py``, on a file system that really loses unsynced
writes (``bench/lazyfs.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Cây đa đầu làng 2026"
RECEIPTS = "receipts"
READY = "ready"


def _env() -> dict[str, str]:
    return os.environ | {"DESK_APP_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}


# --- the worker: a desk at work --------------------------------------------------------


def worker(data_dir: Path, scans: list[Path], seed: int) -> None:
    from bench.intake import draft
    from desk_app.app import open_desk
    from desk_app.sync.client import SyncError

    desk = open_desk(data_dir, password=PASSWORD)
    receipts = data_dir.parent / RECEIPTS
    receipts.mkdir(exist_ok=True)
    journal = open(receipts / "receipts.log", "a", encoding="utf-8")  # noqa: SIM115
    rng = random.Random(seed)
    print(READY, flush=True)
    n = seed * 1000
    codes: list[str] = []
    while True:
        roll = rng.random()
        # (a desk numbers at most 999 dossiers a day: 400 rounds stay under it)
        if roll < 0.35 or not codes:
            n += 1
            record = desk.intake.receive(draft(n)).record  # committed when it returns
            pdf = desk.receipts.print_copy(record.code).pdf
            (receipts / f"{record.code}.pdf").write_bytes(pdf)
            journal.write(record.code + "\n")
            journal.flush()
            os.fsync(journal.fileno())
            codes.append(record.code)
        elif roll < 0.85:  # digitising is the longest step: most kills land in it
            chosen = rng.sample(scans, rng.randint(1, len(scans)))
            desk.digitisation.digitise_files(rng.choice(codes), 1, chosen)
        else:
            with contextlib.suppress(SyncError):  # the server busy or gone: next time
                desk.sync.run_once()


# --- the checks after each kill -----------------------------------------------------------


@dataclass
class Tally:
    kills: int = 0
    dossiers: int = 0
    receipts: int = 0
    entries: int = 0
    papers: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    killed_in: dict[str, int] = field(default_factory=dict)


def check(data_dir: Path, tally: Tally) -> None:
    """The desk after a kill: opens whole, keeps every receipted dossier, a sound log."""
    from desk_app.app import open_desk
    from desk_app.storage.change_log import ChangeLog

    started = time.perf_counter()
    desk = open_desk(data_dir, password=PASSWORD)  # integrity check, orphan sweep
    tally.restart_seconds.append(time.perf_counter() - started)
    try:
        assert desk.storage.integrity_ok(), "integrity check failed"
        assert desk.blobs.missing() == [], "a paper row without its file"
        journal = data_dir.parent / RECEIPTS / "receipts.log"
        lines = journal.read_text(encoding="utf-8").splitlines() if journal.exists() else []
        receipted = {line for line in lines if line.strip()}
        receipted |= {p.stem for p in (data_dir.parent / RECEIPTS).glob("*.pdf")}
        db = desk.storage.db
        codes = {row[0] for row in db.execute("SELECT code FROM dossiers")}
        lost = receipted - codes
        assert not lost, f"receipted dossiers missing: {sorted(lost)[:5]}"
        entries = ChangeLog(desk.storage).entries(limit=10**9)
        seqs = [int(str(e["seq"])) for e in entries]
        assert seqs == list(range(1, len(seqs) + 1)), "the change log has a hole"
        received = [str(e["entity_uuid"]) for e in entries if e["kind"] == "dossier_received"]
        dossiers = [row[0] for row in db.execute("SELECT uuid FROM dossiers")]
        apart = set(received) ^ set(dossiers)
        assert not apart and len(received) == len(dossiers), f"log and dossiers differ: {apart}"
        assert desk.audit.verify()[1] == [], "the audit chain is broken"
        tally.dossiers, tally.receipts, tally.entries = len(codes), len(receipted), len(seqs)
        tally.papers = int(db.execute("SELECT count(*) FROM blobs").fetchone()[0])
    finally:
        desk.close()


def final_sync_check(data_dir: Path, server_url: str, store: object) -> int:
    """Sync to the end; the server holds the desk's log exactly. Returns entries held."""
    from desk_app.app import open_desk
    from desk_app.storage.change_log import ChangeLog

    desk = open_desk(data_dir, password=PASSWORD)
    try:
        summary = desk.sync.run_once()
        assert summary.pending == 0, summary.line
        identity = desk.sync.identity()
        assert identity is not None
        local = [str(e["content_sha256"]) for e in ChangeLog(desk.storage).entries(limit=10**9)]
        held = store.changes_of(identity.desk_id)  # type: ignore[attr-defined]
        assert [r["content_sha256"] for r in held] == local, "server and desk logs differ"
        seqs = [r["seq"] for r in held]
        assert len(seqs) == len(set(seqs)), "the server holds an entry twice"
        codes = [row[0] for row in desk.storage.db.execute("SELECT code FROM dossiers")]
        assert all(store.dossier(c) for c in codes), "a dossier missing on the status page"  # type: ignore[attr-defined]
        return len(held)
    finally:
        desk.close()


# --- the harness -----------------------------------------------------------------------


def prepare_scans(folder: Path) -> list[Path]:
    from bench.corpus import form_page, text_page

    folder.mkdir(parents=True, exist_ok=True)
    scans = []
    for n, page in enumerate((text_page(seed=1), form_page(seed=2), text_page(seed=3))):
        path = folder / f"scan-{n}.png"
        page.image.save(path, dpi=(300, 300))
        scans.append(path)
    return scans


# The harness's desk signs in at the tests' argon2id cost, not the desk's default (RFC 9106:
# t=3, 64 MiB, p=2): hundreds of restarts would otherwise spend most of their time in it.
# The reopening time it prints says so, with what one sign-in at the real cost takes.
HARNESS_KDF = {"time_cost": 1, "memory_kib": 64, "parallelism": 1}


def set_up(data_dir: Path, server_url: str, enrol_code: str) -> None:
    from desk_app.app import open_desk
    from desk_app.services.access import set_up_desk
    from desk_app.services.clock import system_clock
    from desk_app.storage.keyring import KdfCost

    set_up_desk(
        data_dir, username="admin", full_name="Quản trị (thử mất điện)", password=PASSWORD,
        clock=system_clock, cost=KdfCost(**HARNESS_KDF),
    )  # fmt: skip
    desk = open_desk(data_dir, password=PASSWORD)
    try:
        desk.sync.enrol(server_url, enrol_code)
    finally:
        desk.close()


def run(
    workdir: Path,
    server_url: str,
    store: object,
    kills: int,
    seed: int,
    *,
    max_delay: float = 2.0,
    say: bool = False,
) -> Tally:
    """``kills`` rounds of start, work, SIGKILL, check; then the final sync check."""
    rng = random.Random(seed)
    data_dir = workdir / "desk"
    scans = prepare_scans(workdir / "scans")
    code = store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))  # type: ignore[attr-defined]
    set_up(data_dir, server_url, code)
    tally = Tally()
    for round_ in range(kills):
        command = [sys.executable, "-m", "bench.crash", "worker", str(data_dir),
                   "--seed", str(seed + round_), *map(str, scans)]  # fmt: skip
        process = subprocess.Popen(
            command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
        )
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()
        if line != READY:
            _, err = process.communicate(timeout=30)
            raise AssertionError(f"the worker did not start: {line} {err.decode()[-2000:]}")
        time.sleep(rng.uniform(0.0, max_delay))
        if process.poll() is not None:
            _, err = process.communicate(timeout=30)
            raise AssertionError(f"the worker stopped by itself: {err.decode()[-2000:]}")
        where = _where(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        tally.kills += 1
        tally.killed_in[where] = tally.killed_in.get(where, 0) + 1
        check(data_dir, tally)
        if say and (round_ + 1) % 25 == 0:
            print(f"  {round_ + 1} kills: {tally.dossiers} dossiers, {tally.entries} entries, "
                  f"{tally.papers} papers; all checks passed", flush=True)  # fmt: skip
    tally.entries = final_sync_check(data_dir, server_url, store)
    return tally


def _where(pid: int) -> str:
    """What the worker was doing when killed (its open files tell): for the tally only."""
    try:
        names = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return "?"
    if any("/blobs/tmp/" in n for n in names):
        return "writing a paper"
    if any(n.startswith("socket:") for n in names):
        return "talking to the server"
    return "other"


@contextlib.contextmanager
def _server(folder: Path) -> Iterator[tuple[str, object]]:
    from bench.common import serve_district
    from district_server.cli import database_url
    from district_server.store import ServerStore

    with serve_district(folder) as url:
        yield url, ServerStore(database_url(folder, None))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        parser = argparse.ArgumentParser()
        parser.add_argument("role")
        parser.add_argument("data_dir", type=Path)
        parser.add_argument("scans", type=Path, nargs="+")
        parser.add_argument("--seed", type=int, default=0)
        args = parser.parse_args()
        worker(args.data_dir, args.scans, args.seed)
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    import tempfile

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, _server(Path(folder) / "server") as server:
        tally = run(Path(folder), *server, args.kills, args.seed, say=True)
    from bench.common import kdf_ms, kdf_words
    from bench.figures import emit, emit_samples
    from desk_app.storage.keyring import KdfCost

    real = KdfCost()
    real_cost = {"time_cost": real.time_cost, "memory_kib": real.memory_kib,
                 "parallelism": real.parallelism}  # fmt: skip
    real_ms = kdf_ms(real_cost)
    minutes = (time.perf_counter() - started) / 60
    emit("crash", {
        "kills": tally.kills, "dossiers": tally.dossiers, "receipts": tally.receipts,
        "entries_synced": tally.entries, "papers": tally.papers, "killed_while": tally.killed_in,
        "minutes": minutes,
    }, "", "all checks passed after every kill (the run stops at the first that fails)")  # fmt: skip
    emit_samples("crash.restart", [t * 1000 for t in tally.restart_seconds], "ms",
                 f"sign-in at the harness's {kdf_words(HARNESS_KDF)}; a small desk")  # fmt: skip
    emit("crash.real_kdf", real_ms, "ms", f"one sign-in's {kdf_words(real_cost)}, same run")
    restart = sorted(tally.restart_seconds)
    print(f"reopening used the harness's {kdf_words(HARNESS_KDF)}; one sign-in at the desk's "
          f"{kdf_words(real_cost)} takes {real_ms:.0f} ms more or less on this machine")  # fmt: skip
    print(json.dumps({
        "kills": tally.kills, "dossiers": tally.dossiers, "receipts": tally.receipts,
        "entries_synced": tally.entries, "papers": tally.papers, "killed_while": tally.killed_in,
        "restart_p50_s": round(restart[len(restart) // 2], 3),
        "restart_max_s": round(restart[-1], 3),
        "minutes": round((time.perf_counter() - started) / 60, 1),
    }, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
