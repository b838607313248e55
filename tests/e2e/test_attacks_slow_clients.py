"""Slow clients against the real ``district-server serve`` process: a request head that
never ends (slow-loris), or a body that stops coming, must not hold a connection for ever. Each one held costs the
server a file descriptor; past its limit (1,024 on a default systemd service) no desk and
no citizen's QR gets an answer."""

from __future__ import annotations

import contextlib
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

import desk_protocol as protocol
from bench.pg import free_port
from district_server import connections

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="file descriptor limits")

FDS = 128  # the server's limit here, so that a few hundred sockets reach it


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FDS, FDS))


def test_request_heads_and_bodies_that_never_end_do_not_hold_the_server(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "district_server", "serve", "--data-dir", str(tmp_path / "d"),
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_limited,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}{protocol.TIME_PATH}"
    held: list[socket.socket] = []
    try:
        for _ in range(400):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url).is_success:
                    break
            time.sleep(0.05)
        for n in range(FDS + 32):  # past what the server can hold
            sock = socket.create_connection(("127.0.0.1", port))
            if n % 2:  # a head's first line, and no more
                sock.sendall(b"GET /tra-cuu/x HTTP/1.1\r\nHost: x\r\n")
            else:  # a whole head, then 5 bytes of a 100-byte body
                sock.sendall(
                    f"POST {protocol.ENROL_PATH} HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
                    '"co'.encode()
                )
            held.append(sock)
        # every one is let go, those the server could accept only once others were gone
        # included (each deadline runs from its own acceptance), and it answers again;
        # before, it never did (no file descriptor left, none ever given back)
        limit = connections.HEAD_SECONDS + connections.BODY_IDLE_SECONDS + 10
        deadline = time.monotonic() + limit
        waiting = list(held)
        while waiting and time.monotonic() < deadline:
            time.sleep(1)
            waiting = [sock for sock in waiting if not _gone(sock)]
        assert not waiting, f"{len(waiting)} of {len(held)} still held"
        answer = httpx.get(url, timeout=5)
        assert answer.status_code == 200
    finally:
        for sock in held:
            sock.close()
        server.terminate()
        server.wait(20)


def _gone(sock: socket.socket) -> bool:
    sock.settimeout(0.01)
    try:
        return sock.recv(1) == b""
    except (TimeoutError, BlockingIOError):
        return False
