"""Enrolment attempts are limited; the server says which extra to install; what it
acknowledges is on disk (issue 20, items 14 and 3)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

import desk_protocol as protocol
from desk_protocol import sealed
from district_server import cli, limits, status_page
from district_server.blob_files import BlobFiles
from district_server.keys import server_key
from district_server.pack_import import import_pack
from district_server.store import Desk, ServerStore
from tests.e2e.conftest import RunningServer, start_server

NOW = datetime.now(UTC)


def _enrolled(store: ServerStore) -> tuple[Ed25519PrivateKey, Desk]:
    """A desk of commune 000.00.31.H26 enrolled straight in ``store``: its key and row."""
    key = Ed25519PrivateKey.generate()
    desk = store.enrol(
        store.new_enrol_code("000.00.31.H26", 1, NOW),
        protocol.public_key_text(key.public_key()),
        NOW,
    )
    assert desk is not None
    return key, desk


def _attempt(
    district: RunningServer, address: str, code: str = "0000-0000-0000-0000"
) -> httpx.Response:
    key = Ed25519PrivateKey.generate()
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(transport=transport, base_url=district.url) as client:
        return client.post(
            protocol.ENROL_PATH,
            json={"code": code, "public_key": protocol.public_key_text(key.public_key())},
            headers={protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION},
        )


def test_enrolment_attempts_are_limited_per_address(district: RunningServer) -> None:
    answers = [_attempt(district, "127.0.0.1").status_code for _ in range(5)]  # README: 5
    assert answers == [403] * 5  # each judged as usual: a wrong code
    refused = _attempt(district, "127.0.0.1")
    assert refused.status_code == 429
    assert refused.json()["detail"]["code"] == "too_many_attempts"
    assert "hãy đợi" in refused.json()["detail"]["message"]
    assert 0 < int(refused.headers["retry-after"]) <= 5 * 60  # README: per 5 minutes
    # even the right code waits: the limit is on attempts, not on failures
    good = district.store.new_enrol_code("000.00.31.H26", 1, NOW)
    assert _attempt(district, "127.0.0.1", good).status_code == 429
    # another address is judged on its own
    enrolled = _attempt(district, "127.0.0.2", good)
    assert enrolled.status_code == 200, enrolled.text


def test_enrolment_attempts_are_limited_in_all(district: RunningServer) -> None:
    """Spread over many addresses, the server takes ENROL_PER_SERVER attempts a window."""
    statuses = []
    for n in range(30 + 3):  # README: 30 in all
        statuses.append(_attempt(district, f"127.0.1.{n + 1}").status_code)
    assert statuses == [403] * 30 + [429] * 3


def test_serve_takes_another_limit(tmp_path: Path) -> None:
    """``serve --enrol-attempts N`` (a bench enrolling 50 desks from one address)."""
    from bench.hostile import server_process

    with server_process(tmp_path / "d", "--enrol-attempts", "7") as server:
        running = RunningServer(server.url, None, tmp_path, None, None)  # type: ignore[arg-type]
        statuses = [_attempt(running, "127.0.0.1").status_code for _ in range(8)]
    assert statuses == [403] * 7 + [429]


def test_the_limiter_forgets_after_its_window_and_holds_little() -> None:
    limiter = limits.WindowLimiter(per_key=2, overall=5, window=60)
    assert [limiter.retry_after("a", now=0) for _ in range(3)] == [0, 0, 60]
    assert limiter.retry_after("a", now=30) == 30
    assert limiter.retry_after("a", now=60) == 0  # the first attempt left the window
    # a flood of addresses: refused ones are not remembered
    for n in range(100_000):
        limiter.retry_after(f"10.0.{n // 256}.{n % 256}", now=61)
    assert len(limiter) <= 5
    assert limiter.retry_after("b", now=200) == 0 and len(limiter) == 1  # the rest forgotten


def test_the_status_page_limiter_holds_little_under_a_flood_of_addresses() -> None:
    """Every IPv6 address of a /64 can ask once: the status page's per-address limiter
    kept each one for ever (200,000 addresses: 160 MB)."""
    import tracemalloc

    limiter = status_page.RateLimiter()
    tracemalloc.start()
    try:
        for n in range(200_000):
            limiter.allow(f"2001:db8::{n:x}")
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 30 * 1024 * 1024, held
    assert len(limiter) <= 20_000
    # and it still does its work: 30 lookups a minute for an address, then 429
    assert [limiter.allow("198.51.100.7") for _ in range(31)].count(False) == 1


# --- the server's extra ----------------------------------------------------------------


@pytest.fixture
def without_server_libraries(tmp_path: Path) -> dict[str, str]:
    """An environment where the server's libraries (and boto3) cannot be imported, as on
    a machine where desk-app was installed without its ``server`` extra."""
    site = tmp_path / "site"
    site.mkdir()
    blocked = ["fastapi", "uvicorn", "sqlalchemy", "starlette", "psycopg", "boto3", "botocore"]
    (site / "sitecustomize.py").write_text(
        "import sys\n" + "".join(f"sys.modules[{name!r}] = None\n" for name in blocked)
    )
    root = Path(__file__).resolve().parents[2]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(root)])}


def _district_server() -> list[str]:
    script = Path(sys.executable).with_name("district-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "district_server"]


@pytest.mark.parametrize(
    "command",
    [
        ["serve", "--port", "1"],
        ["enrol-desk", "--commune", "000.00.31.H26", "--desk", "1"],
        ["import-pack", "pack.zip"],
        ["admin-token"],
    ],
    ids=lambda c: c[0],
)
def test_without_the_server_extra_it_says_what_to_install(
    without_server_libraries: dict[str, str], tmp_path: Path, command: list[str]
) -> None:
    out = subprocess.run(
        [*_district_server(), command[0], "--data-dir", str(tmp_path / "d"), *command[1:]],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
        env=without_server_libraries, cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 2
    assert "chưa cài phần máy chủ" in out.stderr
    assert "pip install 'desk-app[server]'" in out.stderr


def test_s3_blobs_without_the_s3_extra_say_what_to_install(
    without_server_libraries: dict[str, str], tmp_path: Path
) -> None:
    site = Path(without_server_libraries["PYTHONPATH"].split(os.pathsep)[0])
    # the server's libraries are there this time; only boto3 is not
    (site / "sitecustomize.py").write_text(
        "import sys\nsys.modules['boto3'] = None\nsys.modules['botocore'] = None\n"
    )
    out = subprocess.run(
        [*_district_server(), "serve", "--data-dir", str(tmp_path / "d"), "--port", "1",
         "--blobs", "s3://bucket/papers"],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
        env=without_server_libraries,
    )  # fmt: skip
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 2
    assert "pip install 'desk-app[s3]'" in out.stderr


# --- what is acknowledged is on disk -------------------------------------------------------


@pytest.fixture
def synced_paths(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every os.fsync of this process, by the path of what it synced, in order; and
    "db:finish_upload" when the server records a blob (the acknowledgement's commit).
    The calls go through to the real fsync."""
    events: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        events.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    original = ServerStore.finish_upload

    def finish_upload(self: ServerStore, *args: object, **kwargs: object) -> None:
        events.append("db:finish_upload")
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(ServerStore, "finish_upload", finish_upload)
    yield events


