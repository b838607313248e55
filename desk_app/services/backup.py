"""Backups: a snapshot of the open desk each day (or when asked), and putting one back.

Every officer takes the day's backup (the window does it a minute after start when none
is younger than a day): into the desk's backup folder, with the default rotation. Anything
more (another folder, another number of snapshots kept, a second backup within the day,
which would push the oldest out of the rotation) needs the backup permission (an
administrator): a reception officer's ``backup --keep 1`` would delete the week's history.
A snapshot is as encrypted as the data folder. Putting one back replaces the data and
needs an administrator's password.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from desk_app.domain.audit import AuditAction
from desk_app.domain.errors import DeskError, LoginFailed
from desk_app.domain.officers import Permission, RoleNotAllowed, can, require
from desk_app.services.access import (
    DatabaseDamaged,
    Session,
    drop_revoked,
    open_storage,
    unlock,
)
from desk_app.services.audit import AuditService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.storage import backup
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.blob_store import BLOB_DIR, BlobStore
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.database import Storage
from desk_app.storage.files import fsync_dir
from desk_app.storage.keyring import KEYRING_FILE, Keyring
from desk_app.storage.officer_store import OfficerStore
from desk_app.storage.sync_store import SyncStore

log = logging.getLogger(__name__)

KEEP = 7  # daily snapshots kept: a week to notice a mistake
DAILY = timedelta(hours=24)
FOLDER_ENV = "DESK_APP_BACKUP_DIR"


def default_folder(data_dir: Path) -> Path:
    """``DESK_APP_BACKUP_DIR``, else a folder beside the data folder (not inside it: a
    restore replaces the data folder, and a copy of it should not carry its backups)."""
    chosen = os.environ.get(FOLDER_ENV)
    return Path(chosen) if chosen else data_dir.with_name(data_dir.name + "-backups")


@dataclass(frozen=True)
class BackupDone:
    snapshot: backup.Snapshot
    copied_papers: int
    removed: int  # older snapshots rotated out


@dataclass(frozen=True)
class Restored:
    snapshot: backup.Snapshot
    data_dir: Path
    set_aside: Path | None  # the data folder it replaced, kept whole
    enrolled: bool  # the desk syncs: the server may hold entries newer than the snapshot


class BackupService:
    def __init__(
        self,
        storage: Storage,
        blobs: BlobStore,
        data_dir: Path,
        session: Session,
        audit: AuditService,
        clock: Clock,
    ) -> None:
        self._storage = storage
        self._blobs = blobs
        self._data_dir = data_dir
        self._session = session
        self._audit = audit
        self._clock = clock

    @property
    @permitted
    def folder(self) -> Path:
        return default_folder(self._data_dir)

    @permitted
    def snapshots(self, folder: Path | None = None) -> list[backup.Snapshot]:
        return backup.snapshots(folder or self.folder)

    @permitted
    def due(self) -> bool:
        """No snapshot in the last 24 hours (the desk takes one when it is)."""
        whole = self.snapshots()
        return not whole or self._clock() - whole[-1].created_at >= DAILY

    @permitted
    def back_up(self, folder: Path | None = None, keep: int = KEEP) -> BackupDone:
        if keep < 1:
            raise DeskError("Số bản sao lưu giữ lại phải từ 1 trở lên.")
        if not can(self._session.officer.role, Permission.BACKUP):
            self._only_the_daily_backup(folder, keep)
        folder = folder or self.folder
        before = len(backup.snapshots(folder))
        try:
            snapshot, copied = backup.take(
                self._storage, self._blobs, self._data_dir, folder, self._clock(), keep
            )
        except OSError as err:
            raise DeskError(
                f"Không sao lưu được vào {folder}: {err.strerror or err}. Kiểm tra ổ đĩa "
                "(còn chỗ trống, đã cắm, được phép ghi) rồi thử lại; dữ liệu của quầy không "
                "bị ảnh hưởng."
            ) from err
        except backup.BackupUnreadable as err:
            raise DatabaseDamaged(
                f"Dữ liệu của quầy có trang bị hỏng ({err}); bản sao lưu hôm nay không được "
                "giữ, các bản cũ vẫn nguyên. Hãy khôi phục từ bản sao lưu gần nhất "
                "(desk-app restore) và báo quản trị."
            ) from err
        log.info("backup %s: %d dossiers, %d new paper files", snapshot.name,
                 snapshot.dossiers, copied)  # fmt: skip
        self._audit.record(AuditAction.BACKUP, snapshot.name, f"{snapshot.dossiers} hồ sơ")
        return BackupDone(snapshot, copied, max(0, before + 1 - len(backup.snapshots(folder))))

    def _only_the_daily_backup(self, folder: Path | None, keep: int) -> None:
        """An officer without the backup permission takes the day's backup and no more."""
        if folder is not None and folder.resolve() != self.folder.resolve():
            why = f"sao lưu vào thư mục khác ({folder})"
        elif keep != KEEP:
            why = f"đổi số bản sao lưu giữ lại ({keep}; mặc định {KEEP})"
        elif not self.due():
            last = self.snapshots()[-1].created_at
            why = f"sao lưu thêm khi đã có bản sao lưu lúc {last:%H:%M %d/%m/%Y}"
        else:
            return
        raise RoleNotAllowed(
            f"Vai trò «{self._session.officer.role.label}» chỉ được sao lưu hằng ngày vào thư "
            f"mục mặc định, không được {why}: các bản cũ sẽ bị xóa khỏi vòng giữ lại. Hãy "
            "nhờ quản trị."
        )


