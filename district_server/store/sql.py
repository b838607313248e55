"""What every concern of the store shares: the engine, many rows inserted at once (COPY on
PostgreSQL), ``IN`` as one parameter, and UTC datetimes from SQLite."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, any_, bindparam, insert
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError


class Part:
    """One concern of the store; ``ServerStore`` is all of them over one engine."""

    engine: Engine


def insert_rows(db: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in the open transaction: on PostgreSQL by COPY, which costs the
    database a fraction of one INSERT a row (a batch is 500 entries and two tables)."""
    if db.dialect.name != "postgresql":
        db.execute(insert(table), rows)
        return
    columns = [c.name for c in table.columns if c.name in rows[0]]
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    try:
        with db.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except db.dialect.dbapi.IntegrityError as err:  # as SQLAlchemy would have raised it
        raise IntegrityError(statement, None, err) from err


def among(db: Any, column: Any, values: list[Any]) -> Any:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter however many
    values (a 500-entry batch asks about 500 keys; 500 placeholders cost more to send and
    to plan)."""
    if db.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
