"""The district server's peak memory under hostile requests (issue 20, item 6).

    python -m bench.hostile [--mib 1024] [--bomb-mib 2048]

Enrols one desk (its id is what an attacker reads from any receipt's QR token), then, each
on a fresh ``district-server serve`` process: a ``--mib`` body with the desk's id and a
made-up signature, declared (Content-Length) and then chunked; 100 such bodies of 4 MB at
once, held open before their last byte; a signed gzip batch inflating to ``--bomb-mib``
while another client asks the time; a signed ``--mib`` tus chunk for a 1,000-byte upload,
declared and chunked. Then ``district-server import-pack`` on a pack whose entries inflate
to ``--bomb-mib``. For each: the answer, the bytes the client got to send, the time, and
the server's peak memory over its resting peak (VmHWM of /proc/PID/status). The tests
(tests/e2e/test_hostile.py) run the same attacks with smaller sizes. The requests are
written by ``bench/raw_http.py``, the bombs by ``bench/bombs.py``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from bench.bombs import MIB, bomb_pack, gzip_bomb
from bench.pg import free_port
from bench.raw_http import Answer, forged_headers, many_bodies, raw_request


@dataclass
class ServerProcess:
    url: str
    port: int
    data_dir: Path
    process: subprocess.Popen[bytes]

    def status(self, field: str) -> int:
        """A /proc/PID/status figure in KiB (VmHWM: the peak resident memory)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise KeyError(field)

    def reset_peak(self) -> int:
        """Reset VmHWM to the present resident size (Linux ≥ 4.0); the new peak in KiB."""
        Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
        return self.status("VmHWM")


