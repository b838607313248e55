"""Versioned procedure catalogues: each version's document is kept forever."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from desk_app.domain.catalogue import Catalogue, parse_catalogue
from desk_app.storage.database import Storage


class CatalogueStore:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._parsed: dict[str, Catalogue] = {}

    def add_version(self, document: dict[str, Any], *, in_force: bool) -> Catalogue:
        """Store a catalogue version (idempotent by version) and optionally put it in force."""
        catalogue = parse_catalogue(document)
        text = json.dumps(document, ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()
        db = self._storage.db
        with self._storage.write():
            row = db.execute(
                "SELECT id, sha256 FROM catalogue_versions WHERE version = ?", [catalogue.version]
            ).fetchone()
            if row is None:
                cursor = db.execute(
                    "INSERT INTO catalogue_versions (version, published, source, sha256, document, "
                    "loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        catalogue.version,
                        catalogue.published,
                        catalogue.source,
                        digest,
                        text,
                        datetime.now(UTC).isoformat(timespec="seconds"),
                    ],
                )
                version_id = cursor.lastrowid
                db.conn.executemany(
                    "INSERT INTO procedures (catalogue_version_id, code, name, sector) "
                    "VALUES (?, ?, ?, ?)",
                    [(version_id, p.code, p.name, p.sector) for p in catalogue.procedures],
                )
            elif row[1] != digest:
                raise ValueError(
                    f"catalogue version {catalogue.version} already exists with other content"
                )
            if in_force:
                db.execute("UPDATE catalogue_versions SET in_force = 0 WHERE in_force = 1")
                db.execute(
                    "UPDATE catalogue_versions SET in_force = 1 WHERE version = ?",
                    [catalogue.version],
                )
        return catalogue

    def in_force(self) -> Catalogue | None:
        row = self._storage.db.execute(
            "SELECT version FROM catalogue_versions WHERE in_force = 1"
        ).fetchone()
        return self.version(row[0]) if row else None

    def version(self, version: str) -> Catalogue:
        cached = self._parsed.get(version)
        if cached is None:
            row = self._storage.db.execute(
                "SELECT document FROM catalogue_versions WHERE version = ?", [version]
            ).fetchone()
            if row is None:
                raise KeyError(version)
            cached = parse_catalogue(json.loads(row[0]))
            self._parsed[version] = cached
        return cached
