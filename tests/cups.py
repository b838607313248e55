"""A real CUPS print queue for tests: a private ``cupsd`` (Debian's cups-daemon) on its own
socket, with one queue whose device is a file, so what the desk printed can be read back.

The queue's PPD passes the PDF that Qt's CUPS support sends through one filter process to
the file device: the job goes through the scheduler, its filter chain and its device as on
an office printer. libcups finds the scheduler through ``CUPS_SERVER``, read once per
process: ``tests/conftest.py`` sets it to ``SOCKET`` before anything can print."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(tempfile.gettempdir()) / f"desk-test-cups-{os.getpid()}"
SOCKET = FOLDER / "cups.sock"

_PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "DESKPDF.PPD"
*Manufacturer: "Desk tests"
*Product: "(Desk test PDF printer)"
*ModelName: "Desk test PDF printer"
*ShortNickName: "Desk test PDF printer"
*NickName: "Desk test PDF printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*cupsVersion: 2.4
*cupsFilter2: "application/pdf application/vnd.cups-pdf 0 {filter}"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
"""


@dataclass
class Queue:
    name: str
    output: Path  # what the printer "printed", one file per queue (the last job)

    def wait_for_job(self, timeout: float = 30) -> bytes:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.output.exists() and self.output.stat().st_size > 0:
                done = subprocess.run(
                    ["lpstat", "-o", self.name], capture_output=True, text=True, env=_env()
                )
                if not done.stdout.strip():  # no job left in the queue: the file is whole
                    return self.output.read_bytes()
            time.sleep(0.1)
        log = FOLDER / "log" / "error_log"
        jobs = subprocess.run(["lpstat", "-W", "all", "-o"], capture_output=True, text=True,
                              env=_env()).stdout  # fmt: skip
        raise AssertionError(
            f"nothing came out of the CUPS queue {self.name}; jobs: {jobs}\n"
            + (log.read_text()[-3000:] if log.exists() else "")
        )


def _env() -> dict[str, str]:
    return {**os.environ, "CUPS_SERVER": str(SOCKET)}


@contextmanager
def private_cups(queue: str) -> Iterator[Queue]:
    """A private scheduler with one queue named ``queue``; stopped and removed afterwards."""
    if shutil.which("cupsd") is None:
        raise AssertionError("cupsd is missing: scripts/test installs cups-daemon")
    if os.geteuid() != 0:
        raise AssertionError("a private cupsd runs its filters as 'lp': run the tests as root")
    shutil.rmtree(FOLDER, ignore_errors=True)
    for sub in ("spool", "tmp", "state", "cache", "log", "out"):
        (FOLDER / sub).mkdir(parents=True)
    (FOLDER / "cupsd.conf").write_text(
        f"Listen {SOCKET}\nLogLevel info\nWebInterface No\nBrowsing No\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
    )
    (FOLDER / "cups-files.conf").write_text(
        f"ServerRoot {FOLDER}\nRequestRoot {FOLDER}/spool\nTempDir {FOLDER}/tmp\n"
        f"StateDir {FOLDER}/state\nCacheDir {FOLDER}/cache\nErrorLog {FOLDER}/log/error_log\n"
        f"AccessLog {FOLDER}/log/access_log\nPageLog {FOLDER}/log/page_log\n"
        "FileDevice Yes\nSandboxing Relaxed\n"
    )
    filter_path = FOLDER / "passthrough"
    filter_path.write_text('#!/bin/sh\nif [ -n "$6" ]; then exec cat "$6"; else exec cat; fi\n')
    filter_path.chmod(0o755)
    ppd = FOLDER / "desk-test.ppd"
    ppd.write_text(_PPD.format(filter=filter_path))
    subprocess.run(["chown", "-R", "root:lp", str(FOLDER)], check=True)
    subprocess.run(["chmod", "-R", "g+rwX", str(FOLDER)], check=True)
    filter_path.chmod(0o755)  # cupsd refuses a filter others may write
    (FOLDER / "out").chmod(0o1777)
    (FOLDER / "tmp").chmod(0o1777)
    daemon = subprocess.Popen(
        ["cupsd", "-f", "-c", str(FOLDER / "cupsd.conf"), "-s", str(FOLDER / "cups-files.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not SOCKET.exists():
            assert daemon.poll() is None, (FOLDER / "log" / "error_log").read_text()
            assert time.monotonic() < deadline, "cupsd did not start"
            time.sleep(0.05)
        output = FOLDER / "out" / f"{queue}.pdf"
        subprocess.run(
            ["lpadmin", "-p", queue, "-v", f"file://{output}", "-P", str(ppd), "-E"],
            check=True, capture_output=True, env=_env(),
        )  # fmt: skip
        yield Queue(queue, output)
    finally:
        daemon.terminate()
        daemon.wait(10)
        shutil.rmtree(FOLDER, ignore_errors=True)
