"""Clock skew between the PCs of a commune office (issue 23): the desks, the hub and the
upstream are real processes, and a PC's clock is shifted for real, by libfaketime under the
whole process (``LD_PRELOAD``), not by a hook in the code. The protocol refuses a request
signed more than ``MAX_SKEW_SECONDS`` (5 min) away from the server's clock
(``district_server.api.auth``); a desk checks the clock first (``services.sync``).

Nothing orders entries by a wall clock: a desk's entries by its ``seq``, the desks of a
commune by their place in the server's feed (arrival), a hub's forwarding by its queue's
id, and a status change by the status the desk saw (a conflict is recorded, never decided
by time); ``device_time`` is only recorded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.common import start_district
from bench.pg import free_port
from desk_app.domain.calendar import VN_TZ
from desk_app.services.clock import Clock, system_clock
from desk_app.storage.change_log import ChangeLog
from district_server.cli import database_url
from district_server.store import HUB_NUMBER, ServerStore
from tests.conftest import birth_draft, desk_at, desk_env
from tests.e2e.test_hub import _stop, _visible, wait_for

COMMUNE = "000.00.31.H26"
ROOT = Path(__file__).resolve().parents[2]
FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


def shifted(minutes: int) -> dict[str, str]:
    """A process whose clock is ``minutes`` off (the whole process: libfaketime)."""
    assert FAKETIME.exists(), "libfaketime missing: apt-get install faketime (scripts/setup.sh)"
    return {
        "LD_PRELOAD": str(FAKETIME),
        "FAKETIME": f"{minutes:+d}m",
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",  # timeouts and back-off keep their pace
    }


def clock_off(minutes: int) -> Clock:
    return lambda: datetime.now(VN_TZ) + timedelta(minutes=minutes)


@dataclass
class Office:
    root: Path
    upstream_port: int
    hub_port: int
    upstream: subprocess.Popen[bytes] | None = None
    hub: subprocess.Popen[bytes] | None = None
    desk_dirs: list[Path] = field(default_factory=list)
    desk_ids: list[str] = field(default_factory=list)

    def store(self, name: str) -> ServerStore:
        return ServerStore(database_url(self.root / name, None))

    def start_upstream(self) -> None:
        self.upstream = start_district(self.root / "upstream", port=self.upstream_port)[0]

    def start_hub(self, *args: str, env: dict[str, str] | None = None) -> None:
        _stop(self.hub, signal.SIGTERM)
        self.hub = start_district(
            self.root / "hub", "--role", "hub", *args, port=self.hub_port, env=env
        )[0]

    def receive(self, number: int, clock: Clock | None = None) -> str:
        """A dossier received at desk ``number`` (its device time from ``clock``); its code."""
        desk = desk_at(self.desk_dirs[number - 1], clock=clock or system_clock)
        try:
            return desk.intake.receive(birth_draft(desk)).record.code
        finally:
            desk.close()

    def sync(
        self, number: int, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``desk-app sync`` at desk ``number`` as its own process (its clock as ``env`` says)."""
        return subprocess.run(
            [sys.executable, "-m", "desk_app", "sync", "--data-dir",
             str(self.desk_dirs[number - 1])],
            env=desk_env(PYTHONPATH=str(ROOT), **(env or {})),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    def hub_status(self) -> str:
        return subprocess.run(
            [sys.executable, "-m", "district_server", "hub-status", "--data-dir",
             str(self.root / "hub")],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip

    def upstream_holds_the_union(self) -> bool:
        """Every entry of every desk at the upstream, once, with the desk's own content."""
        store = self.store("upstream")
        for path, desk_id in zip(self.desk_dirs, self.desk_ids, strict=True):
            desk = desk_at(path)
            try:
                mine = [(e["seq"], e["content_sha256"]) for e in ChangeLog(desk.storage).entries()]
            finally:
                desk.close()
            if [(r["seq"], r["content_sha256"]) for r in store.changes_of(desk_id)] != mine:
                return False
        return True

    def sees(self, number: int, code: str) -> bool:
        desk = desk_at(self.desk_dirs[number - 1])
        try:
            return _visible(desk, code)
        finally:
            desk.close()

    def last_error(self, number: int) -> str:
        desk = desk_at(self.desk_dirs[number - 1])
        try:
            return desk.sync.state().last_error
        finally:
            desk.close()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    root = tmp_path_factory.mktemp("clocks")
    os.environ["DISTRICT_HUB_RETRY_MAX"] = "0.5"
    os.environ["DISTRICT_HUB_DESKS_EVERY"] = "0.5"
    here = Office(root, free_port(), free_port())
    try:
        code = here.store("upstream").new_enrol_code(COMMUNE, HUB_NUMBER, datetime.now(UTC))
        here.start_upstream()
        here.start_hub("--upstream", f"http://127.0.0.1:{here.upstream_port}",
                       "--upstream-code", code)  # fmt: skip
        hub = here.store("hub")
        for number in (1, 2):
            path = root / f"desk{number}"
            desk = desk_at(path)
            try:
                desk.settings.save(replace(desk.settings.load(), desk_number=number))
                identity = desk.sync.enrol(
                    f"http://127.0.0.1:{here.hub_port}",
                    hub.new_enrol_code(COMMUNE, number, datetime.now(UTC)),
                )
            finally:
                desk.close()
            here.desk_dirs.append(path)
            here.desk_ids.append(identity.desk_id)
        wait_for("the desks registered upstream", lambda: not hub.unregistered_desks())
        yield here
    finally:
        _stop(here.hub, signal.SIGTERM)
        _stop(here.upstream, signal.SIGTERM)
        os.environ.pop("DISTRICT_HUB_RETRY_MAX", None)
        os.environ.pop("DISTRICT_HUB_DESKS_EVERY", None)


def test_a_desk_10_min_off_is_told_one_3_min_off_syncs_and_nothing_doubles(
    office: Office,
) -> None:
    behind = office.receive(1, clock_off(-10))
    refused = office.sync(1, shifted(-10))
    assert refused.returncode != 0
    told = "Đồng hồ máy quầy chậm 10 phút so với máy chủ"
    assert told in refused.stdout + refused.stderr
    assert told in office.last_error(1)  # on the desk's Đồng bộ page
    assert "Đồng hồ quầy 1 chậm 10 phút so với hub" in office.hub_status()
    assert not office.sees(2, behind)

    fixed = office.sync(1)  # the clock set right
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Đồng hồ quầy" not in office.hub_status()
    assert office.sync(2).returncode == 0
    assert office.sees(2, behind)

    ahead = office.receive(1, clock_off(3))
    synced = office.sync(1, shifted(3))
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "còn chờ 0" in synced.stdout
    assert office.sync(2).returncode == 0
    assert office.sees(2, ahead)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)


def test_a_hub_clock_off_against_the_upstream_holds_its_batches_and_loses_nothing(
    office: Office,
) -> None:
    office.start_hub(env=shifted(3))  # 3 minutes: everything flows
    code = office.receive(2)
    assert office.sync(2).returncode == 0
    assert office.sync(1).returncode == 0 and office.sees(1, code)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    assert "clock_skew" not in office.hub_status()

    # batches wait at the hub (the WAN is down), then the hub comes back 10 minutes fast
    _stop(office.upstream, signal.SIGKILL)
    office.start_hub()
    waiting = office.receive(1)
    assert office.sync(1).returncode == 0
    office.start_hub(env=shifted(10))
    office.start_upstream()
    wait_for("the upstream's refusal at the hub", lambda: "clock_skew" in office.hub_status())
    status = office.hub_status()
    assert "Đồng hồ của hub nhanh 10 phút so với máy chủ cấp trên" in status
    assert office.store("hub").relay_backlog() > 0
    # the desks' clocks agree with the upstream's: they go straight up meanwhile
    later = office.receive(2)
    assert office.sync(2).returncode == 0
    assert "Đồng hồ của hub lệch" in office.last_error(2)
    assert office.sync(1).returncode == 0 and office.sees(1, later)

    office.start_hub()  # the hub's clock set right
    wait_for("nothing waiting at the hub", lambda: office.store("hub").relay_backlog() == 0)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    for number in (1, 2):
        assert office.sync(number).returncode == 0
    assert office.sees(2, waiting)
