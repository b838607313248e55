"""Requests written byte by byte on a socket (``bench/hostile.py``): a body of any size,
declared or chunked, that stops being sent when the server answers or closes; many at
once, held open before their last byte."""

from __future__ import annotations

import base64
import contextlib
import os
import select
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import desk_protocol as protocol


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
