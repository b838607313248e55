"""Import a desk's USB pack: check everything first, then apply with the HTTP path's apply.

Nothing is read before it is bounded: the zip's directory is checked first (how many
members, each one's size and compression ratio), then the manifest alone is read and its
signature checked; the entries and the audit chain are hashed as they inflate and compared
with the signed manifest before they are parsed; papers are copied to disk as they inflate.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import TypeAdapter, ValidationError

import desk_protocol as protocol
from desk_app.domain.changes import content_hash
from desk_protocol import sealed
from district_server import limits
from district_server.api.audit import AuditRow, audit_links
from district_server.api.changes import Entry
from district_server.blob_files import BlobFiles
from district_server.store import AuditLink, ServerStore

_SHA256 = re.compile(r"[0-9a-f]{64}")


class PackRefused(Exception):
    """A pack that cannot be applied; ``str`` is the Vietnamese reason."""


_AuditRows = TypeAdapter(list[AuditRow])


_BLOCK = 1 << 20


def _blocks(pack: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """A member's bytes as they inflate, a block at a time (never past its declared size:
    zipfile stops there and checks the CRC)."""
    with pack.open(name) as member:
        while block := member.read(_BLOCK):
            yield block


def _checked_directory(handle: IO[bytes], name: str) -> None:
    """Refuse a zip whose directory lists more members than a pack holds, before zipfile
    reads that directory into memory (a few hundred bytes a member)."""
    try:
        # the end record, zip64 included (zipfile's own reader, not in its typed API)
        end = zipfile._EndRecData(handle)  # type: ignore[attr-defined]
    except OSError:
        return  # zipfile says what is wrong with it
    finally:
        handle.seek(0)
    if end is None:
        return
    members = int(end[zipfile._ECD_ENTRIES_TOTAL])  # type: ignore[attr-defined]
    if members > limits.PACK_MEMBERS:
        raise PackRefused(f"Gói {name} có quá nhiều phần ({members:,}).".replace(",", "."))


def _checked_members(pack: zipfile.ZipFile, name: str) -> None:
    """Refuse a pack whose directory announces more than a pack ever holds."""
    members = pack.infolist()
    if len(members) > limits.PACK_MEMBERS:
        raise PackRefused(f"Gói {name} có quá nhiều phần ({len(members):,}).".replace(",", "."))
    for info in members:
        if info.filename == protocol.PACK_MANIFEST:
            cap = limits.PACK_MANIFEST_BYTES
        elif info.filename.startswith(protocol.PACK_BLOB_DIR):
            cap = protocol.MAX_BLOB_BYTES
        else:
            cap = limits.PACK_JSON_BYTES
        if info.file_size > cap:
            raise PackRefused(
                f"Phần {info.filename[:80]} của gói quá lớn ({info.file_size:,} byte; tối đa "
                f"{cap:,}): gói không phải do quầy tạo ra.".replace(",", ".")
            )
        if info.file_size > limits.PACK_RATIO_FROM and info.file_size > limits.PACK_RATIO * max(
            1, info.compress_size
        ):
            raise PackRefused(
                f"Phần {info.filename[:80]} của gói nén bất thường (một bom nén): "
                "gói không phải do quầy tạo ra."
            )


def _signed_member(pack: zipfile.ZipFile, name: str, sha256: object, what: str) -> bytes:
    """A member whose SHA-256 the signed manifest gives: hashed as it inflates, without
    keeping it, then read only when it matches."""
    if not isinstance(sha256, str):
        raise PackRefused(f"Bản kê của gói thiếu mã băm của {what}.")
    digest = hashlib.sha256()
    try:
        for block in _blocks(pack, name):
            digest.update(block)
        if digest.hexdigest() != sha256:
            raise PackRefused(f"{what.capitalize()} trong gói không khớp chữ ký: gói đã bị sửa.")
        return pack.read(name)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
        raise PackRefused(f"Gói thiếu {what} hoặc phần này bị hỏng.") from err


def _audit_links(pack: zipfile.ZipFile, manifest: dict[str, Any]) -> list[AuditLink]:
    """The pack's audit entries, checked against the signed manifest (none in a pack from
    a desk that predates them)."""
    if "audit_sha256" not in manifest:
        return []
    data = _signed_member(pack, protocol.PACK_AUDIT, manifest["audit_sha256"], "nhật ký truy cập")
    try:
        rows = _AuditRows.validate_json(data)
    except ValidationError as err:
        raise PackRefused("Nhật ký truy cập trong gói không đúng định dạng.") from err
    return audit_links(rows)


def _hashes(manifest: dict[str, Any], key: str) -> list[str]:
    """A list of papers' SHA-256s of the signed manifest (none when absent), or refused."""
    value = manifest.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(sha, str) and _SHA256.fullmatch(sha) for sha in value
    ):
        raise PackRefused("Bản kê của gói có mã băm tệp số hóa không hợp lệ.")
    return value