def _before_ack(events: list[str], blob: Path) -> list[str]:
    assert "db:finish_upload" in events, events
    return events[: events.index("db:finish_upload")]


def test_a_blob_acknowledged_over_http_is_fsynced_with_its_folder(
    district: RunningServer, synced_paths: list[str]
) -> None:
    key = Ed25519PrivateKey.generate()
    code = district.store.new_enrol_code("000.00.31.H26", 1, NOW)
    desk_id = httpx.post(
        district.url + protocol.ENROL_PATH,
        json={"code": code, "public_key": protocol.public_key_text(key.public_key())},
        headers={protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION},
    ).json()["desk_id"]
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    headers = protocol.signed_headers(key, desk_id, "POST", protocol.UPLOADS_PATH, data)
    headers |= {
        "Tus-Resumable": protocol.TUS_VERSION,
        "Upload-Length": str(len(data)),
        "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
    }
    answer = httpx.post(district.url + protocol.UPLOADS_PATH, content=data, headers=headers)
    assert answer.status_code == 201 and answer.headers["upload-offset"] == str(len(data))
    blob = district.data_dir / "blobs" / sha[:2] / sha
    assert blob.read_bytes() == data
    synced = _before_ack(synced_paths, blob)
    # the bytes, the blob's name in its folder, and that new folder's name in blobs/
    assert str(blob.parent) in synced, synced
    assert str(blob.parent.parent) in synced, synced
    assert any(p.endswith(f"{sha}.part") or p == str(blob) for p in synced), synced


