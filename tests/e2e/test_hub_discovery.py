"""A desk finds its commune hub on the LAN (mDNS/DNS-SD, ``serve --advertise``) and enrols
only with the key the officer confirmed (issue 23, item 5). Two network namespaces joined
by a veth pair, made and removed by the test (multicast stays inside them): the upstream,
the hub (https with the district CA's certificate) and a spoofer in one (a stranger server
advertised with the hub's own fingerprint), the desk in the other. Needs root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.storage.sync_store import SyncIdentity
from district_server.cli import database_url
from district_server.keys import public_text, server_key
from district_server.store import HUB_NUMBER, ServerStore
from tests.conftest import desk_at, desk_env
from tests.e2e.test_https import _certificates

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = "000.00.31.H26"
SUBNET = f"10.231.{os.getpid() % 200 + 20}"
HUB_IP, DESK_IP = f"{SUBNET}.1", f"{SUBNET}.2"

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("ip") is None,
    reason="LAN discovery is tested in network namespaces: needs root and ip",
)


@dataclass
class Lan:
    office: str  # the namespace of the upstream, the hub and the spoofer
    desk: str

    def run(self, ns: str, *command: str, env: dict[str, str]) -> subprocess.Popen[str]:
        return subprocess.Popen(
            ["ip", "netns", "exec", ns, *command],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    def listening(self, port: int) -> bool:
        shown = subprocess.run(
            ["ip", "netns", "exec", self.office, "ss", "-ltnH", f"sport = :{port}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return bool(shown.stdout.strip())


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


@pytest.fixture
def lan() -> Iterator[Lan]:
    tag = f"hf{os.getpid() % 100000}"
    made = Lan(f"{tag}a", f"{tag}b")
    try:
        _ip("netns", "add", made.office)
        _ip("netns", "add", made.desk)
        _ip("link", "add", f"{tag}x", "type", "veth", "peer", "name", f"{tag}y")
    except subprocess.CalledProcessError as err:  # a container without CAP_NET_ADMIN
        for ns in (made.office, made.desk):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        pytest.skip(f"cannot create network namespaces here: {err.stderr!r}")
    try:
        for ns, end, address in ((made.office, "x", HUB_IP), (made.desk, "y", DESK_IP)):
            _ip("link", "set", f"{tag}{end}", "netns", ns)
            _ip("-n", ns, "addr", "add", f"{address}/24", "dev", f"{tag}{end}")
            _ip("-n", ns, "link", "set", f"{tag}{end}", "up")
            _ip("-n", ns, "link", "set", "lo", "up")
        yield made
    finally:
        for ns in (made.office, made.desk):  # the veth pair goes with them
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


SPOOF = """
import sys, time
from district_server.hub.advertise import advertised
with advertised(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), https=True):
    print("advertised", flush=True)
    time.sleep(120)
"""


def _wait(what: str, done: object, processes: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + 30
    while not done():  # type: ignore[operator]
        for process in processes:
            if process.poll() is not None:
                out = process.stdout.read() if process.stdout else ""
                raise AssertionError(f"{what}: a process ended ({process.args}): {out}")
        assert time.monotonic() < deadline, f"not within 30 s: {what}"
        time.sleep(0.1)


def test_a_desk_finds_the_hub_on_the_lan_and_enrols_only_with_the_confirmed_key(
    lan: Lan, tmp_path: Path
) -> None:
    ca, cert, tls_key = _certificates(tmp_path, HUB_IP)
    upstream_dir, hub_dir = tmp_path / "upstream", tmp_path / "hub"
    code = ServerStore(database_url(upstream_dir, None)).new_enrol_code(
        COMMUNE, HUB_NUMBER, datetime.now(UTC)
    )
    hub_key = public_text(server_key(hub_dir))
    fingerprint = protocol.key_fingerprint(hub_key)
    env = desk_env(PYTHONPATH=str(ROOT), SSL_CERT_FILE=str(ca))
    serve = [sys.executable, "-m", "district_server", "serve"]
    tls = ["--tls-cert", str(cert), "--tls-key", str(tls_key)]
    processes = [lan.run(lan.office, *serve, "--data-dir", str(upstream_dir),
                         "--port", "8080", env=env)]  # fmt: skip
    try:
        _wait("the upstream listens", lambda: lan.listening(8080), processes)
        processes.append(lan.run(
            lan.office, *serve, "--data-dir", str(hub_dir), "--role", "hub", "--host", HUB_IP,
            "--port", "8443", *tls, "--upstream", "http://127.0.0.1:8080",
            "--upstream-code", code, "--advertise", env=env,
        ))  # fmt: skip
        hub = ServerStore(database_url(hub_dir, None))
        _wait("the hub certified", lambda: "certificate" in hub.hub_values(), processes)
        # a stranger on the LAN, advertised as the hub with the hub's own fingerprint
        processes.append(lan.run(lan.office, *serve, "--data-dir", str(tmp_path / "stranger"),
                                 "--host", HUB_IP, "--port", "9443", *tls, env=env))  # fmt: skip
        processes.append(lan.run(lan.office, sys.executable, "-c", SPOOF, COMMUNE, hub_key,
                                 HUB_IP, "9443", env=env))  # fmt: skip
        _wait("the stranger listens", lambda: lan.listening(9443), processes)
        status = subprocess.run(
            [sys.executable, "-m", "district_server", "hub-status", "--data-dir", str(hub_dir)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert f"Dấu khóa của hub (quầy đối chiếu khi đăng ký): {fingerprint}" in status

        desk_dir = tmp_path / "desk"
        desk_at(desk_dir).close()

        def hub_find(*args: str) -> tuple[int, str]:
            found = lan.run(lan.desk, sys.executable, "-m", "desk_app", "hub-find",
                            "--data-dir", str(desk_dir), "--wait", "1.5", *args, env=env)  # fmt: skip
            out, _ = found.communicate(timeout=60)
            return found.returncode, out

        listed, out = hub_find()
        assert listed == 0, out
        for port in (8443, 9443):
            assert (
                f"Hub của xã {COMMUNE} tại https://{HUB_IP}:{port}, dấu khóa {fingerprint}" in out
            )

        desk_code = hub.new_enrol_code(COMMUNE, 1, datetime.now(UTC))
        other = protocol.key_fingerprint(
            protocol.public_key_text(Ed25519PrivateKey.generate().public_key())
        )
        refused, out = hub_find("--fingerprint", other, "--code", desk_code)
        assert refused != 0
        assert "không khớp dấu khóa đã xác nhận" in out  # the hub's key is not the one confirmed
        assert "không cho biết khóa hub" in out  # the stranger proves no hub key at all
        assert _identity(desk_dir) is None

        enrolled, out = hub_find("--fingerprint", fingerprint.lower(), "--code", desk_code)
        assert enrolled == 0, out
        assert f"Đã đăng ký quầy 1 của {COMMUNE} với hub https://{HUB_IP}:8443." in out
        identity = _identity(desk_dir)
        assert identity is not None and identity.server_public_key == hub_key
        sync = lan.run(lan.desk, sys.executable, "-m", "desk_app", "sync", "--data-dir",
                       str(desk_dir), env=env)  # fmt: skip
        out, _ = sync.communicate(timeout=60)
        assert sync.returncode == 0, out
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def _identity(desk_dir: Path) -> SyncIdentity | None:
    desk = desk_at(desk_dir)
    try:
        return desk.sync.identity()
    finally:
        desk.close()
