"""The real district server on loopback (uvicorn in a thread, SQLite in a temp folder)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from district_server.app import create_app
from district_server.blob_files import BlobFiles
from district_server.cli import database_url
from district_server.keys import public_text, server_key
from district_server.store import ServerStore


@dataclass
class RunningServer:
    url: str
    store: ServerStore
    data_dir: Path
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    data_dir: Path, port: int | None = None, *, url: str | None = None
) -> RunningServer:
    store = ServerStore(database_url(data_dir, url))
    port = port or _free_port()
    config = uvicorn.Config(
        create_app(store, BlobFiles(data_dir), server_key_public=public_text(server_key(data_dir))),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the district server did not start"
        time.sleep(0.02)
    return RunningServer(f"http://127.0.0.1:{port}", store, data_dir, server, thread)


@pytest.fixture
def district(tmp_path: Path) -> Iterator[RunningServer]:
    running = start_server(tmp_path / "district")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private PostgreSQL on 127.0.0.1 for the scale-out path (conventions.md: initdb
    refuses root, so as root it runs as the postgres user)."""
    import glob
    import os
    import shutil
    import subprocess

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert bins, "PostgreSQL is not installed (scripts/test installs it)"
    bin_dir = Path(bins[-1])
    import tempfile

    # Not under pytest's folders: those are private to root, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="desk-app-pg-"))
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "desk",
         "--no-sync", "-E", "UTF8"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
         "-o", f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off", "start"],
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


@pytest.fixture
def district_pg(tmp_path: Path, postgres_url: str) -> Iterator[RunningServer]:
    """The district server on PostgreSQL (a fresh schema per test)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as db:
        db.execute(text("DROP SCHEMA public CASCADE"))
        db.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    running = start_server(tmp_path / "district-pg", url=postgres_url)
    yield running
    running.stop()
    running.store.engine.dispose()