@contextlib.contextmanager
def server_process(data_dir: Path, *options: str) -> Iterator[ServerProcess]:
    """``district-server serve`` as its own process on loopback, one worker."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "district_server", "serve", "--data-dir", str(data_dir),
         "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + protocol.TIME_PATH).is_success:
                    break
            assert process.poll() is None, "the district server stopped"
            time.sleep(0.05)
        yield ServerProcess(url, port, data_dir, process)
    finally:
        process.terminate()
        process.wait(20)


def enrol(server: ServerProcess) -> tuple[str, Ed25519PrivateKey]:
    """A desk enrolled on ``server``: its id and its key."""
    out = subprocess.run(
        [sys.executable, "-m", "district_server", "enrol-desk", "--data-dir",
         str(server.data_dir), "--commune", "000.00.31.H26", "--desk", "1"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    key = Ed25519PrivateKey.generate()
    answer = httpx.post(
        server.url + protocol.ENROL_PATH,
        json={
            "code": out.stdout.strip().splitlines()[-1],
            "public_key": protocol.public_key_text(key.public_key()),
        },
        headers={protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION},
    )
    answer.raise_for_status()
    return str(answer.json()["desk_id"]), key


def run_measured(command: list[str], timeout: float = 600) -> tuple[int, str, int, float]:
    """Run ``command``; exit code, stderr, peak memory in KiB and seconds. The peak is the
    process's VmHWM read every 5 ms until it ends (the peak so far at each read, so only
    the last 5 ms could be missed; rusage would count the parent it was forked from)."""
    started = time.perf_counter()
    peak = 0
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        status = Path(f"/proc/{process.pid}/status")
        while process.poll() is None:
            with contextlib.suppress(OSError, ValueError, IndexError):
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
            if time.perf_counter() - started > timeout:
                process.kill()
            time.sleep(0.005)
        err.seek(0)
        text = err.read().decode()
    return int(process.returncode), text, peak, time.perf_counter() - started


def import_pack(data_dir: Path, pack: Path) -> tuple[int, str, int, float]:
    """``district-server import-pack`` on ``pack`` sealed to the server, as a desk's packs
    are (anyone can seal to the server's public key: the hostile zip inside is what is
    measured)."""
    from desk_protocol import sealed
    from district_server.keys import server_key

    on_stick = pack.with_name(pack.name + ".sealed")
    with open(on_stick, "wb") as out:
        sealed.seal(pack.read_bytes(), server_key(data_dir).public_key(), out)
    return run_measured(
        [sys.executable, "-m", "district_server", "import-pack", "--data-dir", str(data_dir),
         str(on_stick)]
    )  # fmt: skip


def signed(
    key: Ed25519PrivateKey, desk_id: str, method: str, path: str, body: bytes
) -> dict[str, str]:
    return protocol.signed_headers(key, desk_id, method, path, body)


def bomb_push(
    server: ServerProcess, desk_id: str, key: Ed25519PrivateKey, mib: int
) -> tuple[Answer, float]:
    """A signed gzip batch inflating to ``mib`` MiB, while another client asks the time:
    the server's answer, and the slowest time answer meanwhile (seconds)."""
    body = gzip_bomb(mib)
    headers = signed(key, desk_id, "POST", protocol.CHANGES_PATH, body)
    headers |= {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    slowest = 0.0
    done = threading.Event()

    def probe() -> None:
        nonlocal slowest
        with httpx.Client(base_url=server.url, timeout=120) as client:
            while not done.is_set():
                started = time.perf_counter()
                client.get(protocol.TIME_PATH).raise_for_status()
                slowest = max(slowest, time.perf_counter() - started)
                time.sleep(0.02)

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        time.sleep(0.1)
        started = time.perf_counter()
        answer = httpx.post(server.url + protocol.CHANGES_PATH, content=body, headers=headers,
                            timeout=600)  # fmt: skip
        seconds = time.perf_counter() - started
        time.sleep(0.1)
    finally:
        done.set()
        prober.join()
    return Answer(answer.status_code, answer.text, len(body), seconds), slowest


def start_upload(server: ServerProcess, desk_id: str, key: Ed25519PrivateKey, length: int) -> str:
    """An upload of ``length`` bytes started with no bytes yet; its sha."""
    sha = hashlib.sha256(os.urandom(16)).hexdigest()
    headers = signed(key, desk_id, "POST", protocol.UPLOADS_PATH, b"")
    headers |= {
        "Tus-Resumable": protocol.TUS_VERSION,
        "Upload-Length": str(length),
        "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
    }
    answer = httpx.post(server.url + protocol.UPLOADS_PATH, headers=headers)
    assert answer.status_code == 201, answer.text
    return sha


def big_chunk(
    server: ServerProcess, desk_id: str, key: Ed25519PrivateKey, mib: int, *, chunked: bool
) -> Answer:
    """A signed PATCH of ``mib`` MiB into an upload declared 1,000 bytes long."""
    sha = start_upload(server, desk_id, key, 1000)
    block = b"\0" * (256 * 1024)
    digest = hashlib.sha256()
    for _ in range(mib * 4):
        digest.update(block)
    path = f"{protocol.UPLOADS_PATH}/{sha}"
    # signed over the body's hash, as signed_headers would (it wants the bytes)
    timestamp = datetime.now(UTC).isoformat(timespec="seconds")
    nonce = os.urandom(16).hex()
    message = f"PATCH\n{path}\n{timestamp}\n{nonce}\n{digest.hexdigest()}".encode()
    headers = {
        protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION,
        protocol.HEADER_DESK: desk_id,
        protocol.HEADER_TIME: timestamp,
        protocol.HEADER_NONCE: nonce,
        protocol.HEADER_SIGNATURE: base64.b64encode(key.sign(message)).decode(),
        "Tus-Resumable": protocol.TUS_VERSION,
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
    }
    return raw_request(server.port, "PATCH", path, headers, mib * MIB, chunked=chunked,
                       block=block)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=1024, help="size of the large bodies")
    parser.add_argument("--bomb-mib", type=int, default=2048, help="what the bombs inflate to")
    args = parser.parse_args()
    mib, bomb = args.mib, args.bomb_mib
    attacks: list[tuple[str, Callable[[ServerProcess, str, Ed25519PrivateKey], tuple[Answer, str]]]]
    attacks = [
        (
            f"{mib} MB unsigned body, Content-Length",
            lambda s, d, k: (
                raw_request(s.port, "POST", protocol.CHANGES_PATH, forged_headers(d), mib * MIB),
                "",
            ),
        ),
        (
            f"{mib} MB unsigned body, chunked",
            lambda s, d, k: (
                raw_request(
                    s.port,
                    "POST",
                    protocol.CHANGES_PATH,
                    forged_headers(d),
                    mib * MIB,
                    chunked=True,
                ),
                "",
            ),
        ),
        ("100 unsigned bodies of 4 MB at once, held before their last byte", _many),
        (f"signed gzip batch inflating to {bomb} MB", lambda s, d, k: _bomb(s, d, k, bomb)),
        (
            f"signed {mib} MB tus chunk for a 1,000-byte upload, Content-Length",
            lambda s, d, k: (big_chunk(s, d, k, mib, chunked=False), ""),
        ),
        (
            f"signed {mib} MB tus chunk for a 1,000-byte upload, chunked",
            lambda s, d, k: (big_chunk(s, d, k, mib, chunked=True), ""),
        ),
    ]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "district"
        with server_process(data) as server:
            desk_id, key = enrol(server)
        print("each attack on a fresh server process; peak + is its VmHWM over its resting peak")
        print(f"{'attack':<66} {'answer':>6} {'sent':>9} {'time':>7} {'peak +':>9}")
        for what, attack in attacks:
            with server_process(data) as server:
                for _ in range(3):
                    httpx.get(server.url + protocol.TIME_PATH)
                resting = server.reset_peak()
                answer, extra = attack(server, desk_id, key)
                peak = server.status("VmHWM")
            print(
                f"{what:<66} {answer.status or 'closed':>6} "
                f"{answer.sent / MIB:>7.1f}MB {answer.seconds:>6.2f}s "
                f"{(peak - resting) / 1024:>7.1f}MB {extra}",
                flush=True,
            )
        pack = Path(folder) / "bomb.zip"
        bomb_pack(pack, desk_id, bomb)
        small = Path(folder) / "small.zip"
        bomb_pack(small, desk_id, 1)
        code, _, base_peak, _ = import_pack(data, small)
        code, err, peak, seconds = import_pack(data, pack)
        print(
            f"import-pack of a {pack.stat().st_size // 1024} KB pack inflating to "
            f"{bomb} MB: exit {code} in {seconds:.2f} s, peak {peak / 1024:.1f} MB "
            f"(a 1 MB forged pack: {base_peak / 1024:.1f} MB) — {err.strip()[:90]}"
        )


def _many(server: ServerProcess, desk_id: str, _key: Ed25519PrivateKey) -> tuple[Answer, str]:
    started = time.perf_counter()
    statuses, sent = many_bodies(server.port, desk_id, 100, 4 * MIB)
    answer = Answer(max(statuses), "", sent, time.perf_counter() - started)
    return answer, f"({statuses.count(503)} refused 503 busy, {statuses.count(0)} held)"


def _bomb(
    server: ServerProcess, desk_id: str, key: Ed25519PrivateKey, mib: int
) -> tuple[Answer, str]:
    answer, slowest = bomb_push(server, desk_id, key, mib)
    return answer, (
        f"({answer.sent // 1024} KB; another client's slowest answer meanwhile: "
        f"{slowest * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
