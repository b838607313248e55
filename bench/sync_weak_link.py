"""A commune's day over a weak link: time against payload ÷ link rate, and bytes re-sent
after forced disconnects.

    sudo python -m bench.sync_weak_link [--dossiers 120] [--pages 400] [--rate-kbit 256]
                                        [--loss 5] [--delay-ms 300] [--cuts 3]

The day: ``--dossiers`` received, ``--pages`` scanned pages (the corpus's notice and form,
alternately, B/W) digitised into one PDF a dossier, each signed with an officer's PKCS#12
certificate (a CA made in the run, as in the tests).
Two network namespaces joined by a veth pair (conventions.md): the district server in one,
the desk in the other. The desk's side is shaped with ``tc tbf`` to ``--rate-kbit``, loses
``--loss`` % of its packets (nftables ``numgen random``) and reaches the server through a
small asyncio proxy that adds ``--delay-ms`` of round trip and counts the bytes it carries.
The lower bound is the bytes the sync must carry ÷ the link rate. Then the same day is
synced again with the proxy cutting the connection ``--cuts`` times mid-way: the bytes
re-sent are those carried beyond the uncut run. Needs root (namespaces, tc, nftables).
Goals (issue 4): ≤ 1.25× the lower bound; ≤ one chunk re-sent per cut.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import desk_protocol as protocol
from bench.corpus import form_page, text_page
from bench.figures import emit

ROOT = Path(__file__).resolve().parent.parent
COMMUNE = "000.00.31.H26"
DESK_IP, SERVER_IP = "10.77.0.1", "10.77.0.2"


def sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


class Link:
    """Two namespaces and a shaped, lossy veth between them."""

    def __init__(self, rate_kbit: int, loss: int) -> None:
        tag = str(os.getpid())[-5:]
        self.desk, self.server = f"dsk{tag}", f"srv{tag}"
        self.veth_desk, self.veth_server = f"vd{tag}", f"vs{tag}"
        sh("ip", "netns", "add", self.desk)
        sh("ip", "netns", "add", self.server)
        sh("ip", "link", "add", self.veth_desk, "type", "veth", "peer", "name", self.veth_server)
        sh("ip", "link", "set", self.veth_desk, "netns", self.desk)
        sh("ip", "link", "set", self.veth_server, "netns", self.server)
        for ns, dev, ip in (
            (self.desk, self.veth_desk, DESK_IP),
            (self.server, self.veth_server, SERVER_IP),
        ):
            sh("ip", "-n", ns, "addr", "add", f"{ip}/24", "dev", dev)
            sh("ip", "-n", ns, "link", "set", dev, "up")
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            sh("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", dev, "root", "tbf",
               "rate", f"{rate_kbit}kbit", "burst", "16kbit", "latency", "500ms")  # fmt: skip
        if loss:
            nft = ["ip", "netns", "exec", self.desk, "nft"]
            sh(*nft, "add", "table", "inet", "weak")
            sh(*nft, "add chain inet weak out { type filter hook output priority 0 ; }")
            sh(
                *nft,
                f"add rule inet weak out ip daddr {SERVER_IP} numgen random mod 100 < {loss} drop",
            )

    def run(self, ns: str, *args: str, **kwargs: object) -> subprocess.Popen[bytes]:
        return subprocess.Popen(["ip", "netns", "exec", ns, *args], **kwargs)  # type: ignore[call-overload]

    def close(self) -> None:
        for ns in (self.desk, self.server):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


PROXY_SCRIPT = r"""
# A delay line, not a throttle: each piece read is forwarded ``delay`` after it arrived,
# while reading goes on; the link's rate is tc's business.
import asyncio, sys, time
listen, target_host, target_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
delay, cut_after = float(sys.argv[4]) / 2000, [int(x) for x in sys.argv[5].split(",") if x]
carried = 0
async def pipe(reader, writer, upstream):
    global carried
    line = asyncio.Queue(maxsize=4)  # at most 64 KB in flight in the proxy
    async def forward():
        global carried
        while (item := await line.get()) is not None:
            due, data = item
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            if upstream:
                carried += len(data)  # bytes put on the link towards the server
                if cut_after and carried >= cut_after[0]:
                    cut_after.pop(0)
                    for w in list(links):  # the link drops: every connection's bytes in flight
                        w.transport.abort()
                    return
            writer.write(data)
            await writer.drain()
    sender = asyncio.create_task(forward())
    try:
        while data := await reader.read(16384):
            if sender.done():
                break
            await line.put((time.monotonic() + delay, data))
        if not sender.done():
            await line.put(None)
            await sender
    except (ConnectionError, OSError):
        pass
    finally:
        sender.cancel()
        writer.close()
