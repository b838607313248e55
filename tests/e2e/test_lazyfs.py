"""The power-cut file system (bench/lazyfs.py) loses exactly what a power cut loses: a write
without fsync, a name without its folder's fsync, a rename not made durable; and keeps what
was fsynced. Mounted for real over FUSE (root only), then read back from the backing folder
after the cut."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.lazyfs import PAGE, Mount, available

pytestmark = pytest.mark.skipif(available() is not None, reason=str(available()))


@pytest.fixture
def lazy(tmp_path: Path) -> Iterator[tuple[Mount, Path, Path]]:
    backing = tmp_path / "disk"
    backing.mkdir()
    (backing / "old.txt").write_bytes(b"the old content\n")
    mount = Mount(backing, tmp_path / "mnt")
    yield mount, mount.mountpoint, backing
    mount.kill()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes, *, sync: bool) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())


def test_a_write_without_fsync_is_gone_after_a_cut_and_with_fsync_it_stays(
    lazy: tuple[Mount, Path, Path],
) -> None:
    mount, mnt, backing = lazy
    _write(mnt / "synced.bin", b"kept" * 5000, sync=True)
    _write(mnt / "unsynced.bin", b"lost" * 5000, sync=False)
    with open(mnt / "old.txt", "ab") as handle:  # appended, never fsynced
        handle.write(b"appended\n")
    _fsync(mnt)  # both names durable; only one file's data
    assert (mnt / "unsynced.bin").read_bytes() == b"lost" * 5000  # readers saw it
    mount.cut()
    assert (backing / "synced.bin").read_bytes() == b"kept" * 5000
    assert (backing / "unsynced.bin").read_bytes() == b""  # the name survived, no data
    assert (backing / "old.txt").read_bytes() == b"the old content\n"


def test_a_name_without_its_folders_fsync_is_lost_even_with_its_data_synced(
    lazy: tuple[Mount, Path, Path],
) -> None:
    mount, mnt, backing = lazy
    (mnt / "sub").mkdir()
    _write(mnt / "sub" / "paper.bin", b"x" * 10, sync=True)
    _fsync(mnt / "sub")  # the file's name is durable in sub/, but sub/ is not in /
    _write(mnt / "orphan.bin", b"y" * 10, sync=True)  # data synced, name never
    mount.cut()
    assert sorted(os.listdir(backing)) == ["old.txt"]


def test_a_rename_without_the_folders_fsync_is_undone(lazy: tuple[Mount, Path, Path]) -> None:
    mount, mnt, backing = lazy
    _write(mnt / "new.tmp", b"the new content\n", sync=True)
    _fsync(mnt)
    os.replace(mnt / "new.tmp", mnt / "old.txt")  # the classic atomic replace, minus one fsync
    assert (mnt / "old.txt").read_bytes() == b"the new content\n"
    mount.cut()
    assert (backing / "old.txt").read_bytes() == b"the old content\n"
    assert (backing / "new.tmp").read_bytes() == b"the new content\n"


def test_a_rename_with_the_folders_fsync_stays(lazy: tuple[Mount, Path, Path]) -> None:
    mount, mnt, backing = lazy
    _write(mnt / "new.tmp", b"the new content\n", sync=True)
    os.replace(mnt / "new.tmp", mnt / "old.txt")
    _fsync(mnt)
    os.unlink(mnt / "old.txt")  # then removed, not made durable
    mount.cut()
    assert sorted(os.listdir(backing)) == ["old.txt"]
    assert (backing / "old.txt").read_bytes() == b"the new content\n"


def test_an_unsynced_truncation_is_undone_and_a_synced_one_kept(
    lazy: tuple[Mount, Path, Path],
) -> None:
    mount, mnt, backing = lazy
    _write(mnt / "a.bin", bytes(range(256)) * 64, sync=True)  # 16 KiB
    _write(mnt / "b.bin", bytes(range(256)) * 64, sync=True)
    _fsync(mnt)
    os.truncate(mnt / "a.bin", 5000)
    with open(mnt / "b.bin", "r+b") as handle:
        handle.truncate(5000)
        handle.seek(9000)
        handle.write(b"z")  # the hole between reads as zeros
        handle.flush()
        os.fsync(handle.fileno())
    mount.cut()
    assert (backing / "a.bin").read_bytes() == bytes(range(256)) * 64
    expected = (bytes(range(256)) * 64)[:5000] + bytes(4000) + b"z"
    assert (backing / "b.bin").read_bytes() == expected


def test_a_torn_write_keeps_a_prefix_of_the_unsynced_pages(tmp_path: Path) -> None:
    old = bytes([1]) * (PAGE * 16)
    new = bytes([2]) * (PAGE * 16)
    prefixes = set()
    for seed in range(12):
        backing = tmp_path / f"disk{seed}"
        backing.mkdir()
        (backing / "f.bin").write_bytes(old)
        mount = Mount(backing, tmp_path / f"mnt{seed}")
        try:
            with open(mount.mountpoint / "f.bin", "r+b") as handle:
                for page in range(16):  # written page by page, in order
                    handle.seek(page * PAGE)
                    handle.write(new[:PAGE])
            assert mount.cut(seed=seed, torn=1.0) == (1, 1)
        finally:
            mount.kill()
        after = (backing / "f.bin").read_bytes()
        assert len(after) == len(old)
        changed = [i for i in range(len(after)) if after[i] == 2]
        # what reached the disk is one run from the start: whole pages then part of one
        assert changed == list(range(len(changed)))
        assert len(changed) % 512 == 0
        prefixes.add(len(changed))
    assert len(prefixes) > 3  # the cut lands at different places


_COMMIT_ROWS = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = " + sys.argv[2])
conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, pad TEXT)")
for n in range(int(sys.argv[3])):
    conn.execute("INSERT INTO t VALUES (?, ?)", [n, "p" * 300])  # committed: acknowledged
print("done", flush=True)
time.sleep(60)  # the power goes before the connection is closed
"""


def _commit_rows(db_path: Path, synchronous: str, rows: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _COMMIT_ROWS, str(db_path), synchronous, str(rows)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "done"
    process.kill()
    process.wait()
    process.stdout.close()


@pytest.mark.parametrize(("synchronous", "survives"), [("FULL", True), ("OFF", False)])
def test_sqlite_commits_survive_a_cut_only_when_synced(
    lazy: tuple[Mount, Path, Path], synchronous: str, survives: bool
) -> None:
    mount, mnt, backing = lazy
    _commit_rows(mnt / "x.sqlite3", synchronous, 200)
    mount.cut()
    files = os.listdir(backing)
    if "x.sqlite3" not in files:
        assert not survives
        return
    conn = sqlite3.connect(backing / "x.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = conn.execute("SELECT count(*) FROM t").fetchone()[0]
    except sqlite3.DatabaseError:
        count = -1
    finally:
        conn.close()
    assert (count == 200) is survives
