"""Attacks by a commune hub on its upstream, over HTTP on loopback (issue 20's bar): a hub
must not take over a desk's signed word by registering its key under another desk id, nor
grow the upstream's tables without bound. On SQLite and PostgreSQL."""

from __future__ import annotations

import string
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from district_server.store.hub import MAX_VOUCHED_PER_COMMUNE
from tests.e2e.conftest import RunningServer
from tests.e2e.test_hub_relay import COMMUNE, OTHER, _batch, _desk, _hub, _relay, _signed


def _respelled(text: str) -> str:
    """The same 32 bytes in other base64: the last character's two lowest bits are
    padding, which the decoder does not check."""
    alphabet = string.ascii_uppercase + string.ascii_lowercase + string.digits + "+/"
    other = text[:42] + alphabet[alphabet.index(text[42]) + 1] + text[43:]
    assert other != text and protocol.load_public_key(other) == protocol.load_public_key(text)
    return other


@pytest.mark.parametrize("commune", [COMMUNE, OTHER])
def test_a_hub_cannot_register_a_known_desks_key_under_a_new_id(
    district: RunningServer, commune: str
) -> None:
    """The signature of a push covers its method, path, time, nonce and body, not the desk
    id: a second desk row holding desk X's key would make every batch X signed a batch of
    that row too (replayed by a hub that forwards X's batches anyway, or by a hub of
    another commune), with the new row's number and commune."""
    ours = _hub(district, COMMUNE)
    desk_x, key_x = _desk(ours, 1)
    signed_by_x = _signed(desk_x, key_x, _batch(1, "của quầy X"))
    twin, twin2 = str(uuid.uuid4()), str(uuid.uuid4())
    text = protocol.public_key_text(key_x.public_key())
    told = [{"desk_id": twin, "desk_number": 2, "public_key": text},
            {"desk_id": twin2, "desk_number": 3, "public_key": _respelled(text)}]  # fmt: skip
    hub = ours if commune == COMMUNE else _hub(district, OTHER)
    answer = hub.json("POST", protocol.HUB_DESKS_PATH, {"desks": told})
    assert answer["desks"] == {twin: "refused", twin2: "refused"}
    (result,) = _relay(hub, {**signed_by_x, "desk_id": twin})
    assert result["status"] == 401
    assert district.store.changes_of(twin) == []


def test_a_desk_re_registered_with_its_own_key_is_still_registered(
    district: RunningServer,
) -> None:
    """A rebuilt hub tells the district of the same desks again: same id, same key."""
    ours = _hub(district, COMMUNE)
    desk_x, key_x = _desk(ours, 1)
    told = {"desk_id": desk_x, "desk_number": 1,
            "public_key": protocol.public_key_text(key_x.public_key())}  # fmt: skip
    again = ours.json("POST", protocol.HUB_DESKS_PATH, {"desks": [told, told]})
    assert again["desks"] == {desk_x: "registered"}
    assert _relay(ours, _signed(desk_x, key_x, _batch(1, "một")))[0]["status"] == 200


def test_a_hub_flooding_registrations_cannot_grow_the_desks_table_without_bound(
    district: RunningServer,
) -> None:
    """Before: any number of requests (each within its 64 KB), every desk a new row."""
    hub = _hub(district, COMMUNE)
    told = [
        {"desk_id": str(uuid.uuid4()), "desk_number": 1 + n % 99,
         "public_key": protocol.public_key_text(Ed25519PrivateKey.generate().public_key())}
        for n in range(MAX_VOUCHED_PER_COMMUNE + 20)
    ]  # fmt: skip
    answers: dict[str, str] = {}
    for start in range(0, len(told), 200):
        sent = {"desks": told[start : start + 200]}
        answers |= hub.json("POST", protocol.HUB_DESKS_PATH, sent)["desks"]
    assert list(answers.values()).count("registered") == MAX_VOUCHED_PER_COMMUNE
    assert {answers[str(d["desk_id"])] for d in told[MAX_VOUCHED_PER_COMMUNE:]} == {"refused"}
    # the ones registered stay registered when told again (a rebuilt hub)
    again = hub.json("POST", protocol.HUB_DESKS_PATH, {"desks": told[:3]})["desks"]
    assert set(again.values()) == {"registered"}


def test_enrolment_with_a_key_another_desk_holds_is_refused_and_keeps_the_code(
    district: RunningServer,
) -> None:
    """The same twin through an enrolment code of another commune: the desk enrolled with
    desk X's public key (no private key needed) took X's signed requests as its own."""
    hub = _hub(district, COMMUNE)
    _, key_x = _desk(hub, 1)
    text = protocol.public_key_text(key_x.public_key())
    other = _respelled(text)
    code = district.store.new_enrol_code(OTHER, 1, datetime.now(UTC))
    for spelling in (text, other):
        answer = httpx.post(
            district.url + protocol.ENROL_PATH,
            json={"code": code, "public_key": spelling},
            headers={protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION},
        )
        assert answer.status_code == 409, answer.text
        assert answer.json()["detail"]["code"] == "key_in_use"
    fresh = protocol.public_key_text(Ed25519PrivateKey.generate().public_key())
    assert district.store.enrol(code, fresh, datetime.now(UTC)) is not None  # still unused
