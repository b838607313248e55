"""A commune's day over a weak link, cut mid-way: the server ends with exactly the desk's data.

Two network namespaces joined by a veth pair (conventions.md): the district server in one,
the desk in the other, shaped to 256 kbit/s with ``tc tbf``, 5 % of the desk's packets
dropped by nftables, 300 ms of round trip added by the delay proxy of
``bench/sync_weak_link.py``, which also drops the connection once mid-way. Needs root.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.common import open_bench_desk
from bench.sync_weak_link import PROXY_SCRIPT, SERVER_IP, Link, entries_bytes, make_day
from desk_app.storage.change_log import ChangeLog
from district_server.cli import database_url
from district_server.store import ServerStore
from tests.conftest import desk_env

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("ip", "tc", "nft")

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not all(shutil.which(t) for t in TOOLS),
    reason="the weak-link test needs root and ip, tc, nft (network namespaces)",
)


@pytest.fixture
def link() -> Iterator[Link]:
    try:
        made = Link(rate_kbit=256, loss=5)
    except subprocess.CalledProcessError as err:  # a container without CAP_NET_ADMIN
        pytest.skip(f"cannot create network namespaces here: {err.stderr!r}")
    yield made
    made.close()


def test_a_commune_s_day_reaches_the_server_whole_over_a_cut_lossy_link(
    link: Link, tmp_path: Path
) -> None:
    data, server_dir = tmp_path / "desk", tmp_path / "server"
    papers = make_day(data, dossiers=120, pages=12)
    payload = papers + entries_bytes(data)
    env = desk_env(PYTHONPATH=str(ROOT), DESK_APP_PASSWORD="demo")  # the bench's desk
    store = ServerStore(database_url(server_dir, None))  # the schema, before the server starts
    code = store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    server_log = (tmp_path / "server.log").open("wb")
    server = link.run(
        link.server, sys.executable, "-m", "district_server", "serve", "--data-dir",
        str(server_dir), "--host", SERVER_IP, "--port", "8080",
        env=env, stdout=server_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    proxy = link.run(
        link.desk, sys.executable, "-c", PROXY_SCRIPT, "18080", SERVER_IP, "8080", "300",
        str(payload // 2), str(tmp_path / "carried"), env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:  # the server may still be starting
            enrol = link.run(
                link.desk, sys.executable, "-m", "desk_app", "enrol", "--data-dir", str(data),
                "--server", "http://127.0.0.1:18080", "--code", code,
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )  # fmt: skip
            out, _ = enrol.communicate(timeout=120)
            if enrol.returncode == 0:
                break
            assert time.monotonic() < deadline, out.decode()
            time.sleep(1)
        lines = []
        for _ in range(4):
            sync = link.run(
                link.desk, sys.executable, "-m", "desk_app", "sync", "--data-dir", str(data),
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )  # fmt: skip
            out, _ = sync.communicate(timeout=600)
            lines.append(out.decode().strip().splitlines()[-1])
            if sync.returncode == 0:
                break
        assert "Không kết nối được máy chủ" in lines[0]  # the cut, told plainly
        assert lines[-1].endswith("còn chờ 0, lỗi 0."), lines
    finally:
        proxy.terminate()
        server.terminate()
        server.wait(10)
        server_log.close()
    desk = open_bench_desk(data)
    try:
        identity = desk.sync.identity()
        assert identity is not None
        entries = ChangeLog(desk.storage).entries()
        hashes = sorted({h for e in entries for h in _blob_hashes(e)})
    finally:
        desk.close()
    held = store.changes_of(identity.desk_id)
    assert [r["content_sha256"] for r in held] == [e["content_sha256"] for e in entries]
    assert len(hashes) == 12 and store.missing_blobs(hashes) == []
    for sha in hashes:
        stored = server_dir / "blobs" / sha[:2] / sha
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


def _blob_hashes(entry: dict[str, object]) -> list[str]:
    return [str(h) for h in json.loads(str(entry["blob_hashes"]))]
