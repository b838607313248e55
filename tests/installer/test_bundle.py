"""The PyInstaller bundle (installer/desk-app.spec) built and started as an officer's PC
would: it makes a fresh demo commune, renders a receipt that reads back, and opens the
window offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.pdf_tools import pdf_text

ROOT = Path(__file__).resolve().parents[2]


def test_the_built_bundle_runs_the_desk(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    env = os.environ | {"PYTHON": sys.executable, "DIST": str(dist), "WORK": str(tmp_path / "w")}
    built = subprocess.run(["bash", "installer/build.sh"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=900)  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    size_mb = int(built.stdout.split("bundle:")[1].split()[0])
    assert size_mb < 400, f"the bundle grew to {size_mb} MB"  # goal 150 MB: not met yet
    binary = dist / "desk-app" / ("desk-app.exe" if os.name == "nt" else "desk-app")
    data = tmp_path / "commune"
    run_env = os.environ | {"DESK_APP_PASSWORD": "demo", "QT_QPA_PLATFORM": "offscreen"}

    def desk_app(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([binary, *map(str, args)], env=run_env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)  # fmt: skip

    made = desk_app("demo", "--data-dir", data, "--dossiers", "10")
    assert made.returncode == 0, made.stderr
    found = desk_app("search", "--data-dir", data, "--limit", "1")
    code = json.loads(found.stdout.splitlines()[0])["code"]
    receipt = tmp_path / "r.pdf"
    printed = desk_app("receipt", code, "--data-dir", data, "--out", receipt)
    assert printed.returncode == 0, printed.stderr
    assert code in pdf_text(receipt.read_bytes()).replace("\n", " ")
    window = subprocess.Popen([binary, "gui", "--data-dir", str(data)], env=run_env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        log = data / "logs" / "desk.log"
        while "command gui started" not in (
            log.read_text(encoding="utf-8") if log.exists() else ""
        ):
            assert window.poll() is None, window.communicate()[1].decode()[-3000:]
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(3)  # the window is built and shown
        assert window.poll() is None, window.communicate()[1].decode()[-3000:]
    finally:
        window.kill()
        window.wait(10)
