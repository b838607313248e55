"""The window shell: navigation on the left, pages on the right, status bar below."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast, overload

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from desk_app.services.chip import CardReaderService
from desk_app.services.clock import Clock
from desk_app.services.desk import Desk
from desk_app.services.intake import ReceivedDossier
from desk_app.services.lifecycle import DossierView
from desk_app.services.settings import DeskSettings
from desk_app.services.today import TodayView
from desk_app.ui.intake.intake_page import IntakePage
from desk_app.ui.intake.procedure_picker import ProcedurePicker
from desk_app.ui.widgets.first_paint import after_first_paint
from desk_app.ui.widgets.help import HelpDialog, show_help
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner

if TYPE_CHECKING:  # (built, and imported, after the first paint: _build_later_pages)
    from desk_app.ui.dossiers.dossier_list_page import DossierListPage
    from desk_app.ui.intake.cash_book_dialog import CashBookDialog
    from desk_app.ui.intake.payment_dialog import PaymentDialog
    from desk_app.ui.officers.officers_page import OfficersPage
    from desk_app.ui.reports.reports_page import ReportsPage
    from desk_app.ui.settings.settings_page import SettingsPage
    from desk_app.ui.sync.sync_page import SyncPage
    from desk_app.ui.today.today_page import TodayPage

INTAKE, DOSSIERS, TODAY, REPORTS, SYNC, OFFICERS, SETTINGS = 0, 1, 2, 3, 4, 5, 6
READER_POLL_MS = 3000
PAGE_TOPICS = ("intake", "dossiers", "today", "reports", "sync", "officers", "settings")
P = TypeVar("P", bound=QWidget)


def _ignore(_result: object) -> None:
    """Warm-up has nothing to report; a failure shows again, with words, at the first print."""


def _scrolled(page: QWidget) -> QScrollArea:
    """The page in a frameless scroll area: on a small screen or at a large text size it
    scrolls (Tab scrolls to the field it reaches) instead of widening the window past
    the screen or pushing its buttons off it (issue 26, 7)."""
    area = QScrollArea(objectName=f"page.{page.objectName() or type(page).__name__}")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(page)
    return area


class _LaterPage(Generic[P]):
    """A page behind Tiếp nhận, as an attribute of the window: reading it builds them."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._built = "_" + name  # where _build_later_pages keeps it

    @overload
    def __get__(self, window: None, owner: type) -> _LaterPage[P]: ...
    @overload
    def __get__(self, window: MainWindow, owner: type) -> P: ...
    def __get__(self, window: MainWindow | None, owner: type) -> _LaterPage[P] | P:
        if window is None:
            return self
        window.build_later_pages()
        return cast(P, getattr(window, self._built))


