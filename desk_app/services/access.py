"""Who is at the desk: setting a desk up, signing in, the officer's session and the
accounts (the audit log's entries for what an officer sees and takes away: ``audit``).

Signing in *is* opening the data: the password unwraps the data key (``storage.keyring``)
that opens the encrypted database and the scans. So it works offline, and a wrong password
cannot read anything.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from desk_app.domain.audit import AuditAction
from desk_app.domain.errors import DeskError, LoginFailed, NotAllowed
from desk_app.domain.officers import (
    Lockout,
    Permission,
    Role,
    check_password,
    clean_username,
    require,
)
from desk_app.platform.long_paths import data_folder_too_long
from desk_app.services.audit import AnchorStatus as AnchorStatus  # the sync page's import
from desk_app.services.audit import AuditService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.signin import PASSWORD_ENV as PASSWORD_ENV  # (its callers' import)
from desk_app.services.signin import password_from_environment as password_from_environment
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.database import (
    CLEAN_MARK_SUFFIX,
    DB_FILENAME,
    LOCK_SUFFIX,
    Fault,
    Storage,
    StorageFault,
)
from desk_app.storage.files import fsync_dir, make_private, mkdir_durably
from desk_app.storage.kdf import Prederived
from desk_app.storage.keyring import KEYRING_FILE, DataKey, KdfCost, Keyring
from desk_app.storage.officer_store import OfficerRow, OfficerStore
from desk_app.storage.rekey import DeskInUse, Replaced, replace_data_key, settle_if_alone
from desk_app.storage.settings_store import SettingsStore

log = logging.getLogger(__name__)

ADMIN = "admin"
DEMO_PASSWORD = "demo"  # the demo commune's administrator; never on a real desk


class NotSetUp(DeskError):
    """The data folder has no desk yet (no keyring)."""


class DatabaseDamaged(DeskError):
    """The database opens but fails SQLite's integrity check, or is not a database."""


class DatabaseMissing(DeskError):
    """The desk has a keyring, but its database file is gone or empty."""


class DatabaseOlder(DeskError):
    """A sound database that holds less than the last clean close saw: an older copy."""


def _latest_backup(data_dir: Path) -> str:
    """Where the newest snapshot is, and the command that puts it back."""
    from desk_app.services.backup import default_folder  # (backup builds on this module)
    from desk_app.storage.backup import snapshots

    try:
        found = snapshots(default_folder(data_dir))
    except OSError:
        found = []
    if not found:
        return (
            f" Không thấy bản sao lưu ở {default_folder(data_dir)}: tìm bản sao lưu trên ổ "
            "khác hoặc USB."
        )
    newest = found[-1]
    return (
        f" Bản sao lưu gần nhất: {newest.path} ({newest.created_at:%H:%M %d/%m/%Y}, "
        f"{newest.dossiers} hồ sơ); khôi phục bằng: desk-app restore --data-dir {data_dir} "
        f"{newest.path}"
    )


def is_set_up(data_dir: Path) -> bool:
    return Keyring.exists(data_dir)


