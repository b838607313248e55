"""The CSCA trust list the province publishes: checked before the server publishes it and
again when a desk takes it, so a list that is not one never reaches passive authentication.

A list is one or more certificates (PEM, a PEM bundle, or DER), each a CA certificate
(basic constraints CA=true; key usage, when present, allows signing certificates), within
size bounds. Its document (what travels through sync, JSON) carries its version and the
certificates as PEM; the desk keeps the newest one it pulled in one file beside its data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desk_app.domain.text import nfc

MAX_FILE_BYTES = 256 * 1024  # a province's CSCAs and link certificates are a few KiB each
MAX_CERTIFICATE_BYTES = 16 * 1024
MAX_CERTIFICATES = 64
PUBLISHED_FILE = "trust-published.json"  # in the desk's data folder


class UnusableTrustList(ValueError):
    """A trust list refused; ``str`` is the reason in Vietnamese."""


@dataclass(frozen=True)
class TrustList:
    version: str
    certificates: tuple[x509.Certificate, ...]
    published_at: str = ""

    @property
    def subjects(self) -> tuple[str, ...]:
        return tuple(c.subject.rfc4514_string() for c in self.certificates)

    def document(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "published_at": self.published_at,
            "certificates": [
                c.public_bytes(serialization.Encoding.PEM).decode("ascii")
                for c in self.certificates
            ],
            "subjects": list(self.subjects),
            "sha256": [fingerprint(c) for c in self.certificates],
        }


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def certificates_from(name: str, blob: bytes) -> list[x509.Certificate]:
    """The certificates of one file (PEM, PEM bundle or DER), each checked to be a CA."""
    if len(blob) > MAX_FILE_BYTES:
        raise UnusableTrustList(
            f"Tệp {name} quá lớn ({len(blob) // 1024} KiB; tối đa {MAX_FILE_BYTES // 1024} KiB)."
        )
    from desk_app.chip.passive import load_trust_list

    try:
        certs = load_trust_list([blob])
    except ValueError:
        raise UnusableTrustList(
            f"Tệp {name} không phải chứng thư số X.509 (PEM hoặc DER) đọc được."
        ) from None
    if not certs:
        raise UnusableTrustList(f"Tệp {name} không chứa chứng thư nào.")
    for cert in certs:
        _check_ca(name, cert)
    return certs


def _check_ca(name: str, cert: x509.Certificate) -> None:
    subject = cert.subject.rfc4514_string()
    if len(cert.public_bytes(serialization.Encoding.DER)) > MAX_CERTIFICATE_BYTES:
        raise UnusableTrustList(f"Chứng thư «{subject}» trong {name} quá lớn.")
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        basic = None
    except ValueError:
        raise UnusableTrustList(f"Chứng thư «{subject}» trong {name} hỏng phần mở rộng.") from None
    if basic is None or not basic.ca:
        raise UnusableTrustList(
            f"Chứng thư «{subject}» trong {name} không phải chứng thư CA (CSCA): "
            "thiếu BasicConstraints CA=true."
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.key_cert_sign:
        raise UnusableTrustList(
            f"Chứng thư «{subject}» trong {name} không được phép ký chứng thư (keyCertSign)."
        )


def trust_list(files: list[tuple[str, bytes]], version: str, published_at: str) -> TrustList:
    """The list made of ``files`` (name, content); duplicates kept once."""
    certs: dict[str, x509.Certificate] = {}
    for name, blob in files:
        for cert in certificates_from(name, blob):
            certs.setdefault(fingerprint(cert), cert)
    if len(certs) > MAX_CERTIFICATES:
        raise UnusableTrustList(f"Danh sách có {len(certs)} chứng thư; tối đa {MAX_CERTIFICATES}.")
    ordered = tuple(certs[k] for k in sorted(certs))
    version = (
        nfc(version.strip()) or hashlib.sha256("".join(sorted(certs)).encode()).hexdigest()[:12]
    )
    if len(version) > 64 or not version.isprintable():
        raise UnusableTrustList("Số phiên bản danh sách tin cậy không hợp lệ (tối đa 64 ký tự).")
    if not ordered:
        raise UnusableTrustList("Danh sách tin cậy không có chứng thư nào.")
    return TrustList(version, ordered, published_at)


def from_document(document: Any) -> TrustList:
    """A published document read back (from sync or the desk's file), checked again."""
    if not isinstance(document, dict) or not isinstance(document.get("certificates"), list):
        raise UnusableTrustList("Tài liệu danh sách tin cậy không đúng dạng.")
    pems = document["certificates"]
    if not all(isinstance(p, str) for p in pems):
        raise UnusableTrustList("Tài liệu danh sách tin cậy không đúng dạng.")
    files = [(f"chứng thư {i + 1}", p.encode("ascii", "replace")) for i, p in enumerate(pems)]
    return trust_list(
        files, str(document.get("version", "")), str(document.get("published_at", ""))
    )


def encode(trust: TrustList) -> bytes:
    return json.dumps(trust.document(), ensure_ascii=False, sort_keys=True, indent=1).encode()


def decode(blob: bytes) -> TrustList:
    if len(blob) > 4 * MAX_FILE_BYTES:
        raise UnusableTrustList("Tệp danh sách tin cậy quá lớn.")
    try:
        document = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise UnusableTrustList("Tệp danh sách tin cậy hỏng (không phải JSON).") from None
    return from_document(document)
