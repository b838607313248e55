"""The scan panel of one dossier: pages in from a scanner, files or a scan folder; each
component's copy checked as thumbnails, turned, reordered, rescanned, then saved signed.

Every image step runs on the work lane with a progress bar; only the final save writes the
database (DB lane). Pages on screen stay until they are saved, whatever fails.

Its pieces, beside this module: the checklist of components (``checklist.py``), the form of
mode and tags (``tags_form.py``), the watched scan folder (``folder_watch.py``), the pages and
their zoom (``pages.py``), the key that signs (``signer_prompt.py``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import DeskError
from desk_app.services.digitisation import (
    BatchResult,
    ColourMode,
    ComponentState,
    Device,
    DigitisationService,
    Pkcs12Identity,
    RawPage,
    ScanRequest,
    TokenIdentity,
)
from desk_app.ui.digitise.checklist import ComponentChecklist
from desk_app.ui.digitise.folder_watch import FolderWatch
from desk_app.ui.digitise.pages import THUMB_WIDTH, ZOOM_WIDTH, Page, PageZoom, Progress
from desk_app.ui.digitise.signer_prompt import SignerPrompt
from desk_app.ui.digitise.tags_form import TagsForm
from desk_app.ui.widgets.devices import list_scanners
from desk_app.ui.widgets.fit import resize_to_fit
from desk_app.ui.widgets.help import install_help
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

_FILE_FILTER = QT_TRANSLATE_NOOP(
    "DigitiseDialog", "Ảnh quét và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"
)


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
        self._pages: list[Page] = []
        self._cancel = threading.Event()
        self._signer: Pkcs12Identity | TokenIdentity | None = None
        self._folder = FolderWatch(runner, self)
        self._folder.arrived.connect(lambda raws: self.add_pages([Page(raw) for raw in raws]))
        self._folder.said.connect(self._say)
        self._progress = Progress()
        self._progress.moved.connect(self._show_progress)
        self.setWindowTitle(self.tr("Số hóa thành phần hồ sơ"))

        # left: the checklist with each component's state and copies
        self.checklist = ComponentChecklist(dossier_id, service, runner)
        self.checklist.said.connect(self._say)
        self.checklist.failed.connect(lambda err, what: self._failed(what)(err))

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

        self.tags_form = TagsForm()
        self.tags_form.mode.currentIndexChanged.connect(lambda _i: self._clean_all())
        self.checklist.chosen.connect(self.tags_form.show_component)

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
        right.addWidget(self.tags_form)
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
        right_box = QWidget()
        right_box.setLayout(right)
        layout.addWidget(self.checklist, 1)
        layout.addWidget(right_box, 3)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.scan)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.thumbs, activated=self.delete_pages)
        QShortcut(QKeySequence(Qt.Key.Key_R), self.thumbs, activated=lambda: self.rotate(1))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.thumbs, activated=self.zoom)
        self.zoom_dialog: QDialog | None = None
        resize_to_fit(self, 1100, 700)
        self.refresh()
        self._find_scanners()

    # --- the checklist ----------------------------------------------------------------

    def refresh(self) -> None:
        self.checklist.refresh()

    def current_component(self) -> ComponentState | None:
        return self.checklist.current_component()

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
        pages = [Page(raw) for raw in result.pages]
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
            self.add_pages([Page(raw) for raw in pages])
            if errors:
                self.message.setText("\n".join(errors))

        self._runner.submit(work, done, self._failed(self.tr("đọc tệp")), Lane.WORK)

    def choose_hot_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục máy quét lưu ảnh"))
        if folder:
            self.watch_folder(Path(folder))

    def watch_folder(self, folder: Path, settle_seconds: float = 2.0) -> None:
        self._folder.watch(self._service.hot_folder(folder, settle_seconds=settle_seconds))
        self.message.setText(self.tr("Đang theo dõi thư mục {folder}").format(folder=folder))

    # --- pages ------------------------------------------------------------------------

    def add_pages(self, pages: list[Page]) -> None:
        self._pages.extend(pages)
        self._clean(pages)

    def _clean_all(self) -> None:
        for page in self._pages:
            page.clean = None
        self._clean(list(self._pages))

    def _clean(self, pages: list[Page]) -> None:
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
        self.zoom_dialog = PageZoom(png, self)
        self.zoom_dialog.open()

    def current_mode(self) -> ColourMode:
        return self.tags_form.current_mode()

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
            tags = self.tags_form.tags()
        except DeskError as err:
            self.message.setText(err.message)
            return
        dossier_id, signer = self._dossier_id, self._signer
        keep = self.tags_form.keeps_blank_pages()
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

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _failed(self, what: str):  # type: ignore[no-untyped-def]
        def show(err: BaseException) -> None:
            self._idle()
            self.message.setText(describe_error(err, what))

        return show

    def reject(self) -> None:
        self._folder.stop()
        self._cancel.set()
        super().reject()
