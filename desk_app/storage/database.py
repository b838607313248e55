"""The desk's SQLite database: one file, encrypted (SQLCipher 4), WAL, FULL sync, a
connection per thread.

The file is keyed with a raw 256-bit key derived from the desk's data key
(``storage.keyring``), so opening costs no PBKDF2 and a copy of the file without the key
is random bytes (pages are AES-256-CBC with an HMAC-SHA512 each; the WAL too).

A ``sqlite_utils.Database`` belongs to the thread that opened it, so ``Storage`` keeps one
per thread. Writes are serialised by the caller (the UI's single DB worker, or the one
thread of a CLI command); ``write()`` takes SQLite's write lock up front (BEGIN IMMEDIATE)
so a writer never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import sqlcipher3
import sqlite_utils

from desk_app.storage.files import make_private
from desk_app.storage.keyring import DataKey
from desk_app.storage.schema import FTS_INSERT_TRIGGER, FTS_INSERT_TRIGGER_NAME, MIGRATIONS

DB_FILENAME = "desk.sqlite3"
CLEAN_MARK_SUFFIX = ".clean"
LOCK_SUFFIX = ".lock"  # held shared while open; exclusively to replace the data key


# SQLCipher's own exception classes (not the stdlib's): what a caller may catch.
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
OperationalError = sqlcipher3.OperationalError


def _lock_file(path: Path, shared: bool) -> int | None:
    """An flock on ``path`` (created 0600): shared waits for an exclusive holder (a data
    key being replaced); exclusive gives None when anyone holds it. On Windows no lock is
    taken (the file is still opened)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if os.name == "nt":
        return fd
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


@contextmanager
def exclusive_lock(path: Path) -> Iterator[bool]:
    """Whether this process alone has the database at hand (no ``Storage`` open on it in
    any process), held for the block."""
    fd = _lock_file(path, shared=False)
    try:
        yield fd is not None
    finally:
        if fd is not None:
            os.close(fd)


class WrongKey(Exception):
    """The database does not open with this key (another desk's key, or not a database)."""


def connect(path: Path, key: DataKey) -> sqlite3.Connection:
    """A connection to the encrypted file at ``path``, keyed; nothing else set."""
    # Each thread uses its own connection; check_same_thread=False only lets ``close()``
    # close them all from whichever thread ends the desk (an open connection left to the
    # process's exit would checkpoint the WAL after the clean-close mark was taken).
    conn = sqlcipher3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{key.derive('desk database').hex()}'\"")
    return cast(sqlite3.Connection, conn)


class Storage:
    """Opens connections to one desk database and runs its migrations once."""

    def __init__(self, path: Path, key: DataKey) -> None:
        self.path = path
        self._key = key
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()  # guards the list of connections only
        path.parent.mkdir(parents=True, exist_ok=True)
        # shared while open: a replacement of the data key (storage.rekey) waits for it
        self._lock_fd = _lock_file(path.with_name(path.name + LOCK_SUFFIX), shared=True)
        self.closed_cleanly = self._take_clean_mark()
        try:
            db = self.db
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as err:
            self.close(clean=False)
            raise WrongKey(path) from err
        make_private(path, 0o600)  # SQLite gives the -wal and -shm files the same mode
        db.execute("PRAGMA journal_mode = WAL")
        MIGRATIONS.apply(db)
        self._ensure_search_index()

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened on first use."""
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            # isolation_level=None: no implicit transactions; write() and atomic() decide.
            conn = connect(self.path, self._key)
            for pragma in (
                "PRAGMA synchronous = FULL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 10000",
                "PRAGMA cache_size = -16000",
                "PRAGMA temp_store = MEMORY",
            ):
                conn.execute(pragma)
            db = sqlite_utils.Database(conn)
            self._local.db = db
            with self._lock:
                self._connections.append(conn)
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One durable write transaction; nested calls become savepoints."""
        db = self.db
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextmanager
    def bulk_load(self, cache_mb: int = 256) -> Iterator[None]:
        """For loading many dossiers of disposable data (the demo), fast.

        A big page cache, NORMAL sync (in WAL mode it still survives an application crash;
        only a power cut can lose the last commits, which for demo data means running the
        demo again), and the search index rebuilt once at the end instead of row by row.
        If the process dies before the end, the next ``Storage`` open restores the index.
        Real intake never uses this.
        """
        db = self.db
        db.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
        db.execute("PRAGMA synchronous = NORMAL")
        with self.write():
            db.execute(f"DROP TRIGGER IF EXISTS {FTS_INSERT_TRIGGER_NAME}")
        try:
            yield
        finally:
            self._ensure_search_index()
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA cache_size = -16000")

    def _ensure_search_index(self) -> None:
        """Put back the search trigger and rebuild the index if a bulk load was cut short."""
        db = self.db
        present = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            [FTS_INSERT_TRIGGER_NAME],
        ).fetchone()
        if present:
            return
        with self.write():
            db.execute(FTS_INSERT_TRIGGER)
            db.execute("INSERT INTO dossier_fts (dossier_fts) VALUES ('rebuild')")

    @property
    def key(self) -> DataKey:
        return self._key

    def backup_to(self, target: Path) -> None:
        """An online copy of the whole database into the new file ``target`` (SQLite's
        backup API, keyed alike: the copy is as encrypted as the original). Writers wait
        a moment, readers not at all."""
        copy = connect(target, self._key)
        try:
            self.db.conn.backup(copy)
        finally:
            copy.close()

    def integrity_ok(self) -> bool:
        """SQLite's quick_check, reading every page (each page's HMAC checked on the way)."""
        try:
            rows = self.db.execute("PRAGMA quick_check").fetchall()
        except sqlcipher3.DatabaseError:  # a page altered or torn: it does not decrypt
            return False
        return bool(rows == [("ok",)])

    def close(self, *, clean: bool = True) -> None:
        """Close every connection this storage opened (call from the owning threads' end)
        and, unless ``clean`` is False (a file found damaged), mark the files as this
        close left them."""
        with self._lock:
            for conn in self._connections:
                # A connection of another (possibly ended) thread refuses; the OS frees it.
                with contextlib.suppress(sqlcipher3.ProgrammingError):
                    conn.close()
            self._connections.clear()
        self._local = threading.local()
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = None
        if not clean:
            return
        with contextlib.suppress(OSError):  # no mark: the next open checks, which is safe
            self._clean_mark.write_text(json.dumps(self._file_state()), encoding="utf-8")

    # A clean close leaves a mark: the database and WAL files' sizes and modification
    # times. The next open takes the mark away and compares. A crash, a power cut, another
    # process still writing, or anything that touched the files since leaves no mark or a
    # different one, and only then is the whole-file check worth its cost (it reads every
    # page: about 1.7 s for 240 MB).

    @property
    def _clean_mark(self) -> Path:
        return self.path.with_name(self.path.name + CLEAN_MARK_SUFFIX)

    def _file_state(self) -> list[list[int] | None]:
        state: list[list[int] | None] = []
        for file in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                info = file.stat()
            except FileNotFoundError:
                state.append(None)
                continue
            state.append([info.st_size, info.st_mtime_ns])
        return state

    def _take_clean_mark(self) -> bool:
        """Whether the files are exactly as a clean close left them (the mark is removed)."""
        try:
            recorded = json.loads(self._clean_mark.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        self._clean_mark.unlink(missing_ok=True)
        return bool(recorded == self._file_state())