def _opened(path: Path, key: Ed25519PrivateKey) -> IO[bytes]:
    """The zip sealed in the pack at ``path``, opened with the server's key before anything
    of it is read (in a temporary file of the server's, never beside the pack)."""
    plain = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    try:
        with open(path, "rb") as source:
            sealed.open_sealed(source, key, plain)
    except sealed.SealBroken as err:
        plain.close()
        raise PackRefused(f"Gói {path.name} {err}.") from None
    except OSError as err:
        plain.close()
        raise PackRefused(f"Không đọc được gói {path.name}: {err.strerror or err}.") from None
    plain.seek(0)
    return plain


def import_pack(
    store: ServerStore, files: BlobFiles, key: Ed25519PrivateKey, path: Path
) -> dict[str, Any]:
    """Apply the pack at ``path``; return the signed acknowledgement."""
    plain = _opened(path, key)
    try:
        _checked_directory(plain, path.name)
    except BaseException:
        plain.close()
        raise
    try:
        pack = zipfile.ZipFile(plain)
    except (OSError, zipfile.BadZipFile) as err:
        plain.close()
        raise PackRefused(
            f"Gói {path.name} hỏng hoặc bị cắt cụt (không phải tệp zip đầy đủ)."
        ) from err
    with plain, pack:
        _checked_members(pack, path.name)
        try:
            signed = json.loads(pack.read(protocol.PACK_MANIFEST))
        except (
            KeyError, ValueError, RecursionError, zipfile.BadZipFile, OSError, EOFError, zlib.error
        ) as err:  # fmt: skip
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
        entries_json = _signed_member(
            pack, protocol.PACK_ENTRIES, manifest.get("entries_sha256"), "các mục dữ liệu"
        )
        chain = _audit_links(pack, manifest)
        try:
            entries = [Entry.model_validate(e).model_dump() for e in json.loads(entries_json)]
        except (ValueError, ValidationError, RecursionError, TypeError) as err:
            raise PackRefused("Các mục trong gói không đúng định dạng.") from err
        for entry in entries:
            if (
                content_hash(
                    entry["kind"], entry["entity_uuid"], entry["payload"], entry["blob_hashes"]
                )
                != entry["content_sha256"]
            ):
                raise PackRefused(f"Mục {entry['seq']} trong gói không khớp mã băm.")
        papers = _hashes(manifest, "blobs")
        unavailable = _hashes(manifest, "unavailable_blobs")
        stored = 0
        for sha in papers:
            if sha in unavailable or store.has_blob(sha):
                continue
            try:
                # copied as it inflates, fsynced; its hash is checked by complete()
                size = files.write_part(desk.id, sha, _blocks(pack, protocol.PACK_BLOB_DIR + sha))
            except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
                raise PackRefused(f"Gói thiếu tệp số hóa {sha[:12]}… hoặc tệp bị hỏng.") from err
            if not files.complete(desk.id, sha):
                raise PackRefused(f"Tệp số hóa {sha[:12]}… trong gói không khớp mã băm.")
            store.finish_upload(desk.id, sha, size, datetime.now(UTC))
            stored += 1
    from district_server.store import Conflict, Gap, MissingBlobs

    try:
        applied = store.apply(desk.id, entries, datetime.now(UTC), frozenset(unavailable))
    except MissingBlobs as missing:
        raise PackRefused(
            "Gói nhắc đến tệp số hóa mà máy chủ chưa có và gói không mang theo: "
            + ", ".join(f"{sha[:12]}…" for sha in missing.hashes[:5])
        ) from None
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
