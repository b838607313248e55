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


def start_server(data_dir: Path, port: int | None = None) -> RunningServer:
    store = ServerStore(database_url(data_dir, None))
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
