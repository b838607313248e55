"""The server's log, as `district-server serve` writes it: JSON lines, nothing personal."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.pg import free_port
from desk_app.domain.text import fold
from district_server.cli import database_url
from district_server.logs import redact_path
from district_server.store import ServerStore
from tests.conftest import birth_draft, desk_at, desk_env

ROOT = Path(__file__).resolve().parents[2]


def test_redacted_paths() -> None:
    assert redact_path("/tra-cuu/000.00.31.H26-261122-0001?k=abc") == "/tra-cuu/…"
    assert redact_path("/api/v1/pull?cursor=5") == "/api/v1/pull"
    assert redact_path("/api/v1/changes") == "/api/v1/changes"


def test_the_log_is_json_lines_without_names_ids_codes_or_secrets(tmp_path: Path) -> None:
    server_dir, port = tmp_path / "district", free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "server.log"
    env = desk_env(PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "district_server", "serve", "--data-dir", str(server_dir)]
    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            [*command, "--port", str(port)], env=env, stdout=log_file, stderr=log_file
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{url}/openapi.json", timeout=1)
                    break
                except httpx.TransportError:
                    assert server.poll() is None and time.monotonic() < deadline
                    time.sleep(0.1)
            code = ServerStore(database_url(server_dir, None)).new_enrol_code(
                "000.00.31.H26", 1, datetime.now(UTC)
            )
            desk = desk_at(tmp_path / "desk")
            try:
                desk.sync.enrol(url, code)
                record = desk.intake.receive(birth_draft(desk)).record
                desk.sync.run_once()
            finally:
                desk.close()
            found = httpx.get(f"{url}/tra-cuu/{record.code}", params={"k": record.lookup_secret})
            assert found.status_code == 200 and record.code in found.text, found.text[:300]
            httpx.get(f"{url}/tra-cuu/{record.code}", params={"k": "sai"})
        finally:
            server.terminate()
            server.wait(20)
    text = log_path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    requests = [line for line in lines if line.get("event") == "request"]
    assert {"/api/v1/changes", "/tra-cuu/…"} <= {r["path"] for r in requests}, lines
    assert any("desk=" in str(line.get("message")) for line in lines)  # it does log the work
    for secret in (
        "Hồng Nhung",
        fold("Nguyễn Thị Hồng Nhung"),
        "001190012345",
        "0912 345 678",
        "Thôn Đông",
        record.code,
        record.lookup_secret,
    ):
        assert secret not in text and secret not in fold(text), secret