def set_up_desk(
    data_dir: Path,
    *,
    username: str,
    full_name: str,
    password: str,
    clock: Clock,
    cost: KdfCost | None = None,
    demo: bool = False,
) -> str:
    """Create the keyring, the encrypted database and the first administrator; return the
    recovery code to print once. ``demo`` allows the demo's short password."""
    too_long = data_folder_too_long(data_dir)  # Windows without long paths
    if too_long:
        raise DeskError(too_long)
    if Keyring.exists(data_dir):
        raise DeskError(f"Thư mục {data_dir} đã có quầy; hãy đăng nhập thay vì thiết lập lại.")
    if (data_dir / DB_FILENAME).exists():
        raise DeskError(
            f"Thư mục {data_dir} có cơ sở dữ liệu nhưng không có tệp khóa: không thiết lập "
            "đè lên. Hãy khôi phục tệp khóa (keys.json) từ bản sao lưu, hoặc chọn thư mục khác."
        )
    username = clean_username(username)
    full_name = " ".join(full_name.split()) or "Quản trị"
    if not demo:
        password = check_password(password, username=username, full_name=full_name)
    mkdir_durably(data_dir)  # its name too: a power cut must not take the new desk away
    make_private(data_dir, 0o700)
    # The database is made whole under another name first and put in place only after the
    # keyring is written: a desk with a keyring must have its database (a missing one is
    # refused, never recreated empty). A cut here leaves either no keyring (set-up starts
    # again, the half-made file is cleared) or both files (the next open puts it in place).
    staging = data_dir / (DB_FILENAME + SETUP_SUFFIX)
    for stale in _with_companions(staging):
        stale.unlink(missing_ok=True)
    key = DataKey.new()
    storage = Storage(staging, key, create=True)
    try:
        _claim_first_admin(storage, username, full_name)
    finally:
        storage.close()
    _ring, key, code = Keyring.create(data_dir, username, password, cost or KdfCost(), key)
    _finish_set_up(data_dir)
    return code


SETUP_SUFFIX = ".setup"


def _with_companions(path: Path) -> list[Path]:
    tails = ("", "-wal", "-shm", CLEAN_MARK_SUFFIX, LOCK_SUFFIX)
    return [path.with_name(path.name + tail) for tail in tails]


def _finish_set_up(data_dir: Path) -> None:
    """Put the database a set-up made in place (when the set-up was cut after writing the
    keyring, at the next open)."""
    staging = data_dir / (DB_FILENAME + SETUP_SUFFIX)
    if (data_dir / DB_FILENAME).exists() or not staging.is_file():
        return
    for source, target in zip(
        _with_companions(staging), _with_companions(data_dir / DB_FILENAME), strict=True
    ):
        if source.exists():
            os.replace(source, target)
    fsync_dir(data_dir)


def _claim_first_admin(storage: Storage, username: str, full_name: str) -> OfficerRow:
    officers = OfficerStore(storage)
    with storage.write():
        return officers.claim_placeholder(username, full_name, Role.ADMIN)


@dataclass(frozen=True)
class Unlocked:
    key: DataKey
    username: str
    must_change_password: bool


def _keyring(data_dir: Path) -> Keyring:
    if not Keyring.exists(data_dir):
        raise NotSetUp(
            f"Chưa có quầy ở thư mục {data_dir}. Hãy mở phần mềm để thiết lập lần đầu, "
            "hoặc chạy «desk-app demo» để có xã mẫu."
        )
    settle_if_alone(data_dir)  # a replacement of the data key cut by a crash or power cut
    # desks set up before the modes were restricted: the folder and keyring become private
    make_private(data_dir, 0o700)
    make_private(data_dir / KEYRING_FILE, 0o600)
    return Keyring.load(data_dir)


def unlock(
    data_dir: Path, username: str, password: str, clock: Clock, early: Prederived | None = None
) -> Unlocked:
    """The data key for this officer's password, or LoginFailed (the count of failures and
    the lockout are kept in the keyring, so they survive a restart). ``early``: the same
    password's key derived ahead (``services.signin``)."""
    name = username.strip().lower()
    key, must_change = _keyring(data_dir).unlock(name, password, clock(), Lockout(), early)
    return Unlocked(key, name, must_change)


def recover_admin(data_dir: Path, code: str, username: str, new_password: str, clock: Clock) -> str:
    """The recovery code opens the data key; ``username`` (an administrator) gets
    ``new_password`` and the lockout lifted; a new recovery code replaces the used one."""
    ring = _keyring(data_dir)
    key = ring.recover(code)
    username = clean_username(username)
    storage = _open_database(data_dir, key)
    try:
        row = OfficerStore(storage).by_username(username)
        if row is None or row.role is not Role.ADMIN:
            raise DeskError(f"«{username}» không phải tài khoản quản trị của quầy này.")
        password = check_password(
            new_password, username=username, commune=commune_name(storage),
            full_name=row.full_name,
        )  # fmt: skip
        ring.set_password(username, password, key, ring.cost())
        OfficerStore(storage).set_must_change(username, False)
        new_code = ring.new_recovery(key)
        at = clock().isoformat(timespec="seconds")
        AuditStore(storage).append(at, username, AuditAction.ACCOUNT, username, "khôi phục bằng mã")
    finally:
        storage.close()
    return new_code


