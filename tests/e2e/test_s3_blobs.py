"""Scale-out blob storage: the server started with ``--blobs s3://…`` keeps verified papers
in an S3-compatible bucket (moto's S3 server on loopback stands in for MinIO or Ceph).

The server also sends each object's SHA-256 for the storage to check (``ChecksumSHA256``);
moto neither checks nor returns it, so that part is proven only against real S3/MinIO."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.common import start_district
from bench.corpus import form_page, text_page
from bench.pg import free_port
from desk_app.sync.blobs import upload
from desk_app.sync.client import SyncError
from district_server.cli import database_url
from district_server.store import ServerStore
from tests.conftest import FakeClock, birth_draft, desk_at

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")


def NOW() -> datetime:
    return datetime.now(UTC)


CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "district-test",
    "AWS_SECRET_ACCESS_KEY": "district-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="papers")
    yield endpoint
    server.stop()


def test_papers_land_in_the_bucket_verified_and_nowhere_else(
    s3: str, tmp_path: Path, clock: FakeClock
) -> None:
    data_dir = tmp_path / "district"
    store = ServerStore(database_url(data_dir, None))
    code = store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    server, url = start_district(data_dir, "--blobs", "s3://papers/district-a", "--s3-endpoint", s3)
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk = desk_at(tmp_path / "desk", clock=clock)
    try:
        desk.sync.enrol(url, code)
        hashes = []
        for seed in range(2):
            record = desk.intake.receive(birth_draft(desk)).record
            scan = tmp_path / f"scan-{seed}.tiff"
            pages = [form_page(seed=seed).image, text_page(seed=seed).image]
            pages[0].save(scan, save_all=True, append_images=pages[1:], dpi=(300, 300))
            hashes.append(desk.digitisation.digitise_files(record.code, 1, [scan]).sha256)
        summary = desk.sync.run_once()
        assert summary.pending == 0 and summary.problems == 0
    finally:
        desk.close()
        server.terminate()
        server.wait(10)
    bucket = boto3.client("s3", endpoint_url=s3)
    for sha in hashes:
        key = f"district-a/{sha[:2]}/{sha}"
        body = bucket.get_object(Bucket="papers", Key=key)["Body"].read()
        assert hashlib.sha256(body).hexdigest() == sha
    assert store.missing_blobs(hashes) == []
    assert not (data_dir / "blobs").exists() or not any((data_dir / "blobs").rglob("*"))
    assert not any((data_dir / "uploads").rglob("*.part"))  # nothing left half-way on disk


def test_a_bucket_that_refuses_keeps_the_paper_waiting_not_lost(s3: str, tmp_path: Path) -> None:
    from district_server.blob_files import BlobFiles, S3Blobs

    files = BlobFiles(tmp_path, S3Blobs("s3://no-such-bucket", s3))
    data = b"%PDF-1.7 a paper"
    sha = hashlib.sha256(data).hexdigest()
    files.append("desk", sha, data)
    with pytest.raises(Exception, match="NoSuchBucket"):
        files.complete("desk", sha)
    assert files.offset("desk", sha) == len(data)  # still on disk: the next try succeeds


def test_a_desk_told_503_keeps_its_paper_and_sends_it_once_the_bucket_is_back(
    s3: str, tmp_path: Path, clock: FakeClock
) -> None:
    """The answer a desk really gets when the storage behind the server is down: HTTP 503
    with the server's words, the paper and its entries still waiting at the desk; once the
    bucket exists again the same desk sends them with nothing lost or doubled."""
    data_dir = tmp_path / "district"
    store = ServerStore(database_url(data_dir, None))
    code = store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    server, url = start_district(data_dir, "--blobs", "s3://later/district-a", "--s3-endpoint", s3)
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk = desk_at(tmp_path / "desk", clock=clock)
    try:
        desk.sync.enrol(url, code)
        record = desk.intake.receive(birth_draft(desk)).record
        scan = tmp_path / "scan.png"
        text_page().image.save(scan, dpi=(300, 300))
        sha = desk.digitisation.digitise_files(record.code, 1, [scan]).sha256
        with desk.sync.client() as client, pytest.raises(SyncError) as refused:
            upload(client, desk.blobs.read(sha), sha)
        assert refused.value.status == 503
        assert str(refused.value) == (
            "Kho lưu tệp của máy chủ tạm thời không nhận tệp; quầy sẽ gửi lại sau."
        )
        with pytest.raises(SyncError, match="tạm thời không nhận tệp"):
            desk.sync.run_once()
        state = desk.sync.state()
        assert (state.pending, state.acked_through) == (2, 0)  # the dossier waits with its paper
        assert state.last_error == refused.value.args[0]
        assert store.missing_blobs([sha]) == [sha]
        boto3.client("s3", endpoint_url=s3).create_bucket(Bucket="later")
        second = desk.sync.run_once()
        assert (second.pending, second.problems) == (0, 0)
    finally:
        desk.close()
        server.terminate()
        server.wait(10)
    assert store.missing_blobs([sha]) == []
    body = (
        boto3.client("s3", endpoint_url=s3)
        .get_object(Bucket="later", Key=f"district-a/{sha[:2]}/{sha}")["Body"]
        .read()
    )
    assert hashlib.sha256(body).hexdigest() == sha
