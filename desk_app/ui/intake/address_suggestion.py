"""An address read from an old ID card, offered in its 2025 form (after the mergers of
provinces and communes): the officer confirms it, or keeps the card's text."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.services.addresses import AddressSuggestion
from desk_app.ui.widgets.task_runner import TaskRunner


class AddressSuggestionBanner(QWidget):
    use = Signal(str)  # the new address, when the officer confirms it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggestion: AddressSuggestion | None = None
        self.banner = QLabel(objectName="address_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4e5; padding: 6px; border-radius: 4px;")
        self.use_button = QPushButton(self.tr("Dùng địa chỉ &mới"), objectName="use_new_address")
        self.keep_button = QPushButton(self.tr("&Giữ như trên thẻ"), objectName="keep_address")
        self.use_button.clicked.connect(self._use)
        self.keep_button.clicked.connect(lambda: self.show_suggestion(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.use_button)
        row.addWidget(self.keep_button)
        self.hide()

    def show_suggestion(self, suggestion: AddressSuggestion | None) -> None:
        """Shown for an address in the pre-2025 form; hidden (and forgotten) for None."""
        self._suggestion = suggestion
        if suggestion is None:
            self.hide()
            return
        self.banner.setText(
            self.tr(
                "Địa chỉ trên thẻ theo đơn vị hành chính cũ. Địa chỉ mới: {new}. {note} "
                "(Bảng chuyển đổi: {source})"
            ).format(
                new=suggestion.new,
                note=self.tr(
                    "Xã/phường cũ đã được chia cho nhiều xã/phường mới: hãy hỏi lại người dân."
                )
                if suggestion.split
                else self.tr("Hãy hỏi lại người dân trước khi dùng."),
                source=suggestion.source,
            )
        )
        self.show()

    def suggest_for(self, address: str, runner: TaskRunner) -> None:
        """Look the card's address up off the UI thread; a failed look-up offers nothing."""
        from desk_app.services.addresses import suggest_new_address

        self.show_suggestion(None)
        runner.submit(lambda: suggest_new_address(address), self.show_suggestion, lambda _err: None)

    def _use(self) -> None:
        if self._suggestion is not None:
            self.use.emit(self._suggestion.new)
            self.show_suggestion(None)
