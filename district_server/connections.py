"""How long the server waits for a client: a request head must arrive whole within
``HEAD_SECONDS`` of its first byte (or of the connection), and a body must not stop for
``BODY_IDLE_SECONDS``; otherwise the connection is closed. Uvicorn has neither (a
slow-loris client holds a connection for ever by sending a head a byte at a time, and each
held connection costs a file descriptor)."""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_SECONDS = 10.0  # a desk sends its head at once; a slow link takes a second or two
BODY_IDLE_SECONDS = 30.0  # between two reads of a body (a 256 KB chunk on 64 kbit/s: 32 s)


class PatientH11(H11Protocol):
    """Uvicorn's h11 protocol with the two deadlines (``serve --http`` names it)."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(HEAD_SECONDS)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.IDLE:  # a head begun, not whole: its deadline runs from here
            if self._deadline is None:
                self._arm(HEAD_SECONDS)
        elif state is h11.SEND_BODY:  # the body moved: it may rest this long again
            self._arm(BODY_IDLE_SECONDS)
        else:
            self._cancel()

    def on_response_complete(self) -> None:
        self._cancel()  # idle between requests: uvicorn's keep-alive timeout closes it
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._cancel()
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        state = self.conn.their_state
        if self.transport.is_closing() or state not in (h11.IDLE, h11.SEND_BODY):
            return
        if state is h11.SEND_BODY and self.flow.read_paused:
            self._arm(BODY_IDLE_SECONDS)  # the server is the slow one (the app not reading)
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True  # the app waiting for the body sees it gone
            self.cycle.message_event.set()
        self.transport.close()