def commune_name(storage: Storage) -> str:
    """The commune's names as the settings give them (a password must not be made of them)."""
    settings = SettingsStore(storage).get_all()
    return " ".join(settings.get(k, "") for k in ("parent_unit", "place", "receiving_unit"))


def _open_database(data_dir: Path, key: DataKey, *, check_later: bool = False) -> Storage:
    """The database, checked (SQLite's quick_check) before anything is read or written,
    unless its files hold exactly what a clean close left (the daily backup checks the
    whole file anyway). With ``check_later`` (the window) that content is proved after
    the first paint: ``Desk.finish_start_check``.

    A desk with a keyring has had a database: a missing, empty or cut-short file is
    refused (SQLite would open it as a new desk, numbering dossiers from the start again
    and leaving every paper file without its row), as is a file this key does not open.
    A full disk, a failing drive, a folder that cannot be written say so, not "damaged":
    restoring a backup there would throw recent work away."""
    with contextlib.suppress(OSError):  # (read-only media: the open below says so)
        _finish_set_up(data_dir)
    try:
        storage = Storage(data_dir / DB_FILENAME, key, check_later=check_later)
    except StorageFault as fault:
        if fault.fault in (Fault.CORRUPT, Fault.CUT_SHORT, Fault.NOT_A_DATABASE):
            raise DatabaseDamaged(fault.message + _latest_backup(data_dir)) from fault
        if fault.fault in (Fault.MISSING, Fault.EMPTY):
            raise DatabaseMissing(fault.message + _latest_backup(data_dir)) from fault
        raise
    if not storage.closed_cleanly and not storage.integrity_ok():
        storage.close(clean=False)
        raise DatabaseDamaged(damaged_message(data_dir))
    behind = storage.older_than_last_close()
    if behind is not None:
        storage.close(clean=False)  # (the mark stays: the next try refuses too)
        (changes, audit), (had_changes, had_audit) = behind
        raise DatabaseOlder(
            f"Tệp dữ liệu {data_dir / DB_FILENAME} cũ hơn lần đóng phần mềm gần nhất (có "
            f"{changes} mục thay đổi và {audit} mục nhật ký truy cập; lần đóng trước đã có "
            f"{had_changes} và {had_audit}): có vẻ một bản cũ đã được chép đè lên. Mở tiếp sẽ "
            "cấp lại những số hồ sơ đã cấp cho công dân, nên quầy không mở. Hãy tìm lại tệp "
            "mới nhất, hoặc khôi phục bằng desk-app restore." + _latest_backup(data_dir) + " "
            "Chỉ khi chắc chắn không còn tệp nào mới hơn: quản trị xóa tệp "
            f"{data_dir / (DB_FILENAME + CLEAN_MARK_SUFFIX)} rồi mở lại, và báo cấp huyện về "
            "các số hồ sơ có thể bị cấp trùng."
        )
    return storage


def damaged_message(data_dir: Path) -> str:
    """What to tell the officer when the integrity check fails."""
    return (
        f"Tệp dữ liệu {data_dir / DB_FILENAME} bị hỏng (kiểm tra toàn vẹn không đạt). Không "
        "nhập thêm gì vào quầy này: hãy khôi phục từ bản sao lưu gần nhất (desk-app restore) "
        "và báo quản trị." + _latest_backup(data_dir)
    )


def drop_revoked(storage: Storage, ring: Keyring) -> list[str]:
    """Accounts revoked in the database (by the district, or on another path) taken out of
    the keyring; the data key they opened is then replaced at close or next sign-in."""
    officers = OfficerStore(storage)
    dropped = []
    for name in list(ring.officers):
        row = officers.by_username(name)
        if row is not None and not row.active:
            ring.remove(name)
            dropped.append(name)
    return dropped


