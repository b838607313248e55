"""Digitised papers reach the server before the entries that name them, resumably."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

import desk_protocol as protocol
from bench.corpus import form_page, text_page
from desk_app.app import Desk
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.change_log import ChangeLog
from desk_app.sync.blobs import upload, upload_missing
from desk_app.sync.client import SyncError
from tests.conftest import FakeClock, birth_draft
from tests.e2e.conftest import RunningServer

NOW = datetime.now(UTC)


@pytest.fixture
def enrolled(desk: Desk, district: RunningServer, clock: FakeClock) -> Desk:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, NOW))
    return desk


def _digitised(desk: Desk, tmp_path: Path) -> str:
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "scan.tiff"
    pages = [form_page().image, text_page().image]
    pages[0].save(scan, save_all=True, append_images=pages[1:], dpi=(300, 300))
    return desk.digitisation.digitise_files(record.code, 1, [scan]).sha256


def test_papers_go_up_with_their_entries(
    enrolled: Desk, district: RunningServer, tmp_path: Path
) -> None:
    sha = _digitised(enrolled, tmp_path)
    assert enrolled.sync.run_once().pending == 0
    stored = district.data_dir / "blobs" / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    assert district.store.missing_blobs([sha]) == []
    # a second sync sends no paper again
    sent: list[str] = []
    original = httpx.Client.request

    def spy(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def]
        sent.append(f"{method} {url}")
        return original(self, method, url, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx.Client, "request", spy)
        enrolled.sync.run_once()
    assert not any("uploads" in s for s in sent)


def test_an_upload_cut_twice_resumes_from_the_last_byte_held(
    enrolled: Desk, district: RunningServer, tmp_path: Path
) -> None:
    sha = _digitised(enrolled, tmp_path)
    data = enrolled.digitisation.pdf(next(iter(_docs(enrolled))))
    assert hashlib.sha256(data).hexdigest() == sha
    chunk = len(data) // 8 + 1  # eight chunks, whatever the scan's size: room for both cuts
    uploads = {"n": 0}
    bytes_sent: list[int] = []
    original = httpx.Client.request

    def flaky(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "uploads" in str(url):
            uploads["n"] += 1
            bytes_sent.append(len(kwargs.get("content") or b""))
            if uploads["n"] in (3, 6):  # the link drops after the chunk went up
                original(self, method, url, *args, **kwargs)
                raise httpx.ReadError("connection reset")
        return original(self, method, url, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx.Client, "request", flaky)
        for _ in range(3):
            try:
                with enrolled.sync.client() as client:
                    upload_missing(client, _blobs(enrolled), [sha], chunk_bytes=chunk)
                break
            except SyncError as err:
                assert "Không kết nối" in err.message
    assert district.store.missing_blobs([sha]) == []
    assert uploads["n"] >= 6  # both cuts happened
    resent = sum(bytes_sent) - len(data)
    assert resent == 0  # every cut resumed exactly at the server's last byte


def test_the_server_tells_what_it_holds_of_a_cut_upload(
    enrolled: Desk, district: RunningServer
) -> None:
    data = bytes(range(256)) * 40
    sha = hashlib.sha256(data).hexdigest()
    with enrolled.sync.client() as client:
        with pytest.MonkeyPatch.context() as patch:
            original = httpx.Client.request

            def cut_after_first(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def]
                answer = original(self, method, url, *args, **kwargs)
                if method == "POST" and "uploads" in str(url):
                    raise httpx.ReadError("connection reset")
                return answer

            patch.setattr(httpx.Client, "request", cut_after_first)
            with pytest.raises(SyncError):
                upload(client, data, sha, chunk_bytes=1000)  # the first 1000 bytes arrive
        answer = client.request("POST", protocol.BLOBS_MISSING_PATH, {"sha256": [sha]})
        assert answer == {"missing": [sha], "partial": {sha: 1000}}
        upload(client, data, sha, chunk_bytes=1000, held=1000)
    assert district.store.missing_blobs([sha]) == []
    stored = district.data_dir / "blobs" / sha[:2] / sha
    assert stored.read_bytes() == data


def test_several_papers_travel_at_once(
    enrolled: Desk, district: RunningServer, tmp_path: Path
) -> None:
    papers = [bytes([i]) * (3000 + 997 * i) for i in range(7)]
    blobs = enrolled.blobs
    with enrolled.storage.write():
        hashes = [blobs.put(p, media_type="application/pdf", now=NOW) for p in papers]
    in_flight = {"now": 0, "most": 0}
    lock = threading.Lock()
    original = httpx.Client.request

    def counting(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "uploads" not in str(url):
            return original(self, method, url, *args, **kwargs)
        with lock:
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
        try:
            time.sleep(0.05)
            return original(self, method, url, *args, **kwargs)
        finally:
            with lock:
                in_flight["now"] -= 1

    sent: list[int] = []
    with pytest.MonkeyPatch.context() as patch, enrolled.sync.client() as client:
        patch.setattr(httpx.Client, "request", counting)
        lost = upload_missing(client, blobs, hashes, workers=2, on_bytes=sent.append)
    assert lost == []
    assert in_flight["most"] == 2
    assert sum(sent) == sum(map(len, papers))
    assert district.store.missing_blobs(hashes) == []


def _blobs(desk: Desk) -> BlobStore:
    return desk.blobs


def _docs(desk: Desk) -> list[int]:
    rows = desk.storage.db.execute("SELECT id FROM documents ORDER BY id").fetchall()
    return [int(r[0]) for r in rows]


def test_bytes_that_do_not_match_their_hash_are_refused(
    enrolled: Desk, district: RunningServer
) -> None:
    data = b"%PDF-1.7 not what the hash says" * 100
    wrong = hashlib.sha256(b"something else").hexdigest()
    with enrolled.sync.client() as client, pytest.raises(SyncError, match="không khớp mã băm"):
        upload(client, data, wrong)
    assert district.store.missing_blobs([wrong]) == [wrong]
    assert not (district.data_dir / "blobs" / wrong[:2] / wrong).exists()


def test_a_chunk_at_the_wrong_offset_and_an_entry_naming_a_missing_blob(
    enrolled: Desk, district: RunningServer, tmp_path: Path
) -> None:
    data = b"x" * 5000
    sha = hashlib.sha256(data).hexdigest()
    with enrolled.sync.client() as client:
        import base64

        client.raw(
            "POST",
            protocol.UPLOADS_PATH,
            b"",
            {
                "Upload-Length": "5000",
                "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
            },
        )
        with pytest.raises(SyncError) as info:
            client.raw(
                "PATCH", f"{protocol.UPLOADS_PATH}/{sha}", data[100:200], {"Upload-Offset": "100"}
            )
        assert info.value.code == "wrong_offset" and info.value.extra["offset"] == 0
    # an entry that names a paper the server lacks is refused whole
    _digitised(enrolled, tmp_path)
    entries = ChangeLog(enrolled.storage).entries()
    with enrolled.sync.client() as client, pytest.raises(SyncError) as info:
        client.request("POST", protocol.CHANGES_PATH, {"from_seq": 1, "entries": entries})
    assert info.value.code == "missing_blobs"
    assert json.loads(str(entries[-1]["blob_hashes"]))[0] in info.value.extra["missing"]
    assert district.store.acked_through(enrolled.sync.identity().desk_id) == 0  # type: ignore[union-attr]