links = set()
async def handle(reader, writer):
    try:
        up_reader, up_writer = await asyncio.open_connection(target_host, target_port)
    except OSError:
        writer.close(); return
    links.update((writer, up_writer))
    try:
        await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))
    finally:
        links.difference_update((writer, up_writer))
async def report():
    while True:
        await asyncio.sleep(0.5)
        with open(sys.argv[6], "w") as f:
            f.write(str(carried))
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    asyncio.create_task(report())
    async with server:
        await server.serve_forever()
asyncio.run(main())
"""


def make_day(data: Path, dossiers: int, pages: int) -> int:
    """A desk with ``dossiers`` received and ``pages`` scanned; returns bytes of papers."""
    from bench.common import open_bench_desk
    from desk_app.capture.signing import Pkcs12Identity
    from tests.capture.certs import make_officer  # the tests' CA and officer certificate
    from tests.conftest import birth_draft  # the same complete draft the tests use

    desk = open_bench_desk(data)
    try:
        # set up for the commune it is enrolled in later (enrolment refuses other numbers)
        settings = desk.settings.load()
        desk.settings.save(dataclasses.replace(settings, agency_code=COMMUNE, desk_number=1))
        scans = Path(tempfile.mkdtemp())
        officer = make_officer(scans)
        signer = Pkcs12Identity(officer.p12, officer.passphrase)
        total = 0
        for n in range(dossiers):
            record = desk.intake.receive(birth_draft(desk)).record
            per = pages // dossiers + (1 if n < pages % dossiers else 0)
            if not per:
                continue
            files = []
            for p in range(per):
                page = (text_page(seed=n * 10 + p) if p % 2 else form_page(seed=n * 10 + p)).image
                path = scans / f"{n}-{p}.png"
                page.save(path, dpi=(300, 300))
                files.append(path)
            document = desk.digitisation.digitise_files(record.code, 1, files, signer=signer)
            total += len(desk.digitisation.pdf(document.id))
        shutil.rmtree(scans)
        return total
    finally:
        desk.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=120)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--rate-kbit", type=int, default=256)
    parser.add_argument("--loss", type=int, default=5)
    parser.add_argument("--delay-ms", type=int, default=300)
    parser.add_argument("--cuts", type=int, default=3)
    parser.add_argument("--day", type=Path, help="keep the made day here and reuse it")
    parser.add_argument("--make-only", action="store_true", help="make the day and stop")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("needs root: network namespaces, tc and nftables")
    work = Path(tempfile.mkdtemp(prefix="weak-link-"))
    template = args.day or work / "desk-template"
    if args.day and (args.day / "papers").exists():
        papers = int((args.day / "papers").read_text())
        print(f"the day kept in {args.day}", flush=True)
    else:
        if args.day:  # a day whose making was cut short: start it again
            shutil.rmtree(args.day, ignore_errors=True)
        print(f"making the day: {args.dossiers} dossiers, {args.pages} pages ...", flush=True)
        papers = make_day(template, args.dossiers, args.pages)
        (template / "papers").write_text(str(papers))
    if args.make_only:
        return
    payload = papers + entries_bytes(template)
    link = Link(args.rate_kbit, args.loss)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESK_APP_PASSWORD": "demo"}  # bench desks
    try:
        results = []
        for label, cuts in (("uncut", 0), (f"{args.cuts} cuts", args.cuts)):
            results.append(sync_day(link, work, template, label, cuts, payload, args, env))
        bound = payload * 8 / (args.rate_kbit * 1000)
        print(f"link {args.rate_kbit} kbit/s, {args.loss}% loss, +{args.delay_ms} ms round trip; "
              f"payload {payload / 1024:.0f} KB (papers {papers / 1024:.0f} KB); "
              f"lower bound {bound:.1f} s")  # fmt: skip
        for label, seconds, carried, attempts in results:
            print(f"  {label:<8} {seconds:7.1f} s  carried {carried / 1024:8.0f} KB  "
                  f"runs {attempts}  × lower bound {seconds / bound:5.2f} (goal ≤ 1.25)")  # fmt: skip
        resent = results[1][2] - results[0][2]
        per_cut = resent / max(1, args.cuts)
        print(f"  re-sent after {args.cuts} cuts: {resent / 1024:.0f} KB, {per_cut / 1024:.0f} KB "
              f"a cut (goal ≤ one chunk, {protocol.CHUNK_BYTES // 1024} KB)")  # fmt: skip
        emit("weak_link", {
            "payload": payload, "papers": papers, "bound_s": bound,
            "uncut_s": results[0][1], "cut_s": results[1][1], "cut_runs": results[1][3],
            "cuts": args.cuts, "resent": resent, "chunk": protocol.CHUNK_BYTES,
        }, "bytes, s", f"{args.dossiers} dossiers, {args.pages} signed pages; link "
           f"{args.rate_kbit} kbit/s (tbf), {args.loss} % loss (nftables), +{args.delay_ms} ms "
           f"round trip (delay line)")  # fmt: skip
    finally:
        link.close()
        shutil.rmtree(work, ignore_errors=True)


def entries_bytes(data: Path) -> int:
    """The change log as it goes up: compressed JSON batches."""
    import gzip
    import json

    from bench.common import open_bench_desk
    from desk_app.storage.change_log import ChangeLog

    desk = open_bench_desk(data)
    try:
        entries = ChangeLog(desk.storage).entries()
    finally:
        desk.close()
    raw = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
    return len(gzip.compress(raw, compresslevel=6))


def sync_day(
    link: Link,
    work: Path,
    template: Path,
    label: str,
    cuts: int,
    payload: int,
    args: argparse.Namespace,
    env: dict[str, str],
) -> tuple[str, float, int, int]:
    """A fresh server and a copy of the day's desk; sync until done. (label, s, bytes, runs)"""
    tag = label.replace(" ", "-")
    data, server_dir, counter = work / f"desk-{tag}", work / f"server-{tag}", work / f"n-{tag}"
    shutil.copytree(template, data)
    server = link.run(
        link.server, sys.executable, "-m", "district_server", "serve", "--data-dir",
        str(server_dir), "--host", SERVER_IP, "--port", "8080",
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    cut_points = [(i + 1) * payload // (cuts + 1) for i in range(cuts)]
    proxy = link.run(
        link.desk, sys.executable, "-c", PROXY_SCRIPT, "18080", SERVER_IP, "8080",
        str(args.delay_ms), ",".join(map(str, cut_points)), str(counter), env=env,
    )  # fmt: skip
    try:
        time.sleep(3)
        code = subprocess.run(
            [sys.executable, "-m", "district_server", "enrol-desk", "--data-dir", str(server_dir),
             "--commune", COMMUNE, "--desk", "1"],
            capture_output=True, text=True, env=env, check=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        link.run(
            link.desk, sys.executable, "-m", "desk_app", "enrol", "--data-dir", str(data),
            "--server", "http://127.0.0.1:18080", "--code", code, env=env,
            stderr=subprocess.DEVNULL,
        ).wait(120)  # fmt: skip
        time.sleep(1)
        base = int(counter.read_text()) if counter.exists() else 0
        started = time.monotonic()
        attempts = 0
        while True:
            attempts += 1
            sync = link.run(
                link.desk, sys.executable, "-m", "desk_app", "sync", "--data-dir", str(data),
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )  # fmt: skip
            out, _ = sync.communicate(timeout=7200)
            last = out.decode().strip().splitlines()[-1:]
            print(f"  [{label}] run {attempts}: {last}", flush=True)
            if sync.returncode == 0:
                break
            if attempts > cuts + 3:
                raise SystemExit(f"[{label}] the sync did not finish: {last}")
        seconds = time.monotonic() - started
        time.sleep(1)
        return label, seconds, int(counter.read_text()) - base, attempts
    finally:
        proxy.terminate()
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
