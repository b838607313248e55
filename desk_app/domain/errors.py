"""Errors an officer can cause and fix.

Every message is Vietnamese and written for the officer: what is wrong and what to do.
The UI shows it next to the field named by ``field``; the CLI prints it to stderr.
"""

from __future__ import annotations

from dataclasses import dataclass


class DeskError(Exception):
    """Base of every error the officer can cause; ``str(err)`` is the Vietnamese message."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidIdNumber(DeskError):
    """A personal ID number (số định danh cá nhân) that cannot be right."""


class InvalidIdCardQr(DeskError):
    """A string from the ID card's QR code that is truncated or malformed."""


class InvalidField(DeskError):
    """Any other field value that cannot be accepted (phone, date, length ...)."""


class UnknownProcedure(DeskError):
    """A procedure code that is not in the catalogue in force."""


class ClockWrong(DeskError):
    """The computer's clock is obviously wrong; dates and codes would be wrong too."""


class DailySequenceExhausted(DeskError):
    """This desk has used every dossier number of its block for the day."""


class DossierNotFound(DeskError):
    """No dossier with that code at this desk."""


class InvalidCatalogue(DeskError):
    """The procedure catalogue file is malformed."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a draft; ``field`` is a dotted key like ``applicant.phone``."""

    field: str
    message: str


class DraftInvalid(DeskError):
    """A dossier draft with one or more field errors; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        count = len(errors)
        super().__init__(
            f"Hồ sơ chưa lưu: có {count} thông tin cần sửa." if count > 1 else errors[0].message
        )
        self.errors = tuple(errors)

    def for_field(self, field: str) -> str | None:
        return next((e.message for e in self.errors if e.field == field), None)


class NotAllowed(DeskError):
    """The officer's role does not allow the action."""


class LoginFailed(DeskError):
    """A wrong user name or password, a locked or revoked account."""


class WeakPassword(DeskError):
    """A new password that breaks the rules (length, variety, the user name in it)."""


class ChipReadFailed(DeskError):
    """The ID card's chip could not be read; ``english`` is the same message in English.

    Each kind has its own exit code for ``desk-app card read`` (verification failures
    are not errors: the fields are still shown, see ``desk_app.chip``).
    """

    exit_code = 10
    vietnamese = ""
    english = ""

    def __init__(self, detail: str = "") -> None:
        super().__init__(self.vietnamese, field="chip")
        self.detail = detail  # technical detail for the log, never shown as the message


class NoCardReader(ChipReadFailed):
    exit_code = 10
    vietnamese = (
        "Không thấy đầu đọc thẻ: cắm đầu đọc NFC vào máy (và bật dịch vụ thẻ thông minh), "
        "rồi thử lại."
    )
    english = "No card reader found: plug in the NFC reader (and start the smart card service)."


class NoCard(ChipReadFailed):
    exit_code = 11
    vietnamese = "Chưa có thẻ trên đầu đọc: đặt thẻ căn cước nằm yên trên đầu đọc rồi thử lại."
    english = "No card on the reader: lay the ID card flat on the reader and try again."


class ChipAccessDenied(ChipReadFailed):
    exit_code = 12
    vietnamese = (
        "Chip từ chối khoá truy cập: kiểm tra số giấy tờ, ngày sinh và ngày hết hạn "
        "(quét lại mã QR hoặc nhập theo dòng MRZ ở mặt sau thẻ)."
    )
    english = (
        "The chip refused the access key: check the document number, birth date and expiry "
        "(scan the QR again or type them from the MRZ on the back)."
    )


class CardRemoved(ChipReadFailed):
    exit_code = 13
    vietnamese = "Thẻ bị nhấc ra khi đang đọc: đặt lại thẻ nằm yên trên đầu đọc và đọc lại."
    english = "The card was taken away during the read: put it back and read again."


class ChipUnreadable(ChipReadFailed):
    exit_code = 14
    vietnamese = "Thẻ này không có chip đọc được theo chuẩn ICAO (hoặc chip trả lời sai)."
    english = "This card has no readable ICAO chip (or the chip answered wrongly)."
