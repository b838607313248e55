"""The server's only SQL (SQLAlchemy Core), by concern: enrolment (desks, codes, nonces),
changes (the applied log and what desks pull), blobs, publishing, audit chains and the
district view (the dossiers projected for the status page). ``ServerStore`` is all of
them over one engine; works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine

from district_server.store.audit import AuditChains, AuditLink
from district_server.store.blobs import Blobs
from district_server.store.change_log import (
    PROBLEMS,
    WITHHELD,
    Applied,
    Busy,
    Changes,
    Conflict,
    Gap,
    MissingBlobs,
)
from district_server.store.district_view import DistrictView, lookup_hash, mask_name
from district_server.store.enrolment import (
    ENROL_CODE_DAYS,
    HUB_NUMBER,
    Desk,
    Enrolment,
    KeyInUse,
    NumberingMismatch,
)
from district_server.store.fee_payments import index_fee_payments
from district_server.store.hub import HubStore
from district_server.store.publishing import Publishing
from district_server.store.tables import changes, dossiers, fee_payments, feed, metadata

__all__ = [
    "ENROL_CODE_DAYS",
    "HUB_NUMBER",
    "PROBLEMS",
    "WITHHELD",
    "Applied",
    "AuditLink",
    "Busy",
    "Conflict",
    "Desk",
    "Gap",
    "KeyInUse",
    "MissingBlobs",
    "NumberingMismatch",
    "ServerStore",
    "changes",
    "dossiers",
    "feed",
    "lookup_hash",
    "mask_name",
    "metadata",
]


class ServerStore(Enrolment, Changes, Blobs, Publishing, AuditChains, DistrictView, HubStore):
    """The server's store: every concern over one engine (SQLite or PostgreSQL)."""

    def __init__(self, url: str) -> None:
        if url.startswith("postgresql"):
            # as many connections as requests a process applies at once (its thread pool)
            options: dict[str, Any] = {"pool_size": 10, "max_overflow": 10}
        else:
            # SQLite writes one transaction at a time. Requests queue for the process's one
            # connection (in order, woken when it is free) rather than each holding its own
            # and polling for the file's lock: under 50 desks pushing at once some polled
            # past the busy timeout and got an error. Each transaction is short.
            options = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 120}
        self.engine: Engine = create_engine(url, pool_pre_ping=True, **options)
        if self.engine.dialect.name == "sqlite":

            @event.listens_for(self.engine, "connect")
            def _pragmas(connection: Any, _record: Any) -> None:
                cursor = connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
                cursor.execute("PRAGMA busy_timeout=10000")
                cursor.close()

        had_fee_payments = inspect(self.engine).has_table(fee_payments.name)
        metadata.create_all(self.engine)
        for index in feed.indexes:  # one added since (create_all makes new tables' only)
            index.create(self.engine, checkfirst=True)
        if not had_fee_payments:  # a server that took fees before the table existed (once:
            index_fee_payments(self.engine)  # not a scan of the log at every start)