def restore_desk(
    data_dir: Path, snapshot_dir: Path, officer: str, password: str, clock: Clock
) -> Restored:
    """Put the snapshot at ``snapshot_dir`` back as the desk in ``data_dir`` (which must not
    be open). The snapshot is checked (the officer's password opens it, an administrator,
    the database whole, every paper file there) in a new folder before anything is
    replaced; the data folder it replaces is kept beside it, renamed.

    The keyring is the current one when the officer's password opens the snapshot with it
    (passwords stay as they are now), else the snapshot's own (passwords as they were)."""
    try:
        snapshot = backup.read_snapshot(snapshot_dir)
    except backup.BackupUnreadable:
        raise DeskError(
            f"{snapshot_dir} không phải một bản sao lưu của quầy (thiếu {backup.MANIFEST}). "
            "Chọn thư mục desk-NĂMTHÁNGNGÀY-GIỜ trong thư mục sao lưu."
        ) from None
    revoked: dict[str, str] = {}  # accounts revoked on the desk since the snapshot
    if (data_dir / KEYRING_FILE).is_file():
        revoked = _current_administrator(data_dir, officer, password, clock, snapshot.path)
    staging = data_dir.with_name(f".{data_dir.name}.restoring")
    sources = [data_dir, snapshot.path] if (data_dir / KEYRING_FILE).is_file() else []
    sources = sources or [snapshot.path]
    failure: DeskError | None = None
    for source in sources:
        try:
            backup.stage(snapshot, staging, keyring_from=source)
        except backup.BackupUnreadable as err:
            raise DeskError(f"Bản sao lưu không đủ: {err}. Chọn bản khác.") from None
        try:
            enrolled = _check(staging, snapshot, officer, password, clock, revoked)
        except DeskError as err:
            failure = err
            continue
        break
    else:
        _remove(staging)
        assert failure is not None
        raise failure
    set_aside = None
    if data_dir.exists():
        set_aside = data_dir.with_name(f"{data_dir.name}.before-restore-{clock():%Y%m%d-%H%M%S}")
        try:
            data_dir.rename(set_aside)
        except OSError as err:
            _remove(staging)
            raise DeskError(
                f"Không thay được thư mục dữ liệu {data_dir} ({err.strerror or err}): hãy đóng "
                "phần mềm quầy (cửa sổ và lịch đồng bộ) rồi khôi phục lại."
            ) from err
    staging.rename(data_dir)
    fsync_dir(data_dir.parent)  # both renames durable: a power cut keeps the restore
    return Restored(snapshot, data_dir, set_aside, enrolled)


def _current_administrator(
    data_dir: Path, officer: str, password: str, clock: Clock, snapshot: Path
) -> dict[str, str]:
    """Over a desk whose keyring reads, only an administrator of that desk restores: a
    snapshot's own accounts would let an officer revoked (or never an administrator) since
    it was taken put it back, and be an administrator of the live desk again. A desk whose
    database is missing or damaged (what a restore is for) is judged by its keyring alone,
    one whose keyring is unreadable by the snapshot's accounts.

    Returns the snapshot's accounts the desk has revoked since (name: when), which stay
    revoked in what is restored."""
    try:
        Keyring.load(data_dir)
    except LoginFailed:
        return {}
    try:
        unlocked = unlock(data_dir, officer, password, clock)
    except LoginFailed as err:
        raise LoginFailed(
            f"Chỉ quản trị của quầy hiện tại mới được khôi phục bản sao lưu đè lên quầy: "
            f"{err.message}"
        ) from None
    try:
        storage, row = open_storage(data_dir, unlocked)
    except LoginFailed:
        raise
    except DeskError:
        return {}
    try:
        require(row.role, Permission.BACKUP)
        try:
            names = list(Keyring.load(snapshot).officers)
        except LoginFailed:
            names = []  # the snapshot's keyring is unreadable: the current one is used
        officers = OfficerStore(storage)
        return {
            name: held.revoked_at
            for name in names
            if (held := officers.by_username(name)) is not None and held.revoked_at
        }
    finally:
        storage.close()


def _check(
    folder: Path,
    snapshot: backup.Snapshot,
    officer: str,
    password: str,
    clock: Clock,
    revoked: dict[str, str],
) -> bool:
    """Open the staged copy as the officer would and check it; whether it is enrolled.
    The accounts in ``revoked`` are revoked in it (and out of its keyring)."""
    unlocked = unlock(folder, officer, password, clock)
    storage, row = open_storage(folder, unlocked)
    try:
        require(row.role, Permission.BACKUP)
        officers = OfficerStore(storage)
        with storage.write():
            for name, at in revoked.items():
                held = officers.by_username(name)
                if held is not None and held.active:
                    officers.revoke(held.id, at, "thu hồi trên quầy sau bản sao lưu này")
        drop_revoked(storage, Keyring.load(folder))
        if not storage.integrity_ok():
            raise DeskError(f"Bản sao lưu {snapshot.name} bị hỏng (kiểm tra toàn vẹn không đạt).")
        blobs = BlobStore(storage, folder / BLOB_DIR, unlocked.key.derive("blobs"))
        if blobs.missing():
            raise DeskError(f"Bản sao lưu {snapshot.name} thiếu tệp số hóa.")
        AuditStore(storage).append(
            clock().isoformat(timespec="seconds"), row.username, AuditAction.RESTORE,
            snapshot.name, f"{snapshot.dossiers} hồ sơ",
        )  # fmt: skip
        return SyncStore(storage, ChangeLog(storage)).identity() is not None
    finally:
        storage.close()


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
