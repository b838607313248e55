"""Officers: roles and what each may do, password rules, lockout after failures.

Pure rules; the keys and the accounts live in ``storage.keyring`` and ``services.accounts``.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_app.domain import password_words
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
MIN_PASSWORD = 12  # characters; or a passphrase of MIN_WORDS words
MIN_WORDS = 3
# Letters and digits left once everything a guesser tries first is taken out (common and
# Vietnamese passwords, names, years and dates, keyboard walks, runs, the user and commune
# names): 7 lower-case letters alone are 26^7 ≈ 8·10^9 guesses of argon2id each.
MIN_LEFT = 7
MAX_PASSWORD = 256


def clean_username(value: str) -> str:
    username = unicodedata.normalize("NFC", value).strip().lower()
    if not USERNAME.match(username):
        raise InvalidField(
            "Tên đăng nhập gồm 2–32 chữ cái không dấu, chữ số, dấu chấm, gạch, "
            "bắt đầu bằng chữ cái (ví dụ: nguyenvana).",
            field="username",
        )
    return username


_SYMBOLS_AS_LETTERS = str.maketrans({"@": "a", "$": "s", "!": "i"})
_DIGITS_AS_LETTERS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_DATE = re.compile(
    r"(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"  # 19900101
    r"|(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])((19|20)\d\d|\d\d)?"  # 01011990, 010190, 0101
)
_TOKENS = re.compile(r"[a-z]+|[0-9]+")
_YEAR = re.compile(r"(19|20)\d\d")
_REPEATS = re.compile(r"(.+?)\1+")
_COMMON = password_words.words(password_words.COMMON_PASSWORDS)
_NAMES = password_words.words(password_words.NAMES)
# Taken out wherever they appear ("matkhau" in "xmatkhaux"); shorter names only as words,
# so "chín" is not read as the name "Chi".
_GUESSABLE = sorted(
    {w for w in _COMMON if len(w) >= 4 and not w.isdigit()} | {w for w in _NAMES if len(w) >= 5},
    key=len,
    reverse=True,
)


def _fold(text: str) -> str:
    """Lower case, no accents, đ→d (what a guesser's rules try for every word)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", _fold(text).translate(_SYMBOLS_AS_LETTERS))


def _without_runs(text: str) -> tuple[str, list[str]]:
    """``text`` without keyboard walks and runs of 3+ (``qwer``, ``1234``, ``abc``, ``987``)."""
    found: list[str] = []
    rows = [*password_words.KEYBOARD_ROWS, *(r[::-1] for r in password_words.KEYBOARD_ROWS)]
    out, i = [], 0
    while i < len(text):
        longest = 0
        for row in rows:
            j = 0
            while i + j < len(text) and text[i : i + j + 1] in row:
                j += 1
            longest = max(longest, j)
        if longest >= 3:
            found.append(text[i : i + longest])
            i += longest
        else:
            out.append(text[i])
            i += 1
    return "".join(out), found


def _guessable_rest(password: str, personal: list[str]) -> tuple[str, list[str]]:
    """What is left of ``password`` (folded, letters and digits) once the parts a guesser
    tries first are taken out, and those parts, for the message."""
    found: list[str] = []
    words = _TOKENS.findall(_fold(password).translate(_SYMBOLS_AS_LETTERS))
    kept = []
    for word in words:  # whole words: names ("Lan 1990"), common words
        if word in _NAMES or word in _COMMON:
            found.append(word)
        else:
            kept.append(word)
    rest = "".join(kept)

    def take(part: str) -> None:
        nonlocal rest
        if part and part in rest:
            found.append(part)
            rest = rest.replace(part, "")

    for part in sorted(personal, key=len, reverse=True):
        take(part)
    for pattern in (_DATE, _YEAR):
        found += [m.group(0) for m in pattern.finditer(rest) if len(m.group(0)) >= 4]
        rest = pattern.sub(lambda m: "" if len(m.group(0)) >= 4 else m.group(0), rest)
    for word in _GUESSABLE:
        take(word)
    leet = rest.translate(_DIGITS_AS_LETTERS)  # "m4tkh4u", "p4ssw0rd"
    for word in _GUESSABLE:
        if word in leet and word not in rest:
            found.append(word)
            leet = leet.replace(word, "")
            rest = leet
    rest, runs = _without_runs(rest)
    found += runs
    rest = _REPEATS.sub(r"\1", rest)  # "aaaa" → "a", "abab" → "ab"
    return rest, found


def check_password(password: str, *, username: str, commune: str = "", full_name: str = "") -> str:
    """The password as it will be hashed (NFC), or WeakPassword saying what is wrong and
    what to do.

    Offline guessing is the threat (a copied ``keys.json``): at least 12 characters or a
    passphrase of 3 words, and what is left once the parts a guesser tries first are taken
    out (common and Vietnamese passwords such as ``matkhau`` or ``123456a@``, names, years
    and dates, keyboard walks and runs, the user name, the officer's and commune's names,
    all folded without accents) must still be 7 letters or digits."""
    password = unicodedata.normalize("NFC", password)
    advice = (
        " Gợi ý: ghép 3–4 từ không liên quan thành một câu dễ nhớ, ví dụ "
        "«cá heo leo núi tháng mười»."
    )
    if len(password) > MAX_PASSWORD:
        raise WeakPassword(f"Mật khẩu dài quá {MAX_PASSWORD} ký tự.")
    if password.strip() != password:
        raise WeakPassword("Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.")
    if len(password) < MIN_PASSWORD and len(password.split()) < MIN_WORDS:
        raise WeakPassword(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự, hoặc là một câu từ {MIN_WORDS} "
            "từ trở lên." + advice
        )
    folded_user = _compact(username)
    if folded_user and folded_user in _compact(password):
        raise WeakPassword("Mật khẩu không được chứa tên đăng nhập." + advice)
    if len(set(password)) < 4:
        raise WeakPassword("Mật khẩu quá đơn giản: cần ít nhất 4 ký tự khác nhau." + advice)
    if _compact(password) in _COMMON or _compact(password).translate(_DIGITS_AS_LETTERS) in _COMMON:
        raise WeakPassword("Mật khẩu nằm trong danh sách mật khẩu phổ biến." + advice)
    personal = [folded_user, _compact(commune), _compact(full_name)]
    for name in (username, commune, full_name):
        personal += [w for w in _NOT_ALNUM.split(_fold(name)) if len(w) >= 3]
    rest, found = _guessable_rest(password, [p for p in personal if p])
    if len(rest) < MIN_LEFT:
        parts = ", ".join(f"«{p}»" for p in dict.fromkeys(found)) or "quá ít ký tự"
        raise WeakPassword(
            f"Mật khẩu dễ đoán: ngoài {parts} (từ, tên, năm, ngày, dãy phím hay gặp; tên "
            "đăng nhập, họ tên, tên xã) chỉ còn "
            f"{len(rest)} chữ/số; cần ít nhất {MIN_LEFT}." + advice
        )
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
