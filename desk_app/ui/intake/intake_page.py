"""Tiếp nhận: record a dossier in the order of Form 01, save, preview and print the receipt.

Everything that touches the disk goes through the task runner; the page only turns typed
text into a ``DossierDraft`` and shows what comes back (errors next to their fields).
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.dossier import Channel, DossierDraft, components_for
from desk_app.domain.errors import DeskError, DraftInvalid
from desk_app.domain.records import KnownApplicant
from desk_app.services.chip import CardReaderService
from desk_app.services.digitisation import DigitisationService
from desk_app.services.intake import IntakePreview, IntakeService, KeptDraft, ReceivedDossier
from desk_app.services.receipts import ReceiptService
from desk_app.ui.intake.address_suggestion import AddressSuggestionBanner
from desk_app.ui.intake.chip_read import ChipRead
from desk_app.ui.intake.components_editor import ComponentsEditor
from desk_app.ui.intake.counter_refusal import refusal_button
from desk_app.ui.intake.fee_panel import FeePanel
from desk_app.ui.intake.known_applicant import KnownApplicantBanner
from desk_app.ui.intake.person_fields import PersonFields
from desk_app.ui.intake.procedure_picker import ProcedurePicker
from desk_app.ui.intake.receipt_preview_dialog import ReceiptPreviewDialog
from desk_app.ui.intake.reuse_papers import ReusePapers
from desk_app.ui.widgets.form_fields import ERROR_STYLE, FieldErrors, add_row
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import TaskRunner

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 150


KEEP_EVERY_MS = 3000


def _kept(_result: object) -> None:
    """The form is kept; nothing to show."""


def _not_kept(err: BaseException) -> None:
    log.warning("intake form not kept: %s", type(err).__name__)


class IntakePage(QWidget):
    saved = Signal(object)  # ReceivedDossier

    def __init__(
        self,
        intake: IntakeService,
        receipts: ReceiptService,
        picker: ProcedurePicker,
        runner: TaskRunner,
        parent: QWidget | None = None,
        digitisation: DigitisationService | None = None,
        card_reader: CardReaderService | None = None,
    ) -> None:
        super().__init__(parent)
        self._digitisation = digitisation
        self._reuse_at_save: list[tuple[int, int]] = []
        self._intake = intake
        self._receipts = receipts
        self._runner = runner
        self._saving = False
        self.errors = FieldErrors()
        self.last_preview: ReceiptPreviewDialog | None = None

        # --- ID card QR (a USB 2-D scanner types the string and Enter) ---------------------
        self.qr = QLineEdit(objectName="qr")
        self.qr.setPlaceholderText(
            self.tr("Đặt con trỏ vào đây rồi quét mã QR trên thẻ căn cước (F2)")
        )
        qr_box = QGridLayout()
        add_row(qr_box, 0, 0, self.tr("Mã QR thẻ căn cước"), self.qr, self.errors, "qr")

        # --- applicant, and the principal when a delegate submits ----------------------------
        self.applicant = PersonFields("applicant", self.errors)
        self.known = KnownApplicantBanner()
        self.known.use.connect(self._fill_known)
        applicant_box = QGroupBox(self.tr("Người nộp hồ sơ"))
        applicant_layout = QVBoxLayout(applicant_box)
        self.new_address = AddressSuggestionBanner()
        self.new_address.use.connect(self.applicant.address.setText)
        applicant_layout.addWidget(self.applicant)
        applicant_layout.addWidget(self.new_address)
        applicant_layout.addWidget(self.known)

        self.delegated = QCheckBox(self.tr("Nộp &thay theo ủy quyền"), objectName="delegated")
        self.principal = PersonFields("principal", self.errors)
        self.authorisation = QLineEdit(objectName="authorisation")
        self.authorisation.setPlaceholderText(self.tr("Số, ngày của giấy ủy quyền"))
        auth_grid = QGridLayout()
        add_row(
            auth_grid,
            0,
            0,
            self.tr("Giấy ủy quyền *"),
            self.authorisation,
            self.errors,
            "authorisation",
        )
        self.principal_box = QGroupBox(self.tr("Người ủy quyền (người có yêu cầu)"))
        principal_layout = QVBoxLayout(self.principal_box)
        principal_layout.addWidget(self.principal)
        principal_layout.addLayout(auth_grid)
        self.principal_box.hide()
        self.delegated.toggled.connect(self.principal_box.setVisible)

        # --- the request: procedure and its components ------------------------------------
        self.picker = picker
        procedure_box = QGroupBox(self.tr("Nội dung yêu cầu giải quyết (thủ tục)"))
        procedure_layout = QVBoxLayout(procedure_box)
        procedure_layout.addWidget(self.picker)
        self.procedure_error = QLabel(styleSheet=ERROR_STYLE, wordWrap=True)
        self.procedure_error.hide()
        self.errors.add("procedure", self.picker.search, self.procedure_error)
        procedure_layout.addWidget(self.procedure_error)

        self.components = ComponentsEditor()
        self.add_component = QPushButton(self.tr("+ Thêm giấy tờ khác"), objectName="add_component")
        self.add_component.clicked.connect(self.components.add_blank)
        self.components_error = QLabel(styleSheet=ERROR_STYLE, wordWrap=True)
        self.components_error.hide()
        self.errors.add("components", self.components, self.components_error)
        components_box = QGroupBox(self.tr("Thành phần hồ sơ"))
        components_layout = QVBoxLayout(components_box)
        components_layout.addWidget(self.components)
        components_layout.addWidget(self.components_error)
        components_layout.addWidget(self.add_component, 0, Qt.AlignmentFlag.AlignLeft)
        # the citizen's earlier digitised papers, still valid: tick to reuse, no scanning
        self.reuse = ReusePapers()
        components_layout.addWidget(self.reuse)

        self.sets = QSpinBox(objectName="sets_count", minimum=1, maximum=50)
        self.result_location = QLineEdit(objectName="result_location")
        self.result_location.setPlaceholderText(self.tr("Mặc định: Bộ phận Một cửa"))
        self.channel = QComboBox(objectName="channel")
        self.channel.addItem(self.tr("Trực tiếp tại Bộ phận Một cửa"), Channel.DIRECT.value)
        self.channel.addItem(self.tr("Qua dịch vụ bưu chính"), Channel.POST.value)
        extra = QGridLayout()
        add_row(extra, 0, 0, self.tr("Số bộ hồ sơ"), self.sets, self.errors, "sets_count")
        add_row(
            extra,
            1,
            0,
            self.tr("Nơi nhận kết quả"),
            self.result_location,
            self.errors,
            "result_location",
            span=2,
        )
        add_row(extra, 2, 0, self.tr("Hình thức nộp"), self.channel, self.errors, "channel")
        components_layout.addLayout(extra)
        self.fee_panel = FeePanel(self.errors)  # originals (pages, copies), exemption
        components_layout.addWidget(self.fee_panel)

        # --- layout: two columns in a scroll area, summary bar fixed at the bottom --------
        left = QVBoxLayout()
        left.addLayout(qr_box)
        left.addWidget(applicant_box)
        left.addWidget(self.delegated)
        left.addWidget(self.principal_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(procedure_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        form = QVBoxLayout()
        form.addLayout(columns)
        form.addWidget(components_box, 1)  # full width: official paper names are long
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.fee = QLabel(objectName="fee")
        self.due = QLabel(objectName="due")
        self.due.setStyleSheet("font-weight: bold;")
        self.status = QLabel(objectName="status", wordWrap=True)
        self.chip = ChipRead(self, card_reader, runner)
        self.save_button = QPushButton(self.tr("Lưu và in biên nhận (Ctrl+S)"), objectName="save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.refuse_button = refusal_button(self, self._intake, self._runner)  # Form 03
        bar = QHBoxLayout()
        summary = QVBoxLayout()
        summary.addWidget(self.fee)
        summary.addWidget(self.due)
        summary.addWidget(self.status)
        bar.addLayout(summary, 1)
        bar.addWidget(self.refuse_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

        # --- behaviour ------------------------------------------------------------------
        self.qr.returnPressed.connect(self._read_qr)
        self.applicant.id_number.editingFinished.connect(self._look_up_applicant)
        self.reuse.changed.connect(self._show_reuse)
        self.components.changed.connect(self._show_reuse)
        self.picker.chosen.connect(self._procedure_chosen)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._refresh_preview)
        self.sets.valueChanged.connect(self._preview_timer.start)
        self.fee_panel.changed.connect(self._preview_timer.start)
        self._minute = QTimer(self, interval=60_000)  # the appointment moves with the clock
        self._minute.timeout.connect(self._preview_timer.start)
        self._minute.start()
        self._set_tab_order()
        self.new_dossier()
        # What is typed is kept every few seconds, so a power cut loses at most those.
        self._blank = self._kept = self.draft()
        self._keeper = QTimer(self, interval=KEEP_EVERY_MS)
        self._keeper.timeout.connect(self.keep_draft)
        self._keeper.start()
        self._runner.submit(self._intake.interrupted_draft, self._restore_kept, _not_kept)

    def _set_tab_order(self) -> None:
        chain = [
            self.qr,
            *self.applicant.editors,
            self.delegated,
            *self.principal.editors,
            self.authorisation,
            self.picker.search,
            self.picker.list,
            self.components,
            self.add_component,
            self.sets,
            *self.fee_panel.editors,
            self.result_location,
            self.channel,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- actions --------------------------------------------------------------------------

    def new_dossier(self) -> None:
        """Clear the form for the next citizen (Ctrl+N)."""
        self.errors.clear()
        self.chip.forget()
        self.qr.clear()
        self.applicant.clear()
        self.principal.clear()
        self.delegated.setChecked(False)
        self.authorisation.clear()
        self.picker.reset()
        self.components.set_components([])
        self.sets.setValue(1)
        self.fee_panel.clear()
        self.result_location.clear()
        self.channel.setCurrentIndex(0)
        self.known.show_known(None)
        self.new_address.show_suggestion(None)
        self.reuse.clear()
        self.fee.setText(self.tr("Phí, lệ phí: —"))
        self.due.setText(self.tr("Hẹn trả kết quả: chọn thủ tục để tính"))
        self.status.clear()
        self.qr.setFocus()

    def draft(self) -> DossierDraft:
        return DossierDraft(
            procedure_code=self.picker.code(),
            applicant=self.applicant.draft(),
            principal=self.principal.draft() if self.delegated.isChecked() else None,
            authorisation=self.authorisation.text() if self.delegated.isChecked() else "",
            components=self.components.drafts(),
            sets_count=self.sets.value(),
            result_location=self.result_location.text(),
            channel=str(self.channel.currentData()),
            originals=self.fee_panel.originals(),
            fee_exemption=self.fee_panel.reason(),
        )

    @property
    def saving(self) -> bool:
        return self._saving

    def blank_draft(self) -> DossierDraft:
        """The form as it stands when nothing has been typed."""
        return self._blank

    def keep_draft(self) -> None:
        """Keep the form if it changed since last kept; forget it once it is blank."""
        draft = self.draft()
        if draft == self._kept or self._saving:
            return
        self._kept = draft
        if draft == self._blank:
            self._runner.submit(self._intake.discard_draft, _kept, _not_kept)
        else:
            self._runner.submit(lambda: self._intake.keep_draft(draft), _kept, _not_kept)

    def _restore_kept(self, kept: KeptDraft | None) -> None:
        if kept is None or self.draft() != self._blank:  # nothing kept, or already typing
            return
        self.fill_draft(kept.draft)
        self._kept = kept.draft
        self.status.setText(
            self.tr(
                "Đã khôi phục hồ sơ đang nhập dở lúc {time} (máy tắt hoặc phần mềm đóng đột "
                "ngột). Kiểm tra lại rồi lưu, hoặc Ctrl+N để bỏ."
            ).format(time=kept.saved_at.strftime("%H:%M %d/%m/%Y"))
        )

    def fill_draft(self, draft: DossierDraft) -> None:
        self.applicant.fill_draft(draft.applicant)
        self.delegated.setChecked(draft.principal is not None)
        if draft.principal is not None:
            self.principal.fill_draft(draft.principal)
        self.authorisation.setText(draft.authorisation)
        if draft.procedure_code:
            self.picker.choose(draft.procedure_code)  # sets the procedure's checklist…
        self.components.set_components(draft.components)  # …then the one as it was ticked
        self.sets.setValue(draft.sets_count)
        self.fee_panel.fill(draft)
        self.result_location.setText(draft.result_location)
        self.channel.setCurrentIndex(max(0, self.channel.findData(draft.channel)))

    def save(self) -> None:
        """Ctrl+S: commit durably, then show the receipt to print."""
        if self._saving:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.errors.clear()
        self.status.setText(self.tr("Đang lưu hồ sơ…"))
        draft = self.draft()
        self._reuse_at_save = self.reuse_choices()
        check = self.chip.identity_check()
        self._runner.submit(
            lambda: self._intake.receive(draft, identity_check=check),
            self._saved,
            self._save_failed,
        )

    def _saved(self, received: ReceivedDossier) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        code = received.record.code
        self.status.setText(
            self.tr("Đã lưu hồ sơ {code}. Hẹn trả {due}.").format(
                code=code, due=received.record.due_at.strftime("%H:%M %d/%m/%Y")
            )
        )
        self.saved.emit(received)
        self._link_reused(received.record.id, self._reuse_at_save)
        self.last_preview = ReceiptPreviewDialog(
            received.receipt_pdf, code, self._receipts, self._runner, self
        )
        self.last_preview.finished.connect(lambda _result: self.new_dossier())
        self.last_preview.open()

    def _save_failed(self, err: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(err, DraftInvalid):
            first = None
            for e in err.errors:
                editor = self.errors.show(e.field, e.message)
                first = first or editor
            self.status.setText(err.message)
            if first is not None:
                first.setFocus()
            return
        self.status.setText(describe_error(err, self.tr("lưu hồ sơ")))

    def _read_qr(self) -> None:
        self.errors.clear()
        text = self.qr.text()
        try:
            card = self._intake.read_id_card(text)  # pure parsing, no disk
        except DeskError as err:
            self.errors.show("qr", err.message)
            self.qr.selectAll()
            return
        a = self.applicant
        a.full_name.setText(card.full_name)
        a.id_number.setText(card.id_number)
        a.birth_date.setText(card.birth_date.strftime("%d/%m/%Y"))
        a.set_sex(card.sex)
        a.address.setText(card.address)
        self.chip.qr_scanned(card)
        self.qr.clear()
        self.new_address.suggest_for(card.address, self._runner)
        self._look_up_applicant()
        a.phone.setFocus()

    # --- the ID card's chip (F3): desk_app/ui/intake/chip_read.py ----------------------
    def read_chip(self) -> None:
        self.chip.read()

    def applicant_filled(self) -> None:
        """The chip filled the applicant: look them up, go on to the phone."""
        self._look_up_applicant()
        self.applicant.phone.setFocus()

    def _look_up_applicant(self) -> None:
        number = self.applicant.id_number.text().replace(" ", "")
        if len(number) != 12:
            return
        self._runner.submit(
            lambda: self._intake.known_applicant(number), self.known.show_known, lambda err: None
        )
        if self._digitisation is not None:
            service = self._digitisation
            self._runner.submit(
                lambda: service.reusable(number), self.reuse.offer, lambda err: None
            )

    # --- reuse of the citizen's digitised papers -------------------------------------------

    def reuse_choices(self) -> list[tuple[int, int]]:
        """(document id, component position) for each ticked document that fits a paper."""
        return self.reuse.choices(self.components.names())

    def _show_reuse(self) -> None:
        rows = {position - 1 for _, position in self.reuse_choices()}
        for row in range(self.components.rowCount()):
            self.components.set_digitised(row, self.tr("✓ dùng lại") if row in rows else "")

    def _link_reused(self, dossier_id: int, choices: list[tuple[int, int]]) -> None:
        service = self._digitisation
        if service is None or not choices:
            return

        def link() -> int:
            for document_id, position in choices:
                service.reuse(dossier_id, document_id, position)
            return len(choices)

        self._runner.submit(
            link,
            lambda n: self.status.setText(
                self.status.text() + self.tr(" Đã dùng lại {n} giấy tờ đã số hóa.").format(n=n)
            ),
            lambda err: self.status.setText(
                describe_error(err, self.tr("dùng lại giấy tờ đã số hóa"))
            ),
        )

    def _fill_known(self, known: KnownApplicant) -> None:
        self.applicant.fill(known.person)
        self.picker.search.setFocus()

    def _procedure_chosen(self, code: str) -> None:
        procedure = self.picker.procedure()
        self.components.set_components(components_for(procedure) if procedure else [])
        self.fee_panel.set_procedure(procedure)  # per-page fees: a row per original
        self._preview_timer.start()

    def _refresh_preview(self) -> None:
        code = self.picker.code()
        if not code:
            return
        sets, (originals, reason) = self.sets.value(), self.fee_panel.for_preview()
        self._runner.submit(
            lambda: self._intake.preview(
                code, sets=sets, pages=None, originals=originals, exemption=reason
            ),
            self._show_preview,
            lambda err: None,
        )

    def _show_preview(self, preview: IntakePreview) -> None:
        self.fee.setText(self.tr("Phí, lệ phí: {fee}").format(fee=preview.fee.text))
        self.due.setText(
            self.tr("Hẹn trả kết quả: {when} ({processing})").format(
                when=preview.due_at.strftime("%H:%M, %d/%m/%Y"), processing=preview.processing
            )
        )
