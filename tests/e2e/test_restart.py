"""The desk's sync process killed mid-way (power cut, closed laptop): the next run finishes
and the server holds exactly the desk's data, nothing twice."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import form_page, text_page
from desk_app.storage.change_log import ChangeLog
from district_server.blob_files import BlobFiles
from tests.conftest import birth_draft, desk_at, desk_env
from tests.e2e.conftest import RunningServer

ROOT = Path(__file__).resolve().parents[2]


def test_a_sync_killed_mid_upload_is_finished_by_the_next(
    district: RunningServer, tmp_path: Path
) -> None:
    data = tmp_path / "desk"
    desk = desk_at(data)
    try:
        desk.sync.enrol(
            district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
        )
        for n in range(6):
            record = desk.intake.receive(birth_draft(desk)).record
            scan = tmp_path / f"scan-{n}.tiff"
            pages = [form_page(seed=n).image, text_page(seed=n).image, form_page(seed=n + 9).image]
            pages[0].save(scan, save_all=True, append_images=pages[1:], dpi=(300, 300))
            desk.digitisation.digitise_files(record.code, 1, [scan])
        identity = desk.sync.identity()
        assert identity is not None
    finally:
        desk.close()
    env = desk_env(PYTHONPATH=str(ROOT))
    uploads = district.data_dir / "uploads" / identity.desk_id
    command = [sys.executable, "-m", "desk_app", "sync", "--data-dir", str(data)]
    sync = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (uploads.exists() and any(_size(p) for p in uploads.glob("*.part"))):
        assert sync.poll() is None, "the sync ended before it could be killed mid-upload"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    sync.send_signal(signal.SIGKILL)  # the power goes
    assert sync.wait(10) == -signal.SIGKILL
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert finished.stdout.strip().endswith("còn chờ 0, lỗi 0.")
    desk = desk_at(data)
    try:
        entries = ChangeLog(desk.storage).entries()
    finally:
        desk.close()
    held = district.store.changes_of(identity.desk_id)
    assert [r["content_sha256"] for r in held] == [e["content_sha256"] for e in entries]
    papers = sorted({h for e in entries for h in json.loads(str(e["blob_hashes"]))})
    assert len(papers) == 6 and district.store.missing_blobs(papers) == []
    files = BlobFiles(district.data_dir)
    assert all(files.storage.exists(sha) for sha in papers)
    assert not any(uploads.glob("*.part"))


def _size(part: Path) -> int:
    """A part file's size; 0 when it was completed (renamed) between the listing and now."""
    try:
        return part.stat().st_size
    except FileNotFoundError:
        return 0
