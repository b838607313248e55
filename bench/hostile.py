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
(tests/e2e/test_hostile.py) run the same attacks with smaller sizes.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from bench.pg import free_port

MIB = 1 << 20


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


@dataclass(frozen=True)
class Answer:
    status: int  # 0: the server closed the connection without an answer
    body: str
    sent: int  # body bytes the server let through before it answered or closed
    seconds: float


def raw_request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str],
    body_size: int,
    *,
    chunked: bool = False,
    block: bytes = b"\0" * (256 * 1024),
) -> Answer:
    """Send ``body_size`` bytes (repeated ``block``) as fast as the server takes them, and
    stop as soon as it answers: what a hostile client does, and what httpx cannot (it
    writes the whole body before reading)."""
    started = time.perf_counter()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(60)
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {body_size}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    sock.setblocking(False)
    pending = b""
    queued = 0  # body bytes handed to ``pending``
    with sock:
        while True:
            if not pending:
                if queued < body_size:
                    piece = block[: body_size - queued]
                    queued += len(piece)
                    pending = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
                elif chunked and queued == body_size:
                    pending, queued = b"0\r\n\r\n", queued + 1
                else:
                    break
            readable, writable, _ = select.select([sock], [sock], [], 30)
            if readable or not writable:
                break
            try:
                pending = pending[sock.send(pending) :]
            except BlockingIOError:
                continue
            except OSError:
                break
        sent = min(body_size, queued) - (len(pending) if queued <= body_size else 0)
        sock.settimeout(60)
        reply = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in reply or len(reply) < _expected(reply):
                data = sock.recv(65536)
                if not data:
                    break
                reply += data
    seconds = time.perf_counter() - started
    if not reply.startswith(b"HTTP/1.1 "):
        return Answer(0, "", sent, seconds)
    head, _, rest = reply.partition(b"\r\n\r\n")
    return Answer(int(head.split()[1]), rest.decode(errors="replace"), sent, seconds)


def many_bodies(port: int, desk_id: str, connections: int, size: int) -> tuple[list[int], int]:
    """``connections`` forged requests at once, each sending all but the last byte of a
    ``size``-byte body and then waiting: what the server holds while it waits. The answers
    given meanwhile (0: none yet), and the body bytes the server let through."""
    block = b"\0" * (256 * 1024)
    sockets = []
    for _ in range(connections):
        sock = socket.create_connection(("127.0.0.1", port))
        head = [f"POST {protocol.CHANGES_PATH} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
        head += [f"{k}: {v}" for k, v in forged_headers(desk_id).items()]
        head.append(f"Content-Length: {size}")
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        sock.setblocking(False)
        sockets.append(sock)
    left = {sock: size - 1 for sock in sockets}
    answers: dict[socket.socket, bytes] = {}
    sent = 0
    deadline = time.monotonic() + 120
    while left and time.monotonic() < deadline:
        readable, writable, _ = select.select(list(left), list(left), [], 5)
        for sock in readable:
            with contextlib.suppress(OSError):
                answers[sock] = sock.recv(65536)
            left.pop(sock, None)
        for sock in writable:
            if sock not in left:
                continue
            try:
                n = sock.send(block[: left[sock]])
            except BlockingIOError:
                continue
            except OSError:
                left.pop(sock)
                continue
            sent += n
            left[sock] -= n
            if not left[sock]:
                left.pop(sock)
    time.sleep(0.5)  # the server reads what is in flight
    for sock in sockets:
        if sock not in answers:
            with contextlib.suppress(OSError):
                answers[sock] = sock.recv(65536)
    statuses = []
    for sock in sockets:
        reply = answers.get(sock, b"")
        statuses.append(int(reply.split()[1]) if reply.startswith(b"HTTP/1.1 ") else 0)
    for sock in sockets:
        sock.close()
    return statuses, sent


def _expected(reply: bytes) -> int:
    head, _, _ = reply.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(head) + 4 + int(line.split(b":")[1])
    return len(reply) + 1 if b"\r\n\r\n" not in reply else len(reply)


def forged_headers(desk_id: str) -> dict[str, str]:
    """A request that names an enrolled desk, with the time right and a made-up signature."""
    return {
        protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION,
        protocol.HEADER_DESK: desk_id,
        protocol.HEADER_TIME: datetime.now(UTC).isoformat(timespec="seconds"),
        protocol.HEADER_NONCE: os.urandom(16).hex(),
        protocol.HEADER_SIGNATURE: base64.b64encode(b"\0" * 64).decode(),
    }


def gzip_bomb(mib: int) -> bytes:
    """A valid gzip stream of ``mib`` MiB of zeros (about 1 KB per MiB), built without
    compressing it all: after a full flush, deflate's output for the same input repeats."""
    zeros = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + block * mib + end + struct.pack("<II", crc, (mib * MIB) & 0xFFFFFFFF)


def deflate_bomb(mib: int) -> tuple[bytes, int]:
    """Raw deflate of ``mib`` MiB of zeros, and its CRC-32 (for a zip member)."""
    data = gzip_bomb(mib)
    crc = struct.unpack("<I", data[-8:-4])[0]
    return data[10:-8], crc


def write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """A zip file from (name, stored bytes, method 0 or 8, crc, inflated size)."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                           len(data), size, len(encoded), 0) + encoded + data  # fmt: skip
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21,
                               crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                               offset) + encoded  # fmt: skip
    start = len(out)
    out += central
    count = len(members)
    if count > 0xFFFF:  # zip64 end record and its locator
        end64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                           len(central), start)  # fmt: skip
        out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
        count = 0xFFFF
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    path.write_bytes(bytes(out))


def bomb_pack(path: Path, desk_id: str, mib: int) -> None:
    """A USB pack with a made-up signature whose entries inflate to ``mib`` MiB."""
    manifest = json.dumps(
        {
            "document": {
                "format": protocol.PACK_FORMAT,
                "desk_id": desk_id,
                "from_seq": 1,
                "to_seq": 1,
                "entries_sha256": "0" * 64,
                "blobs": [],
            },
            "signature": base64.b64encode(b"\0" * 64).decode(),
        }
    ).encode()
    entries, crc = deflate_bomb(mib)
    write_zip(
        path,
        [
            (protocol.PACK_MANIFEST, manifest, 0, zlib.crc32(manifest), len(manifest)),
            (protocol.PACK_ENTRIES, entries, 8, crc, mib * MIB),
        ],
    )


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
