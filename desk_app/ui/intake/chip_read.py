"""F3 at intake: read the ID card's chip off the UI thread and fill the applicant.

The key comes from the QR scanned for this dossier, else from the ID number and birth
date on the form and the expiry typed in the QR field (dd/mm/yyyy). What the chip check
says is kept until the next dossier, for the one whose ID number is the chip's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desk_app.domain.errors import ChipReadFailed, DeskError
from desk_app.domain.identity import IdCardData
from desk_app.domain.mrz import IdentityCheck
from desk_app.services.chip import CardReaderService, CardReading, key_from_card, key_typed
from desk_app.ui.widgets.messages import describe_error
from desk_app.ui.widgets.task_runner import Lane, TaskRunner


class ChipRead(QObject):
    def __init__(self, page: Any, reader: CardReaderService | None, runner: TaskRunner) -> None:
        super().__init__(page)
        self._page = page  # the IntakePage: its applicant fields, QR field, errors, status
        self._reader = reader
        self._runner = runner
        self._qr: IdCardData | None = None  # the QR scanned for this dossier
        self._identity: tuple[str, IdentityCheck] | None = None  # (ID number, chip check)
        self._reading_chip = False

    def forget(self) -> None:
        self._qr = None
        self._identity = None

    def qr_scanned(self, card: IdCardData) -> None:
        self._qr = card

    def identity_check(self) -> IdentityCheck | None:
        """The chip check of this applicant, if the chip read was of the number on the form."""
        number = self._page.applicant.id_number.text().replace(" ", "")
        if self._identity is None or self._identity[0] != number:
            return None
        return self._identity[1]

    def read(self) -> None:
        """F3: read the card on the reader (off the UI thread) and fill the applicant.

        The key comes from the QR scanned for this dossier, else from the ID number and
        birth date on the form and the expiry typed in the QR field (dd/mm/yyyy)."""
        if self._reader is None or self._reading_chip:
            return
        self._page.errors.clear()
        qr = self._qr
        try:
            if qr is not None:
                key = key_from_card(qr)
            else:
                a = self._page.applicant
                key = key_typed(a.id_number.text(), a.birth_date.text(), self._page.qr.text())
        except DeskError as err:
            self._page.errors.show("qr", err.message)
            self._page.status.setText(
                self.tr(
                    "Đọc chip cần mã QR của thẻ (F2), hoặc số định danh, ngày sinh trên biểu "
                    "mẫu và ngày hết hạn gõ vào ô mã QR."
                )
            )
            return
        reader = self._reader
        self._reading_chip = True
        self._page.status.setText(
            self.tr("Đang đọc chip thẻ căn cước… giữ thẻ nằm yên trên đầu đọc.")
        )
        self._runner.submit(
            lambda: reader.read(key, qr=qr), self._chip_read, self._chip_failed, Lane.WORK
        )

    def _chip_read(self, reading: CardReading) -> None:
        self._reading_chip = False
        person = reading.applicant
        a = self._page.applicant
        a.full_name.setText(person.full_name)
        a.id_number.setText(person.id_number)
        a.birth_date.setText(person.birth_date)
        a.set_sex(person.sex)
        if person.address:
            a.address.setText(person.address)
        self._identity = (person.id_number, reading.check)
        self._page.qr.clear()
        if reading.check.verified:
            text = self.tr("Đã đọc chip: thông tin HỢP LỆ (chữ ký số của cơ quan cấp thẻ đúng).")
        else:
            text = self.tr(
                "Đã đọc chip nhưng KHÔNG XÁC THỰC ĐƯỢC ({why}). Vẫn tiếp nhận được; đối chiếu "
                "thẻ bằng mắt."
            ).format(why=reading.check.result)
        if reading.qr_differences:
            names = {
                "id_number": self.tr("số định danh"),
                "full_name": self.tr("họ tên"),
                "birth_date": self.tr("ngày sinh"),
                "sex": self.tr("giới tính"),
                "residence": self.tr("nơi thường trú"),
            }
            text += " " + self.tr("Khác với mã QR: {fields}.").format(
                fields=", ".join(names.get(f, f) for f in reading.qr_differences)
            )
        self._page.status.setText(text)
        self._page.applicant_filled()

    def _chip_failed(self, err: BaseException) -> None:
        self._reading_chip = False
        if isinstance(err, ChipReadFailed):
            self._page.status.setText(err.message)
        else:
            self._page.status.setText(describe_error(err, self.tr("đọc chip thẻ căn cước")))
