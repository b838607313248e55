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
