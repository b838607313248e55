"""A citizen who has had dossiers at this desk before: what the desk last knew of them, and a
button to fill the applicant's fields with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.domain.records import KnownApplicant


class KnownApplicantBanner(QWidget):
    use = Signal(object)  # the KnownApplicant, when the officer takes its details

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._known: KnownApplicant | None = None
        self.banner = QLabel(objectName="known_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #e8f0fe; padding: 6px; border-radius: 4px;")
        self.use_button = QPushButton(self.tr("&Dùng thông tin này"), objectName="use_known")
        self.use_button.clicked.connect(self._use)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.use_button)
        self.hide()

    def show_known(self, known: KnownApplicant | None) -> None:
        """Shown for a citizen the desk knows; hidden (and forgotten) for None."""
        self._known = known
        if known is None:
            self.hide()
            return
        p = known.person
        self.banner.setText(
            self.tr(
                "Công dân đã có {n} hồ sơ tại quầy. Thông tin gần nhất ({when}): {name}, {address}"
                "{phone}."
            ).format(
                n=known.dossier_count,
                when=known.updated_at.strftime("%d/%m/%Y"),
                name=p.full_name,
                address=p.address,
                phone=self.tr(", ĐT {phone}").format(phone=p.phone) if p.phone else "",
            )
        )
        self.show()

    def _use(self) -> None:
        if self._known is not None:
            self.use.emit(self._known)
            self.hide()