class MainWindow(QMainWindow):
    dossiers: _LaterPage[DossierListPage] = _LaterPage()
    today: _LaterPage[TodayPage] = _LaterPage()
    reports: _LaterPage[ReportsPage] = _LaterPage()
    sync: _LaterPage[SyncPage] = _LaterPage()
    officers: _LaterPage[OfficersPage] = _LaterPage()
    settings_page: _LaterPage[SettingsPage] = _LaterPage()

    def __init__(self, desk: Desk, settings: DeskSettings, officer_name: str, clock: Clock) -> None:
        super().__init__()
        self._desk = desk
        self._clock = clock
        self.runner = TaskRunner(self)
        self.card_reader = CardReaderService(desk.data_dir)
        self._closed = False
        self._retranslate_due = False  # a LanguageChange arrived; the rebuild is queued

        self.nav = QListWidget(objectName="nav")
        self.nav.addItems(self._nav_texts())
        self._fit_nav()
        # Pages are reached by Ctrl+N / Ctrl+F; Tab stays inside the page's form.
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self.pages.addWidget(
            _scrolled(self._build_intake())
        )  # the first screen; the others after it
        self._later_built = False
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(INTAKE)

        self._officer_name = officer_name
        self.desk_label = QLabel(objectName="desk_label")
        self.statusBar().addWidget(self.desk_label)
        self._show_title(settings)
        self.sync_state = QLabel(objectName="sync_state")
        self.statusBar().addPermanentWidget(self.sync_state)
        # The card reader's state (PC/SC), asked off the UI thread every few seconds.
        self.reader_state = QLabel(objectName="reader_state")
        self.statusBar().addPermanentWidget(self.reader_state)
        self._reader_timer = QTimer(self, interval=READER_POLL_MS)
        self._reader_timer.timeout.connect(self.refresh_reader_state)
        self._reader_timer.start()
        self._reader_asked = False  # (first asked after the first paint: _warm_up)

        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_dossier)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.show_dossiers)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, activated=lambda: self.intake.qr.setFocus())
        QShortcut(QKeySequence(Qt.Key.Key_F3), self, activated=self.read_card)
        QShortcut(QKeySequence("Ctrl+T"), self, activated=lambda: self.nav.setCurrentRow(TODAY))
        QShortcut(QKeySequence("Ctrl+R"), self, activated=lambda: self.nav.setCurrentRow(REPORTS))
        QShortcut(QKeySequence("Ctrl+Y"), self, activated=lambda: self.nav.setCurrentRow(SYNC))
        QShortcut(QKeySequence("Ctrl+U"), self, activated=lambda: self.nav.setCurrentRow(OFFICERS))
        QShortcut(QKeySequence("Ctrl+,"), self, activated=lambda: self.nav.setCurrentRow(SETTINGS))
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, activated=self.help)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=self.take_fee)  # Thu phí
        QShortcut(QKeySequence("Ctrl+B"), self, activated=self.cash_book)  # Sổ thu phí
        self.last_code = ""  # the dossier saved last: the fee dialog starts on it
        self._warmed = False
        self._restore_layout()

    def _nav_texts(self) -> list[str]:
        return [
            self.tr("Tiếp nhận  (Ctrl+N)"),
            self.tr("Hồ sơ  (Ctrl+F)"),
            self.tr("Hôm nay  (Ctrl+T)"),
            self.tr("Báo cáo  (Ctrl+R)"),
            self.tr("Đồng bộ  (Ctrl+Y)"),
            self.tr("Cán bộ, sao lưu  (Ctrl+U)"),
            self.tr("Cài đặt  (Ctrl+,)"),
        ]

    def _build_pages(self) -> tuple[QWidget, ...]:
        """The pages, their texts in the language in force, wired to the window."""
        return (self._build_intake(), *self._build_later_pages())

    def _build_intake(self) -> IntakePage:
        desk = self._desk
        self.intake = IntakePage(
            desk.intake,
            desk.receipts,
            ProcedurePicker(desk.catalogue),
            self.runner,
            digitisation=desk.digitisation,
            card_reader=self.card_reader,
        )
        self.intake.saved.connect(self._dossier_saved)
        return self.intake

    def _build_later_pages(self) -> tuple[QWidget, ...]:
        """The pages behind Tiếp nhận. The window shows Tiếp nhận first: these are built
        (and their modules imported) once it is painted, or when one is reached before."""
        from desk_app.ui.dossiers.dossier_list_page import DossierListPage
        from desk_app.ui.officers.officers_page import OfficersPage
        from desk_app.ui.reports.reports_page import ReportsPage
        from desk_app.ui.settings.settings_page import SettingsPage
        from desk_app.ui.sync.sync_page import SyncPage
        from desk_app.ui.today.today_page import TodayPage

        desk = self._desk
        self._dossiers = DossierListPage(desk.dossiers, desk.catalogue, self.runner, self._clock)
        self._today = TodayPage(desk.today, desk.dossiers, self.runner, self._clock)
        self._reports = ReportsPage(desk.reports, self.runner)
        self._sync = SyncPage(desk.sync, self.runner)
        self._officers = OfficersPage(
            desk.accounts, desk.settings, desk.backups, desk.session, self.runner
        )
        self._settings_page = SettingsPage(
            desk.settings,
            desk.session,
            self.runner,
            calendar=desk.intake,
            today=self._clock().date(),
            fees=desk.fees,
        )
        self._settings_page.saved.connect(self._show_title)
        self._sync.state_changed.connect(lambda text: self.sync_state.setText(text))
        self._dossiers.open_requested.connect(self.open_dossier)
        self._today.open_requested.connect(self.open_dossier)
        self._today.counts_changed.connect(self._show_counts)
        return (
            self._dossiers,
            self._today,
            self._reports,
            self._sync,
            self._officers,
            self._settings_page,
        )

    def build_later_pages(self) -> None:
        """Build the pages behind Tiếp nhận now, if they are not yet."""
        if not self._later_built:
            self._later_built = True
            for page in self._build_later_pages():
                self.pages.addWidget(_scrolled(page))

    def _show_page(self, row: int) -> None:
        if row != INTAKE:
            self.build_later_pages()
        self.pages.setCurrentIndex(row)

    def retranslate(self) -> None:
        """The language changed in Cài đặt: the navigation, title and status bar are
        written again and each page is rebuilt in the new language, where it was (the
        dossier being typed on Tiếp nhận is carried over). Pages hold their words as
        built, so a rebuild is the one way no string is missed."""
        self._retranslate_due = False
        if self._closed:
            return
        if self.intake.saving:  # a save in flight finishes on the page that started it
            self._retranslate_due = True
            QTimer.singleShot(100, self.retranslate)
            return
        self.build_later_pages()  # (all seven are rebuilt below)
        for row, text in enumerate(self._nav_texts()):
            self.nav.item(row).setText(text)
        self._show_title(self._settings)
        draft = self.intake.draft()
        typed = draft != self.intake.blank_draft()
        current = self.pages.currentIndex()
        old = [self.pages.widget(i) for i in range(self.pages.count())]
        for page in self._build_pages():
            self.pages.addWidget(_scrolled(page))
        for gone in old:
            if gone is not None:
                self.pages.removeWidget(gone)
                gone.hide()
                gone.deleteLater()
        if typed:
            self.intake.fill_draft(draft)
        self.nav.setCurrentRow(current)
        self.pages.setCurrentIndex(current)
        self.refresh_counts()
        self._fit_nav()

    def _show_title(self, settings: DeskSettings) -> None:
        """The commune and desk in force, in the title and the status bar: at start (after
        the first-run wizard too) and again each time Cài đặt saves them."""
        self._settings = settings
        title = self.tr("Một cửa — {unit} — Quầy {n}").format(
            unit=settings.parent_unit, n=settings.desk_number
        )
        self.setWindowTitle(title + (self.tr(" — DỮ LIỆU MẪU") if settings.demo else ""))
        parts = [
            self.tr("Cán bộ: {name}").format(name=self._officer_name),
            self.tr("Quầy {n}").format(n=settings.desk_number),
            settings.parent_unit,
        ]
        if settings.demo:
            parts.append(self.tr("DỮ LIỆU MẪU"))
        self.desk_label.setText("  ·  ".join(parts))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self.pages.currentIndex() == INTAKE:
            self.intake.qr.setFocus()  # the citizen hands over the ID card first
        if not self._warmed:
            self._warmed = True
            after_first_paint(self, self._warm_up)  # the window first, then its chores
            if self._desk.session.must_change_password:  # a temporary password: change it now
                QTimer.singleShot(0, lambda: self.officers.change_own_password(required=True))

    def _warm_up(self) -> None:
        """The pages behind Tiếp nhận, the Today counts, and the receipt's fonts (the first
        receipt should not wait for them to load)."""
        if self._closed:
            return
        self.build_later_pages()
        self.runner.submit(self._desk.receipts.warm_up, _ignore, _ignore, Lane.WORK)
        self.refresh_counts()
        self.refresh_reader_state()

    def help(self) -> HelpDialog:
        """F1: the guide of the page in front of the officer."""
        return show_help(PAGE_TOPICS[self.pages.currentIndex()], self)

    def refresh_counts(self) -> None:
        """The Today counts in the navigation (late ones first: they need action)."""
        self.runner.submit(self._desk.today.counts, self._show_counts, _ignore)

    def _show_counts(self, counts: dict[TodayView, int]) -> None:
        late, ready = counts.get(TodayView.LATE, 0), counts.get(TodayView.READY, 0)
        due = counts.get(TodayView.DUE_TODAY, 0)
        item = self.nav.item(TODAY)
        item.setText(
            self.tr("Hôm nay  (Ctrl+T)\n{due} đến hạn · {late} quá hạn · {ready} chờ trả").format(
                due=due, late=late, ready=ready
            )
        )
        self._fit_nav()

    def _fit_nav(self) -> None:
        """Wide enough for its longest line in this language and text size."""
        self.nav.setFixedWidth(max(190, self.nav.sizeHintForColumn(0) + 4 * self.nav.frameWidth()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size changed in Cài đặt
            self._fit_nav()
        elif event.type() == QEvent.Type.LanguageChange and not self._retranslate_due:
            # Removing the old translator and installing the new one each send one: one
            # rebuild, after the handler that changed the language has returned.
            self._retranslate_due = True
            QTimer.singleShot(0, self.retranslate)

    def new_dossier(self) -> None:
        self.nav.setCurrentRow(INTAKE)
        self.intake.new_dossier()

    def show_dossiers(self) -> None:
        self.nav.setCurrentRow(DOSSIERS)
        self.dossiers.focus_search()

    def _save(self) -> None:
        if self.pages.currentIndex() == INTAKE:
            self.intake.save()

    def _dossier_saved(self, received: ReceivedDossier) -> None:
        self.last_code = received.record.code
        self._dossiers_changed()

    def take_fee(self) -> PaymentDialog:
        """Ctrl+M: the fee of the dossier saved last (or of a code typed), cash or VietQR."""
        from desk_app.ui.intake.payment_dialog import PaymentDialog  # (not at start-up)

        self.payment = PaymentDialog(self._desk.fees, self.runner, self.last_code, self)
        self.payment.open()
        return self.payment

    def cash_book(self) -> CashBookDialog:
        """Ctrl+B: the day's receipts, totals, hand-over and bank statement."""
        from desk_app.ui.intake.cash_book_dialog import CashBookDialog  # (not at start-up)

        self.book = CashBookDialog(
            self._desk.fees, self._desk.session.officer_id, self.runner, self._clock().date(), self
        )
        self.book.open()
        return self.book

    def _dossiers_changed(self) -> None:
        self.sync.refresh()  # what waits to be sent grew: the page and the status bar say so
        if self.dossiers.loaded:
            self.dossiers.refresh()
        if self.pages.currentIndex() == TODAY:
            self.today.refresh()
        else:
            self.refresh_counts()

    def open_dossier(self, dossier_id: int) -> None:
        self.runner.submit(
            lambda: self._desk.lifecycle.view(dossier_id),
            self._show_dossier,
            lambda err: self.statusBar().showMessage(
                describe_error(err, self.tr("mở hồ sơ")), 10_000
            ),
        )

    def _show_dossier(self, view: DossierView) -> None:
        from desk_app.ui.dossiers.dossier_dialog import DossierDialog  # (not at start-up)

        self.dossier_dialog = DossierDialog(
            view,
            self._desk.receipts,
            self._desk.lifecycle,
            self.runner,
            self._clock(),
            self,
            digitisation=self._desk.digitisation,
        )
        self.dossier_dialog.changed.connect(self._dossier_changed)
        self.dossier_dialog.open()

    def _dossier_changed(self, dossier_id: int) -> None:
        self._dossiers_changed()
        self.open_dossier(dossier_id)  # shown again as it is now

    def save_layout(self) -> None:
        """Size, place and maximised state, for the next start on this PC."""
        QSettings().setValue("window/geometry", self.saveGeometry())

    def _restore_layout(self) -> None:
        state = QSettings()
        geometry = state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            return
        screen = self.screen().availableGeometry()  # first run: most of the screen
        self.resize(min(1280, int(screen.width() * 0.95)), min(820, int(screen.height() * 0.92)))

    def read_card(self) -> None:
        """F3: the intake page reads the ID card on the reader."""
        self.nav.setCurrentRow(INTAKE)
        self.intake.read_chip()

    def refresh_reader_state(self) -> None:
        if self._reader_asked:
            return
        self._reader_asked = True
        self.runner.submit(
            self.card_reader.state_and_trust,
            self._show_reader_state,
            self._reader_state_failed,
            Lane.WORK,
        )

    def _show_reader_state(
        self, state: tuple[tuple[int, int], tuple[str | None, int, int]]
    ) -> None:
        self._reader_asked = False
        (readers, cards), (version, in_list, _local) = state
        if version is None:
            trust = self.tr("Danh sách CSCA của tỉnh: chưa nhận qua đồng bộ")
        else:
            trust = self.tr("Danh sách CSCA của tỉnh: phiên bản {version} ({n} chứng thư)")
            trust = trust.format(version=version, n=in_list)
        self.reader_state.setToolTip(trust)
        if readers == 0:
            text = self.tr("Đầu đọc thẻ: chưa cắm")
        elif cards == 0:
            text = self.tr("Đầu đọc thẻ: sẵn sàng, chưa có thẻ")
        else:
            text = self.tr("Đầu đọc thẻ: có thẻ — bấm F3 để đọc")
        self.reader_state.setText(text)

    def _reader_state_failed(self, _err: BaseException) -> None:
        self._reader_asked = False
        self.reader_state.setText(self.tr("Đầu đọc thẻ: không rõ"))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Work in flight (a save is milliseconds) finishes before the connections close;
        # nothing to ask the officer.
        self._closed = True
        self.runner.shutdown()
        self.save_layout()
        self.runner.run_on_lane(Lane.DB, self._desk.close)  # the DB lane's connection too
        super().closeEvent(event)
