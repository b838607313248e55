"""The commune hub installed on Windows (Wine) against a real upstream on Linux: the host side
of scripts/test-windows' ``hub`` stage. Run by the project's venv with PYTHONPATH=ROOT:

    check_hub.py SETUP STAGE...   (STAGE...: the command that runs installer/wine/stage.sh in the chroot)

1. The upstream: the district server on Linux, on loopback, and a hub code (its enrol-hub).
2. A silent install choosing the hub's task (/TASKS, /HUBUPSTREAM, /HUBCODE): the hub's
   files, the task's XML (at boot, every minute, as SYSTEM, the hub's command line).
3. The installed district-server.exe started under Wine with the command line of that XML
   (Wine's Task Scheduler does not run it: it stores a task without triggers or command),
   https with a certificate of the district's CA: it enrols with the upstream; a Linux desk
   enrols with the hub (a code from the installed exe) and its batch reaches the upstream.
4. The WAN cut: the desk's next batches wait at the hub; the hub killed (SIGKILL), the WAN
   back, the hub started again with the same command line: it forwards what it held, and
   the upstream holds each of the desk's entries once.
5. The uninstaller stops the running hub and removes it and its task, keeping its data.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import httpx

import desk_protocol as protocol
from bench.common import start_district
from bench.pg import free_port
from desk_app.storage.change_log import ChangeLog
from district_server.cli import database_url
from district_server.store import ServerStore
from tests.conftest import birth_draft, desk_at
from tests.e2e.test_https import _certificates

COMMUNE = "000.00.31.H26"
ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "windows"
PFX = WORK / "pfx-hub" / "drive_c"
HUB_DATA = PFX / "ProgramData" / "DeskApp" / "hub"
EXE = r"C:\DeskApp\hub\district-server.exe"
TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


def wait_for(what: str, done: Callable[[], bool], seconds: float = 60, step: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"check_hub: not within {seconds:.0f} s: {what}")
        time.sleep(step)


def task_command(xml: Path) -> list[str]:
    """The task's definition checked: at boot and every minute, as SYSTEM, one instance,
    restarted on failure, no time limit; its program and arguments (split as Windows does
    for these, double quotes only)."""
    task = ET.parse(xml).getroot()

    def one(path: str) -> str:
        found = task.find("./" + "/".join(TASK + step for step in path.split("/")))
        assert found is not None and found.text is not None, f"{xml.name}: no {path}"
        return found.text

    assert one("Triggers/BootTrigger/Enabled") == "true"
    assert one("Triggers/TimeTrigger/Repetition/Interval") == "PT1M"
    assert one("Principals/Principal/UserId") == "S-1-5-18"  # SYSTEM: before any sign-in
    assert one("Settings/MultipleInstancesPolicy") == "IgnoreNew"
    assert one("Settings/RestartOnFailure/Interval") == "PT1M"
    assert one("Settings/ExecutionTimeLimit") == "PT0S"
    assert one("Settings/DisallowStartIfOnBatteries") == "false"
    command = one("Actions/Exec/Command")
    assert command == EXE, command
    return [command, *shlex.split(one("Actions/Exec/Arguments"))]


class Hub:
    """The installed hub under Wine, started with its task's command line."""

    def __init__(self, stage: list[str], args: list[str]) -> None:
        self.stage, self.args = stage, args
        self.log = WORK / "logs" / "hub-serve.log"
        self.log.unlink(missing_ok=True)
        self.runner: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        pid_file = Path(str(self.log) + ".pid")
        pid_file.unlink(missing_ok=True)
        chroot_log = "/src/" + str(self.log.relative_to(ROOT))
        self.runner = subprocess.Popen([*self.stage, "hub-serve", chroot_log, *self.args])
        wait_for(
            "the hub's process", lambda: pid_file.exists() and pid_file.read_text().strip() != ""
        )
        self.pid = int(pid_file.read_text())

    def kill(self) -> None:
        """SIGKILL, as a power cut or Task Manager's End task would."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        assert self.runner is not None
        self.runner.wait(30)


def answers(url: str, context: ssl.SSLContext) -> bool:
    try:
        return httpx.get(url, verify=context, timeout=5).is_success
    except httpx.HTTPError:
        return False


def main(setup: str, stage: list[str]) -> None:
    started = time.monotonic()
    root = WORK / "hub-check"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    upstream_store = ServerStore(database_url(root / "upstream", None))
    made = subprocess.run(
        [sys.executable, "-m", "district_server", "enrol-hub", "--data-dir", str(root / "upstream"),
         "--commune", COMMUNE], check=True, capture_output=True, text=True,
    )  # fmt: skip
    hub_code = made.stdout.strip().splitlines()[-1]
    upstream_port = free_port()
    upstream, upstream_url = start_district(root / "upstream", port=upstream_port)
    hub: Hub | None = None
    try:
        subprocess.run([*stage, "hub-install", setup, upstream_url, hub_code], check=True)
        xml = HUB_DATA / "commune-hub.xml"
        assert xml.is_file(), f"the installer kept no {xml}"
        command = task_command(xml)
        print("the task's command line:", " ".join(command))
        data = r"C:\ProgramData\DeskApp\hub"
        expected = ["serve", "--role", "hub", "--data-dir", data, "--host", "0.0.0.0",
                    "--port", "8443", "--tls-cert", data + r"\hub.pem", "--tls-key",
                    data + r"\hub.key", "--upstream", upstream_url, "--upstream-code", hub_code]  # fmt: skip
        assert command[1:] == expected, command
        # the hub's https: a certificate of the district's CA, placed in its data folder
        ca, cert, key = _certificates(root)
        shutil.copy(cert, HUB_DATA / "hub.pem")
        shutil.copy(key, HUB_DATA / "hub.key")
        trusted = ssl.create_default_context(cafile=str(ca))
        os.environ["SSL_CERT_FILE"] = str(ca)  # the desk's trust in the district's CA
        # a desk's one-time code, from the installed program
        made = subprocess.run(
            [*stage, "hub-cli", "enrol-desk", "--data-dir", data, "--commune", COMMUNE,
             "--desk", "1"], check=True, capture_output=True, text=True,
        )  # fmt: skip
        desk_code = made.stdout.strip().splitlines()[-1]
        assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", desk_code), made.stdout

        hub = Hub(stage, command[1:])
        t = time.monotonic()
        hub.start()
        hub_url = "https://127.0.0.1:8443"
        wait_for(
            f"the hub answers https ({hub.log})",
            lambda: answers(hub_url + protocol.TIME_PATH, trusted),
        )
        print(f"hub under Wine answers https in {time.monotonic() - t:.1f} s")
        held = ServerStore(database_url(HUB_DATA, None)).hub_values()
        assert held["upstream_url"] == upstream_url and held["commune_code"] == COMMUNE, held
        print(f"hub enrolled with the upstream as {held['hub_id']}")

        desk = desk_at(root / "desk1")
        try:
            desk.sync.enrol(hub_url, desk_code)
            identity = desk.sync.identity()
            assert identity is not None
            desk_id = identity.desk_id

            def upstream_holds_the_desk() -> bool:
                mine = [(e["seq"], e["content_sha256"]) for e in ChangeLog(desk.storage).entries()]
                held = [(r["seq"], r["content_sha256"]) for r in upstream_store.changes_of(desk_id)]
                return held == mine

            desk.intake.receive(birth_draft(desk))
            assert desk.sync.run_once().pending == 0
            wait_for("the desk's batch at the upstream through the hub", upstream_holds_the_desk)
            print(f"a desk's batch reached the upstream through the hub ({desk_id})")

            # the WAN cut: batches wait at the hub; the hub killed; both back
            upstream.send_signal(signal.SIGKILL)
            upstream.wait(10)
            for _ in range(3):
                desk.intake.receive(birth_draft(desk))
                assert desk.sync.run_once().pending == 0
            hub_store = ServerStore(database_url(HUB_DATA, None))
            assert hub_store.relay_backlog() > 0
            assert not upstream_holds_the_desk()
            hub.kill()
            assert not answers(hub_url + protocol.TIME_PATH, trusted), "the killed hub answers"
            print(f"hub killed (SIGKILL) holding {hub_store.relay_backlog()} to forward")
            upstream, _ = start_district(root / "upstream", port=upstream_port)
            t = time.monotonic()
            hub.start()
            wait_for("the hub again", lambda: answers(hub_url + protocol.TIME_PATH, trusted))
            wait_for("the held batches at the upstream, each entry once", upstream_holds_the_desk)
            wait_for("nothing waiting at the hub", lambda: hub_store.relay_backlog() == 0)
            print(f"restarted hub forwarded what it held in {time.monotonic() - t:.1f} s; "
                  f"upstream holds the desk's {len(upstream_store.changes_of(desk_id))} entries once")  # fmt: skip
        finally:
            desk.close()
        pid_file = "/src/" + str(hub.log.relative_to(ROOT)) + ".pid"
        subprocess.run([*stage, "hub-uninstall", pid_file], check=True)  # the hub running
        assert hub.runner is not None
        hub.runner.wait(30)  # stopped by the uninstaller (taskkill)
        hub = None
    finally:
        if hub is not None and hub.runner is not None and hub.runner.poll() is None:
            hub.kill()
        upstream.terminate()
        upstream.wait(10)
    print(f"hub checks {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