def _pack(
    path: Path, key: Ed25519PrivateKey, desk_id: str, papers: list[bytes], server: Ed25519PublicKey
) -> None:
    entries = b"[]"
    hashes = sorted(hashlib.sha256(p).hexdigest() for p in papers)
    manifest = {
        "format": protocol.PACK_FORMAT,
        "desk_id": desk_id,
        "from_seq": 1,
        "to_seq": 0,
        "created_at": NOW.isoformat(timespec="seconds"),
        "entries_sha256": hashlib.sha256(entries).hexdigest(),
        "blobs": hashes,
        "unavailable_blobs": [],
    }
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(protocol.PACK_MANIFEST, json.dumps(protocol.sign_document(key, manifest)))
        pack.writestr(protocol.PACK_ENTRIES, entries)
        for paper in papers:
            name = protocol.PACK_BLOB_DIR + hashlib.sha256(paper).hexdigest()
            pack.writestr(name, paper, zipfile.ZIP_STORED)
    with open(path, "wb") as out:  # sealed to the server, as a desk's packs are
        sealed.seal(plain.getvalue(), server, out)


def test_a_blob_acknowledged_by_usb_is_fsynced_with_its_folder_and_so_is_the_ack(
    tmp_path: Path, synced_paths: list[str]
) -> None:
    data_dir = tmp_path / "district"
    store = ServerStore(cli.database_url(data_dir, None))
    key, desk = _enrolled(store)
    paper = os.urandom(200_000)
    sha = hashlib.sha256(paper).hexdigest()
    pack = tmp_path / "usb" / "xa.zip"
    pack.parent.mkdir()
    _pack(pack, key, desk.id, [paper], server_key(data_dir).public_key())
    assert cli.main(["import-pack", "--data-dir", str(data_dir), str(pack)]) == 0
    blob = data_dir / "blobs" / sha[:2] / sha
    assert blob.read_bytes() == paper
    synced = _before_ack(synced_paths, blob)
    assert str(blob.parent) in synced and str(blob.parent.parent) in synced, synced
    assert any(p.endswith(f"{sha}.part") or p == str(blob) for p in synced), synced
    # the acknowledgement file: written whole under a temporary name, synced, then named
    ack = pack.with_name(pack.name + ".ack.json")
    after = synced_paths[synced_paths.index("db:finish_upload") :]
    assert str(pack.parent) in after, after
    assert json.loads(ack.read_text())["document"]["blobs_stored"] == 1
    # and the papers it holds are the ones it says (import is unchanged otherwise)
    again = import_pack(store, BlobFiles(data_dir), server_key(data_dir), pack)
    assert again["document"]["blobs_stored"] == 0


def test_the_server_commits_durably_on_sqlite(tmp_path: Path) -> None:
    """An acknowledgement follows a commit that survives a power cut: WAL with
    synchronous=FULL on every connection of the server's SQLite store."""
    store = ServerStore(cli.database_url(tmp_path, None))
    with store.engine.connect() as db:
        assert db.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert db.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


# --- the event loop stays free ----------------------------------------------------------


