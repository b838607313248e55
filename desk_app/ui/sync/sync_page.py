"""Đồng bộ: this desk's link to the district server, what waits, and the USB way.

Automatic cycles run on the network lane: every few minutes while the server answers,
backing off with jitter while it does not. Nothing here ever blocks intake.
"""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.access import AnchorStatus
from desk_app.services.sync import (
    FoundHub,
    SyncIdentity,
    SyncProblem,
    SyncService,
    SyncState,
    SyncSummary,
    next_delay,
)
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner


class SyncPage(QWidget):
    state_changed = Signal(str)  # one line for the status bar

    def __init__(
        self, sync: SyncService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._runner = runner
        self._failures = 0
        self._running = False
        self._rng = random.Random()
        self.server = QLabel(objectName="server", wordWrap=True)
        self.pending = QLabel(objectName="pending")
        self.last_success = QLabel(objectName="last_success")
        self.last_error = QLabel(objectName="last_error", wordWrap=True)
        self.last_error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Máy chủ"), self.server)
        form.addRow(self.tr("Còn chờ gửi"), self.pending)
        form.addRow(self.tr("Lần thành công gần nhất"), self.last_success)
        form.addRow(self.tr("Lỗi gần nhất"), self.last_error)
        # the local audit chain against the server's signed anchor (issue 20, item 11)
        self.audit_anchor = QLabel(objectName="audit_anchor", wordWrap=True)
        form.addRow(self.tr("Nhật ký truy cập"), self.audit_anchor)
        self.sync_now = QPushButton(self.tr("Đồng bộ &ngay (F9)"), objectName="sync_now")
        self.sync_now.setDefault(True)
        self.sync_now.clicked.connect(self.run_now)
        self.enrol_button = QPushButton(self.tr("Đăng ký quầy với máy chủ…"), objectName="enrol")
        self.enrol_button.clicked.connect(self.ask_enrolment)
        # a hub advertised on the LAN (serve --advertise): enrolled only with the key the
        # officer confirms by its fingerprint, read on the hub's screen (hub-status)
        self.find_hub_button = QPushButton(self.tr("Tìm hub trong mạng…"), objectName="find_hub")
        self.find_hub_button.clicked.connect(self.find_hub)
        self.export_button = QPushButton(self.tr("Xuất gói USB…"), objectName="export_pack")
        self.export_button.clicked.connect(self.choose_pack)
        self.ack_button = QPushButton(self.tr("Nhập xác nhận từ USB…"), objectName="import_ack")
        self.ack_button.clicked.connect(self.choose_ack)
        self.message = QLabel(wordWrap=True, objectName="message")
        buttons = QHBoxLayout()
        for button in (
            self.sync_now, self.enrol_button, self.find_hub_button, self.export_button,
            self.ack_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Items in error: each waits here for a person; the others go on without them.
        self.problems_title = QLabel(objectName="problems_title")
        self.problems = QListWidget(objectName="problems")
        self.problems.setWordWrap(True)
        self.problems_title.setBuddy(self.problems)
        self.resolve_button = QPushButton(self.tr("Đã &xử lý mục chọn"), objectName="resolve")
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.problems.currentItemChanged.connect(
            lambda item, _old: self.resolve_button.setEnabled(item is not None)
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignLeft)
        QShortcut(QKeySequence("F9"), self, activated=self.run_now)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.run_now)
        self.refresh()

    # --- state ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """What waits changes while the officer works elsewhere: read it afresh when shown."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._runner.submit(
            lambda: (
                self._sync.identity(),
                self._sync.state(),
                self._sync.problems(),
                self._sync.audit_anchor(),
            ),
            lambda result: self._show(*result),
            lambda err: self.message.setText(
                describe_error(err, self.tr("đọc trạng thái đồng bộ"))
            ),
        )

    def _show(
        self,
        identity: SyncIdentity | None,
        state: SyncState,
        problems: list[SyncProblem],
        anchor: AnchorStatus | None = None,
    ) -> None:
        self._show_problems(problems)
        self._show_anchor(anchor)
        if identity is None:
            self.server.setText(self.tr("Chưa đăng ký — quầy làm việc ngoại tuyến"))
        else:
            self.server.setText(
                self.tr("{url} — quầy {n} của {commune}").format(
                    url=identity.server_url,
                    n=identity.desk_number,
                    commune=identity.commune_code,
                )
            )
        pending = state.pending
        success = state.last_success_at
        self.pending.setText(self.tr("{n} mục").format(n=pending))
        self.last_success.setText(success.strftime("%H:%M %d/%m/%Y") if success else "—")
        self.last_error.setText(state.last_error or "—")
        enrolled = identity is not None
        for button in (self.sync_now, self.export_button, self.ack_button):
            button.setEnabled(enrolled)
        line = (
            self.tr("Đồng bộ: còn chờ {n}").format(n=pending)
            if enrolled
            else self.tr("Làm việc ngoại tuyến — dữ liệu lưu tại máy")
        )
        if problems:
            line += self.tr(", {n} mục lỗi chờ xử lý").format(n=len(problems))
        self.state_changed.emit(line)
        if enrolled and not self.timer.isActive() and not self._running:
            self.timer.start(int(next_delay(self._failures, rng=self._rng) * 1000))

    def _show_anchor(self, status: AnchorStatus | None) -> None:
        if status is not None and status.problem:
            self.audit_anchor.setText(status.problem)  # the service's words, in red
            self.audit_anchor.setStyleSheet("color: #b00020; font-weight: bold;")
            return
        self.audit_anchor.setStyleSheet("")
        if status is None or status.anchor is None:
            self.audit_anchor.setText(self.tr("chưa có xác nhận của máy chủ"))
        else:
            self.audit_anchor.setText(
                self.tr("khớp với bản máy chủ đã xác nhận đến mục {n} ({at})").format(
                    n=status.anchor.seq, at=status.anchor.signed_at[:10]
                )
            )

    def _show_problems(self, problems: list[SyncProblem]) -> None:
        self.problems_title.setText(
            self.tr("Mục lỗi chờ người xử lý: {n}").format(n=len(problems))
            if problems
            else self.tr("Không có mục lỗi.")
        )
        self.problems.clear()
        for problem in problems:
            what = (
                self.tr("Mục {ref}").format(ref=problem.ref)
                if problem.kind == "entry"
                else self.tr("Tệp {ref}…").format(ref=problem.ref[:12])
            )
            item = QListWidgetItem(
                f"{problem.noticed_at:%H:%M %d/%m/%Y} — {what}: {problem.message}"
            )
            item.setData(Qt.ItemDataRole.UserRole, problem.id)
            self.problems.addItem(item)
        self.problems.setVisible(bool(problems))
        self.resolve_button.setVisible(bool(problems))

    def resolve_selected(self) -> None:
        item = self.problems.currentItem()
        if item is None:
            return
        problem_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._runner.submit(
            lambda: self._sync.resolve_problem(problem_id),
            lambda _done: self._after(self.tr("Đã đánh dấu mục lỗi là đã xử lý.")),
            lambda err: self.message.setText(describe_error(err, self.tr("đánh dấu mục lỗi"))),
        )

    # --- cycles -----------------------------------------------------------------------

    def run_now(self) -> None:
        if self._running:
            return
        self._running = True
        self.timer.stop()
        self.sync_now.setEnabled(False)
        self.message.setText(self.tr("Đang đồng bộ…"))
        self._runner.submit(self._sync.run_once, self._done, self._failed, Lane.NET)

    def _done(self, summary: SyncSummary) -> None:
        self._running = False
        self._failures = 0
        self.message.setText(summary.line)
        self.refresh()

    def _failed(self, err: BaseException) -> None:
        self._running = False
        self._failures += 1
        self.message.setText(describe_error(err, self.tr("đồng bộ")))
        self.refresh()

    @property
    def failures(self) -> int:
        return self._failures

    # --- enrolment and USB ------------------------------------------------------------

    def ask_enrolment(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Đăng ký quầy"), self.tr("Địa chỉ máy chủ:"))
        if not ok or not url.strip():
            return
        code, ok = QInputDialog.getText(
            self, self.tr("Đăng ký quầy"), self.tr("Mã đăng ký (do quản trị máy chủ cấp):")
        )
        if ok and code.strip():
            self.enrol(url, code)

    def enrol(self, url: str, code: str) -> None:
        self.message.setText(self.tr("Đang đăng ký…"))
        self._runner.submit(
            lambda: self._sync.enrol(url, code),
            lambda _identity: self._after(self.tr("Đã đăng ký quầy với máy chủ.")),
            lambda err: self.message.setText(describe_error(err, self.tr("đăng ký quầy"))),
            Lane.NET,
        )

    def find_hub(self) -> None:
        self.message.setText(self.tr("Đang tìm hub trong mạng nội bộ…"))
        self._runner.submit(
            lambda: self._sync.find_hubs(3.0),
            self._found,
            lambda err: self.message.setText(describe_error(err, self.tr("tìm hub"))),
            Lane.NET,
        )

    def _found(self, hubs: list[FoundHub]) -> None:
        if not hubs:
            self.message.setText(self.tr("Không tìm thấy hub nào trong mạng nội bộ."))
            return
        self.message.setText("")
        shown = self.tr("Xã {commune} — {url} — dấu khóa {fingerprint}")
        named = [
            shown.format(commune=h.commune_code, url=h.url, fingerprint=h.fingerprint) for h in hubs
        ]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Hub tìm thấy"), self.tr("Chọn hub của xã:"), named, 0, False
        )
        if not ok:
            return
        fingerprint, ok = QInputDialog.getText(
            self, self.tr("Xác nhận hub"),
            self.tr("Dấu khóa của hub (đọc trên màn hình máy hub, lệnh hub-status):"),
        )  # fmt: skip
        if not ok or not fingerprint.strip():
            return
        code, ok = QInputDialog.getText(
            self, self.tr("Đăng ký quầy"), self.tr("Mã đăng ký (do hub cấp):")
        )
        if ok and code.strip():
            self.enrol_found(hubs[named.index(chosen)].url, code, fingerprint)

    def enrol_found(self, url: str, code: str, fingerprint: str) -> None:
        self.message.setText(self.tr("Đang kiểm tra khóa của hub và đăng ký…"))
        self._runner.submit(
            lambda: self._sync.enrol_found(url, code, fingerprint),
            lambda _identity: self._after(
                self.tr("Đã đăng ký quầy với hub (khóa đúng dấu đã xác nhận).")
            ),
            lambda err: self.message.setText(describe_error(err, self.tr("đăng ký quầy với hub"))),
            Lane.NET,
        )

    def _after(self, text: str) -> None:
        self.message.setText(text)
        self.refresh()

    def choose_pack(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Ghi gói USB"), "goi-dong-bo.zip", self.tr("Gói dữ liệu (*.zip)")
        )
        if path:
            self.export_pack(Path(path))

    def export_pack(self, path: Path) -> None:
        self._runner.submit(
            lambda: self._sync.export_pack(path),
            lambda pack: self.message.setText(
                self.tr("Đã ghi gói: {n} mục, {b} tệp số hóa.").format(n=pack.entries, b=pack.blobs)
            ),
            lambda err: self.message.setText(describe_error(err, self.tr("xuất gói USB"))),
            Lane.WORK,
        )

    def choose_ack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Tệp xác nhận của máy chủ"), "", self.tr("Tệp xác nhận (*.json)")
        )
        if path:
            self.import_ack(Path(path))

    def import_ack(self, path: Path) -> None:
        self._runner.submit(
            lambda: self._sync.import_ack(path),
            lambda acked: self._after(self.tr("Máy chủ đã xác nhận đến mục {n}.").format(n=acked)),
            lambda err: self.message.setText(describe_error(err, self.tr("nhập xác nhận"))),
        )
