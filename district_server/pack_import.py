"""Import a desk's USB pack: check everything first, then apply with the HTTP path's apply."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import TypeAdapter, ValidationError

from desk_app.domain.changes import content_hash
from desk_app.sync import protocol
from district_server.app import AuditRow, Entry, audit_links
from district_server.blob_files import BlobFiles
from district_server.store import AuditLink, ServerStore


class PackRefused(Exception):
    """A pack that cannot be applied; ``str`` is the Vietnamese reason."""


_AuditRows = TypeAdapter(list[AuditRow])


def _audit_links(pack: zipfile.ZipFile, manifest: dict[str, Any]) -> list[AuditLink]:
    """The pack's audit entries, checked against the signed manifest (none in a pack from
    a desk that predates them)."""
    if "audit_sha256" not in manifest:
        return []
    try:
        data = pack.read(protocol.PACK_AUDIT)
    except (KeyError, zipfile.BadZipFile, OSError) as err:
        raise PackRefused("Gói thiếu nhật ký truy cập.") from err
    if hashlib.sha256(data).hexdigest() != manifest["audit_sha256"]:
        raise PackRefused("Nhật ký truy cập trong gói không khớp chữ ký: gói đã bị sửa.")
    try:
        rows = _AuditRows.validate_json(data)
    except ValidationError as err:
        raise PackRefused("Nhật ký truy cập trong gói không đúng định dạng.") from err
    return audit_links(rows)


def import_pack(
    store: ServerStore, files: BlobFiles, key: Ed25519PrivateKey, path: Path
) -> dict[str, Any]:
    """Apply the pack at ``path``; return the signed acknowledgement."""
    try:
        pack = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as err:
        raise PackRefused(
            f"Gói {path.name} hỏng hoặc bị cắt cụt (không phải tệp zip đầy đủ)."
        ) from err
    with pack:
        try:
            signed = json.loads(pack.read(protocol.PACK_MANIFEST))
            entries_json = pack.read(protocol.PACK_ENTRIES)
        except (KeyError, ValueError, zipfile.BadZipFile, OSError) as err:
            raise PackRefused(f"Gói {path.name} thiếu phần hoặc bị hỏng.") from err
        manifest = signed.get("document") if isinstance(signed, dict) else None
        if not isinstance(manifest, dict) or manifest.get("format") != protocol.PACK_FORMAT:
            raise PackRefused(f"{path.name} không phải gói dữ liệu của quầy.")
        desk = store.desk(str(manifest.get("desk_id", "")))
        if desk is None:
            raise PackRefused("Gói đến từ một quầy chưa đăng ký với máy chủ.")
        if desk.revoked_at is not None:
            raise PackRefused(f"Quầy đã bị thu hồi: {desk.revoked_reason or ''}.")
        if not protocol.document_signed_by(protocol.load_public_key(desk.public_key), signed):
            raise PackRefused(
                "Chữ ký của gói không đúng: gói đã bị sửa hoặc không phải của quầy này."
            )
        if hashlib.sha256(entries_json).hexdigest() != manifest.get("entries_sha256"):
            raise PackRefused("Nội dung gói không khớp chữ ký: gói đã bị sửa.")
        chain = _audit_links(pack, manifest)
        try:
            entries = [Entry.model_validate(e).model_dump() for e in json.loads(entries_json)]
        except (ValueError, ValidationError) as err:
            raise PackRefused("Các mục trong gói không đúng định dạng.") from err
        for entry in entries:
            if (
                content_hash(
                    entry["kind"], entry["entity_uuid"], entry["payload"], entry["blob_hashes"]
                )
                != entry["content_sha256"]
            ):
                raise PackRefused(f"Mục {entry['seq']} trong gói không khớp mã băm.")
        stored = 0
        for sha in manifest.get("blobs", []):
            if sha in manifest.get("unavailable_blobs", []):
                continue
            if store.has_blob(sha):
                continue
            try:
                data = pack.read(protocol.PACK_BLOB_DIR + sha)
            except (KeyError, zipfile.BadZipFile, OSError) as err:
                raise PackRefused(f"Gói thiếu tệp số hóa {sha[:12]}….") from err
            if hashlib.sha256(data).hexdigest() != sha:
                raise PackRefused(f"Tệp số hóa {sha[:12]}… trong gói không khớp mã băm.")
            files.append(desk.id, sha, b"")  # make sure no stale part lingers
            files.part(desk.id, sha).write_bytes(data)
            if files.complete(desk.id, sha):
                store.finish_upload(desk.id, sha, len(data), datetime.now(UTC))
                stored += 1
    from district_server.store import Conflict, Gap

    try:
        unavailable = manifest.get("unavailable_blobs", [])
        applied = store.apply(
            desk.id,
            entries,
            datetime.now(UTC),
            frozenset(h for h in unavailable if isinstance(h, str)),
        )
    except Gap as gap:
        raise PackRefused(
            f"Gói bắt đầu từ mục {entries[0]['seq']} nhưng máy chủ mới có đến mục "
            f"{gap.acked_through}: hãy xuất gói mới ở quầy."
        ) from None
    except Conflict as conflict:
        raise PackRefused(
            f"Mục {conflict.seq} khác với mục máy chủ đã nhận; không ghi đè."
        ) from None
    audit_through, audit_broken = (
        store.append_audit(desk.id, chain, datetime.now(UTC)) if chain else (None, "")
    )
    anchor: dict[str, object] | None = None
    if chain:  # the head held, signed as in the answer to an audit push
        seq, head = store.audit_head(desk.id)
        anchor = protocol.audit_anchor(key, desk.id, seq, head, datetime.now(UTC))
    document: dict[str, object] = {
        "format": protocol.ACK_FORMAT,
        "audit_anchor": anchor,
        "desk_id": desk.id,
        "acked_through": applied.acked_through,
        "audit_through": audit_through,
        "audit_broken": audit_broken,
        "problems": applied.problems,
        "blobs_stored": stored,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return protocol.sign_document(key, document)
