"""The upstream's side of a hub, over HTTP on loopback: a hub forwards a desk's batch as the
desk signed it, and can neither alter nor forge one, nor speak for another commune."""

from __future__ import annotations

import base64
import gzip
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.domain.changes import content_hash
from district_server.hub.upstream import Upstream, UpstreamError, enrol
from district_server.keys import server_key
from district_server.store import HUB_NUMBER
from tests.e2e.conftest import RunningServer, start_server

COMMUNE, OTHER = "000.00.31.H26", "000.00.99.H99"


@pytest.fixture
def upstream(tmp_path: Path) -> Iterator[RunningServer]:
    running = start_server(tmp_path / "upstream")
    yield running
    running.stop()


def _hub(upstream: RunningServer, commune: str) -> Upstream:
    key = Ed25519PrivateKey.generate()
    code = upstream.store.new_enrol_code(commune, HUB_NUMBER, datetime.now(UTC))
    answer = enrol(upstream.url, code, key)
    return Upstream(
        upstream.url,
        str(answer["desk_id"]),
        key,
        protocol.load_public_key(str(answer["server_public_key"])),
    )


def _desk(hub: Upstream, number: int) -> tuple[str, Ed25519PrivateKey]:
    desk_id, key = str(uuid.uuid4()), Ed25519PrivateKey.generate()
    told = {"desk_id": desk_id, "desk_number": number,
            "public_key": protocol.public_key_text(key.public_key())}  # fmt: skip
    assert hub.json("POST", protocol.HUB_DESKS_PATH, {"desks": [told]})["desks"] == {
        desk_id: "registered"
    }
    return desk_id, key


def _batch(seq: int, note: str) -> bytes:
    payload = json.dumps({"note": note})
    entity = str(uuid.uuid4())
    entry = {
        "seq": seq, "uuid": str(uuid.uuid4()), "kind": "audit_record", "entity_uuid": entity,
        "device_time": "2026-12-06T09:00:00+07:00", "officer_id": 1, "payload": payload,
        "blob_hashes": "[]", "content_sha256": content_hash("audit_record", entity, payload, "[]"),
    }  # fmt: skip
    return gzip.compress(json.dumps({"from_seq": seq, "entries": [entry]}).encode())


def _signed(desk_id: str, key: Ed25519PrivateKey, body: bytes) -> dict[str, Any]:
    """A desk's push as the hub keeps it: the desk's headers and the raw body."""
    headers = protocol.signed_headers(key, desk_id, "POST", protocol.CHANGES_PATH, body)
    return {
        "desk_id": desk_id, "method": "POST", "path": protocol.CHANGES_PATH,
        "stamp": headers[protocol.HEADER_TIME], "nonce": headers[protocol.HEADER_NONCE],
        "signature": headers[protocol.HEADER_SIGNATURE], "encoding": "gzip",
        "body": base64.b64encode(body).decode(),
    }  # fmt: skip


def _relay(hub: Upstream, *items: dict[str, Any]) -> list[dict[str, Any]]:
    answer = hub.json("POST", protocol.HUB_RELAY_PATH, {"items": list(items)})
    return list(answer["results"])


def test_a_batch_forwarded_as_the_desk_signed_it_is_applied_once(
    upstream: RunningServer,
) -> None:
    hub = _hub(upstream, COMMUNE)
    desk_id, key = _desk(hub, 1)
    item = _signed(desk_id, key, _batch(1, "một"))
    first, again = _relay(hub, item, item)  # a hub killed before it noted the answer
    assert (first["status"], first["acked_through"]) == (200, 1)
    assert (again["status"], again["acked_through"]) == (200, 1)
    assert [r["seq"] for r in upstream.store.changes_of(desk_id)] == [1]


def test_a_hub_can_neither_alter_nor_forge_a_desks_batch(upstream: RunningServer) -> None:
    hub = _hub(upstream, COMMUNE)
    desk_id, key = _desk(hub, 1)
    altered = _signed(desk_id, key, _batch(1, "một"))
    altered["body"] = base64.b64encode(_batch(1, "hai")).decode()  # other content, own hash
    forged = _signed(desk_id, Ed25519PrivateKey.generate(), _batch(1, "ba"))  # not its key
    for result in _relay(hub, altered, forged):
        assert result["status"] == 401 and result["detail"]["code"] == "bad_signature"
    assert upstream.store.changes_of(desk_id) == []


def test_a_hub_speaks_only_for_its_own_commune_and_only_a_hub_may_relay(
    upstream: RunningServer,
) -> None:
    ours, theirs = _hub(upstream, COMMUNE), _hub(upstream, OTHER)
    desk_id, key = _desk(theirs, 1)
    (result,) = _relay(ours, _signed(desk_id, key, _batch(1, "một")))
    assert result["status"] == 401 and result["detail"]["code"] == "unknown_desk"
    # a desk id already known keeps its key: a hub cannot take it over
    other_key = protocol.public_key_text(Ed25519PrivateKey.generate().public_key())
    told = {"desk_id": desk_id, "desk_number": 1, "public_key": other_key}
    assert ours.json("POST", protocol.HUB_DESKS_PATH, {"desks": [told]})["desks"] == {
        desk_id: "refused"
    }
    # a desk (not a hub) may not relay
    as_desk = Upstream(upstream.url, desk_id, key, server_key(upstream.data_dir).public_key())
    with pytest.raises(UpstreamError) as refused:
        _relay(as_desk, _signed(desk_id, key, _batch(1, "một")))
    assert refused.value.code == "not_a_hub"