def open_storage(
    data_dir: Path, unlocked: Unlocked, *, check_later: bool = False
) -> tuple[Storage, OfficerRow]:
    """The database opened with the officer's key, and the officer's row (``check_later``:
    see ``_open_database``)."""
    storage = _open_database(data_dir, unlocked.key, check_later=check_later)
    row = OfficerStore(storage).by_username(unlocked.username)
    if row is None and len(Keyring.load(data_dir).officers) == 1:
        row = _claim_first_admin(storage, unlocked.username, "Quản trị")  # set-up was cut
    if row is None:
        storage.close()
        raise LoginFailed(f"Tài khoản «{unlocked.username}» không có trong dữ liệu của quầy.")
    if not row.active:
        storage.close()
        raise LoginFailed(f"Tài khoản «{row.username}» đã bị thu hồi; hãy liên hệ quản trị.")
    ring = Keyring.load(data_dir)
    if storage.read_only:  # nothing can be written there: the keyring stays as it is
        return storage, row
    drop_revoked(storage, ring)
    if any(entry.must_change for entry in ring.officers.values()):
        # an older keyring said so in the clear: the flags move into the database
        officers = OfficerStore(storage)
        for name, entry in ring.officers.items():
            if entry.must_change:
                officers.set_must_change(name, True)
        ring.forget_legacy_flags()
        row = officers.by_username(unlocked.username) or row
    return storage, row


class Session:
    """The officer signed in at this desk: events carry them, services ask them before
    anything their role may not do."""

    def __init__(self, officer: OfficerRow, *, must_change_password: bool = False) -> None:
        self.officer = officer
        self.must_change_password = must_change_password

    @property
    def officer_id(self) -> int:
        return self.officer.id

    @property
    def username(self) -> str:
        return self.officer.username

    def require(self, permission: Permission) -> None:
        require(self.officer.role, permission)


@dataclass(frozen=True)
class Revoked:
    recovery_code: str | None  # a new recovery code to print (the old one was of format 1)
    must_reset: list[str]  # accounts that will need a password reset after the new key


def replace_key_if_due(data_dir: Path, key: DataKey) -> Replaced | None:
    """The data key replaced when a revocation asks for it and the desk is closed."""
    if not Keyring.load(data_dir).rekey_due:
        return None
    try:
        replaced = replace_data_key(data_dir, key)
    except DeskInUse:
        log.info("data key replacement waits: the desk is open in another process")
        return None
    log.info("data key replaced after a revocation: %d paper files re-encrypted, %d "
             "accounts to reset", replaced.papers, len(replaced.dropped))  # fmt: skip
    return replaced


