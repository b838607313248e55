"""The one way slow work leaves the UI thread.

Two lanes, one thread each:
- ``DB``: every call that reads or writes the database through services. A single thread
  makes it the desk's single writer and keeps its SQLite connection on one thread.
- ``WORK``: CPU work such as rendering PDF pages to images (pdfium is not thread-safe,
  so one thread is also the correct number).
- ``NET``: sync with the district server. A cycle may wait on a slow link for minutes;
  on its own lane it never delays a save. Its only writes are the sync position (tiny
  transactions; WAL and the busy timeout let them interleave with the DB lane's).
Results come back to the UI thread by a queued signal; callbacks run there and may touch
widgets. A task whose owner was destroyed is dropped quietly.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Lane(Enum):
    DB = "db"
    WORK = "work"
    NET = "net"


class _Relay(QObject):
    finished = Signal(int, bool, object)  # task id, ok, result or exception


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id = task_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as err:  # handed to the UI thread, which decides what to show
            log.debug("task %s failed: %s", self._id, traceback.format_exc())
            self._relay.finished.emit(self._id, False, err)
        else:
            self._relay.finished.emit(self._id, True, result)


class TaskRunner(QObject):
    """``submit(fn, on_done, on_error)`` runs ``fn()`` on a worker thread of ``lane``."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools = {lane: self._pool(lane) for lane in Lane}
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)  # created here: lives on the UI thread
        self._ids = itertools.count(1)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None], Callable[[BaseException], None]]
        ] = {}

    @staticmethod
    def _pool(lane: Lane) -> QThreadPool:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)  # keep the one thread (and its SQLite connection) alive
        pool.setObjectName(f"lane-{lane.value}")
        return pool

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        lane: Lane = Lane.DB,
    ) -> int:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._pools[lane].start(_Task(task_id, fn, self._relay))
        return task_id

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, payload: object) -> None:
        on_done, on_error = self._callbacks.pop(task_id)
        if not self._callbacks:
            self.busy_changed.emit(False)
        try:
            if ok:
                on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                on_error(payload)
        except RuntimeError as err:
            # A callback into a widget the user already closed: nothing left to update.
            if "already deleted" not in str(err):
                raise

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Wait for running work (a save in progress must finish) before the app quits."""
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())

    def run_on_lane(self, lane: Lane, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on ``lane`` and wait (for shutdown chores such as closing connections)."""
        self._pools[lane].start(fn)
        self._pools[lane].waitForDone()
