"""A private PC/SC stack for the chip tests: Debian's pcscd with the vsmartcard virtual
reader (vpcd), and upstream's ePass emulator (tests/chip/vicc_epass.py) as the card.

pcscd 1.9.9 has no option for its socket; it is started in its own mount namespace with a
private folder bound over /run/pcscd, so its socket lands in that folder and nothing of
the machine's PC/SC (a running pcscd, /etc/reader.conf.d) is used or disturbed. The client
library reads PCSCLITE_CSOCK_NAME once per process: it is set here, at import, before
anything can load pyscard (tests/conftest.py imports this module first).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
RUN_DIR = Path(tempfile.mkdtemp(prefix="pcscd-"))
atexit.register(shutil.rmtree, RUN_DIR, True)
SOCKET = RUN_DIR / "run" / "pcscd.comm"
READER = "Desk Test PCD 00 00"
EMULATOR = Path(__file__).parent / "chip" / "vicc_epass.py"
PACE_EMULATOR = Path(__file__).parent / "chip" / "vicc_npa.py"
OPENPACE_BUILD = Path(__file__).parent.parent / "scripts" / "build-openpace-python"
os.environ["PCSCLITE_CSOCK_NAME"] = str(SOCKET)


def missing() -> str:
    """What this machine lacks to run the chip tests ("" when nothing)."""
    if shutil.which("pcscd") is None or not VPCD_DRIVER.exists():
        return "pcscd / vsmartcard-vpcd not installed (scripts/setup.sh installs them)"
    if not Path("/usr/lib/python3/site-packages/virtualsmartcard").is_dir():
        return "python3-virtualsmartcard not installed (scripts/setup.sh installs it)"
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return "a private pcscd needs root and unshare"
    try:
        import Crypto  # noqa: F401  (the emulator's cipher library)
        import smartcard  # noqa: F401
    except ImportError as err:
        return f"{err.name} missing from the venv"
    return ""


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = int(a.getsockname()[1])
        try:
            with socket.socket() as b:
                b.bind(("127.0.0.1", port + 1))  # vpcd's second slot listens there
        except OSError:
            continue
        return port
    raise RuntimeError("no free port pair for vpcd")


class Pcscd:
    """A running private pcscd with one virtual reader listening on ``port``."""

    def __init__(self) -> None:
        self.port = _free_port_pair()
        self._start()

    def restart(self) -> None:
        """A fresh pcscd on the same socket and port. After a card was pulled away in the
        middle of a command, vpcd (the virtual reader, not a USB one) sometimes keeps the
        slot unpowerable for the next card; a new daemon starts clean."""
        self.stop()
        self._start()

    def _start(self) -> None:
        conf = RUN_DIR / "conf"
        (RUN_DIR / "run").mkdir(exist_ok=True)
        conf.mkdir(exist_ok=True)
        (conf / "vpcd").write_text(
            'FRIENDLYNAME "Desk Test PCD"\n'
            f"DEVICENAME /dev/null:{self.port}\n"
            f"LIBPATH {VPCD_DRIVER}\n"
            f"CHANNELID {self.port}\n"
        )
        # SIGPIPE ignored (kept across exec): vpcd writes to the emulator's socket without
        # MSG_NOSIGNAL, so a card "pulled away" mid-command would otherwise kill pcscd.
        script = (
            f"trap '' PIPE; mkdir -p /run/pcscd && mount --bind {RUN_DIR / 'run'} /run/pcscd "
            f"&& exec pcscd --foreground --config {conf}"
        )
        self.log = open(RUN_DIR / "pcscd.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while not self._ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("pcscd did not start: " + (RUN_DIR / "pcscd.log").read_text())
            time.sleep(0.02)

    def _ready(self) -> bool:
        if not SOCKET.exists():
            return False
        from smartcard.System import readers

        try:
            return READER in [str(r) for r in readers()]
        except Exception:
            return False

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Card:
    """The emulator process holding one card on the reader."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def pull(self) -> None:
        """Take the card away (the emulator's connection to the reader ends)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def openpace_bindings() -> str:
    """The folder of OpenPACE's Python bindings for this interpreter, built (or found in
    the cache) by scripts/build-openpace-python. Raises with the script's own words when
    it cannot: the PACE tests then fail, they never skip."""
    try:
        done = subprocess.run(
            [str(OPENPACE_BUILD), sys.executable], capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise RuntimeError(f"scripts/build-openpace-python: {err}") from None
    if done.returncode != 0:
        raise RuntimeError("scripts/build-openpace-python failed:\n" + done.stderr[-2000:])
    return done.stdout.strip()


@contextmanager
def card_on_reader(
    pcscd: Pcscd,
    files: dict[int, bytes],
    mrz_information: str,
    *,
    pace: bool = False,
    parameter_id: int = 13,
    protocol: str = "04007F00070202040202",
    card_access: bytes = b"",
) -> Iterator[Card]:
    """A card on the reader: upstream's ePass (BAC only; ``card_access`` an EF.CardAccess
    in its MF) or, with ``pace``, upstream's nPA (PACE only) holding the same files, with the
    PACE ``protocol`` (OID, hex) on the domain parameters ``parameter_id`` (Doc 9303-11
    Table 6)."""
    spec = RUN_DIR / f"card-{time.monotonic_ns()}.json"
    card: dict[str, object] = {
        "port": pcscd.port,
        "mrz_information": mrz_information,
        "files": {f"{fid:04X}": data.hex() for fid, data in files.items()},
    }
    if card_access:
        card["card_access"] = card_access.hex()
    if pace:
        card |= {
            "openpace": openpace_bindings(),
            "protocol": protocol,
            "parameter_id": parameter_id,
        }
    spec.write_text(json.dumps(card))
    emulator = PACE_EMULATOR if pace else EMULATOR
    process = subprocess.Popen([sys.executable, str(emulator), str(spec)], stdout=subprocess.PIPE)
    card = Card(process)
    try:
        assert process.stdout is not None
        if process.stdout.readline().strip() != b"ready":
            raise RuntimeError("the card emulator did not start")
        _wait_for_card(present=True)
        yield card
    finally:
        card.pull()
        _wait_for_card(present=False)


def _wait_for_card(*, present: bool) -> None:
    from smartcard.Exceptions import CardConnectionException, NoCardException
    from smartcard.System import readers

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        reader = next((r for r in readers() if str(r) == READER), None)
        if reader is not None:
            conn = reader.createConnection()
            try:
                conn.connect()
                conn.disconnect()
                if present:
                    return
            except (NoCardException, CardConnectionException):
                if not present:
                    return
        time.sleep(0.02)
    raise RuntimeError(f"the reader never showed the card {'in' if present else 'out'}")
