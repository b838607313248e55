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

import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bench.common import start_district
from bench.pg import free_port
from desk_app.domain.calendar import VN_TZ
from desk_app.services.clock import Clock, system_clock
from desk_app.storage.change_log import ChangeLog
from tests.conftest import birth_draft, desk_at, desk_env
from tests.e2e.test_hub import Office, _stop, _visible, running, wait_for

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
class ClockOffice(Office):
    """The office of ``test_hub`` with its desks as folders, each opened only for a moment
    (a desk's ``desk-app sync`` runs as a process of its own, its clock shifted)."""

    desk_dirs: list[Path] = field(default_factory=list)
    enrolled: list[str] = field(default_factory=list)  # the desks' ids, in desk order

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

    def synced(self, number: int) -> bool:
        """One sync cycle at desk ``number`` with a right clock (in this process: quicker),
        with nothing left pending."""
        desk = desk_at(self.desk_dirs[number - 1])
        try:
            return desk.sync.run_once().pending == 0
        finally:
            desk.close()

    def hub_status(self) -> str:
        return subprocess.run(
            [sys.executable, "-m", "district_server", "hub-status", "--data-dir",
             str(self.root / "hub")],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip

    def upstream_holds_the_union(self) -> bool:
        """Every entry of every desk at the upstream, once, with the desk's own content."""
        store = self.store("upstream")
        for path, desk_id in zip(self.desk_dirs, self.enrolled, strict=True):
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
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClockOffice]:
    here = ClockOffice(tmp_path_factory.mktemp("clocks"), free_port(), free_port())
    faster = {"DISTRICT_HUB_RETRY_MAX": "0.5", "DISTRICT_HUB_DESKS_EVERY": "0.5"}
    with running(here, (1, 2), faster):
        for desk in here.desks:  # from now on a desk is opened only for a moment
            identity = desk.sync.identity()
            assert identity is not None
            here.desk_dirs.append(desk.data_dir)
            here.enrolled.append(identity.desk_id)
        while here.desks:
            here.desks.pop().close()
        yield here


def test_a_desk_10_min_off_is_told_one_3_min_off_syncs_and_nothing_doubles(
    office: ClockOffice,
) -> None:
    behind = office.receive(1, clock_off(-10))
    refused = office.sync(1, shifted(-10))
    assert refused.returncode != 0
    told = "Đồng hồ máy quầy chậm 10 phút so với máy chủ"
    assert told in refused.stdout + refused.stderr
    assert told in office.last_error(1)  # on the desk's Đồng bộ page
    assert "Đồng hồ quầy 1 chậm 10 phút so với hub" in office.hub_status()
    assert not office.sees(2, behind)

    assert office.synced(1)  # the clock set right
    assert "Đồng hồ quầy" not in office.hub_status()
    assert office.synced(2)
    assert office.sees(2, behind)

    ahead = office.receive(1, clock_off(3))
    synced = office.sync(1, shifted(3))
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "còn chờ 0" in synced.stdout
    assert office.synced(2)
    assert office.sees(2, ahead)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)


def test_a_hub_clock_off_against_the_upstream_holds_its_batches_and_loses_nothing(
    office: ClockOffice,
) -> None:
    office.start_hub(env=shifted(3))  # 3 minutes: everything flows
    code = office.receive(2)
    assert office.synced(2)
    assert office.synced(1) and office.sees(1, code)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    assert "clock_skew" not in office.hub_status()

    # batches wait at the hub (the WAN is down), then the hub comes back 10 minutes fast
    _stop(office.upstream, signal.SIGKILL)
    office.start_hub()
    waiting = office.receive(1)
    assert office.synced(1)
    office.start_hub(env=shifted(10))
    office.start_upstream()
    wait_for("the upstream's refusal at the hub", lambda: "clock_skew" in office.hub_status())
    status = office.hub_status()
    assert "Đồng hồ của hub nhanh 10 phút so với máy chủ cấp trên" in status
    assert office.store("hub").relay_backlog() > 0
    # the desks' clocks agree with the upstream's: they go straight up meanwhile
    later = office.receive(2)
    assert office.synced(2)
    assert "Đồng hồ của hub lệch" in office.last_error(2)
    assert office.synced(1) and office.sees(1, later)

    office.start_hub()  # the hub's clock set right
    wait_for("nothing waiting at the hub", lambda: office.store("hub").relay_backlog() == 0)
    wait_for("the upstream holds the union", office.upstream_holds_the_union)
    for number in (1, 2):
        assert office.synced(number)
    assert office.sees(2, waiting)