class AccountService:
    """Officers' accounts: add, reset, change one's own password, revoke (administrators,
    except changing one's own password)."""

    def __init__(
        self,
        data_dir: Path,
        storage: Storage,
        officers: OfficerStore,
        audit: AuditService,
        session: Session,
        key: DataKey,
        clock: Clock,
    ) -> None:
        self._data_dir = data_dir
        self._storage = storage
        self._officers = officers
        self._audit = audit
        self._session = session
        self._key = key
        self._clock = clock

    def _ring(self) -> Keyring:
        return Keyring.load(self._data_dir)

    @permitted
    def add(self, username: str, full_name: str, role: Role, temporary_password: str) -> OfficerRow:
        """A new local account whose first sign-in must change the temporary password."""
        self._session.require(Permission.MANAGE_OFFICERS)
        username = clean_username(username)
        full_name = " ".join(full_name.split())
        if not full_name:
            raise DeskError("Hãy nhập họ tên cán bộ.")
        password = check_password(
            temporary_password, username=username, commune=commune_name(self._storage),
            full_name=full_name,
        )  # fmt: skip
        existing = self._officers.by_username(username)
        ring = self._ring()
        if existing is not None and (username in ring.officers or existing.source == "local"):
            raise DeskError(f"Tên đăng nhập «{username}» đã có.")
        with self._storage.write():
            row = existing or self._officers.add(
                username, full_name, role, self._clock().isoformat(timespec="seconds")
            )
            self._officers.set_must_change(username, True)
            ring.add(username, password, self._key, ring.cost())
        self._audit.record(AuditAction.ACCOUNT, username, f"tạo tài khoản, vai trò {role.value}")
        return row

    @permitted
    def reset_password(self, username: str, temporary_password: str) -> None:
        """An administrator's reset (also lifts a lockout); to be changed at next sign-in."""
        self._session.require(Permission.MANAGE_OFFICERS)
        row = self._officers.by_username(username)
        if row is None:
            raise DeskError(f"Không có tài khoản «{username}».")
        password = check_password(
            temporary_password, username=username, commune=commune_name(self._storage),
            full_name=row.full_name,
        )  # fmt: skip
        ring = self._ring()
        self._officers.set_must_change(username, True)
        ring.set_password(username, password, self._key, ring.cost())
        self._audit.record(AuditAction.ACCOUNT, username, "đặt lại mật khẩu")

    @permitted
    def change_own_password(self, current: str, new: str) -> None:
        username = self._session.username
        ring = self._ring()
        key, _ = ring.unlock(username, current, self._clock(), Lockout())
        if key.raw != self._key.raw:
            raise LoginFailed("Mật khẩu hiện tại không đúng.")
        password = check_password(
            new, username=username, commune=commune_name(self._storage),
            full_name=self._session.officer.full_name,
        )  # fmt: skip
        if password == current:
            raise DeskError("Mật khẩu mới phải khác mật khẩu cũ.")
        ring.set_password(username, password, self._key, ring.cost())
        self._officers.set_must_change(username, False)
        self._session.must_change_password = False
        self._audit.record(AuditAction.ACCOUNT, username, "đổi mật khẩu")

    @permitted
    def revoke(self, username: str, reason: str) -> Revoked:
        """Revoke the account and take it out of the keyring; the data key it could open is
        replaced when this desk closes (or at the next sign-in, whichever comes first), so
        a copy of keys.json and this officer's password open nothing written after it."""
        self._session.require(Permission.MANAGE_OFFICERS)
        if username == self._session.username:
            raise NotAllowed("Không thể tự thu hồi tài khoản đang đăng nhập.")
        row = self._officers.by_username(username)
        if row is None:
            raise DeskError(f"Không có tài khoản «{username}».")
        with self._storage.write():
            self._officers.revoke(row.id, self._clock().isoformat(timespec="seconds"), reason)
        ring = self._ring()
        ring.remove(username)
        code = None
        if not ring.recovery_is_sealed():  # format 1: it could not follow a new key
            code = ring.new_recovery(self._key)
        self._audit.record(AuditAction.ACCOUNT, username, "thu hồi tài khoản")
        return Revoked(code, ring.unsealed_officers())

    @permitted
    def drop_revoked(self) -> list[str]:
        """Accounts the district revoked since sign-in, out of the keyring (before close)."""
        if self._storage.read_only:
            return []
        return drop_revoked(self._storage, self._ring())

    @permitted
    def replace_key_if_due(self) -> Replaced | None:
        """After a revocation, with the database closed: a new data key (``storage.rekey``);
        None when none is due or another process still has the desk open (then it is done
        at the next sign-in)."""
        return replace_key_if_due(self._data_dir, self._key)

    @permitted
    def check_password(self, password: str) -> bool:
        """The signed-in officer's password, for the idle lock (counts toward lockout)."""
        try:
            key, _ = self._ring().unlock(self._session.username, password, self._clock(), Lockout())
        except LoginFailed:
            self._audit.record(AuditAction.LOGIN_FAILED, self._session.username, "mở khóa màn hình")
            raise
        return key.raw == self._key.raw
