"""The scan folder a scanner saves into, polled every two seconds while the panel is open:
each file that has settled comes in as pages, is remembered (a database write, DB lane) and
moved aside; one poll at a time."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desk_app.services.digitisation import HotFailure, HotFile, HotFolder
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner


class FolderWatch(QObject):
    arrived = Signal(object)  # the RawPages of one file
    said = Signal(str)  # a line for the panel's message

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._hot: HotFolder | None = None
        self._timer = QTimer(self, interval=2000)
        self._timer.timeout.connect(self._poll)

    def watch(self, hot: HotFolder) -> None:
        """Poll ``hot`` from now on (in place of the folder watched before, if any)."""
        self._hot = hot
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _poll(self) -> None:
        hot = self._hot
        if hot is None:
            return
        self._timer.stop()  # one poll at a time

        def done(result: tuple[list[HotFile], list[HotFailure]]) -> None:
            ready, failed = result
            for item in ready:
                self.arrived.emit(item.pages)
            if ready:  # remembered (a database write) on the DB lane, then moved aside

                def remember() -> int:
                    for item in ready:
                        hot.done(item)
                    return len(ready)

                self._runner.submit(
                    remember,
                    lambda _done: None,
                    lambda err: self.said.emit(describe_error(err, self.tr("ghi nhớ tệp đã nhập"))),
                )
            if failed:
                self.said.emit("\n".join(f.error.message for f in failed))
            self._timer.start()

        def error(err: BaseException) -> None:
            self.said.emit(describe_error(err, self.tr("đọc thư mục quét")))
            self._timer.start()

        self._runner.submit(hot.poll, done, error, Lane.WORK)
