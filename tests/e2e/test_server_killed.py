"""The district server's process killed (SIGKILL: a crash, the OOM killer, a power cut of the
server's host) while it applies a desk's batch: restarted on the same data, it holds exactly
the desk's entries, each once, and the desk finishes with nothing pending."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import start_district
from bench.pg import free_port
from desk_app.storage.change_log import ChangeLog
from desk_app.sync.client import SyncError
from district_server.cli import DB_FILE, database_url
from district_server.store import ServerStore
from tests.conftest import FakeClock, birth_draft, desk_at

ROOT = Path(__file__).resolve().parents[2]


def _serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    return start_district(data_dir, port=port)[0]


def test_a_server_killed_while_applying_a_batch_ends_with_the_desks_data_once(
    tmp_path: Path, clock: FakeClock
) -> None:
    data_dir = tmp_path / "district"
    store = ServerStore(database_url(data_dir, None))
    code = store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    port = free_port()
    server = _serve(data_dir, port)
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk = desk_at(tmp_path / "desk", clock=clock)
    try:
        identity = desk.sync.enrol(f"http://127.0.0.1:{port}", code)
        for _ in range(150):
            desk.intake.receive(birth_draft(desk))
        entries = ChangeLog(desk.storage).entries()
        wal = data_dir / f"{DB_FILE}-wal"
        before = wal.stat().st_mtime_ns if wal.exists() else 0
        failures: list[BaseException] = []

        def push() -> None:
            try:
                desk.sync.run_once()
            except SyncError as err:  # the server died under it
                failures.append(err)

        pushing = threading.Thread(target=push)
        pushing.start()
        deadline = time.monotonic() + 60
        # The first write of the batch's transaction touches the server's WAL: kill then.
        while not (wal.exists() and wal.stat().st_mtime_ns != before):
            assert time.monotonic() < deadline and pushing.is_alive(), "no batch was applied"
            time.sleep(0.001)
        server.send_signal(signal.SIGKILL)
        assert server.wait(10) == -signal.SIGKILL
        pushing.join(120)
        assert failures and failures[0].code == "unreachable"  # the desk was told, not fooled
        cut = desk.sync.state()
        assert cut.pending > 0  # the kill came before the last batch was acknowledged

        server = _serve(data_dir, port)
        summary = desk.sync.run_once()
        assert (summary.pending, summary.problems) == (0, 0)
    finally:
        desk.close()
        server.terminate()
        server.wait(10)
    held = ServerStore(database_url(data_dir, None)).changes_of(identity.desk_id)
    assert [r["seq"] for r in held] == [e["seq"] for e in entries]  # each once, in order
    assert [r["content_sha256"] for r in held] == [e["content_sha256"] for e in entries]
