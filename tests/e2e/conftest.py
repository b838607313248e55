"""The real district server on loopback (uvicorn in a thread, SQLite in a temp folder)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

import desk_protocol as protocol
from bench.pg import free_port
from district_server.app import create_app
from district_server.blob_files import BlobFiles, BlobStorage
from district_server.cli import database_url
from district_server.keys import server_key
from district_server.store import ServerStore


@dataclass
class RunningServer:
    url: str
    store: ServerStore
    data_dir: Path
    server: uvicorn.Server
    thread: threading.Thread
    database_url: str | None = None  # None: SQLite in the data folder

    @property
    def cli_args(self) -> list[str]:
        """What ``district-server`` commands need to work on this server's data."""
        url = ["--database-url", self.database_url] if self.database_url else []
        return ["--data-dir", str(self.data_dir), *url]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_server(
    data_dir: Path,
    port: int | None = None,
    *,
    url: str | None = None,
    blobs: BlobStorage | None = None,
    versions: protocol.Versions = protocol.SERVER_VERSIONS,
) -> RunningServer:
    store = ServerStore(database_url(data_dir, url))
    port = port or free_port()
    config = uvicorn.Config(
        create_app(
            store,
            BlobFiles(data_dir, blobs),
            server_key=server_key(data_dir),
            versions=versions,
        ),
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
    return RunningServer(f"http://127.0.0.1:{port}", store, data_dir, server, thread, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def district(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningServer]:
    """The district server over loopback, once on each back-end it supports: every test
    that takes it proves its claim on SQLite (one district) and PostgreSQL (scale-out)."""
    if request.param == "sqlite":
        running = start_server(tmp_path / "district")
        yield running
        running.stop()
    else:
        yield from _on_postgres(tmp_path, request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private PostgreSQL on 127.0.0.1 for the scale-out path (bench/pg.py)."""
    from bench.pg import private_postgres

    with private_postgres() as url:
        yield url


def _on_postgres(tmp_path: Path, postgres_url: str) -> Iterator[RunningServer]:
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


@pytest.fixture
def district_pg(tmp_path: Path, postgres_url: str) -> Iterator[RunningServer]:
    """The district server on PostgreSQL (a fresh schema per test)."""
    yield from _on_postgres(tmp_path, postgres_url)
