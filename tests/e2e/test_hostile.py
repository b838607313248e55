"""Hostile requests against the real district server, run as its own process: nothing is
read before it is bounded (issue 20, item 6). Memory is the server's peak resident size
(VmHWM of /proc/PID/status, reset before each attack); import-pack's is its own rusage."""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import desk_protocol as protocol
from bench import bombs, hostile, raw_http
from bench.hostile import MIB, ServerProcess
from district_server import limits

# what the server may grow by under an attack: a few bodies of the routes' bounds
MAX_GROWTH_KIB = 50 * 1024

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with hostile.server_process(tmp_path_factory.mktemp("hostile") / "district") as running:
        yield running


@pytest.fixture(scope="module")
def desk(server: ServerProcess) -> tuple[str, object]:
    return hostile.enrol(server)


def _growth(server: ServerProcess, resting: int) -> int:
    return server.status("VmHWM") - resting


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_large_unsigned_body_is_refused_before_it_is_read(
    server: ServerProcess, desk: tuple[str, object], chunked: bool
) -> None:
    """The desk id is in every receipt's QR token: with it, the right time and a made-up
    signature, 200 MB must not reach the server's memory (it used to take 400 MB)."""
    desk_id, _ = desk
    resting = server.reset_peak()
    answer = raw_http.raw_request(
        server.port, "POST", protocol.CHANGES_PATH, raw_http.forged_headers(desk_id),
        200 * MIB, chunked=chunked,
    )  # fmt: skip
    assert _growth(server, resting) < MAX_GROWTH_KIB
    assert answer.status == 413, answer
    assert "quá lớn" in json.loads(answer.body)["detail"]["message"]
    assert answer.sent < 20 * MIB  # refused as it came, not after


def test_many_bodies_at_once_share_one_budget(
    server: ServerProcess, desk: tuple[str, object]
) -> None:
    """80 forged bodies of 4 MB (each within its route's bound) held open before their
    last byte: the server holds at most its in-flight budget and refuses the rest with 503
    (with no budget it held 250 MB of the 320 MB sent)."""
    desk_id, _ = desk
    resting = server.reset_peak()
    statuses, _ = raw_http.many_bodies(server.port, desk_id, 80, limits.JSON_BODY)
    # the budget, plus what 80 connections and the allocator cost (seen: 89 MB in all)
    assert _growth(server, resting) < (limits.IN_FLIGHT_BYTES + 60 * MIB) // 1024
    assert statuses.count(503) >= 80 - limits.IN_FLIGHT_BYTES // limits.JSON_BODY - 1, statuses
    assert set(statuses) <= {0, 503}, statuses  # the others still wait for their last byte


def test_a_gzip_bomb_is_refused_quickly_while_others_are_served(
    server: ServerProcess, desk: tuple[str, object]
) -> None:
    """518 KB of signed gzip inflating to 512 MB: it used to take 1 GB and hold every
    other request for 2.6 s."""
    desk_id, key = desk
    resting = server.reset_peak()
    answer, slowest = hostile.bomb_push(server, desk_id, key, 512)  # type: ignore[arg-type]
    assert _growth(server, resting) < MAX_GROWTH_KIB
    assert answer.status == 413, answer
    assert answer.seconds < 1.0 and slowest < 1.0, (answer.seconds, slowest)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_chunk_longer_than_its_upload_is_refused_before_it_is_read(
    server: ServerProcess, desk: tuple[str, object], chunked: bool
) -> None:
    desk_id, key = desk
    resting = server.reset_peak()
    answer = hostile.big_chunk(server, desk_id, key, 200, chunked=chunked)  # type: ignore[arg-type]
    assert _growth(server, resting) < MAX_GROWTH_KIB
    assert answer.status == 413, answer
    # over the route's bound (declared) or over what the upload lacks (counted)
    assert json.loads(answer.body)["detail"]["code"] in ("too_big", "too_long")
    assert answer.sent < 20 * MIB


