"""Certificates made in the test: a CA, and an officer's key and certificate it issued."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class OfficerCert:
    key_pem: bytes  # PKCS#8, unencrypted (for importing into a token)
    cert_der: bytes
    root_pem: bytes
    p12: Path
    passphrase: str
    name: str


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND xã Thử Nghiệm"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_officer(
    folder: Path,
    name: str = "Nguyễn Thị Hoa",
    *,
    valid_from: datetime | None = None,
    days: int = 730,
) -> OfficerCert:
    now = valid_from or datetime.now(UTC) - timedelta(days=365)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("CA Thử Nghiệm"))
        .issuer_name(_name("CA Thử Nghiệm"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    passphrase = "mật-khẩu-thử"
    p12 = folder / "officer.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"officer",
            key,
            cert,
            [ca],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    return OfficerCert(
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_der=cert.public_bytes(serialization.Encoding.DER),
        root_pem=ca.public_bytes(serialization.Encoding.PEM),
        p12=p12,
        passphrase=passphrase,
        name=name,
    )
