"""The public status-lookup address of the papers' QR, with "Kiểm tra" beside it: the
address is asked once from this PC (on the task runner) and the answer shown under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk_app.services.lookup import check_lookup_base
from desk_app.ui.widgets.form_fields import ERROR_STYLE
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

OK_STYLE = "color: #1b5e20;"


class LookupField(QWidget):
    def __init__(
        self,
        runner: TaskRunner,
        name: str,
        parent: QWidget | None = None,
        *,
        when_empty: Callable[[], str] = str,
    ) -> None:
        """``when_empty``: the address an empty field stands for (the wizard: its server)."""
        super().__init__(parent)
        self._runner = runner
        self._when_empty = when_empty
        self.line = QLineEdit(objectName=name)
        self.line.setPlaceholderText("https://dichvucong.tinh.gov.vn")
        self.check_button = QPushButton(self.tr("&Kiểm tra"), objectName=f"{name}.check")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        self.result = QLabel(wordWrap=True, objectName=f"{name}.result")
        self.result.hide()
        self.checked = ""  # the address last proved to answer
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.line.textChanged.connect(self.result.hide)

    def check(self) -> None:
        url = self.line.text().strip() or self._when_empty().strip()
        self.check_button.setEnabled(False)
        self._say(self.tr("Đang hỏi {url}…").format(url=url), "")
        self._runner.submit(
            lambda: check_lookup_base(url), lambda _s: self._ok(url), self._bad, Lane.NET
        )

    def _ok(self, url: str) -> None:
        self.check_button.setEnabled(True)
        self.checked = url
        self._say(
            self.tr("✓ {url} trả lời: mã QR trên giấy tờ sẽ mở trang tra cứu này.").format(url=url),
            OK_STYLE,
        )

    def _bad(self, err: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.checked = ""
        self._say(describe_error(err, self.tr("kiểm tra địa chỉ tra cứu")), ERROR_STYLE)

    def _say(self, text: str, style: str) -> None:
        self.result.setStyleSheet(style)
        self.result.setText(text)
        self.result.show()
