"""The files of a test ID card: EF.COM, DG1, DG13 and an SOD signed by a test CSCA.

What a real Vietnamese card carries, made here so the tests own the keys: a CSCA (the
trust anchor the province would distribute), a Document Signer certified by it, and the
LDS security object signed by the Document Signer (CMS built with asn1crypto, which lets
the ICAO content type through; cryptography's PKCS7 builder does not).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desk_app.chip.passive import LDS_SECURITY_OBJECT_OID, LdsSecurityObject
from desk_app.chip.tlv import encode
from desk_app.domain.mrz import check_digit

ID_NUMBER = "001190012345"
DOCUMENT_NUMBER = ID_NUMBER[-9:]
BIRTH = "900115"  # 15/01/1990
EXPIRY = "300115"  # 15/01/2030: the 40th birthday
QR_TEXT = (
    f"{ID_NUMBER}|012345678|Nguyễn Thị Hoà|15011990|Nữ|"
    "Số 5, ngõ 12 phố Đội Cấn, Phường Ngọc Hà, Hà Nội|10052021"
)

DETAILS = {
    1: ID_NUMBER,
    2: "Nguyễn Thị Hoà",
    3: "15/01/1990",
    4: "Nữ",
    5: "Việt Nam",
    6: "Kinh",
    7: "Không",
    8: "Xã Đông Hưng, Huyện Đông Hưng, Thái Bình",
    9: "Số 5, ngõ 12 phố Đội Cấn, Phường Ngọc Hà, Hà Nội",
    10: "Nốt ruồi C:1cm trên trước mép phải",
    11: "10/05/2021",
    12: "15/01/2030",
    14: "Trần Văn Đức",
    15: "012345678",
}
PARENTS = ("Nguyễn Văn Bình", "Lê Thị Cúc")


def td1_mrz(number: str = DOCUMENT_NUMBER, birth: str = BIRTH, expiry: str = EXPIRY) -> str:
    l1 = f"IDVNM{number}{check_digit(number)}{ID_NUMBER}<<"
    l1 = (l1 + "<" * 30)[:29]
    l1 += "<"
    l2_core = f"{birth}{check_digit(birth)}F{expiry}{check_digit(expiry)}VNM"
    l2 = (l2_core + "<" * 30)[:29]
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 += check_digit(composite)
    l3 = ("NGUYEN<<THI<HOA" + "<" * 30)[:30]
    return l1 + l2 + l3


def dg1(mrz: str | None = None) -> bytes:
    return encode(0x61, encode(0x5F1F, (mrz or td1_mrz()).encode("ascii")))


def _utf8(text: str) -> bytes:
    return encode(0x0C, text.encode("utf-8"))


def dg13(details: dict[int, str] | None = None) -> bytes:
    items = b""
    for number, text in sorted((details or DETAILS).items()):
        items += encode(0x30, encode(0x02, bytes([number])) + _utf8(text))
        if number == 12:
            parents = b"".join(encode(0x30, _utf8(name)) for name in PARENTS)
            items += encode(0x30, encode(0x02, b"\x0d") + parents)
    return encode(0x6D, encode(0x30, encode(0x02, b"\x00") + items))


def ef_com(groups: tuple[int, ...] = (1, 13)) -> bytes:
    tags = bytes({1: 0x61, 2: 0x75, 13: 0x6D, 14: 0x6E}[g] for g in groups)
    return encode(0x60, encode(0x5F01, b"0107") + encode(0x5F36, b"040000") + encode(0x5C, tags))


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


@dataclass
class Pki:
    csca_key: ec.EllipticCurvePrivateKey
    csca: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds: x509.Certificate

    def csca_pem(self) -> bytes:
        return self.csca.public_bytes(serialization.Encoding.PEM)


def make_pki(cn: str = "CSCA Test Vietnam") -> Pki:
    now = datetime.now(UTC) - timedelta(days=1)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(csca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(csca_key, hashes.SHA256())
    )
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds = (
        x509.CertificateBuilder()
        .subject_name(_name("Document Signer Test"))
        .issuer_name(csca.subject)
        .public_key(ds_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .sign(csca_key, hashes.SHA256())
    )
    return Pki(csca_key, csca, ds_key, ds)


def sod(pki: Pki, groups: dict[int, bytes]) -> bytes:
    lds = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "data_group_hash_values": [
                {"data_group_number": n, "data_group_hash_value": hashlib.sha256(raw).digest()}
                for n, raw in sorted(groups.items())
            ],
        }
    ).dump()
    signed_attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [cms.ContentType(LDS_SECURITY_OBJECT_OID)]},
            {"type": "message_digest", "values": [hashlib.sha256(lds).digest()]},
        ]
    )
    signature = pki.ds_key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
    ds_cert = asn1_x509.Certificate.load(pki.ds.public_bytes(serialization.Encoding.DER))
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {
                "content_type": LDS_SECURITY_OBJECT_OID,
                "content": core.ParsableOctetString(lds),
            },
            "certificates": [ds_cert],
            "signer_infos": [
                {
                    "version": "v1",
                    "sid": cms.SignerIdentifier(
                        {
                            "issuer_and_serial_number": {
                                "issuer": ds_cert.issuer,
                                "serial_number": ds_cert.serial_number,
                            }
                        }
                    ),
                    "digest_algorithm": {"algorithm": "sha256"},
                    "signed_attrs": signed_attrs,
                    "signature_algorithm": {"algorithm": "sha256_ecdsa"},
                    "signature": signature,
                }
            ],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return encode(0x77, info.dump())


@dataclass
class CardFiles:
    pki: Pki
    files: dict[int, bytes] = field(default_factory=dict)  # file id -> content

    @property
    def dg1(self) -> bytes:
        return self.files[0x0101]

    @property
    def dg13(self) -> bytes:
        return self.files[0x010D]


def make_card(pki: Pki | None = None, *, tamper_dg13: bool = False) -> CardFiles:
    """A whole card; with ``tamper_dg13`` DG13 is changed after the SOD was signed."""
    pki = pki or make_pki()
    g1, g13 = dg1(), dg13()
    signed_sod = sod(pki, {1: g1, 13: g13})
    if tamper_dg13:
        g13 = dg13({**DETAILS, 2: "Nguyễn Thị Hoả"})
    return CardFiles(pki, {0x011E: ef_com(), 0x0101: g1, 0x010D: g13, 0x011D: signed_sod})
