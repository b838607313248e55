"""The audit log's hash chain: who did what to whose record, each entry sealed to the last.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields in
a canonical JSON form, so editing any entry changes its hash and breaks every later link,
and removing one breaks the link after it. Removing the newest entries leaves a shorter
valid chain, and anyone with the desk's key can drop the triggers, delete entries and
re-seal everything after them into a chain that checks. What they cannot make is the
district server's signed *anchor*: its word (Ed25519, the key desks pin at enrolment)
that it holds this desk's chain through entry ``seq`` with head ``hash``. ``verify``
checks the chain against the latest anchor the desk received: entries up to the anchored
seq must hash to the anchored head, so a re-sealed chain no longer passes.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


class AuditAction(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    VIEW = "view"  # a citizen's record opened
    PRINT = "print"
    EXPORT = "export"
    CHANGE = "change"
    ACCOUNT = "account"  # accounts created, reset, revoked; recovery used
    BACKUP = "backup"
    RESTORE = "restore"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601 with offset
    officer: str  # user name, not a person's name
    action: AuditAction
    subject: str  # a dossier code, a file name, a user name; never an ID number
    detail: str

    def canonical(self) -> bytes:
        return json.dumps(
            [self.seq, self.at, self.officer, str(self.action), self.subject, self.detail],
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")


def seal(previous: str, entry: AuditEntry) -> str:
    return hashlib.sha256(previous.encode("ascii") + entry.canonical()).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """The server's signed word that it holds the chain through ``seq`` with head ``hash``."""

    seq: int
    hash: str
    signed_at: str


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def verify(
    chain: Iterable[tuple[AuditEntry, str, str]], anchor: Anchor | None = None
) -> list[Break]:
    """Each ``(entry, prev_hash, hash)`` in order; the places where the chain is broken,
    including, with an ``anchor``, where it differs from what the server acknowledged."""
    breaks: list[Break] = []
    previous, expected_seq = GENESIS, 1
    anchored = anchor is None or anchor.seq == 0
    for entry, prev_hash, digest in chain:
        if anchor is not None and not anchored and entry.seq >= anchor.seq:
            anchored = True
            if entry.seq != anchor.seq or digest != anchor.hash:
                breaks.append(
                    Break(
                        anchor.seq,
                        f"khác với chuỗi máy chủ đã xác nhận ({anchor.signed_at[:16]}): các "
                        f"mục đến {anchor.seq} đã bị sửa, xóa hoặc niêm phong lại",
                    )
                )
        if entry.seq != expected_seq:
            breaks.append(Break(entry.seq, f"thiếu mục {expected_seq}–{entry.seq - 1}"))
        if prev_hash != previous:
            breaks.append(Break(entry.seq, "không nối với mục trước (mục trước bị sửa hoặc xóa)"))
        if seal(prev_hash, entry) != digest:
            breaks.append(Break(entry.seq, "nội dung đã bị sửa"))
        previous, expected_seq = digest, entry.seq + 1
    if not anchored and anchor is not None:
        breaks.append(
            Break(
                anchor.seq,
                f"thiếu các mục {expected_seq}–{anchor.seq} mà máy chủ đã xác nhận "
                f"({anchor.signed_at[:16]})",
            )
        )
    return breaks