def test_the_server_still_takes_a_desk_after_the_attacks(
    server: ServerProcess, desk: tuple[str, object]
) -> None:
    import httpx

    desk_id, key = desk
    body = json.dumps({"sha256": ["a" * 64]}).encode()
    headers = hostile.signed(key, desk_id, "POST", protocol.BLOBS_MISSING_PATH, body)  # type: ignore[arg-type]
    answer = httpx.post(server.url + protocol.BLOBS_MISSING_PATH, content=body, headers=headers)
    assert answer.status_code == 200 and answer.json()["missing"] == ["a" * 64]


# --- USB packs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A server data folder with one desk enrolled (the server stopped: packs need none)."""
    data = tmp_path_factory.mktemp("packs") / "district"
    with hostile.server_process(data) as running:
        desk_id, _ = hostile.enrol(running)
    yield data, desk_id


@pytest.fixture(scope="module")
def forged_small_peak(
    pack_server: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> int:
    data, desk_id = pack_server
    pack = tmp_path_factory.mktemp("small") / "small.zip"
    bombs.bomb_pack(pack, desk_id, 1)
    code, err, peak, _ = hostile.import_pack(data, pack)
    assert code == 2 and "Traceback" not in err, err
    return peak


@pytest.mark.parametrize("mib", [200, 512])
def test_a_pack_bomb_is_refused_before_it_is_inflated(
    pack_server: tuple[Path, str], forged_small_peak: int, tmp_path: Path, mib: int
) -> None:
    """A pack of about 200 KB (512 KB) whose entries inflate to 200 MB (512 MB): refused
    from the zip's directory, by the compression ratio (by the size). It used to be read
    whole before the manifest's signature was checked (512 MB: 1.1 GB, 9 s)."""
    data, desk_id = pack_server
    pack = tmp_path / "bomb.zip"
    bombs.bomb_pack(pack, desk_id, mib)
    assert pack.stat().st_size < mib * 1100
    code, err, peak, seconds = hostile.import_pack(data, pack)
    assert peak - forged_small_peak < MAX_GROWTH_KIB, (peak, forged_small_peak)
    assert code == 2 and "Traceback" not in err, err
    assert "bom nén" in err if mib == 200 else "quá lớn" in err, err
    assert seconds < 10


def test_a_pack_is_not_read_before_its_signature_is_checked(
    pack_server: tuple[Path, str], forged_small_peak: int, tmp_path: Path
) -> None:
    """Entries of 120 MB stored as they are (no compression to notice), under a manifest
    with a made-up signature: refused on the signature, the entries never read."""
    data, desk_id = pack_server
    pack = tmp_path / "forged.zip"
    bombs.bomb_pack(pack, desk_id, 1)  # the forged manifest
    manifest = _member(pack, protocol.PACK_MANIFEST)
    entries = b" " * (120 * MIB)
    bombs.write_zip(
        pack,
        [
            (protocol.PACK_MANIFEST, manifest, 0, zlib.crc32(manifest), len(manifest)),
            (protocol.PACK_ENTRIES, entries, 0, zlib.crc32(entries), len(entries)),
        ],
    )
    del entries
    code, err, peak, _ = hostile.import_pack(data, pack)
    assert peak - forged_small_peak < MAX_GROWTH_KIB, (peak, forged_small_peak)
    assert code == 2 and "Chữ ký của gói không đúng" in err, err


def test_a_pack_listing_too_many_members_is_refused_before_its_directory_is_read(
    pack_server: tuple[Path, str], forged_small_peak: int, tmp_path: Path
) -> None:
    """A 37 MB zip listing 400,000 empty members: zipfile alone took 200 MB to read
    its directory; the count is read from the end record first."""
    data, _ = pack_server
    pack = tmp_path / "many.zip"
    bombs.write_zip(pack, [(f"{n:08x}", b"", 0, 0, 0) for n in range(400_000)])
    code, err, peak, _ = hostile.import_pack(data, pack)
    assert peak - forged_small_peak < MAX_GROWTH_KIB, (peak, forged_small_peak)
    assert code == 2 and "quá nhiều phần" in err, err


def _member(pack: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(pack) as opened:
        return opened.read(name)
