"""Power-cut harness: the desk works on a file system that loses what a power cut loses
(bench/lazyfs.py), the power goes at a random moment, and the desk is checked on what the
disk really kept. Cuts land in intake, receipt printing, digitising, sync, backup and
migration.

    sudo python -m bench.powercut [--cycles 1000] [--seed 2026] [--torn 0.5]

Each cycle: mount LazyFS over the desk's disk; start a worker on it (``python -m
bench.powercut worker``) that signs in and works without pause, saying which phase it is
in: it receives dossiers and prints their receipts (the PDF and a journal line on the
normal disk: a receipt handed over), digitises scans (journalled when stored), syncs with
the real district server (on loopback, its data on the normal disk), takes backups (the
backup folder on the cut disk too); every sixth cycle instead opens a desk of an old
schema, whose migration is cut. After a random delay: SIGKILL the worker, tell LazyFS to
drop everything not made durable (keeping torn prefixes of unsynced pages in some files),
unmount, and open the desk from what is left on the disk. The checks after every cut:

- the desk opens and SQLite's integrity check passes (an integrity failure);
- every dossier whose receipt was produced is there (a lost receipted dossier);
- every paper whose storing returned is there, readable, linked to its dossier, and no
  paper row lacks its file (a missing paper);
- the change log is numbered without a hole, one ``dossier_received`` per dossier, the
  audit chain whole (a log fault);
- the server holds a prefix of the desk's log and no entry twice (nothing upstream that
  the desk lost or holds otherwise: a duplicate upstream);
- every whole backup snapshot opens, passes the integrity check, holds the dossiers its
  manifest says and every paper it names, and the last one reported done is there or was
  rotated out behind ``BACKUP_KEEP`` whole snapshots taken after it (a backup cut after
  its rename is whole but never reported) (a broken backup);
- after a migration cut: the desk opens, finishes migrating, and every old dossier is
  there with its migrated figures.

At the end one more sync must leave the server with exactly the desk's log.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.crash import PASSWORD, _env, final_sync_check
from bench.lazyfs import Mount
from bench.powercut_checks import Tally, check, check_migrated

ROOT = Path(__file__).resolve().parents[1]
READY = "ready"
PHASES = ("startup", "intake", "receipt", "digitise", "sync", "backup", "migration", "idle")
BACKUP_KEEP = 3
OLD_DOSSIERS = 3000
MIGRATE_EVERY = 6


# --- the worker: a desk at work on the cut disk --------------------------------------------


def _journal(path: Path, line: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _phase(name: str) -> None:
    print("phase", name, flush=True)


# what the worker does most in a cycle that focuses on it (the rest share what is left)
FOCUS = ("intake", "digitise", "sync", "backup")


# the phases a cycle aims its cut at, in turn (every sixth cycle cuts a migration instead)
TARGETS = ("intake", "receipt", "digitise", "sync", "backup")
_FOCUS_OF = {"receipt": "intake"}


def _choose(rng: random.Random, focus: str) -> str:
    if rng.random() < (0.5 if focus == "sync" else 0.6):  # a sync with something to send
        return focus
    return rng.choice(FOCUS)


def worker(
    data_dir: Path, backups: Path, journals: Path, scans: list[Path], seed: int, focus: str
) -> None:
    from bench.intake import draft
    from desk_app.app import open_desk
    from desk_app.domain.errors import DeskError
    from desk_app.sync.client import SyncError

    _phase("startup")
    desk = open_desk(data_dir, password=PASSWORD)
    rng = random.Random(seed)
    codes = [row[0] for row in desk.storage.db.execute("SELECT code FROM dossiers")]
    print(READY, flush=True)
    n = seed * 1000
    while True:
        step = _choose(rng, focus)
        # (a desk numbers at most 999 dossiers a day: a run stays under it)
        if step == "intake" or not codes:
            n += 1
            _phase("intake")
            record = desk.intake.receive(draft(n)).record  # committed when it returns
            _phase("receipt")
            pdf = desk.receipts.print_copy(record.code).pdf
            (journals / f"{record.code}.pdf").write_bytes(pdf)
            _journal(journals / "receipts.log", record.code)
            codes.append(record.code)
        elif step == "digitise":
            _phase("digitise")
            code = rng.choice(codes[-20:])
            chosen = rng.sample(scans, rng.randint(1, len(scans)))
            stored = desk.digitisation.digitise_files(code, 1, chosen)
            _journal(journals / "papers.log", f"{code} 1 {stored.sha256}")
        elif step == "sync":
            _phase("sync")
            with contextlib.suppress(SyncError):  # the server busy or gone: next time
                desk.sync.run_once()
        else:
            _phase("backup")
            with contextlib.suppress(DeskError):
                done = desk.backups.back_up(backups, keep=BACKUP_KEEP)
                _journal(journals / "backups.log", done.snapshot.name)


def migrate_worker(data_dir: Path) -> None:
    from desk_app.app import open_desk

    print(READY, flush=True)
    _phase("migration")
    desk = open_desk(data_dir, password=PASSWORD)  # migrates
    _phase("idle")
    desk.close()
    time.sleep(3600)


def prepare_scans(folder: Path) -> list[Path]:
    """Three scanned pages, A6 at 300 dpi (a quarter of bench.corpus's A4 pages): a paper
    stored within a cycle's few seconds even on a busy machine."""
    from bench.corpus import form_page, text_page

    folder.mkdir(parents=True, exist_ok=True)
    scans = []
    for n, page in enumerate((text_page(seed=1), form_page(seed=2), text_page(seed=3))):
        width, height = page.image.size
        path = folder / f"scan-{n}.png"
        page.image.crop((0, 0, width // 2, height // 2)).save(path, dpi=(300, 300))
        scans.append(path)
    return scans


# --- a desk of an old schema ---------------------------------------------------------------


def make_old_desk(folder: Path, dossiers: int = OLD_DOSSIERS) -> list[str]:
    """A desk as the first release left it (migration 0001 only), with ``dossiers``
    dossiers, their checklists and change-log entries; returns their codes."""
    import sqlite_utils

    from desk_app.storage.database import DB_FILENAME, connect
    from desk_app.storage.keyring import KdfCost, Keyring
    from desk_app.storage.schema import MIGRATIONS

    folder.mkdir(parents=True)
    _ring, key, _code = Keyring.create(
        folder, "admin", PASSWORD, KdfCost(time_cost=1, memory_kib=64, parallelism=1)
    )
    db = sqlite_utils.Database(connect(folder / DB_FILENAME, key))
    db.execute("PRAGMA journal_mode = WAL")
    MIGRATIONS.apply(db, stop_before="0002_lifecycle")
    codes = []
    db.execute("BEGIN")
    for n in range(dossiers):
        code = f"000.00.31.H26-250{n // 900 + 1:03d}-{1001 + n % 900}"
        codes.append(code)
        entity = str(uuid.uuid4())
        received = f"2025-0{1 + n % 9}-1{n % 10}T09:00:00+07:00"
        db.execute(
            "INSERT INTO dossiers (uuid, code, code_key, desk_number, procedure_code, "
            "catalogue_version, status, received_at, due_at, applicant_name, "
            "applicant_name_folded, applicant_id_number, applicant_address, lookup_secret, "
            "book_volume, book_entry, officer_id) VALUES (?, ?, ?, 1, '2.000815', '2025.1', ?, "
            "?, ?, ?, ?, ?, 'Thôn Đông, xã Minh Phú', ?, '2025', ?, 1)",
            [entity, code, code.split("-", 1)[1], 1 + n % 10, received, received,
             f"Trần Thị Cũ {n}", f"tran thi cu {n}", f"0011{n:08d}", f"s{n}", n + 1],
        )  # fmt: skip
        dossier_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        for position in (1, 2, 3):
            db.execute(
                "INSERT INTO dossier_components (dossier_id, position, name, copy_kind, "
                "count, received) VALUES (?, ?, 'Giấy tờ', 'copy', 1, ?)",
                [dossier_id, position, int(position <= 1 + n % 3)],
            )
        payload = json.dumps({"code": code})
        db.execute(
            "INSERT INTO change_log (seq, uuid, kind, entity_uuid, device_time, officer_id, "
            "payload, content_sha256) VALUES (?, ?, 'dossier_received', ?, ?, 1, ?, ?)",
            [n + 1, str(uuid.uuid4()), entity, received, payload,
             hashlib.sha256(payload.encode()).hexdigest()],
        )  # fmt: skip
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return codes


# --- the harness ---------------------------------------------------------------------------


class _Reader:
    """The worker's lines, read as they come: the phase it is in, since when, and how long
    each phase it finished took (``lengths``, shared across cycles)."""

    def __init__(self, process: subprocess.Popen[bytes], lengths: dict[str, list[float]]) -> None:
        self.phase = "?"
        self.since = time.monotonic()
        self.lengths = lengths
        self.ready = threading.Event()
        self.first = ""
        assert process.stdout is not None
        self._stream = process.stdout
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for raw in self._stream:
            line = raw.decode().strip()
            if line.startswith("phase "):
                now = time.monotonic()
                if self.phase in PHASES:
                    self.lengths.setdefault(self.phase, []).append(now - self.since)
                self.phase, self.since = line.split()[1], now
            elif line == READY:
                self.ready.set()
            elif not self.first:
                self.first = line
        self.ready.set()

    def wait_for(self, phase: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.phase != phase:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        return True

    def join(self) -> None:
        self._thread.join(timeout=10)


def _typical(lengths: dict[str, list[float]], phase: str) -> float:
    """The median length of ``phase`` so far (0.3 s before any was seen)."""
    seen = sorted(lengths.get(phase, [])[-50:])
    return seen[len(seen) // 2] if seen else 0.3


def run(
    workdir: Path,
    server_url: str,
    store: Any,
    cycles: int,
    seed: int,
    *,
    max_delay: float = 3.0,
    torn: float = 0.5,
    old_dossiers: int = OLD_DOSSIERS,
    say: bool = False,
    tally: Tally | None = None,
) -> Tally:
    """``cycles`` rounds of mount, work, cut, check; then the final sync check."""
    from bench.crash import set_up

    rng = random.Random(seed)
    disk, mnt, journals = workdir / "disk", workdir / "mnt", workdir / "journals"
    journals.mkdir(parents=True)
    scans = prepare_scans(workdir / "scans")
    code = store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    set_up(disk / "desk", server_url, code)  # on the normal disk: installed long ago
    old_template = workdir / "old-desk"
    old_codes = make_old_desk(old_template, old_dossiers)
    lengths: dict[str, list[float]] = {}
    _time_migration(old_template, disk, mnt, lengths)
    tally = tally or Tally()
    for cycle in range(cycles):
        tally.cycles = cycle + 1
        migrating = cycle % MIGRATE_EVERY == MIGRATE_EVERY - 1
        if migrating:
            shutil.rmtree(disk / "migrating", ignore_errors=True)
            shutil.copytree(old_template, disk / "migrating")
        mount = Mount(disk, mnt)
        try:
            target = TARGETS[cycle % len(TARGETS)]
            if migrating:
                command = ["migrate", str(mnt / "migrating")]
            else:
                command = ["worker", str(mnt / "desk"), str(mnt / "desk-backups"),
                           str(journals), "--seed", str(seed * 1000 + cycle),
                           "--focus", _FOCUS_OF.get(target, target), *map(str, scans)]  # fmt: skip
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.powercut", *command],
                env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
            )  # fmt: skip
            reader = _Reader(process, lengths)
            if not reader.ready.wait(60) or process.poll() is not None:
                process.kill()
                _, err = process.communicate(timeout=30)
                raise AssertionError(f"the worker did not start: {reader.first} {err.decode()[-3000:]}")  # fmt: skip
            if migrating and reader.wait_for("migration", timeout=30):
                time.sleep(rng.uniform(0.0, _typical(lengths, "migration") * 1.1))
            elif not migrating and reader.wait_for(target, timeout=max_delay * 5):
                # inside the phase aimed at: somewhere in its typical length
                time.sleep(rng.uniform(0.0, _typical(lengths, target) * 1.2))
            else:
                time.sleep(rng.uniform(0.0, max_delay))
            if process.poll() is not None:
                _, err = process.communicate(timeout=30)
                raise AssertionError(f"the worker stopped by itself: {err.decode()[-3000:]}")
            phase = reader.phase
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            reader.join()
            if process.stderr is not None:
                process.stderr.close()
            unsynced, torn_now = mount.cut(seed=seed * 7919 + cycle, torn=torn)
        except BaseException:
            with contextlib.suppress(NameError, OSError):
                process.kill()  # (a worker left running would hold the mount)
                process.wait(30)
            mount.kill()
            raise
        tally.cuts[phase] = tally.cuts.get(phase, 0) + 1
        tally.unsynced_files += unsynced
        tally.torn_files += torn_now
        if migrating:
            check_migrated(disk / "migrating", old_codes, tally)
        else:
            check(disk / "desk", disk / "desk-backups", journals, store, tally, keep=BACKUP_KEEP)
        if say and (cycle + 1) % 25 == 0:
            print(f"  {cycle + 1} cycles: {json.dumps(tally.figures(), ensure_ascii=False)}",
                  flush=True)  # fmt: skip
    tally.entries_synced = final_sync_check(disk / "desk", server_url, store)
    return tally


def _time_migration(
    old_template: Path, disk: Path, mnt: Path, lengths: dict[str, list[float]]
) -> float:
    """How long the old desk's migration takes on LazyFS (from the worker's ready to its
    idle), so the migration cycles cut somewhere inside it."""
    shutil.copytree(old_template, disk / "migrating")
    mount = Mount(disk, mnt)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.powercut", "migrate", str(mnt / "migrating")],
            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        )  # fmt: skip
        reader = _Reader(process, lengths)
        reader.ready.wait(60)
        started = time.perf_counter()
        while reader.phase != "idle":
            if process.poll() is not None:
                raise AssertionError(f"the migration failed: {process.stderr.read()[-3000:]!r}")  # type: ignore[union-attr]
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        process.kill()
        process.wait(30)
        reader.join()
        mount.cut()
    except BaseException:
        mount.kill()
        raise
    shutil.rmtree(disk / "migrating")
    return elapsed


@contextlib.contextmanager
def _server(folder: Path) -> Any:
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
        parser.add_argument("backups", type=Path)
        parser.add_argument("journals", type=Path)
        parser.add_argument("scans", type=Path, nargs="+")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--focus", choices=FOCUS, default="intake")
        args = parser.parse_args()
        worker(args.data_dir, args.backups, args.journals, args.scans, args.seed, args.focus)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "migrate":
        migrate_worker(Path(sys.argv[2]))
        return
    from bench.lazyfs import available

    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--torn", type=float, default=0.5)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    if reason := available():
        raise SystemExit(f"cannot run: {reason}")
    import tempfile

    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(dir=args.workdir) as folder,
        _server(Path(folder) / "server") as server,
    ):
        tally = Tally()
        try:
            run(
                Path(folder), *server, args.cycles, args.seed, torn=args.torn, say=True, tally=tally
            )
        finally:
            figures = tally.figures()
            figures["minutes"] = round((time.perf_counter() - started) / 60, 1)
            figures["seconds_per_cycle"] = round(
                (time.perf_counter() - started) / max(1, tally.cycles), 2
            )
            print(json.dumps(figures, ensure_ascii=False))
            for problem in tally.problems:
                print(" ", problem)
    if tally.failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
