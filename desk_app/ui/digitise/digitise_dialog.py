"""The scan panel of one dossier: pages in from a scanner, files or a scan folder; each
component's copy checked as thumbnails, turned, reordered, rescanned, then saved signed.

Every image step runs on the work lane with a progress bar; only the final save writes the
database (DB lane). Pages on screen stay until they are saved, whatever fails.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.documents import DocumentTags, DocumentType, guess_type
from desk_app.domain.errors import DeskError
from desk_app.domain.identity import parse_vn_date
from desk_app.services.digitisation import (
    BatchResult,
    CleanPage,
    ColourMode,
    ComponentState,
    Device,
    DigitisationService,
    HotFailure,
    HotFile,
    HotFolder,
    Pkcs12Identity,
    RawPage,
    ScanRequest,
    TokenIdentity,
)
from desk_app.ui.digitise.signer_prompt import SignerPrompt
from desk_app.ui.widgets.devices import list_scanners
from desk_app.ui.widgets.help import install_help
from desk_app.ui.widgets.labels import label
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.paper_preview_dialog import PaperPreviewDialog
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

THUMB_WIDTH = 150
ZOOM_WIDTH = 1100
_FILE_FILTER = QT_TRANSLATE_NOOP(
    "DigitiseDialog", "Ảnh quét và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"
)


class _Progress(QObject):
    """Progress from a worker thread, delivered on the UI thread (queued signal)."""

    moved = Signal(int, int)


class _Page:
    """A page on screen: what the source gave, how it is turned, and its cleaned form."""

    def __init__(self, raw: RawPage) -> None:
        self.raw = raw
        self.turns = 0
        self.clean: CleanPage | None = None
        self.thumb = b""  # PNG of the cleaned page


class DigitiseDialog(QDialog):
    saved = Signal(int)  # the dossier id, after a copy was stored

    def __init__(
        self,
        dossier_id: int,
        service: DigitisationService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        install_help(self, "digitise")
        self._dossier_id = dossier_id
        self._service = service
        self._runner = runner
        self._pages: list[_Page] = []
        self._states: list[ComponentState] = []
        self._cancel = threading.Event()
        self._signer: Pkcs12Identity | TokenIdentity | None = None
        self._hot_timer = QTimer(self, interval=2000)
        self._hot_timer.timeout.connect(self._poll_hot_folder)
        self._hot: HotFolder | None = None
        self._progress = _Progress()
        self._progress.moved.connect(self._show_progress)
        self.setWindowTitle(self.tr("Số hóa thành phần hồ sơ"))
        self.resize(1100, 760)

        # left: the checklist with each component's state and copies
        self.components = QListWidget(objectName="components")
        self.components.currentRowChanged.connect(self._component_chosen)
        self.view_button = QPushButton(self.tr("&Xem bản số hóa"), objectName="view_document")
        self.view_button.clicked.connect(self.view_document)
        self.unlink_button = QPushButton(self.tr("&Gỡ bản số hóa"), objectName="unlink_document")
        self.unlink_button.clicked.connect(self.unlink_document)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Thành phần hồ sơ")))
        left.addWidget(self.components, 1)
        left.addWidget(self.view_button)
        left.addWidget(self.unlink_button)

        # right: sources, pages, mode and tags, save
        self.scanner = QComboBox(objectName="scanner")
        self.feeder = QCheckBox(self.tr("Khay nạp giấy (ADF)"), checked=True)
        self.scan_button = QPushButton(self.tr("&Quét (F5)"), objectName="scan")
        self.scan_button.clicked.connect(self.scan)
        self.files_button = QPushButton(self.tr("Chọn &tệp…"), objectName="add_files")
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(self.tr("Theo dõi thư &mục quét…"), objectName="hot")
        self.folder_button.clicked.connect(self.choose_hot_folder)
        sources = QHBoxLayout()
        for widget in (self.scanner, self.feeder, self.scan_button, self.files_button):
            sources.addWidget(widget)
        sources.addWidget(self.folder_button)

        self.thumbs = QListWidget(objectName="pages")
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.414)))
        self.thumbs.setMovement(QListWidget.Movement.Snap)
        self.thumbs.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.thumbs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.thumbs.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.thumbs.model().rowsMoved.connect(self._reordered)
        self.thumbs.itemDoubleClicked.connect(lambda _item: self.zoom())
        page_buttons = QHBoxLayout()
        for text, name, slot in (
            (self.tr("Xoay trái"), "rotate_left", lambda: self.rotate(-1)),
            (self.tr("Xoay phải (R)"), "rotate_right", lambda: self.rotate(1)),
            (self.tr("Xóa trang (Del)"), "delete_page", self.delete_pages),
            (self.tr("Quét lại trang"), "rescan_page", self.rescan_page),
            (self.tr("Phóng to (Enter)"), "zoom", self.zoom),
        ):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            page_buttons.addWidget(button)
        page_buttons.addStretch(1)

        self.mode = QComboBox(objectName="mode")
        for mode in ColourMode:
            self.mode.addItem(label(mode), mode)
        self.mode.currentIndexChanged.connect(lambda _i: self._clean_all())
        self.keep_blank = QCheckBox(self.tr("Giữ cả trang trắng"))
        self.doc_type = QComboBox(objectName="doc_type")
        for doc_type in DocumentType:
            if doc_type is not DocumentType.RESULT:
                self.doc_type.addItem(label(doc_type), doc_type)
        self.owner = QLineEdit(objectName="owner", placeholderText=self.tr("để trống: người nộp"))
        self.number = QLineEdit(objectName="number")
        self.issuer = QLineEdit(objectName="issuer")
        self.issued_on = QLineEdit(objectName="issued_on", placeholderText="dd/mm/yyyy")
        self.valid_until = QLineEdit(objectName="valid_until", placeholderText="dd/mm/yyyy")
        tags = QFormLayout()
        tags.addRow(self.tr("Chế độ màu"), self.mode)
        tags.addRow("", self.keep_blank)
        tags.addRow(self.tr("Loại giấy tờ"), self.doc_type)
        tags.addRow(self.tr("Số định danh chủ giấy tờ"), self.owner)
        tags.addRow(self.tr("Số, ký hiệu"), self.number)
        tags.addRow(self.tr("Cơ quan cấp"), self.issuer)
        tags.addRow(self.tr("Ngày cấp"), self.issued_on)
        tags.addRow(self.tr("Hiệu lực đến"), self.valid_until)

        self.progress = QProgressBar(objectName="progress", visible=False)
        self.cancel_button = QPushButton(self.tr("Dừng"), visible=False)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.message = QLabel(wordWrap=True, objectName="message")
        self.sign_button = QPushButton(self.tr("Chứng thư số…"), objectName="signer")
        self.sign_button.clicked.connect(self.choose_signer)
        self.save_button = QPushButton(self.tr("&Lưu bản số hóa (Ctrl+S)"), objectName="save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)

        right = QVBoxLayout()
        right.addLayout(sources)
        right.addWidget(self.thumbs, 1)
        right.addLayout(page_buttons)
        right.addLayout(tags)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        right.addLayout(bar)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.sign_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        left_box, right_box = QWidget(), QWidget()
        left_box.setLayout(left)
        right_box.setLayout(right)
        layout.addWidget(left_box, 1)
        layout.addWidget(right_box, 3)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.scan)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.thumbs, activated=self.delete_pages)
        QShortcut(QKeySequence(Qt.Key.Key_R), self.thumbs, activated=lambda: self.rotate(1))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.thumbs, activated=self.zoom)
        self.zoom_dialog: QDialog | None = None
        self.viewer: PaperPreviewDialog | None = None
        self.refresh()
        self._find_scanners()

    # --- the checklist ----------------------------------------------------------------

    def refresh(self) -> None:
        dossier_id = self._dossier_id
        self._runner.submit(
            lambda: self._service.components(dossier_id),
            self._show_components,
            lambda err: self.message.setText(describe_error(err, self.tr("đọc thành phần hồ sơ"))),
        )

    def _show_components(self, states: list[ComponentState]) -> None:
        row = max(0, self.components.currentRow())
        self._states = states
        self.components.clear()
        for state in states:
            mark = "✓" if state.digitised else "○"
            item = QListWidgetItem(
                f"{mark} {state.position}. {state.name}\n    {state.status_text}"
            )
            self.components.addItem(item)
        if states:
            self.components.setCurrentRow(min(row, len(states) - 1))

    def _component_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._states):
            return
        state = self._states[row]
        guessed = guess_type(state.name)
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(guessed)))
        colour = guessed in (DocumentType.ID_CARD, DocumentType.LAND_USE_CERTIFICATE)
        self.mode.setCurrentIndex(
            self.mode.findData(ColourMode.COLOUR if colour else ColourMode.BW)
        )
        self.view_button.setEnabled(state.digitised)
        self.unlink_button.setEnabled(state.digitised)

    def current_component(self) -> ComponentState | None:
        row = self.components.currentRow()
        return self._states[row] if 0 <= row < len(self._states) else None

    # --- sources ----------------------------------------------------------------------

    def _find_scanners(self) -> None:
        self._runner.submit(
            self._service.scanners, self._show_scanners, self._no_scanners, Lane.WORK
        )

    def _show_scanners(self, devices: list[Device]) -> None:
        list_scanners(self.scanner, devices)  # this PC's scanner (wizard, settings) chosen
        if not devices:
            self.scanner.addItem(self.tr("Không thấy máy quét"), None)
        self.scan_button.setEnabled(bool(devices))

    def _no_scanners(self, err: BaseException) -> None:
        self._show_scanners([])
        self.message.setText(describe_error(err, self.tr("tìm máy quét")))

    def scan(self, replace_row: int | None = None) -> None:
        device = self.scanner.currentData()
        if not isinstance(device, Device):
            self.message.setText(self.tr("Chưa có máy quét: hãy chọn tệp hoặc thư mục quét."))
            return
        request = ScanRequest(
            dpi=300,
            mode=ColourMode.COLOUR if self.current_mode() is ColourMode.COLOUR else ColourMode.GREY,
            feeder=self.feeder.isChecked() and replace_row is None,
        )
        self._busy(self.tr("Đang quét…"), 0)
        self._cancel.clear()
        progress, cancel = self._progress, self._cancel

        def work() -> BatchResult:
            return self._service.scan(
                device,
                request,
                on_page=lambda _page, n: progress.moved.emit(n, 0),
                cancelled=cancel.is_set,
            )

        self._runner.submit(
            work,
            lambda result: self._scanned(result, replace_row),
            self._failed(self.tr("quét")),
            Lane.WORK,
        )

    def _scanned(self, result: BatchResult, replace_row: int | None) -> None:
        self._idle()
        pages = [_Page(raw) for raw in result.pages]
        if replace_row is not None and pages and 0 <= replace_row < len(self._pages):
            self._pages[replace_row] = pages[0]
            self._clean(list(self._pages))
        else:
            self.add_pages(pages)
        self.message.setText(result.message)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn ảnh quét hoặc PDF"), "", self.tr(str(_FILE_FILTER))
        )
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> None:
        self._busy(self.tr("Đang đọc tệp…"), len(paths))
        progress = self._progress

        def work() -> tuple[list[RawPage], list[str]]:
            imported = self._service.import_files(
                paths, progress=lambda d, t: progress.moved.emit(d, t)
            )
            return imported.pages, imported.errors

        def done(result: tuple[list[RawPage], list[str]]) -> None:
            self._idle()
            pages, errors = result
            self.add_pages([_Page(raw) for raw in pages])
            if errors:
                self.message.setText("\n".join(errors))

        self._runner.submit(work, done, self._failed(self.tr("đọc tệp")), Lane.WORK)

    def choose_hot_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục máy quét lưu ảnh"))
        if folder:
            self.watch_folder(Path(folder))

    def watch_folder(self, folder: Path, settle_seconds: float = 2.0) -> None:
        self._hot = self._service.hot_folder(folder, settle_seconds=settle_seconds)
        self._hot_timer.start()
        self.message.setText(self.tr("Đang theo dõi thư mục {folder}").format(folder=folder))

    def _poll_hot_folder(self) -> None:
        hot = self._hot
        if hot is None:
            return
        self._hot_timer.stop()  # one poll at a time

        def done(result: tuple[list[HotFile], list[HotFailure]]) -> None:
            ready, failed = result
            for item in ready:
                self.add_pages([_Page(raw) for raw in item.pages])
            if ready:  # remembered (a database write) on the DB lane, then moved aside

                def remember() -> int:
                    for item in ready:
                        hot.done(item)
                    return len(ready)

                self._runner.submit(
                    remember,
                    lambda _done: None,
                    lambda err: self.message.setText(
                        describe_error(err, self.tr("ghi nhớ tệp đã nhập"))
                    ),
                )
            if failed:
                self.message.setText("\n".join(f.error.message for f in failed))
            self._hot_timer.start()

        def error(err: BaseException) -> None:
            self.message.setText(describe_error(err, self.tr("đọc thư mục quét")))
            self._hot_timer.start()

        self._runner.submit(hot.poll, done, error, Lane.WORK)

    # --- pages ------------------------------------------------------------------------

    def add_pages(self, pages: list[_Page]) -> None:
        self._pages.extend(pages)
        self._clean(pages)

    def _clean_all(self) -> None:
        for page in self._pages:
            page.clean = None
        self._clean(list(self._pages))

    def _clean(self, pages: list[_Page]) -> None:
        if not pages:
            self._show_thumbs()
            return
        mode = self.current_mode()
        self._busy(self.tr("Đang làm sạch trang…"), len(pages))
        progress = self._progress

        def work() -> None:
            for done, page in enumerate(pages, start=1):
                [page.clean] = self._service.prepare(
                    [page.raw], mode, turns=[page.turns], packed=True
                )
                page.thumb = self._service.thumbnail_png(page.clean, THUMB_WIDTH)
                progress.moved.emit(done, len(pages))

        self._runner.submit(
            work,
            lambda _none: self._show_thumbs(),
            self._failed(self.tr("làm sạch trang")),
            Lane.WORK,
        )

    def _show_thumbs(self) -> None:
        self._idle()
        self.thumbs.clear()
        for number, page in enumerate(self._pages, start=1):
            pixmap = QPixmap()
            pixmap.loadFromData(page.thumb)
            blank = page.clean is not None and page.clean.blank
            text = self.tr("Trang {n}").format(n=number) + (self.tr(" — trắng") if blank else "")
            item = QListWidgetItem(QIcon(pixmap), text)
            item.setData(Qt.ItemDataRole.UserRole, id(page))
            self.thumbs.addItem(item)

    def _reordered(self, *_args: object) -> None:
        by_id = {id(p): p for p in self._pages}
        self._pages = [
            by_id[self.thumbs.item(i).data(Qt.ItemDataRole.UserRole)]
            for i in range(self.thumbs.count())
        ]
        QTimer.singleShot(0, self._show_thumbs)

    def selected_rows(self) -> list[int]:
        return sorted(self.thumbs.row(item) for item in self.thumbs.selectedItems())

    def rotate(self, quarter_turns: int) -> None:
        pages = [self._pages[row] for row in self.selected_rows()]
        for page in pages:
            page.turns = (page.turns + quarter_turns) % 4
        self._clean(pages)

    def delete_pages(self) -> None:
        for row in reversed(self.selected_rows()):
            del self._pages[row]
        self._show_thumbs()

    def rescan_page(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.message.setText(self.tr("Chọn một trang để quét lại."))
            return
        self.scan(replace_row=rows[0])

    def zoom(self) -> None:
        rows = self.selected_rows()
        if not rows or self._pages[rows[0]].clean is None:
            return
        page = self._pages[rows[0]].clean
        assert page is not None
        self._runner.submit(
            lambda: self._service.thumbnail_png(page, ZOOM_WIDTH),
            self._show_zoom,
            self._failed(self.tr("phóng to trang")),
            Lane.WORK,
        )

    def _show_zoom(self, png: bytes) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Xem trang"))
        dialog.resize(900, 1000)
        label = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        label.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(label)
        QVBoxLayout(dialog).addWidget(scroll)
        self.zoom_dialog = dialog
        dialog.open()

    def current_mode(self) -> ColourMode:
        # Qt hands a str-based enum back as a plain str.
        return ColourMode(self.mode.currentData())

    @property
    def page_count(self) -> int:
        return len(self._pages)

    # --- saving -----------------------------------------------------------------------

    def choose_signer(self) -> None:
        """A USB token or a .p12 file (signer_prompt.py); cancelling keeps the one set."""
        identity = SignerPrompt(self).ask(self)
        if identity is not None:
            self.set_signer(identity)

    def set_signer(self, identity: Pkcs12Identity | TokenIdentity | None) -> None:
        """The key copies are signed with (kept in memory for this window only)."""
        self._signer = identity
        if identity is None:
            self.sign_button.setText(self.tr("Chứng thư số…"))
        elif isinstance(identity, TokenIdentity):
            text = self.tr("Ký bằng token: {name}").format(name=identity.token_label)
            self.sign_button.setText(text)
        else:
            self.sign_button.setText(self.tr("Ký bằng: {name}").format(name=identity.path.name))

    def tags(self) -> DocumentTags:
        def day(edit: QLineEdit, label: str):  # type: ignore[no-untyped-def]
            text = edit.text().strip()
            return parse_vn_date(text, field=edit.objectName(), label=label) if text else None

        return DocumentTags(
            doc_type=DocumentType(self.doc_type.currentData()),
            owner_id_number=self.owner.text(),
            number=self.number.text(),
            issuer=self.issuer.text(),
            issued_on=day(self.issued_on, self.tr("Ngày cấp")),
            valid_until=day(self.valid_until, self.tr("Hiệu lực đến")),
        )

    def save(self) -> None:
        component = self.current_component()
        if component is None:
            self.message.setText(self.tr("Chọn thành phần hồ sơ cần số hóa."))
            return
        pages = [p.clean for p in self._pages if p.clean is not None]
        if not pages or len(pages) != len(self._pages):
            self.message.setText(self.tr("Chưa có trang nào sẵn sàng để lưu."))
            return
        try:
            tags = self.tags()
        except DeskError as err:
            self.message.setText(err.message)
            return
        dossier_id, signer, keep = self._dossier_id, self._signer, self.keep_blank.isChecked()
        self._busy(self.tr("Đang lưu và ký số…"), 0)
        self._runner.submit(
            lambda: self._service.digitise(
                dossier_id, component.position, pages, tags=tags, signer=signer, keep_blank=keep
            ),
            self._saved,
            self._failed(self.tr("lưu bản số hóa")),
        )

    def _saved(self, document: object) -> None:
        self._idle()
        pages = getattr(document, "pages", 0)
        signed = getattr(document, "signed_by", "")
        self.message.setText(
            self.tr("Đã lưu {n} trang{signed}.").format(
                n=pages,
                signed=self.tr(", ký số bởi {s}").format(s=signed)
                if signed
                else self.tr(", chưa ký số"),
            )
        )
        self._pages = []
        self._show_thumbs()
        self.refresh()
        self.saved.emit(self._dossier_id)

    def view_document(self) -> None:
        component = self.current_component()
        if component is None or not component.documents:
            return
        document = component.documents[-1].document
        self._runner.submit(
            lambda: self._service.pdf(document.id),
            lambda pdf: self._show_document(pdf, document.file_name or document.title),
            self._failed(self.tr("mở bản số hóa")),
        )

    def unlink_document(self) -> None:
        """Take the component's latest copy off this dossier (a wrong scan), after asking."""
        component = self.current_component()
        if component is None or not component.documents:
            return
        document = component.documents[-1].document
        answer = QMessageBox.question(
            self,
            self.tr("Gỡ bản số hóa"),
            self.tr("Gỡ bản số hóa “{title}” khỏi hồ sơ này?").format(title=document.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        dossier_id = self._dossier_id
        self._runner.submit(
            lambda: self._service.unlink(dossier_id, document.id),
            lambda _none: self._unlinked(),
            self._failed(self.tr("gỡ bản số hóa")),
        )

    def _unlinked(self) -> None:
        self.message.setText(self.tr("Đã gỡ bản số hóa."))
        self.refresh()

    def _show_document(self, pdf: bytes, name: str) -> None:
        self.viewer = PaperPreviewDialog(pdf, name, name, self._runner, self)
        self.viewer.open()

    # --- busy -------------------------------------------------------------------------

    def _busy(self, text: str, total: int) -> None:
        self.message.setText(text)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setVisible(True)
        self.save_button.setEnabled(False)

    def _idle(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.save_button.setEnabled(True)

    def _show_progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
        elif self.progress.maximum() and done > self.progress.maximum():
            self.progress.setRange(0, 0)
        self.progress.setValue(done)
        if not total:
            self.message.setText(self.tr("Đã quét {n} trang…").format(n=done))

    def _failed(self, what: str):  # type: ignore[no-untyped-def]
        def show(err: BaseException) -> None:
            self._idle()
            self.message.setText(describe_error(err, what))

        return show

    def reject(self) -> None:
        self._hot_timer.stop()
        self._cancel.set()
        super().reject()
