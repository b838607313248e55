"""One action on a dossier (hand over, supplement, refuse, apologise, stop, return ...):
the fields that action needs, every error under its field, then the paper it issues."""

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
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.deadlines import ExtensionKind
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


class ActionDialog(QDialog):
    done_action = Signal(object)  # ActionDone, after the commit

    def __init__(
        self,
        record: DossierRecord,
        action: Action,
        lifecycle: LifecycleService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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
        self.extension = QComboBox(objectName="action.extension")
        for kind in ExtensionKind:
            self.extension.addItem(label(kind), kind.value)
        self.days = QLineEdit(objectName="action.days")
        self.days.setPlaceholderText(self.tr("số ngày làm việc"))

        def add(caption: str, editor: QWidget, key: str) -> None:
            nonlocal row
            add_row(grid, row, 0, caption, editor, self.errors, key)
            row += 1

        if action is Action.HAND_OVER:
            self.party.addItems(PROCESSING_BODIES)
            self.party.setCurrentText("")
            add(self.tr("&Chuyển đến"), self.party, "party")
            add(self.tr("&Người nhận"), self.person, "person")
            add(self.tr("Ghi &chú"), self.reason, "reason")
        elif action is Action.RESULT_READY:
            self.party.addItems([record.state.holder])
            add(self.tr("&Nhận từ"), self.party, "party")
            add(self.tr("Ghi &chú"), self.reason, "reason")
        elif action is Action.APOLOGISE:
            add(self.tr("Ngày hẹn trả &mới"), self.new_due, "new_due")
            add(self.tr(str(_REASON_CAPTIONS[action])), self.reason, "reason")
        elif action is Action.EXTEND:
            add(self.tr("Lý do &gia hạn"), self.extension, "extension")
            add(self.tr("Số &ngày làm việc"), self.days, "days")
            add(self.tr("Căn cứ, &văn bản thỏa thuận"), self.reason, "reason")
        elif action is Action.RETURN_RESULT:
            add(self.tr("&Người nhận kết quả"), self.collector, "collector")
            add(self.tr("&Họ tên người nhận thay"), self.person, "person")
            add(self.tr("Số &định danh người nhận"), self.collector_id, "collector_id")
            add(self.tr(str(_REASON_CAPTIONS[action])), self.reason, "reason")
            add(self.tr("&Cách trả"), self.method, "method")
            add(self.tr("Mức độ &hài lòng"), self.satisfaction, "satisfaction")
            add(self.tr("Ý &kiến"), self.comment, "comment")
        else:
            caption = _REASON_CAPTIONS.get(action, QT_TRANSLATE_NOOP("ActionDialog", "Ghi &chú"))
            add(self.tr(str(caption)), self.reason, "reason")
        self.form_error = QLabel(wordWrap=True, objectName="action.error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.hide()
        self.errors.add("form", self.reason, self.form_error)
        self.ok = QPushButton(self.tr("&Ghi nhận (Enter)"), objectName="action.ok")
        self.ok.setDefault(True)
        cancel = QPushButton(self.tr("Hủy (Esc)"))
        self.ok.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        self.preview: PaperPreviewDialog | None = None
        self.outcome: ActionDone | None = None

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
            extension=str(self.extension.currentData()),
            days=self.days.text(),
        )

    def submit(self) -> None:
        self.errors.clear()
        self.ok.setEnabled(False)
        record_id, action, given = self._record.id, self._action, self.given()
        self._runner.submit(
            lambda: self._lifecycle.perform(record_id, action, given), self._done, self._failed
        )

    def _failed(self, err: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(err, DraftInvalid):
            first = None
            for error in err.errors:
                editor = self.errors.show(error.field, error.message)
                first = first or editor
            if first is not None:
                first.setFocus()
            return
        self.errors.show("form", describe_error(err, label(self._action).lower()))

    def _done(self, result: ActionDone) -> None:
        self.outcome = result
        self.done_action.emit(result)
        if result.paper is not None:
            self.preview = PaperPreviewDialog(
                result.paper,
                f"{result.paper_name} — {result.record.code}",
                f"{result.record.code}_{self._action.value}.pdf",
                self._runner,
                self.parentWidget(),
            )
            self.preview.open()
        self.accept()
