"""The checks after each power cut (``bench/powercut.py``): the desk on what the disk kept
must open whole and keep every receipted dossier and stored paper, with a sound log and
whole backups; a desk cut while migrating from an old schema must keep what it held."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.crash import PASSWORD


@dataclass
class Tally:
    cycles: int = 0
    cuts: dict[str, int] = field(default_factory=dict)
    lost_receipted: set[str] = field(default_factory=set)
    integrity_failures: int = 0
    missing_papers: set[str] = field(default_factory=set)
    log_faults: int = 0
    duplicates_upstream: int = 0
    broken_backups: set[str] = field(default_factory=set)
    rotated_reported: set[str] = field(default_factory=set)  # behind newer whole ones
    migration_faults: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    unsynced_files: int = 0
    torn_files: int = 0
    dossiers: int = 0
    receipts: int = 0
    papers: int = 0
    snapshots: int = 0
    entries_synced: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return (len(self.lost_receipted) + self.integrity_failures + len(self.missing_papers)
                + self.log_faults + self.duplicates_upstream + len(self.broken_backups)
                + self.migration_faults)  # fmt: skip

    def note(self, problem: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(f"cycle {self.cycles}: {problem}")

    def figures(self) -> dict[str, Any]:
        restart = self.restart_seconds or [0.0]
        return {
            "cycles": self.cycles,
            "cuts_per_phase": dict(sorted(self.cuts.items())),
            "lost_receipted_dossiers": len(self.lost_receipted),
            "integrity_failures": self.integrity_failures,
            "missing_papers": len(self.missing_papers),
            "log_faults": self.log_faults,
            "duplicates_upstream": self.duplicates_upstream,
            "broken_backups": len(self.broken_backups),
            "reported_backups_rotated_out": len(self.rotated_reported),
            "migration_faults": self.migration_faults,
            "mean_restart_s": round(sum(restart) / len(restart), 3),
            "max_restart_s": round(max(restart), 3),
            "files_with_unsynced_data_at_cuts": self.unsynced_files,
            "torn_files": self.torn_files,
            "dossiers": self.dossiers,
            "receipted": self.receipts,
            "papers": self.papers,
            "snapshots_checked": self.snapshots,
            "entries_synced": self.entries_synced,
        }


def _lines(path: Path) -> list[str]:
    return [s for s in path.read_text("utf-8").splitlines() if s.strip()] if path.exists() else []


def check(
    data_dir: Path, backups: Path, journals: Path, store: Any, tally: Tally, *, keep: int
) -> None:
    """The desk on what the disk kept: opens whole, keeps every receipted dossier and stored
    paper, a sound log, nothing upstream it does not hold, whole backups (the worker keeps
    ``keep`` snapshots)."""
    from desk_app.app import open_desk
    from desk_app.services.access import DatabaseDamaged
    from desk_app.storage.blob_store import BlobCorrupt
    from desk_app.storage.change_log import ChangeLog

    started = time.perf_counter()
    try:
        desk = open_desk(data_dir, password=PASSWORD)  # integrity check, orphan sweep
    except DatabaseDamaged as err:
        tally.integrity_failures += 1
        raise AssertionError(f"the desk does not open after a cut: {err}") from err
    tally.restart_seconds.append(time.perf_counter() - started)
    try:
        if not desk.storage.integrity_ok():
            tally.integrity_failures += 1
            raise AssertionError("integrity check failed")
        db = desk.storage.db
        for sha in desk.blobs.missing():
            if sha not in tally.missing_papers:
                tally.note(f"a paper row without its file: {sha[:12]}")
            tally.missing_papers.add(sha)
        receipted = set(_lines(journals / "receipts.log"))
        receipted |= {p.stem for p in journals.glob("*.pdf")}
        codes = {row[0] for row in db.execute("SELECT code FROM dossiers")}
        for code in sorted(receipted - codes - tally.lost_receipted):
            tally.note(f"receipted dossier lost: {code}")
        tally.lost_receipted |= receipted - codes
        latest: dict[tuple[str, str], str] = {}
        for line in _lines(journals / "papers.log"):
            code, position, sha = line.split()
            latest[(code, position)] = sha
        for (code, position), sha in latest.items():
            row = db.execute(
                "SELECT 1 FROM dossier_documents dd JOIN documents d ON d.id = dd.document_id "
                "JOIN dossiers x ON x.id = dd.dossier_id WHERE x.code = ? AND dd.role = "
                "'component' AND dd.component_position = ? AND d.sha256 = ?",
                [code, int(position), sha],
            ).fetchone()
            try:
                readable = row is not None and desk.blobs.read(sha) is not None
            except (OSError, BlobCorrupt):
                readable = False
            if not readable:
                if sha not in tally.missing_papers:
                    tally.note(f"stored paper {sha[:12]} of {code} missing or unreadable")
                tally.missing_papers.add(sha)
        entries = ChangeLog(desk.storage).entries(limit=10**9)
        seqs = [int(str(e["seq"])) for e in entries]
        received = [str(e["entity_uuid"]) for e in entries if e["kind"] == "dossier_received"]
        dossiers = [row[0] for row in db.execute("SELECT uuid FROM dossiers")]
        if seqs != list(range(1, len(seqs) + 1)):
            tally.log_faults += 1
            tally.note("the change log has a hole")
        if set(received) != set(dossiers) or len(received) != len(dossiers):
            tally.log_faults += 1
            tally.note("change log and dossiers differ")
        if desk.audit.verify()[1] != []:
            tally.log_faults += 1
            tally.note("the audit chain is broken")
        identity = desk.sync.identity()
        if identity is not None:
            held = store.changes_of(identity.desk_id)
            local = [str(e["content_sha256"]) for e in entries]
            held_hashes = [r["content_sha256"] for r in held]
            held_seqs = [r["seq"] for r in held]
            if held_hashes != local[: len(held_hashes)] or len(held_seqs) != len(set(held_seqs)):
                tally.duplicates_upstream += 1
                tally.note(f"the server holds {len(held)} entries the desk does not match")
        _check_backups(desk, backups, journals, tally, keep)
        tally.dossiers, tally.receipts = len(codes), len(receipted)
        tally.papers = int(db.execute("SELECT count(*) FROM blobs").fetchone()[0])
    finally:
        desk.close()


def _check_backups(desk: Any, backups: Path, journals: Path, tally: Tally, keep: int) -> None:
    from desk_app.storage import backup
    from desk_app.storage.database import DB_FILENAME, connect
    from desk_app.storage.keyring import KEYRING_FILE

    whole = backup.snapshots(backups)
    reported = _lines(journals / "backups.log")
    if (
        reported
        and reported[-1] not in tally.broken_backups
        and not _kept_or_rotated(reported[-1], [s.name for s in whole], keep)
    ):
        tally.broken_backups.add(reported[-1])
        tally.note(f"backup {reported[-1]} reported done is gone")
    elif reported and reported[-1] not in {s.name for s in whole}:
        tally.rotated_reported.add(reported[-1])
    for snapshot in whole:
        problem = ""
        lacking = [n for n in snapshot.blobs if not (backups / "blobs" / n).is_file()]
        if lacking:
            problem = f"{len(lacking)} of its papers missing"
        elif not (snapshot.path / KEYRING_FILE).is_file():
            problem = "no keyring"
        else:
            conn = connect(snapshot.path / DB_FILENAME, desk.storage.key)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
                count = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
                if not ok or count != snapshot.dossiers:
                    problem = f"database: check {ok}, {count} of {snapshot.dossiers} dossiers"
            except Exception as err:
                problem = f"database unreadable: {err}"
            finally:
                conn.close()
        tally.snapshots += 1
        if problem and snapshot.name not in tally.broken_backups:
            tally.broken_backups.add(snapshot.name)
            tally.note(f"backup {snapshot.name}: {problem}")


def _kept_or_rotated(reported: str, whole: list[str], keep: int) -> bool:
    """The last snapshot reported done is there, or rotation took it out the only way it
    may: behind ``keep`` whole snapshots taken after it (names sort in the order taken). A
    backup cut after its rename is whole but never reported, so a few such cuts in a row
    rotate the last reported one out with every newer snapshot whole."""
    return reported in whole or len([name for name in whole if name > reported]) >= keep


def check_migrated(data_dir: Path, codes: list[str], tally: Tally) -> None:
    from desk_app.app import open_desk
    from desk_app.storage.change_log import ChangeLog
    from desk_app.storage.schema import MIGRATIONS

    started = time.perf_counter()
    desk = open_desk(data_dir, password=PASSWORD)  # finishes the migration
    tally.restart_seconds.append(time.perf_counter() - started)
    try:
        if not desk.storage.integrity_ok():
            tally.integrity_failures += 1
            raise AssertionError("integrity check failed after a migration cut")
        db = desk.storage.db
        found = {row[0] for row in db.execute("SELECT code FROM dossiers")}
        lost = set(codes) - found
        pending = MIGRATIONS.pending(db)
        wrong = db.execute(
            "SELECT count(*) FROM dossiers WHERE deadline_at IS NOT due_at OR components_count "
            "!= (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = dossiers.id "
            "AND c.received = 1)"
        ).fetchone()[0]
        entries = ChangeLog(desk.storage).entries(limit=10**9)
        seqs = [int(str(e["seq"])) for e in entries]
        if lost or pending or wrong or seqs != list(range(1, len(codes) + 1)):
            tally.migration_faults += 1
            tally.note(f"migration: {len(lost)} lost, {len(pending)} pending, {wrong} wrong")
        if desk.audit.verify()[1] != []:
            tally.log_faults += 1
            tally.note("the audit chain is broken after a migration")
    finally:
        desk.close()
