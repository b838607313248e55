"""A file system that loses what a power cut loses (the LazyFS idea, in Python over FUSE).

    python -m bench.lazyfs BACKING MOUNTPOINT     # serves until told on stdin:
        cut SEED TORN   drop every change not made durable (TORN: 0..1, the chance that a
                        file keeps a torn prefix of its unsynced pages), write what a power
                        cut would leave into BACKING, answer "cut ...", serve nothing more
        sync            a clean shutdown: everything becomes durable and goes to BACKING
        stats           counters

The mount shows BACKING as it was at mount time plus every change since, but BACKING
itself is not touched while mounted. The file system keeps two states of every file and
folder, in memory:

- a file's *live* pages and size (what reads see) and its *durable* ones: ``fsync`` (or
  ``fdatasync``) of the file copies live to durable, data and size and modification time;
- a folder's *live* entries (name -> node) and its *durable* ones: ``fsync`` of the
  folder copies live to durable. Creating, renaming, unlinking, mkdir and rmdir change
  only the live entries. A file whose data was fsynced but whose name never was is lost,
  as on a strictly POSIX file system (ext4's journal often saves such a name; the point
  here is not to rely on it).

``cut`` computes the durable tree from the root's durable entries, optionally keeps a
random prefix of a file's unsynced pages (whole 4 KiB pages, the last one possibly torn
at a 512-byte sector), and writes it into BACKING (a new folder swapped in; files nobody
changed are hard-linked, not copied). SQLite's WAL, fsync'd files and folder fsyncs are
what survive; anything that relied on the page cache is gone.

The model (pages in layers, nodes) is ``bench/lazyfs_model.py``. It is a test aid
(``bench/powercut.py``, ``tests/e2e/test_powercut.py``), never product code. Needs
Debian's ``libfuse2`` and PyPI's ``fusepy``; mounting needs root.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.lazyfs_model import PAGE, Base, DirNode, FileNode, FsError, Node

# --- the file system -------------------------------------------------------------------


class LazyFS:
    """fusepy calls the instance with the operation's name (no ``fuse.Operations``
    subclass: an operation left undefined is one the kernel does itself, like locks)."""

    use_ns = True

    def __init__(self, backing: Path) -> None:
        self.backing = backing
        self._mutex = threading.RLock()
        self.dead = False
        self.root = self._scan(backing)
        self.handles: dict[int, Node] = {}
        self._next_fh = 1
        self.counts = {"writes": 0, "fsyncs": 0, "dir_fsyncs": 0, "renames": 0, "unlinks": 0}

    def _scan(self, path: Path) -> DirNode:
        info = path.stat()
        node = DirNode(info.st_mode)
        node.mtime_ns = node.durable_mtime_ns = info.st_mtime_ns
        for child in sorted(path.iterdir()):
            info = child.lstat()
            if stat.S_ISDIR(info.st_mode):
                sub: Node = self._scan(child)
            elif stat.S_ISREG(info.st_mode):
                sub = FileNode(info.st_mode, Base(child, info.st_size))
                sub.mtime_ns = sub.durable_mtime_ns = info.st_mtime_ns
            else:
                continue  # symlinks and devices: not part of a desk's data
            node.live[child.name] = node.durable[child.name] = sub
        return node

    # fusepy entry point
    def __call__(self, op: str, *args: Any) -> Any:
        with self._mutex:
            if self.dead and op not in ("destroy", "release", "releasedir", "flush"):
                raise FsError(errno.EIO)
            method = getattr(self, "op_" + op, None)
            if method is None:
                raise FsError(errno.ENOSYS)
            return method(*args)  # an FsError is an OSError: fusepy answers its errno

    def __getattr__(self, name: str) -> Any:
        # fusepy asks ``getattr(operations, name)`` to know which operations exist
        if name.startswith("op_") or not hasattr(type(self), "op_" + name):
            raise AttributeError(name)
        return getattr(self, "op_" + name)

    # paths
    def _parts(self, path: str) -> list[str]:
        return [p for p in path.split("/") if p]

    def _find(self, path: str) -> Node:
        node: Node = self.root
        for part in self._parts(path):
            if not isinstance(node, DirNode) or part not in node.live:
                raise FsError(errno.ENOENT)
            node = node.live[part]
        return node

    def _parent(self, path: str) -> tuple[DirNode, str]:
        parts = self._parts(path)
        if not parts:
            raise FsError(errno.EINVAL)
        parent = self._find("/" + "/".join(parts[:-1]))
        if not isinstance(parent, DirNode):
            raise FsError(errno.ENOTDIR)
        return parent, parts[-1]

    def _file(self, path: str | None, fh: int | None) -> FileNode:
        node = self.handles.get(fh) if fh else None
        if node is None:
            if path is None:
                raise FsError(errno.EBADF)
            node = self._find(path)
        if not isinstance(node, FileNode):
            raise FsError(errno.EISDIR)
        return node

    def _handle(self, node: Node) -> int:
        fh = self._next_fh
        self._next_fh += 1
        self.handles[fh] = node
        return fh

    # operations
    def op_init(self, path: str) -> None:
        return None

    def op_destroy(self, path: str) -> None:
        return None

    def op_getattr(self, path: str | None, fh: int | None = None) -> dict[str, int]:
        node = self.handles.get(fh) if fh else None
        if node is None:
            if path is None:
                raise FsError(errno.ENOENT)
            node = self._find(path)
        size = node.size if isinstance(node, FileNode) else 4096
        links = 2 if isinstance(node, DirNode) else 1
        return {
            "st_mode": node.mode, "st_ino": node.ino, "st_nlink": links, "st_size": size,
            "st_uid": os.getuid(), "st_gid": os.getgid(), "st_blocks": -(-size // 512),
            "st_atime": node.mtime_ns, "st_mtime": node.mtime_ns, "st_ctime": node.mtime_ns,
        }  # fmt: skip

    def op_access(self, path: str, amode: int) -> int:
        self._find(path)
        return 0

    def op_statfs(self, path: str) -> dict[str, int]:
        return {"f_bsize": PAGE, "f_frsize": PAGE, "f_blocks": 1 << 24, "f_bfree": 1 << 23,
                "f_bavail": 1 << 23, "f_files": 1 << 20, "f_ffree": 1 << 19, "f_namemax": 255}  # fmt: skip

    def op_readdir(self, path: str, fh: int) -> list[str]:
        node = self._find(path)
        if not isinstance(node, DirNode):
            raise FsError(errno.ENOTDIR)
        return [".", "..", *node.live]

    def op_opendir(self, path: str) -> int:
        node = self._find(path)
        if not isinstance(node, DirNode):
            raise FsError(errno.ENOTDIR)
        return self._handle(node)

    def op_releasedir(self, path: str | None, fh: int) -> int:
        self.handles.pop(fh, None)
        return 0

    def op_fsyncdir(self, path: str | None, datasync: int, fh: int) -> int:
        node = self.handles.get(fh) or (self._find(path) if path else None)
        if not isinstance(node, DirNode):
            raise FsError(errno.ENOTDIR)
        node.fsync()
        self.counts["dir_fsyncs"] += 1
        return 0

    def op_mkdir(self, path: str, mode: int) -> int:
        parent, name = self._parent(path)
        if name in parent.live:
            raise FsError(errno.EEXIST)
        parent.live[name] = DirNode(stat.S_IFDIR | (mode & 0o7777))
        parent.mtime_ns = time.time_ns()
        return 0

    def op_rmdir(self, path: str) -> int:
        parent, name = self._parent(path)
        node = parent.live.get(name)
        if node is None:
            raise FsError(errno.ENOENT)
        if not isinstance(node, DirNode):
            raise FsError(errno.ENOTDIR)
        if node.live:
            raise FsError(errno.ENOTEMPTY)
        del parent.live[name]
        parent.mtime_ns = time.time_ns()
        return 0

    def op_create(self, path: str, mode: int) -> int:
        parent, name = self._parent(path)
        node = parent.live.get(name)
        if node is None:
            node = FileNode(stat.S_IFREG | (mode & 0o7777), Base(None, 0))
            parent.live[name] = node
            parent.mtime_ns = time.time_ns()
        elif not isinstance(node, FileNode):
            raise FsError(errno.EISDIR)
        return self._handle(node)

    def op_open(self, path: str, flags: int) -> int:
        node = self._find(path)
        if not isinstance(node, FileNode):
            raise FsError(errno.EISDIR)
        if flags & os.O_TRUNC:
            node.truncate(0)
        return self._handle(node)

    def op_read(self, path: str | None, size: int, offset: int, fh: int) -> bytes:
        return self._file(path, fh).read(size, offset)

    def op_write(self, path: str | None, data: bytes, offset: int, fh: int) -> int:
        self.counts["writes"] += 1
        return self._file(path, fh).write(data, offset)

    def op_truncate(self, path: str | None, length: int, fh: int | None = None) -> int:
        self._file(path, fh).truncate(length)
        return 0

    def op_flush(self, path: str | None, fh: int) -> int:
        return 0  # close() makes nothing durable

    def op_release(self, path: str | None, fh: int) -> int:
        self.handles.pop(fh, None)
        return 0

    def op_fsync(self, path: str | None, datasync: int, fh: int) -> int:
        node = self.handles.get(fh) or (self._find(path) if path else None)
        if isinstance(node, DirNode):
            node.fsync()
            self.counts["dir_fsyncs"] += 1
        elif isinstance(node, FileNode):
            node.fsync()
            self.counts["fsyncs"] += 1
        return 0

    def op_unlink(self, path: str) -> int:
        parent, name = self._parent(path)
        node = parent.live.get(name)
        if node is None:
            raise FsError(errno.ENOENT)
        if isinstance(node, DirNode):
            raise FsError(errno.EISDIR)
        del parent.live[name]
        parent.mtime_ns = time.time_ns()
        self.counts["unlinks"] += 1
        return 0

    def op_rename(self, old: str, new: str) -> int:
        old_parent, old_name = self._parent(old)
        new_parent, new_name = self._parent(new)
        node = old_parent.live.get(old_name)
        if node is None:
            raise FsError(errno.ENOENT)
        target = new_parent.live.get(new_name)
        if target is not None:
            if isinstance(target, DirNode) != isinstance(node, DirNode):
                raise FsError(errno.EISDIR if isinstance(target, DirNode) else errno.ENOTDIR)
            if isinstance(target, DirNode) and target.live:
                raise FsError(errno.ENOTEMPTY)
        del old_parent.live[old_name]
        new_parent.live[new_name] = node
        old_parent.mtime_ns = new_parent.mtime_ns = time.time_ns()
        self.counts["renames"] += 1
        return 0

    def op_chmod(self, path: str, mode: int) -> int:
        node = self._find(path)
        node.mode = (node.mode & ~0o7777) | (mode & 0o7777)
        return 0

    def op_chown(self, path: str, uid: int, gid: int) -> int:
        self._find(path)
        return 0

    def op_utimens(self, path: str, times: tuple[int, int] | None = None) -> int:
        node = self._find(path)
        node.mtime_ns = times[1] if times else time.time_ns()
        return 0

    # the two ends
    def cut(self, seed: int, torn: float) -> dict[str, int]:
        """The power goes: keep what was durable (and torn prefixes), write it to BACKING."""
        with self._mutex:
            self.dead = True
            rng = random.Random(seed)
            dropped = torn_files = 0
            for node in self._nodes(self.root, durable=False):
                if isinstance(node, FileNode) and node.dirty:
                    dropped += 1
                    if torn and rng.random() < torn:
                        node.tear(rng)
                        torn_files += 1
            self._write_out(durable=True)
            return {"files_with_unsynced_data": dropped, "torn": torn_files}

    def sync_all(self) -> None:
        """A clean shutdown: everything written is kept."""
        with self._mutex:
            for node in self._nodes(self.root, durable=False):
                node.fsync()  # type: ignore[attr-defined]
            self.dead = True
            self._write_out(durable=True)

    def _nodes(self, node: DirNode, *, durable: bool) -> Iterator[Node]:
        seen: set[int] = set()
        stack: list[Node] = [node]
        while stack:
            current = stack.pop()
            if current.ino in seen:
                continue
            seen.add(current.ino)
            yield current
            if isinstance(current, DirNode):
                stack.extend((current.durable if durable else current.live).values())
        # open but unlinked files are reachable through their handles only
        if not durable:
            for open_node in list(self.handles.values()):
                if open_node.ino not in seen:
                    seen.add(open_node.ino)
                    yield open_node

    def _write_out(self, *, durable: bool) -> None:
        fresh = self.backing.with_name(self.backing.name + ".lazyfs-new")
        old = self.backing.with_name(self.backing.name + ".lazyfs-old")
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        self._write_dir(self.root, fresh)
        os.rename(self.backing, old)
        os.rename(fresh, self.backing)
        for node in self._nodes(self.root, durable=False):
            if isinstance(node, FileNode):
                node.base.close()
        shutil.rmtree(old)

    def _write_dir(self, node: DirNode, path: Path) -> None:
        path.mkdir(mode=node.mode & 0o7777)
        for name, child in node.durable.items():
            target = path / name
            if isinstance(child, DirNode):
                self._write_dir(child, target)
                continue
            assert isinstance(child, FileNode)
            if child.unchanged() and child.base.path is not None:
                os.link(child.base.path, target)  # untouched since mount
            else:
                target.write_bytes(child.durable_bytes())
                os.chmod(target, child.mode & 0o7777)
            os.utime(target, ns=(child.durable_mtime_ns, child.durable_mtime_ns))
        os.utime(path, ns=(node.durable_mtime_ns, node.durable_mtime_ns))


# --- serving, and the harness's handle on it ---------------------------------------------


def serve(backing: Path, mountpoint: Path) -> None:
    import logging

    from fuse import FUSE

    logging.basicConfig(level=os.environ.get("LAZYFS_LOG", "ERROR"), stream=sys.stderr)
    fs = LazyFS(backing)

    def control() -> None:
        print("mounting", flush=True)
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            if words[0] == "cut":
                result = fs.cut(int(words[1]), float(words[2]))
                print("cut", result["files_with_unsynced_data"], result["torn"], flush=True)
            elif words[0] == "sync":
                fs.sync_all()
                print("synced", flush=True)
            elif words[0] == "stats":
                print("stats", " ".join(f"{k}={v}" for k, v in fs.counts.items()), flush=True)

    threading.Thread(target=control, daemon=True).start()
    FUSE(
        fs, str(mountpoint), foreground=True, nothreads=True, use_ino=True, hard_remove=True,
        big_writes=True, max_write=131072, fsname="lazyfs", subtype="lazyfs",
        attr_timeout=0, entry_timeout=0, negative_timeout=0,
    )  # fmt: skip


class Mount:
    """A LazyFS over ``backing`` at ``mountpoint``, in its own process."""

    def __init__(self, backing: Path, mountpoint: Path) -> None:
        self.backing = backing
        self.mountpoint = mountpoint
        mountpoint.mkdir(parents=True, exist_ok=True)
        root = Path(__file__).resolve().parents[1]
        env = os.environ | {"PYTHONPATH": str(root)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.lazyfs", str(backing), str(mountpoint)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, cwd=root, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.process.stdout.readline()
        deadline = time.monotonic() + 20
        while not os.path.ismount(mountpoint):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"lazyfs did not mount: {self._stderr()}")
            time.sleep(0.01)

    def _stderr(self) -> str:
        self.kill()
        assert self.process.stderr is not None
        return self.process.stderr.read()[-2000:]

    def _say(self, command: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if not answer:
            raise RuntimeError(f"lazyfs gave no answer to {command!r}: {self._stderr()}")
        return answer

    def cut(self, seed: int = 0, torn: float = 0.0) -> tuple[int, int]:
        """The power cut: unsynced changes gone, BACKING as the disk would be, unmounted.
        Returns (files that had unsynced data, files left torn)."""
        words = self._say(f"cut {seed} {torn}").split()
        self._unmount()
        return int(words[1]), int(words[2])

    def sync(self) -> None:
        """A clean shutdown: everything written reaches BACKING; unmounted."""
        self._say("sync")
        self._unmount()

    def stats(self) -> dict[str, int]:
        words = self._say("stats").split()[1:]
        return {k: int(v) for k, v in (w.split("=") for w in words)}

    def _unmount(self) -> None:
        result = subprocess.run(["umount", str(self.mountpoint)], capture_output=True)
        if result.returncode != 0:
            subprocess.run(["umount", "-l", str(self.mountpoint)], capture_output=True)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    def kill(self) -> None:
        """Stop the file system without writing anything (a failed test's clean-up)."""
        if os.path.ismount(self.mountpoint):
            subprocess.run(["umount", "-l", str(self.mountpoint)], capture_output=True)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)


def available() -> str | None:
    """Why LazyFS cannot run here, or None when it can."""
    if os.geteuid() != 0:
        return "mounting FUSE needs root"
    if not os.path.exists("/dev/fuse"):
        return "no /dev/fuse"
    try:
        import fuse  # noqa: F401
    except (ImportError, OSError) as err:
        return f"fusepy/libfuse2 missing: {err}"
    return None


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
