"""The papers the server holds (by SHA-256) and the uploads under way, per desk. The files
themselves are ``district_server.blob_files``'s."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from district_server.store.sql import Part, among
from district_server.store.tables import blobs, uploads


class Blobs(Part):
    def missing_blobs(self, hashes: list[str]) -> list[str]:
        with self.engine.connect() as db:
            have = set(
                db.execute(select(blobs.c.sha256).where(blobs.c.sha256.in_(hashes))).scalars()
            )
        return [h for h in hashes if h not in have]

    def has_blob(self, sha256: str) -> bool:
        return not self.missing_blobs([sha256])

    def start_upload(self, desk_id: str, sha256: str, length: int, now: datetime) -> None:
        with self.engine.begin() as db:
            held = db.execute(
                select(uploads.c.length).where(
                    uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id
                )
            ).first()
            if held is None:
                db.execute(
                    insert(uploads).values(
                        sha256=sha256, desk_id=desk_id, length=length, created_at=now
                    )
                )
            elif held.length != length:
                db.execute(
                    update(uploads)
                    .where(uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id)
                    .values(length=length, created_at=now)
                )

    def upload_length(self, desk_id: str, sha256: str) -> int | None:
        with self.engine.connect() as db:
            value = db.execute(
                select(uploads.c.length).where(
                    uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id
                )
            ).scalar()
        return int(value) if value is not None else None

    def uploads_started(self, desk_id: str, shas: list[str]) -> list[str]:
        """Those of ``shas`` this desk has started uploading (one query)."""
        if not shas:
            return []
        with self.engine.connect() as db:
            rows = db.execute(
                select(uploads.c.sha256).where(
                    uploads.c.desk_id == desk_id, among(db, uploads.c.sha256, shas)
                )
            ).all()
        return [str(row.sha256) for row in rows]

    def upload_bytes_started(self, desk_id: str) -> int:
        """The declared lengths of ``desk_id``'s unfinished uploads, together."""
        with self.engine.connect() as db:
            value = db.execute(
                select(func.sum(uploads.c.length)).where(uploads.c.desk_id == desk_id)
            ).scalar()
        return int(value or 0)

    def finish_upload(self, desk_id: str, sha256: str, size: int, now: datetime) -> None:
        """Record a verified blob (its file is already in place) and forget the upload."""
        with self.engine.begin() as db:
            if not db.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)).first():
                db.execute(
                    insert(blobs).values(sha256=sha256, size=size, stored_at=now, desk_id=desk_id)
                )
            db.execute(
                delete(uploads).where(uploads.c.sha256 == sha256, uploads.c.desk_id == desk_id)
            )
