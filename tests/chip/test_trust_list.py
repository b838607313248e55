"""The CSCA trust list's checks (desk_app/chip/trust_list.py): what the server refuses to
publish and what a desk refuses to take from the feed, each in words."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from desk_app.chip.trust_list import (
    MAX_CERTIFICATES,
    UnusableTrustList,
    decode,
    encode,
    from_document,
    trust_list,
)
from tests.chip import card_files as cf


def _ca(cn: str, *, cert_sign: bool = True) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC)
    usage = x509.KeyUsage(
        digital_signature=not cert_sign, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign, crl_sign=True,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def test_a_bundle_and_a_der_file_make_one_list_that_survives_its_file() -> None:
    one, two = _ca("CSCA A"), _ca("CSCA B")
    der = one.public_bytes(serialization.Encoding.DER)
    made = trust_list([("bundle.pem", _pem(one, two)), ("a.der", der)], "", "2026-12-06")
    assert len(made.certificates) == 2  # the duplicate kept once
    assert len(made.version) == 12  # from the content when none is given
    back = decode(encode(made))
    assert back.version == made.version and back.certificates == made.certificates


@pytest.mark.parametrize(
    ("blob", "words"),
    [
        (cf.make_pki().ds.public_bytes(serialization.Encoding.PEM), "không phải chứng thư CA"),
        (_pem(_ca("CSCA ký sai", cert_sign=False)), "không được phép ký chứng thư"),
        (b"\x30\x82\xff\xff" + bytes(40), "không phải chứng thư số X.509"),
        (b"  \n", "không chứa chứng thư nào"),
        (bytes(300 * 1024), "quá lớn"),
    ],
)
def test_what_is_not_a_csca_list_is_refused_in_words(blob: bytes, words: str) -> None:
    with pytest.raises(UnusableTrustList, match=words):
        trust_list([("tệp", blob)], "1", "")


def test_too_many_certificates_and_a_bad_version_are_refused() -> None:
    many = [("c.pem", _pem(_ca(f"CSCA {n}"))) for n in range(MAX_CERTIFICATES + 1)]
    with pytest.raises(UnusableTrustList, match="tối đa"):
        trust_list(many, "1", "")
    with pytest.raises(UnusableTrustList, match="phiên bản"):
        trust_list([("a.pem", _pem(_ca("CSCA")))], "x" * 65, "")


@pytest.mark.parametrize(
    "document",
    [None, [], {"version": "1"}, {"certificates": [1]}, {"certificates": ["garbage"]}],
)
def test_a_hostile_document_from_the_feed_is_refused(document: object) -> None:
    with pytest.raises(UnusableTrustList):
        from_document(document)
    with pytest.raises(UnusableTrustList):
        decode(json.dumps(document).encode())
    with pytest.raises(UnusableTrustList, match="không phải JSON"):
        decode(b"\xff{")
