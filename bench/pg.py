"""A private PostgreSQL on 127.0.0.1 for the tests and benchmarks of the server's
scale-out path (conventions.md: initdb refuses root, so as root it runs as postgres)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def private_postgres() -> Iterator[str]:
    """Start a throw-away server; yield its SQLAlchemy URL; stop and remove it after."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        raise RuntimeError("PostgreSQL is not installed (scripts/test installs it)")
    bin_dir = Path(bins[-1])
    # Not under pytest's folders: those are private to root, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="desk-app-pg-"))
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "desk",
         "--no-sync", "-E", "UTF8"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
         "-o", f"-h 127.0.0.1 -p {port} -k {folder} -c max_connections=200", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql+psycopg://desk@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
