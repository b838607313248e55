"""Passive authentication (ICAO Doc 9303 Part 11 §5.1, Part 10 §4.6.2 for EF.SOD).

1. Each data group read is hashed and compared with its value in the LDS security object.
2. The SOD's CMS signature (signed attributes, message digest) is checked with the
   Document Signer certificate it carries.
3. The Document Signer certificate must be signed by a CSCA of the trust list (the
   certificates the province distributes), and both must be in their validity period.

Parsing with asn1crypto (it knows CMS and lets the ICAO content type through), signatures
with cryptography. A failure says which step failed; it never hides what was read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from asn1crypto import cms, core
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from desk_app.chip.tlv import TlvError, parse_tlv

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"


class DataGroupHash(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[tuple[Any, ...]]] = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashes(core.SequenceOf):  # type: ignore[misc]  # asn1crypto is untyped
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[tuple[Any, ...]]] = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[tuple[Any, ...]]] = [
        ("version", core.Integer),
        ("hash_algorithm", cms.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashes),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}

OK = "ok"
FAILED = "failed"


@dataclass(frozen=True)
class PassiveAuthResult:
    status: str  # OK or FAILED
    reason: str = ""  # what failed, in English for the log ("" when OK)
    data_groups: Mapping[int, bool] = field(default_factory=dict)  # DG number -> hash matches
    signer: str = ""  # the Document Signer's subject
    csca: str = ""  # the CSCA that signed it

    @property
    def ok(self) -> bool:
        return self.status == OK


def load_trust_list(blobs: Iterable[bytes]) -> list[x509.Certificate]:
    """CSCA certificates from PEM bundles or single DER files."""
    out: list[x509.Certificate] = []
    for blob in blobs:
        if b"-----BEGIN CERTIFICATE-----" in blob:
            out.extend(x509.load_pem_x509_certificates(blob))
        elif blob.strip():
            out.append(x509.load_der_x509_certificate(blob))
    return out


def _signed_data(sod: bytes) -> cms.SignedData:
    objects = parse_tlv(sod)
    if not objects or objects[0].tag != 0x77:
        raise ValueError("EF.SOD does not start with tag 77")
    info = cms.ContentInfo.load(objects[0].value)
    if info["content_type"].native != "signed_data":
        raise ValueError("EF.SOD is not CMS SignedData")
    signed = info["content"]
    assert isinstance(signed, cms.SignedData)
    return signed


def _verify_signature(
    cert: x509.Certificate,
    signature: bytes,
    data: bytes,
    algo: cms.SignedDigestAlgorithm,
    digest: str,
) -> None:
    key = cert.public_key()
    chosen = _HASHES[digest]()
    if isinstance(key, rsa.RSAPublicKey):
        if algo.signature_algo == "rsassa_pss":
            params = algo["parameters"]
            pss_hash = _HASHES[params["hash_algorithm"]["algorithm"].native]()
            pad: padding.AsymmetricPadding = padding.PSS(
                padding.MGF1(pss_hash), params["salt_length"].native
            )
            chosen = pss_hash
        else:
            pad = padding.PKCS1v15()
        key.verify(signature, data, pad, chosen)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(chosen))
    else:
        raise InvalidSignature("unsupported key type")


def verify(
    sod: bytes,
    data_groups: Mapping[int, bytes],
    trust_list: list[x509.Certificate],
    *,
    now: datetime | None = None,
) -> PassiveAuthResult:
    """Passive authentication of ``data_groups`` (DG number -> file bytes as read)."""
    now = now or datetime.now(UTC)
    try:
        signed = _signed_data(sod)
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
            return PassiveAuthResult(FAILED, "SOD does not hold an LDS security object")
        content = encap["content"].native
        lds = LdsSecurityObject.load(content)
        digest_name = lds["hash_algorithm"]["algorithm"].native
        expected = {
            int(h["data_group_number"].native): bytes(h["data_group_hash_value"].native)
            for h in lds["data_group_hash_values"]
        }
    except (ValueError, TlvError, KeyError, TypeError) as err:
        return PassiveAuthResult(FAILED, f"SOD unreadable: {err}")
    if digest_name not in _HASHES:
        return PassiveAuthResult(FAILED, f"unsupported hash {digest_name}")
    matches = {
        n: n in expected and hashlib.new(digest_name, raw).digest() == expected[n]
        for n, raw in data_groups.items()
    }
    if not all(matches.values()):
        bad = ", ".join(f"DG{n}" for n, ok in sorted(matches.items()) if not ok)
        return PassiveAuthResult(FAILED, f"hash mismatch: {bad}", matches)

    certs = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
    infos = list(signed["signer_infos"])
    if not certs or len(infos) != 1:
        return PassiveAuthResult(FAILED, "SOD has no Document Signer certificate", matches)
    ds = x509.load_der_x509_certificate(certs[0].dump())
    info = infos[0]
    signer = ds.subject.rfc4514_string()
    try:
        attrs = info["signed_attrs"]
        sig_digest = info["digest_algorithm"]["algorithm"].native
        message_digest = next(
            a["values"][0].native for a in attrs if a["type"].native == "message_digest"
        )
        if hashlib.new(sig_digest, content).digest() != message_digest:
            return PassiveAuthResult(FAILED, "SOD message digest mismatch", matches, signer)
        # The signature covers the signed attributes DER-encoded as a SET (RFC 5652 §5.4).
        signed_bytes = b"\x31" + attrs.dump()[1:]
        _verify_signature(
            ds, info["signature"].native, signed_bytes, info["signature_algorithm"], sig_digest
        )
    except (InvalidSignature, StopIteration, KeyError, ValueError):
        return PassiveAuthResult(FAILED, "SOD signature invalid", matches, signer)

    if not ds.not_valid_before_utc <= now <= ds.not_valid_after_utc:
        return PassiveAuthResult(FAILED, "Document Signer certificate expired", matches, signer)
    for csca in trust_list:
        if csca.subject != ds.issuer:
            continue
        try:
            ds.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        if not csca.not_valid_before_utc <= now <= csca.not_valid_after_utc:
            continue
        return PassiveAuthResult(OK, "", matches, signer, csca.subject.rfc4514_string())
    return PassiveAuthResult(
        FAILED, "Document Signer not signed by a trusted CSCA", matches, signer
    )
