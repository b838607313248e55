"""Officer rows: who may sign in at this desk and with what role.

The passwords are not here: each officer's wrapping of the data key is in the keyring
(``storage.keyring``), which must open before this database can.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.officers import Role
from desk_app.storage.database import Storage

_COLUMNS = "id, username, full_name, role, source, revoked_at, must_change_password"


@dataclass(frozen=True)
class OfficerRow:
    id: int
    username: str
    full_name: str
    role: Role
    source: str  # 'local' or 'district'
    revoked_at: str | None
    must_change_password: bool = False  # a temporary password, to change at sign-in

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _row(row: tuple[object, ...]) -> OfficerRow:
    return OfficerRow(
        int(row[0]),  # type: ignore[call-overload]
        str(row[1]),
        str(row[2]),
        Role(str(row[3])),
        str(row[4]),
        None if row[5] is None else str(row[5]),
        bool(row[6]),
    )


class OfficerStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def by_username(self, username: str) -> OfficerRow | None:
        row = self._storage.db.execute(
            f"SELECT {_COLUMNS} FROM officers WHERE username = ?", [username]
        ).fetchone()
        return _row(row) if row else None

    def add(self, username: str, full_name: str, role: Role, now: str) -> OfficerRow:
        """A local account (inside the caller's transaction)."""
        self._storage.db.execute(
            "INSERT INTO officers (username, full_name, role, created_at) VALUES (?, ?, ?, ?)",
            [username, full_name, role.value, now],
        )
        found = self.by_username(username)
        assert found is not None
        return found

    def claim_placeholder(self, username: str, full_name: str, role: Role) -> OfficerRow:
        """The first administrator takes over the placeholder row 1 that a new database
        carries (so the first events already name a real person)."""
        self._storage.db.execute(
            "UPDATE officers SET username = ?, full_name = ?, role = ? WHERE id = 1 "
            "AND username = 'canbo'",
            [username, full_name, role.value],
        )
        found = self.by_username(username)
        assert found is not None
        return found

    def set_must_change(self, username: str, must_change: bool) -> None:
        """Whether the officer's password is a temporary one (kept here, in the encrypted
        database, not in keys.json where it told which accounts are weakest)."""
        with self._storage.write() as db:
            db.execute(
                "UPDATE officers SET must_change_password = ? WHERE username = ?",
                [int(must_change), username],
            )

    def revoke(self, officer_id: int, at: str, reason: str) -> None:
        self._storage.db.execute(
            "UPDATE officers SET revoked_at = ?, revoked_reason = ? WHERE id = ?",
            [at, reason, officer_id],
        )
