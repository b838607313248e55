"""Forged and malformed USB packs against the real ``district-server import-pack``: each is
refused in words (exit 2, no traceback) and changes nothing.

Anyone can seal a pack to the server (its public key is pinned on every desk); only an
enrolled desk can sign one, but a hostile desk signs what its program would never write.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from bench import bombs, hostile
from district_server.cli.common import database_url
from district_server.store import ServerStore

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, Any]]:
    """A server data folder with one desk enrolled (its id and key); the server stopped."""
    data = tmp_path_factory.mktemp("packs") / "district"
    with hostile.server_process(data) as running:
        desk_id, key = hostile.enrol(running)
    yield data, desk_id, key


def _pack(path: Path, manifest: bytes, entries: bytes = b"[]") -> Path:
    bombs.write_zip(
        path,
        [
            (protocol.PACK_MANIFEST, manifest, 0, zlib.crc32(manifest), len(manifest)),
            (protocol.PACK_ENTRIES, entries, 0, zlib.crc32(entries), len(entries)),
        ],
    )
    return path


def _signed(key: Ed25519PrivateKey, desk_id: str, entries: bytes, **extra: Any) -> bytes:
    document: dict[str, object] = {
        "format": protocol.PACK_FORMAT,
        "desk_id": desk_id,
        "from_seq": 1,
        "to_seq": 0,
        "entries_sha256": hashlib.sha256(entries).hexdigest(),
        "blobs": [],
    } | extra
    return json.dumps(protocol.sign_document(key, document)).encode()


def _refused(data: Path, pack: Path) -> str:
    code, err, _, _ = hostile.import_pack(data, pack)
    assert code == 2 and "Traceback" not in err and err.startswith("Lỗi: "), (code, err[-800:])
    with ServerStore(database_url(data, None)).engine.connect() as db:
        from sqlalchemy import text

        assert db.execute(text("SELECT count(*) FROM changes")).scalar() == 0
    return err


def test_a_manifest_nested_past_the_parser_s_depth_is_refused_in_words(
    enrolled: tuple[Path, str, Any], tmp_path: Path
) -> None:
    """Read before any signature is checked, so anyone can send it: the parser's
    RecursionError ended import-pack in a traceback."""
    data, _, _ = enrolled
    _refused(data, _pack(tmp_path / "deep.zip", DEEP.encode()))


def test_entries_nested_past_the_parser_s_depth_are_refused_in_words(
    enrolled: tuple[Path, str, Any], tmp_path: Path
) -> None:
    data, desk_id, key = enrolled
    entries = DEEP.encode()
    _refused(data, _pack(tmp_path / "deep.zip", _signed(key, desk_id, entries), entries))


@pytest.mark.parametrize(
    "extra",
    [
        {"blobs": 5},
        {"blobs": [{"sha": 1}]},
        {"blobs": ["a" * 64], "unavailable_blobs": 7},
        {"unavailable_blobs": "x"},
    ],
    ids=["blobs-a-number", "blobs-of-objects", "unavailable-a-number", "unavailable-a-string"],
)
def test_a_signed_manifest_of_the_wrong_shape_is_refused_in_words(
    enrolled: tuple[Path, str, Any], tmp_path: Path, extra: dict[str, Any]
) -> None:
    """A hostile desk signs a manifest its program would never write: the lists of
    papers were used as they came (TypeError, a traceback)."""
    data, desk_id, key = enrolled
    entries = b"[]"
    _refused(data, _pack(tmp_path / "shape.zip", _signed(key, desk_id, entries, **extra), entries))


def test_entries_naming_a_paper_the_pack_lacks_are_refused_in_words(
    enrolled: tuple[Path, str, Any], tmp_path: Path
) -> None:
    """An entry names a paper the server does not hold, the pack neither carries nor
    declares lost: the store's MissingBlobs ended import-pack in a traceback."""
    from desk_app.domain.changes import content_hash

    data, desk_id, key = enrolled
    blobs = json.dumps(["ab" * 32])
    entry = {
        "seq": 1, "uuid": "0190aaaa-0000-7000-8000-0000000000bb", "kind": "demo_seeded",
        "entity_uuid": "e-1", "device_time": "2026-01-01T08:00:00+07:00", "officer_id": 1,
        "payload": "{}", "blob_hashes": blobs,
        "content_sha256": content_hash("demo_seeded", "e-1", "{}", blobs),
    }  # fmt: skip
    entries = json.dumps([entry]).encode()
    err = _refused(
        data, _pack(tmp_path / "lacking.zip", _signed(key, desk_id, entries, to_seq=1), entries)
    )
    assert "abababababab" in err
