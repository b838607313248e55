"""The commune office as one system (issue 23): an upstream, a hub and three desks, each server
its own process on loopback; the WAN cut (the upstream killed) and restored, the hub killed
mid-forward, switched off (the desks go straight upstream) and rebuilt after its disk was
lost. The processes are shared by the module's tests, which run in order; each test ends
with the upstream holding exactly the union of the desks' logs, each entry once."""

from __future__ import annotations

import contextlib
import os
import signal
import ssl
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import desk_protocol as protocol
from bench.common import start_district
from bench.pg import free_port
from desk_app.app import Desk
from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.storage.change_log import ChangeLog
from desk_app.sync.client import SyncError
from district_server.cli import database_url
from district_server.store import HUB_NUMBER, ServerStore
from tests.conftest import birth_draft, desk_at

COMMUNE = "000.00.31.H26"


def wait_for(what: str, done: Callable[[], bool], seconds: float = 20, step: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(step)


@dataclass
class Office:
    root: Path
    upstream_port: int
    hub_port: int
    upstream: subprocess.Popen[bytes] | None = None
    hub: subprocess.Popen[bytes] | None = None
    desks: list[Desk] = field(default_factory=list)

    @property
    def upstream_url(self) -> str:
        return f"http://127.0.0.1:{self.upstream_port}"

    @property
    def hub_url(self) -> str:
        return f"http://127.0.0.1:{self.hub_port}"

    def store(self, name: str) -> ServerStore:
        return ServerStore(database_url(self.root / name, None))

    def start_upstream(self) -> None:
        self.upstream = start_district(self.root / "upstream", port=self.upstream_port)[0]

    def cut_wan(self) -> None:
        """The office's internet line down: the upstream does not answer at all."""
        _stop(self.upstream, signal.SIGKILL)

    def start_hub(self, *enrol: str) -> None:
        self.hub = start_district(self.root / "hub", "--role", "hub", *enrol, port=self.hub_port)[0]

    def kill_hub(self) -> None:
        _stop(self.hub, signal.SIGKILL)

    def desk_ids(self) -> list[str]:
        ids = []
        for desk in self.desks:
            identity = desk.sync.identity()
            assert identity is not None
            ids.append(identity.desk_id)
        return ids

    def upstream_holds_the_union(self) -> bool:
        """Every entry of every desk at the upstream, once, with the desk's own content."""
        store = self.store("upstream")
        for desk, desk_id in zip(self.desks, self.desk_ids(), strict=True):
            mine = [(e["seq"], e["content_sha256"]) for e in ChangeLog(desk.storage).entries()]
            held = [(r["seq"], r["content_sha256"]) for r in store.changes_of(desk_id)]
            if held != mine:
                return False
        return True

    def upstream_holds_the_audit_chains(self) -> bool:
        """Every desk's audit chain at the upstream as the hub holds it (the hub took what
        each desk sent)."""
        upstream, hub = self.store("upstream"), self.store("hub")
        return all(
            [r["hash"] for r in upstream.audit_of(d)] == [r["hash"] for r in hub.audit_of(d)]
            and hub.audit_of(d)
            for d in self.desk_ids()
        )


def _stop(process: subprocess.Popen[bytes] | None, how: signal.Signals) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(how)
        process.wait(10)


def open_office(here: Office, numbers: tuple[int, ...]) -> None:
    """The upstream and the hub started, the hub enrolled upstream, and desks ``numbers``
    enrolled with the hub (in ``here.desks``, open) and registered upstream."""
    code = here.store("upstream").new_enrol_code(COMMUNE, HUB_NUMBER, datetime.now(UTC))
    here.start_upstream()
    here.start_hub("--upstream", here.upstream_url, "--upstream-code", code)
    hub = here.store("hub")
    for number in numbers:
        desk = desk_at(here.root / f"desk{number}")
        here.desks.append(desk)
        desk.settings.save(replace(desk.settings.load(), desk_number=number))
        desk.sync.enrol(here.hub_url, hub.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
    wait_for("the desks registered upstream", lambda: not hub.unregistered_desks())


@contextlib.contextmanager
def running(here: Office, numbers: tuple[int, ...], env: dict[str, str]) -> Iterator[Office]:
    """``open_office`` with ``env`` set for the hub's processes; all stopped after."""
    os.environ.update(env)
    try:
        open_office(here, numbers)
        yield here
    finally:
        for desk in here.desks:
            desk.close()
        _stop(here.hub, signal.SIGTERM)
        _stop(here.upstream, signal.SIGTERM)
        for name in env:
            os.environ.pop(name, None)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    root = tmp_path_factory.mktemp("office")
    faster = {
        "DISTRICT_HUB_RETRY_MAX": "0.5",  # the hub's children read it: retry quickly
        "DISTRICT_HUB_RELAY_ITEMS": "4",  # several relay requests: a kill between
        "DISTRICT_HUB_DESKS_EVERY": "0.5",  # revocations come down at once
    }
    with running(Office(root, free_port(), free_port()), (1, 2, 3), faster) as here:
        yield here


def _visible(desk: Desk, code: str) -> bool:
    return (
        desk.storage.db.execute("SELECT 1 FROM dossiers WHERE code = ?", [code]).fetchone()
        is not None
    )


def _id(desk: Desk, code: str) -> int:
    row = desk.storage.db.execute("SELECT id FROM dossiers WHERE code = ?", [code]).fetchone()
    assert row is not None
    return int(row[0])


def _status(desk: Desk, code: str) -> Status:
    row = desk.storage.db.execute("SELECT status FROM dossiers WHERE code = ?", [code]).fetchone()
    return Status(row[0])


def test_with_the_wan_cut_desks_see_each_other_at_lan_speed_and_the_upstream_gets_the_union(
    office: Office,
) -> None:
    one, two, three = office.desks
    office.cut_wan()
    delays = []
    codes = []
    for _ in range(10):
        started = time.monotonic()
        record = one.intake.receive(birth_draft(one)).record
        one.sync.run_once()
        two.sync.run_once()
        assert _visible(two, record.code)
        delays.append(time.monotonic() - started)
        codes.append(record.code)
    p95 = statistics.quantiles(delays, n=20)[-1]
    assert p95 < 2.0, f"LAN propagation p95 {p95:.2f} s"
    # the citizen comes back to desk 2: it hands the dossier over; desk 3 sees the status
    two.lifecycle.perform(
        _id(two, codes[0]), Action.HAND_OVER, ActionInput(party="Công chức Tư pháp")
    )
    assert two.sync.run_once().pending == 0
    three.sync.run_once()
    assert _status(three, codes[0]) is Status.IN_PROCESSING
    assert not office.upstream_holds_the_union()  # the WAN is still down

    office.start_upstream()  # the line is back
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    wait_for("the audit chains upstream", office.upstream_holds_the_audit_chains)
    wait_for("nothing waiting at the hub", lambda: office.store("hub").relay_backlog() == 0)


def test_the_hub_killed_mid_forward_loses_and_doubles_nothing(office: Office) -> None:
    one, two, _ = office.desks
    office.cut_wan()
    for _ in range(8):  # one batch a dossier, forwarded four to a relay request
        for desk in (one, two):
            desk.intake.receive(birth_draft(desk))
            assert desk.sync.run_once().pending == 0
    assert office.store("hub").relay_backlog() >= 16  # (and the audit chains)
    upstream = office.store("upstream")
    before = sum(len(upstream.changes_of(d)) for d in office.desk_ids())
    office.start_upstream()
    wait_for(
        "a first forwarded batch",
        lambda: sum(len(upstream.changes_of(d)) for d in office.desk_ids()) > before,
        step=0.002,
    )
    office.kill_hub()
    assert office.store("hub").relay_backlog() > 0  # killed with batches still to forward
    office.start_hub()
    wait_for("the upstream holds the union", office.upstream_holds_the_union)


def test_with_the_hub_off_desks_sync_straight_upstream_and_nothing_doubles_when_it_returns(
    office: Office,
) -> None:
    one, two, three = office.desks
    office.kill_hub()
    record = one.intake.receive(birth_draft(one)).record
    summary = one.sync.run_once()  # the hub does not answer: straight to the upstream
    assert summary.pending == 0
    assert two.sync.run_once().received >= 1
    assert _visible(two, record.code)
    assert office.upstream_holds_the_union()

    office.start_hub()
    later = three.intake.receive(birth_draft(three)).record
    for desk in (three, one, two):
        assert desk.sync.run_once().pending == 0  # back through the hub
    assert _visible(one, later.code) and _visible(two, later.code)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    hub = office.store("hub")
    for desk, desk_id in zip(office.desks, office.desk_ids(), strict=True):
        seqs = [r["seq"] for r in hub.changes_of(desk_id)]
        assert seqs == [e["seq"] for e in ChangeLog(desk.storage).entries()]


def test_two_desks_acting_on_one_dossier_offline_get_a_recorded_resolution(
    office: Office,
) -> None:
    one, two, _ = office.desks
    record = one.intake.receive(birth_draft(one)).record
    one.sync.run_once()
    two.sync.run_once()
    office.kill_hub()
    office.cut_wan()  # nobody can see anybody
    one.lifecycle.perform(_id(one, record.code), Action.HAND_OVER, ActionInput(party="Tư pháp"))
    two.lifecycle.perform(_id(two, record.code), Action.HAND_OVER, ActionInput(party="Địa chính"))
    for desk in (one, two):
        with pytest.raises(SyncError):
            desk.sync.run_once()
    office.start_hub()
    office.start_upstream()
    one.sync.run_once()
    two.sync.run_once()  # second: the dossier's status there is no longer what it saw
    problems = two.sync.problems()
    assert [p.code for p in problems] == ["status_conflict"]
    assert record.code in problems[0].message
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    kept = [
        r["problem"]
        for r in office.store("upstream").changes_of(office.desk_ids()[1])
        if r["kind"] == "dossier_transition"
    ]
    assert kept[-1] == "status_conflict"  # recorded at the upstream too, never applied
    two.sync.resolve_problem(problems[0].id)


def test_a_hub_whose_disk_was_lost_is_rebuilt_from_the_upstream_and_the_desks(
    office: Office,
) -> None:
    one, two, three = office.desks
    office.kill_hub()
    (office.root / "hub").rename(office.root / "old-hub")  # the old PC, put aside (next test)
    # meanwhile desk 3 goes straight upstream, then stays off
    meanwhile = three.intake.receive(birth_draft(three)).record
    assert three.sync.run_once().pending == 0
    # a stranger at the hub's address (a server with a key of its own): refused
    pinned = _pinned(one)
    stranger = start_district(office.root / "stranger", port=office.hub_port)[0]
    try:
        with pytest.raises(SyncError) as refused:
            one.sync.run_once()
        assert refused.value.code in ("unsigned_answer", "uncertified_hub")
        assert _pinned(one) == pinned
    finally:
        _stop(stranger, signal.SIGTERM)
    code = office.store("upstream").new_enrol_code(COMMUNE, HUB_NUMBER, datetime.now(UTC))
    office.start_hub("--upstream", office.upstream_url, "--upstream-code", code)
    hub, three_id = office.store("hub"), office.desk_ids()[2]
    three_log = [e["content_sha256"] for e in ChangeLog(three.storage).entries()]
    wait_for(  # the new hub copies what the upstream holds, desk 3's day included
        "desk 3's log at the new hub",
        lambda: [r["content_sha256"] for r in hub.changes_of(three_id)] == three_log,
    )
    record = one.intake.receive(birth_draft(one)).record
    # the desks take the new hub's key only as the upstream certified it for their commune
    assert one.sync.run_once().pending == 0
    assert two.sync.run_once().pending == 0
    assert _visible(two, record.code) and _visible(two, meanwhile.code)
    assert _pinned(one) != pinned
    wait_for("the upstream holds the union", office.upstream_holds_the_union)


def test_the_replaced_hub_coming_back_is_refused_upstream_and_by_the_desks(
    office: Office,
) -> None:
    """The old hub's PC (replaced in the test before) is switched on again at the hub's
    address, the WAN down: desk 1, which took the new hub's certificate (naming the old
    hub's key as revoked), refuses it; desk 3, off during the change, still trusts it. When
    the WAN returns, the upstream refuses the old hub, which then refuses its desks: desk 3
    goes straight upstream. Nothing is lost once the new hub is back."""
    one, two, three = office.desks
    old_dir = office.root / "old-hub"
    old_id = ServerStore(database_url(old_dir, None)).hub_values()["hub_id"]
    old_row = office.store("upstream").desk(old_id)
    assert old_row is not None and old_row.revoked_at is not None  # at the new hub's enrolment
    office.kill_hub()
    office.cut_wan()
    pinned, stale_pin = _pinned(one), _pinned(three)  # the new hub's key; the old one's
    assert pinned != stale_pin
    old = start_district(old_dir, "--role", "hub", port=office.hub_port)[0]
    try:
        record = one.intake.receive(birth_draft(one)).record
        with pytest.raises(SyncError) as refused:
            one.sync.run_once()
        assert refused.value.code == "revoked_hub" and "hub cũ" in refused.value.message
        assert _pinned(one) == pinned
        told = [e.detail for e in one.audit.recent(20) if e.subject == "sync"]
        assert "từ chối hub cũ đã bị máy chủ cấp trên thu hồi" in told
        assert "máy chủ cấp trên thu hồi 1 khóa hub cũ của xã" in told
        stale = three.intake.receive(birth_draft(three)).record
        assert three.sync.run_once().pending == 0  # desk 3 has not learnt: the old hub takes it
        office.start_upstream()
        wait_for("the old hub retired", lambda: "Đã bị thu hồi" in _hub_status(old_dir))
        status = _hub_status(old_dir)
        assert "revoked: Quầy đã bị thu hồi quyền kết nối: đã thay bằng hub mới" in status
        assert three.sync.run_once().pending == 0  # refused by the old hub: straight upstream
        assert _visible(three, record.code) is False  # desk 1's dossier never went anywhere
    finally:
        _stop(old, signal.SIGTERM)
    office.start_hub()
    for desk in (one, three, two):
        assert desk.sync.run_once().pending == 0
    assert _visible(two, record.code) and _visible(two, stale.code)
    assert _pinned(three) == _pinned(one) == pinned  # desk 3 took the new hub's certificate
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    wait_for("nothing waiting at the hub", lambda: office.store("hub").relay_backlog() == 0)


def _hub_status(data_dir: Path) -> str:
    return subprocess.run(
        [sys.executable, "-m", "district_server", "hub-status", "--data-dir", str(data_dir)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_a_desk_revoked_upstream_holds_up_no_other_desk_and_is_revoked_at_the_hub(
    office: Office,
) -> None:
    """Last: desk 3 stays revoked. Its batches queued at the hub while the WAN was down are
    refused upstream; the other desks' batches behind them go up all the same."""
    one, two, three = office.desks
    office.cut_wan()
    for _ in range(5):  # more batches than one relay request carries (4 here)
        three.intake.receive(birth_draft(three))
        assert three.sync.run_once().pending == 0  # at the hub, which does not know yet
    one.intake.receive(birth_draft(one))
    assert one.sync.run_once().pending == 0
    desk_ids = office.desk_ids()
    office.store("upstream").revoke(desk_ids[2], "máy bị mất", datetime.now(UTC))
    office.start_upstream()
    upstream, hub = office.store("upstream"), office.store("hub")
    office.desks = [one, two]  # the union of the desks still allowed
    wait_for("the other desks' entries upstream", office.upstream_holds_the_union)
    wait_for("the revocation at the hub", lambda: _revoked_at_hub(hub, desk_ids[2]))
    wait_for(  # (the hub notes the upstream's answer a moment after the upstream applied)
        "only desk 3's batches waiting at the hub",
        lambda: {r["desk_id"] for r in hub.relay_waiting(50)} == {desk_ids[2]},
    )
    waiting = [r for r in hub.relay_waiting(50) if r["path"] == protocol.CHANGES_PATH]
    assert [r["desk_id"] for r in waiting] == [desk_ids[2]] * 5
    assert (waiting[0]["error"] or "").startswith("revoked")
    assert len(upstream.changes_of(desk_ids[2])) < len(ChangeLog(three.storage).entries())
    told = subprocess.run(
        [sys.executable, "-m", "district_server", "hub-status", "--data-dir",
         str(office.root / "hub")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert f"Hub của xã {COMMUNE}" in told and "Liên lạc được lần cuối: 20" in told
    assert "Chờ chuyển lên: 10 lô" in told  # desk 3's changes and audit chain
    assert "lô): revoked: Quầy đã bị thu hồi: máy bị mất." in told  # "bị từ chối (N lô)"
    with pytest.raises(SyncError) as refused:
        three.sync.run_once()
    assert refused.value.code == "revoked"


def _revoked_at_hub(hub: ServerStore, desk_id: str) -> bool:
    desk = hub.desk(desk_id)
    return desk is not None and desk.revoked_at is not None


def _pinned(desk: Desk) -> str:
    identity = desk.sync.identity()
    assert identity is not None
    return identity.server_public_key


def test_a_hub_serves_https_itself_with_the_district_s_ca(tmp_path: Path) -> None:
    """On the office LAN the desks refuse plain http: the hub PC serves https without a
    reverse proxy (``--tls-cert``/``--tls-key``), trusted through the district's CA."""
    import httpx

    from tests.e2e.test_https import _certificates

    ca, cert, key = _certificates(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "district_server", "serve", "--data-dir", str(tmp_path / "d"),
         "--port", str(port), "--tls-cert", str(cert), "--tls-key", str(key)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"https://127.0.0.1:{port}{protocol.TIME_PATH}"
        trusted = ssl.create_default_context(cafile=str(ca))
        wait_for("https answers", lambda: _answers(url, trusted))
        with pytest.raises(httpx.ConnectError):
            httpx.get(url)  # not trusted without the district's CA
    finally:
        _stop(server, signal.SIGTERM)


def _answers(url: str, context: ssl.SSLContext) -> bool:
    import httpx

    try:
        return httpx.get(url, verify=context).is_success
    except httpx.ConnectError:
        return False


def test_the_csca_trust_list_published_upstream_reaches_a_desk_through_the_hub(
    office: Office,
) -> None:
    from desk_app.services.chip import CardReaderService
    from tests.chip.card_files import make_pki

    one = office.desks[0]
    csca = office.root / "csca.pem"
    csca.write_bytes(make_pki().csca_pem())
    subprocess.run(
        [sys.executable, "-m", "district_server", "publish-trust", "--data-dir",
         str(office.root / "upstream"), str(csca), "--version", "hub-1"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    service = CardReaderService(one.data_dir)

    def arrived() -> bool:
        one.sync.run_once()
        return service.trust_in_force()[0] == "hub-1"

    wait_for("the trust list at the desk through the hub", arrived, step=0.3)