@pytest.fixture
def sqlite_district(tmp_path: Path) -> Iterator[RunningServer]:
    """The server on SQLite alone: these tests hold its file's write lock from outside."""
    running = start_server(tmp_path / "district")
    yield running
    running.stop()


def test_a_chunk_waiting_for_the_database_does_not_hold_other_requests(
    sqlite_district: RunningServer,
) -> None:
    """Another writer holds the SQLite file (``district-server import-pack`` applying a
    big pack, say): a request waits for it holding the server's one connection, and a
    chunk's bound (what its upload lacks, read before its body) must wait off the event
    loop, or every other request waits with it."""
    import sqlite3
    import threading
    import time

    district = sqlite_district
    key, desk = _enrolled(district.store)
    sha = hashlib.sha256(b"paper").hexdigest()
    district.store.start_upload(desk.id, sha, 1000, NOW)

    def signed(method: str, path: str, body: bytes = b"") -> httpx.Response:
        headers = protocol.signed_headers(key, desk.id, method, path, body)
        headers |= {"Tus-Resumable": protocol.TUS_VERSION, "Upload-Offset": "0"}
        return httpx.request(method, district.url + path, content=body, headers=headers, timeout=60)

    database = district.data_dir / cli.DB_FILE
    assert database.exists()
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    answers: list[int] = []
    waiting = [
        threading.Thread(
            target=lambda: answers.append(signed("GET", protocol.CHANGES_PATH).status_code)
        ),
        threading.Thread(
            target=lambda: answers.append(
                signed("PATCH", f"{protocol.UPLOADS_PATH}/{sha}", b"x" * 100).status_code
            )
        ),
    ]
    try:
        for thread in waiting:
            thread.start()
            time.sleep(0.4)
        started = time.perf_counter()
        assert httpx.get(district.url + protocol.TIME_PATH, timeout=60).is_success
        waited = time.perf_counter() - started
    finally:
        time.sleep(0.5)
        writer.execute("ROLLBACK")
        writer.close()
        for thread in waiting:
            thread.join(60)
    assert waited < 1.0, waited
    assert sorted(answers) == [200, 204], answers


def test_an_upload_waiting_for_the_database_does_not_hold_other_requests(
    sqlite_district: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer takes the SQLite file just after an upload's signature is checked
    (``district-server import-pack`` applying a big pack while desks upload): the upload
    waits to record itself, and that wait must not be the event loop's."""
    import sqlite3
    import threading
    import time

    district = sqlite_district
    key, desk = _enrolled(district.store)
    database = district.data_dir / cli.DB_FILE
    assert database.exists()
    writer = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    locked = threading.Event()
    release = threading.Timer(3, lambda: writer.execute("ROLLBACK"))
    real = district.store.use_nonce

    def use_nonce(*args: object) -> object:
        fresh = real(*args)  # type: ignore[arg-type]
        if not locked.is_set():  # the other writer comes in now, for 3 s
            writer.execute("BEGIN IMMEDIATE")
            release.start()
            locked.set()
        return fresh

    monkeypatch.setattr(district.store, "use_nonce", use_nonce)
    data = os.urandom(1000)
    sha = hashlib.sha256(data).hexdigest()
    headers = protocol.signed_headers(key, desk.id, "POST", protocol.UPLOADS_PATH, data)
    headers |= {
        "Tus-Resumable": protocol.TUS_VERSION,
        "Upload-Length": str(len(data)),
        "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
    }
    answers: list[int] = []
    upload = threading.Thread(
        target=lambda: answers.append(
            httpx.post(
                district.url + protocol.UPLOADS_PATH, content=data, headers=headers, timeout=60
            ).status_code
        )
    )
    upload.start()
    try:
        assert locked.wait(10)
        time.sleep(0.3)
        started = time.perf_counter()
        assert httpx.get(district.url + protocol.TIME_PATH, timeout=60).is_success
        waited = time.perf_counter() - started
    finally:
        upload.join(60)
        if locked.is_set():
            release.join(10)  # the other writer has let go
        writer.close()
    assert waited < 1.0, waited
    assert answers == [201]
