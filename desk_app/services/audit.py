"""The access log: entries for what an officer sees and takes away, the chain's check,
and how it stands against the server's signed anchor."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import desk_protocol as protocol
from desk_app.domain.audit import Anchor, AuditAction, AuditEntry, Break, verify
from desk_app.domain.officers import Permission
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.database import Fault, StorageFault

if TYPE_CHECKING:
    from desk_app.services.access import Session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnchorStatus:
    """How the local chain stands against the server's latest signed anchor."""

    anchor: Anchor | None
    problem: str  # "" when the chain matches the anchor (or there is none yet)


class AuditService:
    """Entries for what an officer sees and takes away; changes are entered by the change
    log itself, in the change's transaction."""

    def __init__(
        self,
        store: AuditStore,
        session: Session,
        clock: Clock,
        *,
        pinned: Callable[[], tuple[str, str] | None] = lambda: None,
    ) -> None:
        """``pinned``: the server's public key pinned at enrolment and this desk's id, or
        None when the desk is not enrolled (the anchor's signature is checked with them)."""
        self._store = store
        self._session = session
        self._clock = clock
        self.pinned = pinned

    @permitted
    def anchor(self) -> AnchorStatus:
        """The server's latest signed anchor, its signature checked again now (the row is
        in the desk's database, which any officer's key opens), and whether the local
        entry at its seq still has its hash. Any officer may ask: it shows no entry."""
        signed = self._store.anchor()
        if signed is None:
            return AnchorStatus(None, "")
        pinned = self.pinned()
        read = protocol.read_audit_anchor(pinned[0], pinned[1], signed) if pinned else None
        if read is None:
            return AnchorStatus(
                None,
                "Xác nhận của máy chủ lưu ở quầy không còn chữ ký hợp lệ (đã bị sửa): "
                "hãy báo quản trị và đối chiếu với máy chủ.",
            )
        anchor = Anchor(*read)
        if anchor.seq == 0:
            return AnchorStatus(anchor, "")
        local = self._store.after(anchor.seq - 1, 1)
        if not local or local[0][0].seq != anchor.seq or local[0][2] != anchor.hash:
            return AnchorStatus(
                anchor,
                f"Nhật ký truy cập tại quầy khác với bản máy chủ đã xác nhận đến mục "
                f"{anchor.seq}: nhật ký đã bị sửa hoặc xóa. Hãy báo quản trị.",
            )
        return AnchorStatus(anchor, "")

    @permitted
    def record(self, action: AuditAction, subject: str, detail: str = "") -> None:
        now = self._clock().isoformat(timespec="seconds")
        try:
            self._store.append(now, self._session.username, action, subject, detail)
        except StorageFault as err:
            if err.fault is not Fault.READ_ONLY:
                raise
            # Read-only media: nothing can be written, the reading goes on (the desk's
            # log, when it can be written elsewhere, says what was not recorded).
            log.info("audit entry %s not recorded: read-only data folder", action.value)

    @permitted
    def verify(self) -> tuple[int, list[Break]]:
        """How many entries, and where the chain is broken (empty when intact)."""
        self._session.require(Permission.AUDIT)
        count = 0

        def counted() -> Iterator[tuple[AuditEntry, str, str]]:
            nonlocal count
            for item in self._store.chain():
                count += 1
                yield item

        status = self.anchor()
        breaks = verify(counted(), status.anchor)
        if status.anchor is None and status.problem:
            breaks.insert(0, Break(0, status.problem))
        return count, breaks

    @permitted
    def chain(self) -> list[tuple[AuditEntry, str, str]]:
        """Every entry with its stored links (what ``verify`` reads)."""
        self._session.require(Permission.AUDIT)
        return list(self._store.chain())

    @permitted
    def recent(self, limit: int = 200) -> list[AuditEntry]:
        self._session.require(Permission.AUDIT)
        return self._store.recent(limit)
