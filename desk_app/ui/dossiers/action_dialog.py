"""One action on a dossier (hand over, supplement, refuse, apologise, stop, return ...):
the fields that action needs, every error under its field, then the paper it issues.

An action cannot be undone, so none is recorded by accident: Enter in a field only moves
to the next one (there is no default button), the fields the action needs must be filled,
and "Ghi nhận" first shows what will be recorded and asks for a second, explicit
"Xác nhận" (a click, Alt+X or Space on it); changing a field asks again."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import DraftInvalid
from desk_app.domain.lifecycle import (
    PROCESSING_BODIES,
    Action,
    ActionInput,
    Collector,
    ReturnMethod,
    Satisfaction,
)
from desk_app.domain.records import DossierRecord
from desk_app.services.lifecycle import ActionDone, LifecycleService
from desk_app.ui.widgets.fit import resize_to_fit
from desk_app.ui.widgets.form_fields import ERROR_STYLE, FieldErrors, add_row
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import TaskRunner

_REASON_CAPTIONS = {
    Action.REQUEST_SUPPLEMENT: QT_TRANSLATE_NOOP("ActionDialog", "Nội dung cần &bổ sung"),
    Action.REFUSE: QT_TRANSLATE_NOOP("ActionDialog", "&Lý do từ chối"),
    Action.APOLOGISE: QT_TRANSLATE_NOOP("ActionDialog", "&Lý do chậm trả"),
    Action.STOP: QT_TRANSLATE_NOOP("ActionDialog", "&Lý do dừng (theo đề nghị)"),
    Action.WITHDRAW: QT_TRANSLATE_NOOP("ActionDialog", "&Lý do rút hồ sơ"),
    Action.RETURN_RESULT: QT_TRANSLATE_NOOP("ActionDialog", "&Giấy ủy quyền (nếu nhận thay)"),
}


_REQUIRED_TEXT = QT_TRANSLATE_NOOP("ActionDialog", "Chưa nhập «{caption}».")


class ActionDialog(QDialog):
    done_action = Signal(object)  # ActionDone, after the commit

    def __init__(
        self,
        record: DossierRecord,
        action: Action,
        lifecycle: LifecycleService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        paper_parent: QWidget | None = None,
    ) -> None:
        """``paper_parent``: the window the issued paper opens over (it outlives this
        dialog and the dossier's); this dialog's parent by default."""
        super().__init__(parent)
        self._paper_parent = paper_parent or parent
        self._record, self._action = record, action
        self._lifecycle, self._runner = lifecycle, runner
        self.setWindowTitle(f"{label(action)} — {record.code}")
        self.errors = FieldErrors()
        grid = QGridLayout()
        row = 0
        self.party = QComboBox(objectName="action.party", editable=True)
        self.person = QLineEdit(objectName="action.person")
        self.reason = QLineEdit(objectName="action.reason")
        self.new_due = QLineEdit(objectName="action.new_due")
        self.new_due.setPlaceholderText(self.tr("dd/mm/yyyy hoặc dd/mm/yyyy HH:MM"))
        self.collector = QComboBox(objectName="action.collector")
        self.collector.addItem(self.tr("Người nộp hồ sơ"), Collector.APPLICANT.value)
        self.collector.addItem(self.tr("Người được ủy quyền nhận thay"), Collector.DELEGATE.value)
        self.collector_id = QLineEdit(objectName="action.collector_id")
        self.method = QComboBox(objectName="action.method")
        for method in ReturnMethod:
            self.method.addItem(label(method), method.value)
        self.satisfaction = QComboBox(objectName="action.satisfaction")
        self.satisfaction.addItem(self.tr("Công dân không đánh giá"), None)
        for level in Satisfaction:
            self.satisfaction.addItem(label(level), int(level))
        self.comment = QLineEdit(objectName="action.comment")

        # (field key, caption, editor) of the fields this action cannot go without
        self.required: list[tuple[str, str, QLineEdit]] = []

        def add(caption: str, editor: QWidget, key: str, required: bool = False) -> None:
            nonlocal row
            add_row(grid, row, 0, caption, editor, self.errors, key)
            row += 1
            line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
            if isinstance(line, QLineEdit):
                # Enter moves on, it never records; a change asks for the confirm again.
                line.returnPressed.connect(self.focusNextChild)
                line.textChanged.connect(self._unconfirm)
                if required:
                    self.required.append((key, caption.replace("&", ""), line))
            elif isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self._unconfirm)

        if action is Action.HAND_OVER:
            self.party.addItems(PROCESSING_BODIES)
            self.party.setCurrentText("")
            add(self.tr("&Chuyển đến"), self.party, "party", required=True)
            add(self.tr("&Người nhận"), self.person, "person", required=True)
            add(self.tr("Ghi &chú"), self.reason, "reason")
        elif action is Action.RESULT_READY:
            self.party.addItems([record.state.holder])
            add(self.tr("&Nhận từ"), self.party, "party")
            add(self.tr("Ghi &chú"), self.reason, "reason")
        elif action is Action.APOLOGISE:
            add(self.tr("Ngày hẹn trả &mới"), self.new_due, "new_due", required=True)
            add(self.tr(str(_REASON_CAPTIONS[action])), self.reason, "reason", required=True)
        elif action is Action.RETURN_RESULT:
            add(self.tr("&Người nhận kết quả"), self.collector, "collector")
            add(self.tr("&Họ tên người nhận thay"), self.person, "person")
            add(self.tr("Số &định danh người nhận"), self.collector_id, "collector_id")
            add(self.tr(str(_REASON_CAPTIONS[action])), self.reason, "reason")
            add(self.tr("&Cách trả"), self.method, "method")
            add(self.tr("Mức độ &hài lòng"), self.satisfaction, "satisfaction")
            add(self.tr("Ý &kiến"), self.comment, "comment")
            # Returning to the applicant: their number is known, not asked again (the
            # officer compares it with the card shown); a delegate's is typed.
            self.collector.currentIndexChanged.connect(self._collector_changed)
        else:
            caption = _REASON_CAPTIONS.get(action, QT_TRANSLATE_NOOP("ActionDialog", "Ghi &chú"))
            add(self.tr(str(caption)), self.reason, "reason", required=action in _REASON_CAPTIONS)
        self.form_error = QLabel(wordWrap=True, objectName="action.error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.hide()
        self.errors.add("form", self.reason, self.form_error)
        self.confirm_text = QLabel(wordWrap=True, objectName="action.confirm_text")
        self.confirm_text.setStyleSheet("font-weight: bold;")
        self.confirm_text.hide()
        self.ok = QPushButton(self.tr("&Ghi nhận…"), objectName="action.ok")
        self.confirm = QPushButton(self.tr("&Xác nhận ghi nhận"), objectName="action.confirm")
        self.confirm.hide()
        cancel = QPushButton(self.tr("Hủy (Esc)"))
        for button in (self.ok, self.confirm, cancel):
            button.setAutoDefault(False)  # Enter in a field never presses a button
        self.ok.clicked.connect(self.ask_confirm)
        self.confirm.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(self.confirm)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.form_error)
        layout.addWidget(self.confirm_text)
        layout.addStretch(1)
        layout.addLayout(buttons)
        # The dialog grows with its error text instead of cutting it (issue 26, 8).
        self.form_error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setMinimumWidth(460)
        resize_to_fit(self, 560, self.sizeHint().height())
        self.preview: PaperPreviewDialog | None = None
        self.outcome: ActionDone | None = None
        if action is Action.RETURN_RESULT:
            self._collector_changed()

    def _collector_changed(self, *_args: object) -> None:
        applicant = self.collector.currentData() == Collector.APPLICANT.value
        self.collector_id.setText(self._record.applicant.id_number if applicant else "")
        if applicant:
            self.person.clear()
        self.person.setEnabled(not applicant)  # "Họ tên người nhận thay": a delegate's

    def missing(self) -> list[str]:
        """The keys of the needed fields still empty; each gets its message."""
        empty = []
        for key, caption, line in self.required:
            if not line.text().strip():
                self.errors.show(key, self.tr(str(_REQUIRED_TEXT)).format(caption=caption))
                empty.append(key)
        return empty

    def ask_confirm(self) -> None:
        """The "Ghi nhận" button: the needed fields filled, then what will be recorded and "Xác nhận"."""
        self.errors.clear()
        empty = self.missing()
        if empty:
            self._grow()
            next(line for key, _c, line in self.required if key == empty[0]).setFocus()
            return
        self.confirm_text.setText(
            self.tr(
                "Ghi nhận «{action}» cho hồ sơ {code}? Việc này không hoàn tác được. "
                "Kiểm tra lại rồi bấm «Xác nhận ghi nhận»."
            ).format(action=label(self._action), code=self._record.code)
        )
        self.confirm_text.show()
        self.ok.hide()
        self.confirm.show()
        self._grow()

    def _unconfirm(self, *_args: object) -> None:
        """A field changed after "Ghi nhận": the confirm is asked again."""
        if not self.confirm.isHidden():
            self.confirm.hide()
            self.confirm_text.hide()
            self.ok.show()

    def _grow(self) -> None:
        """Room for the error or confirm text that just appeared."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        height = max(self.height(), self.sizeHint().height())
        resize_to_fit(self, max(self.width(), self.sizeHint().width()), height)

    def given(self) -> ActionInput:
        satisfaction = self.satisfaction.currentData()
        return ActionInput(
            reason=self.reason.text(),
            party=self.party.currentText(),
            person=self.person.text(),
            new_due=self.new_due.text(),
            collector=str(self.collector.currentData()),
            collector_id=self.collector_id.text(),
            method=str(self.method.currentData()),
            satisfaction=int(satisfaction) if satisfaction is not None else None,
            comment=self.comment.text(),
        )

    def submit(self) -> None:
        """The "Xác nhận ghi nhận" button: recorded by the service (which checks every field again)."""
        self.errors.clear()
        if self.missing():
            self._unconfirm()
            self._grow()
            return
        self.ok.setEnabled(False)
        self.confirm.setEnabled(False)
        record_id, action, given = self._record.id, self._action, self.given()
        self._runner.submit(
            lambda: self._lifecycle.perform(record_id, action, given), self._done, self._failed
        )

    def _failed(self, err: BaseException) -> None:
        self.ok.setEnabled(True)
        self.confirm.setEnabled(True)
        self._unconfirm()
        if isinstance(err, DraftInvalid):
            first = None
            for error in err.errors:
                editor = self.errors.show(error.field, error.message)
                first = first or editor
            if first is not None:
                first.setFocus()
        else:
            self.errors.show("form", describe_error(err, label(self._action).lower()))
        self._grow()

    def _done(self, result: ActionDone) -> None:
        """The paper the action issued comes first: its preview opens before the dossier
        is shown again (``done_action`` is emitted once ``preview`` is set)."""
        self.outcome = result
        if result.paper is not None:
            self.preview = PaperPreviewDialog(
                result.paper,
                f"{result.paper_name} — {result.record.code}",
                f"{result.record.code}_{self._action.value}.pdf",
                self._runner,
                self._paper_parent,
            )
            self.preview.open()
        self.done_action.emit(result)
        self.accept()
