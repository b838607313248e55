"""USB packs, for communes with no link at all.

A pack is one zip file, sealed to the server's key (``sealed``: only the server can read
it, so a lost stick shows no name or ID number): the entries not yet acknowledged, the
papers they name, the audit chain the server does not hold yet, and a manifest (desk,
sequence range, the SHA-256 of the entries and of every paper) signed with the desk's key.
The server opens it, then imports it with the same apply as the HTTP path, and writes an
acknowledgement signed with its own key, which the desk imports to mark those entries
done. Importing either twice changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.domain.errors import DeskError
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.blob_store import BlobCorrupt, BlobStore
from desk_app.storage.files import fsync_dir
from desk_app.storage.sync_store import SyncIdentity, SyncStore
from desk_app.sync.audit import audit_rows
from desk_app.sync.blobs import referenced
from desk_protocol import sealed

MAX_PACK_ENTRIES = 1_000_000


@dataclass(frozen=True)
class PackSummary:
    entries: int
    blobs: int
    from_seq: int
    to_seq: int
    bytes: int


def export_pack(
    store: SyncStore,
    blobs: BlobStore,
    identity: SyncIdentity,
    key: Ed25519PrivateKey,
    out: Path,
    now: datetime,
    audit: AuditStore | None = None,
) -> PackSummary:
    try:
        server_key = protocol.load_public_key(identity.server_public_key)
    except ValueError:
        raise DeskError(
            "Quầy chưa lưu khóa của máy chủ (đăng ký bằng phiên bản cũ), nên không mã hóa "
            "được gói USB. Hãy xin mã đăng ký mới ở máy chủ huyện và đăng ký lại quầy."
        ) from None
    entries = store.pending_entries(MAX_PACK_ENTRIES)
    if not entries:
        raise DeskError("Không có dữ liệu nào chờ gửi: mọi mục đã được máy chủ xác nhận.")
    entries_json = json.dumps(entries, ensure_ascii=False).encode()
    chain = audit.after(store.audit_sent_through(), MAX_PACK_ENTRIES) if audit else []
    audit_json = json.dumps(audit_rows(chain), ensure_ascii=False).encode()
    papers: dict[str, bytes] = {}
    lost: list[str] = []
    for sha in referenced(entries):
        try:
            papers[sha] = blobs.read(sha)
        except (BlobCorrupt, OSError) as err:
            reason = "hỏng (không khớp mã băm)" if isinstance(err, BlobCorrupt) else "bị mất"
            store.note_problem(
                "blob", sha, "blob_unavailable",
                f"Tệp số hóa {sha[:12]}… {reason} ở quầy: các mục nhắc đến tệp này vẫn được "
                "gửi, nhưng cần quét lại giấy tờ.",
                now,
            )  # fmt: skip
            lost.append(sha)
    hashes = sorted(papers)
    manifest = {
        "format": protocol.PACK_FORMAT,
        "desk_id": identity.desk_id,
        "from_seq": int(entries[0]["seq"]),
        "to_seq": int(entries[-1]["seq"]),
        "created_at": now.isoformat(timespec="seconds"),
        "entries_sha256": hashlib.sha256(entries_json).hexdigest(),
        "audit_sha256": hashlib.sha256(audit_json).hexdigest(),
        "blobs": hashes,
        "unavailable_blobs": lost,
    }
    signed = protocol.sign_document(key, manifest)
    # The zip is built in memory (the papers are read into memory already) and only its
    # sealed form is written: no plaintext ever reaches the stick, not even a deleted
    # temporary file that a flash drive would keep readable.
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(protocol.PACK_MANIFEST, json.dumps(signed, ensure_ascii=False))
        pack.writestr(protocol.PACK_ENTRIES, entries_json)
        pack.writestr(protocol.PACK_AUDIT, audit_json)
        for sha, data in papers.items():  # PDFs are compressed already
            pack.writestr(protocol.PACK_BLOB_DIR + sha, data, zipfile.ZIP_STORED)
    temporary = out.with_name(f".{out.name}.tmp")
    try:
        with open(temporary, "wb") as handle:
            sealed.seal(plain.getbuffer().tobytes(), server_key, handle)
            handle.flush()
            os.fsync(handle.fileno())  # on the USB stick before it is named
        temporary.replace(out)
        fsync_dir(out.parent)  # and its name too, before "written" is shown
    finally:
        temporary.unlink(missing_ok=True)
    return PackSummary(
        len(entries),
        len(hashes),
        int(entries[0]["seq"]),
        int(entries[-1]["seq"]),
        out.stat().st_size,
    )


# an acknowledgement is a few hundred bytes and one line per entry kept with a problem
MAX_ACK_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Ack:
    acked_through: int
    problems: list[dict[str, object]]  # entries the server kept with a problem
    audit_through: int | None  # the audit chain the server holds (None: an older server)
    audit_broken: str  # why the server refused the pack's audit entries, or ""
    audit_anchor: object = None  # the server's signed anchor of the chain it holds


def read_ack(path: Path, identity: SyncIdentity) -> Ack:
    """A server's acknowledgement file, checked; else a clear error."""
    try:
        with open(path, "rb") as handle:
            # never more than an acknowledgement can be: anyone may put a file on the stick
            if os.fstat(handle.fileno()).st_size > MAX_ACK_BYTES:
                raise ValueError("longer than an acknowledgement")
            text = handle.read(MAX_ACK_BYTES + 1)
        if len(text) > MAX_ACK_BYTES:
            raise ValueError("longer than an acknowledgement")
        signed = json.loads(text.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        raise DeskError(
            f"Không đọc được tệp xác nhận {path.name}: tệp hỏng hoặc không đúng loại."
        ) from err
    if not identity.server_public_key:
        raise DeskError("Quầy chưa lưu khóa của máy chủ; hãy đăng ký lại quầy.")
    key = protocol.load_public_key(identity.server_public_key)
    if not isinstance(signed, dict) or not protocol.document_signed_by(key, signed):
        raise DeskError(f"Tệp xác nhận {path.name} không có chữ ký hợp lệ của máy chủ.")
    document = signed["document"]
    if document.get("format") != protocol.ACK_FORMAT or document.get("desk_id") != identity.desk_id:
        raise DeskError(f"Tệp xác nhận {path.name} không dành cho quầy này.")
    problems = document.get("problems", [])
    audit_through = document.get("audit_through")
    return Ack(
        int(document["acked_through"]),
        problems if isinstance(problems, list) else [],
        int(audit_through) if isinstance(audit_through, int) else None,
        str(document.get("audit_broken") or ""),
        document.get("audit_anchor"),
    )
