"""Schema scripts as plain SQL: split into statements, trigger bodies whole."""

from __future__ import annotations

import sqlite3


def split_statements(script: str) -> list[str]:
    """Split a schema script into statements (trigger bodies stay whole)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in schema: {current[:80]!r}")
    return statements
