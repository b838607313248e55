"""Officers: roles and what each may do, password rules, lockout after failures.

Pure rules; the keys and the accounts live in ``storage.keyring`` and ``services.accounts``.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_app.domain.errors import InvalidField, NotAllowed, WeakPassword


class Role(enum.StrEnum):
    RECEPTION = "reception"
    LEADER = "leader"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.RECEPTION: "Cán bộ tiếp nhận",
    Role.LEADER: "Lãnh đạo UBND xã",
    Role.ADMIN: "Quản trị",
}


class Permission(enum.StrEnum):
    VIEW = "view"  # find and read dossiers, the catalogue, the desk's settings
    OWN_ACCOUNT = "own_account"  # change one's own password, unlock one's own screen
    DAILY_BACKUP = "daily_backup"  # the day's backup, to the desk's folder, default rotation
    RECEIVE = "receive"  # record dossiers, digitise, print receipts
    PROCESS = "process"  # hand over, supplement, refuse, return …
    VIEW_REPORTS = "view_reports"  # reports and the tracking book
    EXPORT = "export"  # reports, books, scans and USB packs out of the desk
    SYNC = "sync"
    MANAGE_OFFICERS = "manage_officers"
    SETTINGS = "settings"  # the commune's settings, days off, enrolment, demo data
    AUDIT = "audit"  # read and verify the audit log, clear the audit's sync problem
    BACKUP = "backup"  # back up anywhere, choose rotation, restore


_EVERYONE = frozenset(Role)

WHO_MAY: dict[Permission, frozenset[Role]] = {
    Permission.VIEW: _EVERYONE,
    Permission.OWN_ACCOUNT: _EVERYONE,
    Permission.DAILY_BACKUP: _EVERYONE,
    Permission.RECEIVE: frozenset({Role.RECEPTION, Role.ADMIN}),
    Permission.PROCESS: _EVERYONE,
    Permission.VIEW_REPORTS: _EVERYONE,
    Permission.EXPORT: frozenset({Role.LEADER, Role.ADMIN}),
    Permission.SYNC: _EVERYONE,
    Permission.MANAGE_OFFICERS: frozenset({Role.ADMIN}),
    Permission.SETTINGS: frozenset({Role.ADMIN}),
    Permission.AUDIT: frozenset({Role.LEADER, Role.ADMIN}),
    Permission.BACKUP: frozenset({Role.ADMIN}),
}
"""Who may do what: the one table. Each service entry point names its permission in
``domain.operations.OPERATIONS``; the services check it through the officer's session."""


class RoleNotAllowed(NotAllowed):
    """The signed-in officer's role does not hold the permission asked for."""


def can(role: Role, permission: Permission) -> bool:
    return role in WHO_MAY[permission]


def require(role: Role, permission: Permission) -> None:
    if not can(role, permission):
        raise RoleNotAllowed(
            f"Vai trò «{role.label}» không được phép: {PERMISSION_LABELS[permission]}. "
            "Hãy nhờ cán bộ có quyền làm việc này."
        )


PERMISSION_LABELS = {
    Permission.VIEW: "xem hồ sơ",
    Permission.OWN_ACCOUNT: "đổi mật khẩu của mình",
    Permission.DAILY_BACKUP: "sao lưu hằng ngày",
    Permission.RECEIVE: "tiếp nhận hồ sơ",
    Permission.PROCESS: "xử lý, trả kết quả hồ sơ",
    Permission.VIEW_REPORTS: "xem báo cáo, sổ theo dõi",
    Permission.EXPORT: "xuất dữ liệu ra ngoài",
    Permission.SYNC: "đồng bộ",
    Permission.MANAGE_OFFICERS: "quản lý tài khoản cán bộ",
    Permission.SETTINGS: "thay đổi cài đặt",
    Permission.AUDIT: "xem nhật ký truy cập",
    Permission.BACKUP: "sao lưu tùy chọn (thư mục, số bản giữ lại), khôi phục",
}

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 8


def clean_username(value: str) -> str:
    username = unicodedata.normalize("NFC", value).strip().lower()
    if not USERNAME.match(username):
        raise InvalidField(
            "Tên đăng nhập gồm 2–32 chữ cái không dấu, chữ số, dấu chấm, gạch, "
            "bắt đầu bằng chữ cái (ví dụ: nguyenvana).",
            field="username",
        )
    return username


def check_password(password: str, *, username: str) -> str:
    """The password as it will be hashed (NFC), or WeakPassword saying what is wrong."""
    password = unicodedata.normalize("NFC", password)
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    if password.strip() != password:
        raise WeakPassword("Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.")
    if username and username.lower() in password.lower():
        raise WeakPassword("Mật khẩu không được chứa tên đăng nhập.")
    if len(set(password)) < 4:
        raise WeakPassword("Mật khẩu quá đơn giản: cần ít nhất 4 ký tự khác nhau.")
    return password


@dataclass(frozen=True)
class Lockout:
    """After ``attempts`` wrong passwords in a row the account waits ``minutes``, doubling
    for each further failure up to a day; a right password resets the count."""

    attempts: int = 5
    minutes: int = 5

    def locked_until(self, failures: int, last_failure: datetime) -> datetime | None:
        if failures < self.attempts:
            return None
        factor = 2 ** min(failures - self.attempts, 9)
        return last_failure + min(timedelta(minutes=self.minutes * factor), timedelta(days=1))


DEFAULT_IDLE_MINUTES = 5
