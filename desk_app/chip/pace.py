"""PACE with the MRZ password and Generic Mapping over ECDH (ICAO Doc 9303 Part 11, 8th ed.
2021: §4.4 PACE, §9.7.1 key derivation, §9.8 secure messaging; BSI TR-03110 Part 3 for the
encodings it refers to).

What the chip offers is read from EF.CardAccess (PACEInfo: protocol OID, version, standardised
domain parameter id, Doc 9303-11 §9.2.1 and Table 6). Supported: Generic Mapping over ECDH
(id-PACE-ECDH-GM) on the standardised curves 8-18 (secp192r1 ... secp521r1 and the brainpool
curves) and over DH (id-PACE-DH-GM) on the MODP groups 0-2 of RFC 5114, each with 3DES,
AES-128, AES-192 or AES-256. The point arithmetic of the mapping (G~ = s*G + H, on a
generator of our own) is the ``ecdsa`` library's, DH's is Python's modular exponentiation;
AES, CMAC and 3DES are ``cryptography``'s. Checked against the worked examples of Appendix G.1
(ECDH) and G.2 (DH) (tests/chip/test_pace.py) and, end to end, against vsmartcard's nPA
emulator with OpenPACE (tests/chip/test_pace_reader.py). Integrated Mapping and Chip
Authentication Mapping are not supported (such a chip is read with BAC).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC
from ecdsa import curves
from ecdsa.ellipticcurve import PointJacobi

from desk_app.chip import bac
from desk_app.chip.bac import ChipProtocolError, SecureMessaging
from desk_app.chip.dh_groups import RFC_5114_GROUPS
from desk_app.chip.tlv import TlvError, encode, parse_tlv

ID_PACE = bytes.fromhex("04007F0007020204")  # 0.4.0.127.0.7.2.2.4
DH_GM = ID_PACE + b"\x01"  # id-PACE-DH-GM
ECDH_GM = ID_PACE + b"\x02"  # id-PACE-ECDH-GM
# The last arc of id-PACE-ECDH-GM-*: the cipher of the session and its key length.
CIPHERS = {1: ("3DES", 16), 2: ("AES", 16), 3: ("AES", 24), 4: ("AES", 32)}
# Doc 9303-11 Table 6: standardised domain parameters (the elliptic curves).
CURVES = {
    8: curves.NIST192p,
    9: curves.BRAINPOOLP192r1,
    10: curves.NIST224p,
    11: curves.BRAINPOOLP224r1,
    12: curves.NIST256p,
    13: curves.BRAINPOOLP256r1,
    14: curves.BRAINPOOLP320r1,
    15: curves.NIST384p,
    16: curves.BRAINPOOLP384r1,
    17: curves.BRAINPOOLP512r1,
    18: curves.NIST521p,
}
CURVE_NAMES = {8: "secp192r1", 10: "secp224r1", 12: "secp256r1", 15: "secp384r1", 18: "secp521r1"}
MRZ_PASSWORD = 1  # MSE:Set AT key reference: the MRZ (2 would be the CAN)


class PaceRefused(Exception):
    """The chip refused a PACE step (its status word): with the MRZ password, a wrong key."""

    def __init__(self, step: str, sw: int) -> None:
        super().__init__(f"PACE {step} answered {sw:04X}")
        self.sw = sw


@dataclass(frozen=True)
class PaceInfo:
    """One PACEInfo of EF.CardAccess."""

    protocol: bytes  # the OID's content bytes
    version: int
    parameter_id: int | None

    @property
    def supported(self) -> bool:
        if self.version != 2 or len(self.protocol) != len(ECDH_GM) + 1:
            return False
        if self.protocol[-1] not in CIPHERS:
            return False
        mapping = self.protocol[:-1]
        return (mapping == ECDH_GM and self.parameter_id in CURVES) or (
            mapping == DH_GM and self.parameter_id in DH_GROUPS
        )

    @property
    def group(self) -> Group:
        assert self.supported and self.parameter_id is not None
        if self.protocol[:-1] == DH_GM:
            return DH_GROUPS[self.parameter_id]
        return EcGroup(self.parameter_id)

    @property
    def cipher(self) -> str:
        return CIPHERS[self.protocol[-1]][0]

    @property
    def key_length(self) -> int:
        return CIPHERS[self.protocol[-1]][1]

    @property
    def name(self) -> str:
        cipher, length = CIPHERS[self.protocol[-1]]
        bits = "" if cipher == "3DES" else f"-{length * 8}"
        kind = "DH" if self.protocol[:-1] == DH_GM else "ECDH"
        return f"{kind}-GM-{cipher}{bits} {self.group.name}"


def parse_card_access(data: bytes) -> list[PaceInfo]:
    """The PACEInfos of EF.CardAccess (a SET OF SecurityInfo); others are skipped."""
    try:
        (top,) = parse_tlv(data)
        if top.tag != 0x31:
            raise TlvError("EF.CardAccess is not a SET")
        found = []
        for info in top.children():
            parts = info.children() if info.tag == 0x30 else []
            if len(parts) < 2 or parts[0].tag != 0x06 or not parts[0].value.startswith(ID_PACE):
                continue
            if len(parts[0].value) == len(ID_PACE) + 1:
                continue  # PACEDomainParameterInfo (explicit parameters), not a protocol
            if parts[1].tag != 0x02:
                continue
            parameter = None
            if len(parts) > 2 and parts[2].tag == 0x02:
                parameter = int.from_bytes(parts[2].value, "big")
            found.append(PaceInfo(parts[0].value, int.from_bytes(parts[1].value, "big"), parameter))
        return found
    except (TlvError, ValueError) as err:
        raise ChipProtocolError(f"EF.CardAccess: {err}") from None


def choose(infos: list[PaceInfo]) -> PaceInfo | None:
    """The protocol to run: the first one offered that this reader supports."""
    return next((info for info in infos if info.supported), None)


def kdf(secret: bytes, counter: int, cipher: str, length: int) -> bytes:
    """Doc 9303-11 §9.7.1: 3DES and AES-128 from SHA-1, AES-192/256 from SHA-256."""
    if cipher == "3DES":
        return bac.derive_key(secret, counter)
    digest = hashlib.sha1 if length == 16 else hashlib.sha256
    return digest(secret + counter.to_bytes(4, "big")).digest()[:length]


def mrz_secret(mrz_information: bytes) -> bytes:
    """The MRZ password's key seed: SHA-1 of document number, birth and expiry with their
    check digits (§9.7.3; the same MRZ information as BAC's)."""
    return hashlib.sha1(mrz_information).digest()


def _aes_cbc(key: bytes, data: bytes, iv: bytes, *, decrypt: bool = False) -> bytes:
    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    op = cipher.decryptor() if decrypt else cipher.encryptor()
    return op.update(data) + op.finalize()


def decrypt_nonce(k_pi: bytes, z: bytes, cipher: str) -> bytes:
    """s = D(K_pi, z), CBC with a zero IV (§4.4.3.1)."""
    if cipher == "3DES":
        return bac.decrypt(k_pi, z)
    return _aes_cbc(k_pi, z, bytes(16), decrypt=True)


def cmac8(key: bytes, data: bytes) -> bytes:
    """AES-CMAC truncated to 8 bytes (§9.8 for AES)."""
    mac = CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()[:8]


class AesSecureMessaging(SecureMessaging):
    """AES secure messaging (§9.8): a 16-byte SSC, IV = E(KS_enc, SSC), CMAC to 8 bytes."""

    block = 16

    def _iv(self, ssc: bytes) -> bytes:
        return _aes_cbc(self.ks_enc, ssc, bytes(16))

    def _encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return _aes_cbc(self.ks_enc, data, self._iv(ssc))

    def _decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return _aes_cbc(self.ks_enc, data, self._iv(ssc), decrypt=True)

    def _mac(self, data: bytes) -> bytes:
        return cmac8(self.ks_mac, data)


def encode_point(point: PointJacobi, size: int) -> bytes:
    """Uncompressed encoding 04 || x || y (BSI TR-03111)."""
    x, y = int(point.x()), int(point.y())  # (ecdsa is untyped)
    return b"\x04" + x.to_bytes(size, "big") + y.to_bytes(size, "big")


def decode_point(curve: curves.Curve, data: bytes) -> PointJacobi:
    """A point the chip sent, refused unless it is on the curve and not the infinity."""
    size = curve.baselen
    if len(data) != 1 + 2 * size or data[0] != 0x04:
        raise ChipProtocolError("the chip's public key is not an uncompressed point")
    x, y = int.from_bytes(data[1 : 1 + size], "big"), int.from_bytes(data[1 + size :], "big")
    if not curve.curve.contains_point(x, y):
        raise ChipProtocolError("the chip's public key is not on the curve")
    return PointJacobi(curve.curve, x, y, 1, curve.order)


def map_generator(
    curve: curves.Curve, s: bytes, sk_map: int, pk_map_ic: PointJacobi
) -> PointJacobi:
    """Generic Mapping (§4.4.3.3.1): G~ = s*G + H with H = SK_map,IFD * PK_map,IC."""
    h = pk_map_ic * sk_map
    return curve.generator * int.from_bytes(s, "big") + h


class Group(Protocol):
    """The mapping and key agreement of one kind of domain parameters (EC or DH)."""

    @property
    def name(self) -> str: ...

    @property
    def order(self) -> int: ...

    @property
    def key_tag(self) -> int: ...  # the public key's tag in the token's data object

    @property
    def generator(self) -> object: ...

    def public(self, sk: int, generator: object) -> bytes: ...

    def decode(self, data: bytes) -> object: ...

    def map(self, s: bytes, sk_map: int, pk_map_ic: object) -> object: ...

    def shared(self, sk: int, their: object) -> bytes: ...


class EcGroup:
    """A standardised curve (Doc 9303-11 Table 6, ids 8-18) through ``ecdsa``."""

    key_tag = 0x86

    def __init__(self, parameter_id: int) -> None:
        self.curve = CURVES[parameter_id]
        named = CURVE_NAMES.get(parameter_id) or self.curve.name
        self.name = named.replace("BRAINPOOL", "brainpool")
        self.size = self.curve.baselen
        self.order = int(self.curve.order)

    @property
    def generator(self) -> PointJacobi:
        return self.curve.generator

    def public(self, sk: int, generator: object) -> bytes:
        assert isinstance(generator, PointJacobi)
        return encode_point(generator * sk, self.size)

    def decode(self, data: bytes) -> PointJacobi:
        return decode_point(self.curve, data)

    def map(self, s: bytes, sk_map: int, pk_map_ic: object) -> PointJacobi:
        assert isinstance(pk_map_ic, PointJacobi)
        return map_generator(self.curve, s, sk_map, pk_map_ic)

    def shared(self, sk: int, their: object) -> bytes:
        assert isinstance(their, PointJacobi)
        return int((their * sk).x()).to_bytes(self.size, "big")


@dataclass(frozen=True)
class DhGroup:
    """A MODP group (Doc 9303-11 Table 6, ids 0-2): Generic Mapping g~ = g^s * h mod p with
    h = PK_map,IC ^ SK_map,IFD (§4.4.3.3.1); values encoded on the modulus' length."""

    name: str
    p: int
    g: int
    q: int
    key_tag = 0x84

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    @property
    def order(self) -> int:
        return self.q

    @property
    def generator(self) -> int:
        return self.g

    def public(self, sk: int, generator: object) -> bytes:
        assert isinstance(generator, int)
        return pow(generator, sk, self.p).to_bytes(self.size, "big")

    def decode(self, data: bytes) -> int:
        """A value the chip sent, refused unless it is in the order-q subgroup."""
        y = int.from_bytes(data, "big")
        if len(data) > self.size or not 1 < y < self.p - 1 or pow(y, self.q, self.p) != 1:
            raise ChipProtocolError("the chip's public key is not in the group")
        return y

    def map(self, s: bytes, sk_map: int, pk_map_ic: object) -> int:
        assert isinstance(pk_map_ic, int)
        h = pow(pk_map_ic, sk_map, self.p)
        return pow(self.g, int.from_bytes(s, "big"), self.p) * h % self.p

    def shared(self, sk: int, their: object) -> bytes:
        assert isinstance(their, int)
        return pow(their, sk, self.p).to_bytes(self.size, "big")


def public_key_do(protocol: bytes, key: bytes, tag: int = 0x86) -> bytes:
    """The input of the authentication token (§4.4.3.4; BSI TR-03110-3 D.3.3): the public
    key data object 7F49 with the protocol's OID (06) and the key (86 a point, 84 a DH
    public value)."""
    return encode(0x7F49, encode(0x06, protocol) + encode(tag, key))


def auth_token(info: PaceInfo, ks_mac: bytes, their_public: bytes) -> bytes:
    data = public_key_do(info.protocol, their_public, info.group.key_tag)
    if info.cipher == "3DES":
        return bac.retail_mac(ks_mac, bac.pad(data))
    return cmac8(ks_mac, data)


@dataclass(frozen=True)
class PaceKeys:
    ks_enc: bytes
    ks_mac: bytes
    token_ifd: bytes  # the terminal's token (sent to the chip)
    token_ic: bytes  # the token the chip must answer


def session_keys(info: PaceInfo, shared_x: bytes, pk_ifd: bytes, pk_ic: bytes) -> PaceKeys:
    """KS_enc, KS_mac from the shared secret and both authentication tokens (§4.4.3.4)."""
    ks_enc = kdf(shared_x, 1, info.cipher, info.key_length)
    ks_mac = kdf(shared_x, 2, info.cipher, info.key_length)
    return PaceKeys(
        ks_enc, ks_mac, auth_token(info, ks_mac, pk_ic), auth_token(info, ks_mac, pk_ifd)
    )


Exchange = Callable[[bytes], tuple[bytes, int]]
KeySource = Callable[[int], int]  # the group's order -> a private key in [1, order - 1]


def _random_key(order: int) -> int:
    return secrets.randbelow(order - 1) + 1


def _general_authenticate(
    exchange: Exchange, step: str, data: bytes, answer_tag: int, *, last: bool = False
) -> bytes:
    """One GENERAL AUTHENTICATE; the value of ``answer_tag`` in the chip's answer."""
    body = encode(0x7C, data)
    cla = b"\x00" if last else b"\x10"  # command chaining until the last step
    if len(body) < 256:
        lengths = bytes([len(body)]), b"\x00"
    else:  # a 2048-bit DH value: extended length (ISO/IEC 7816-4 §5.1)
        lengths = b"\x00" + len(body).to_bytes(2, "big"), b"\x00\x00"
    answer, sw = exchange(cla + b"\x86\x00\x00" + lengths[0] + body + lengths[1])
    if sw != 0x9000:
        raise PaceRefused(step, sw)
    try:
        (top,) = parse_tlv(answer)
        if top.tag != 0x7C:
            raise TlvError("no dynamic authentication data")
        found = [obj.value for obj in top.children() if obj.tag == answer_tag]
    except (TlvError, ValueError) as err:
        raise ChipProtocolError(f"PACE {step}: {err}") from None
    if len(found) != 1:
        raise ChipProtocolError(f"PACE {step}: no answer tagged {answer_tag:02X}")
    return found[0]


def establish(
    exchange: Exchange,
    info: PaceInfo,
    mrz_information: bytes,
    *,
    name_parameters: bool = False,
    key_source: KeySource = _random_key,
) -> SecureMessaging:
    """Run PACE with the MRZ password over ``exchange`` (plain APDUs) and return the secure
    messaging it establishes (SSC 0). Raises PaceRefused when the chip answers a step with
    an error (a wrong MRZ key shows so at the last step) and ChipProtocolError when an
    answer does not check out (the chip's token among them). ``name_parameters`` sends the
    domain parameter id in MSE:Set AT (tag 84), which §4.4.4.1 requires when EF.CardAccess
    offers more than one set."""
    if not info.supported or info.parameter_id is None:
        raise ChipProtocolError(f"PACE protocol {info.protocol.hex()} not supported")
    group = info.group
    mse = encode(0x80, info.protocol) + encode(0x83, bytes([MRZ_PASSWORD]))
    if name_parameters:
        mse += encode(0x84, bytes([info.parameter_id]))
    _, sw = exchange(b"\x00\x22\xc1\xa4" + bytes([len(mse)]) + mse)
    if sw != 0x9000:
        raise PaceRefused("MSE:Set AT", sw)
    k_pi = kdf(mrz_secret(mrz_information), 3, info.cipher, info.key_length)
    z = _general_authenticate(exchange, "nonce", b"", 0x80)
    if not z or len(z) % (8 if info.cipher == "3DES" else 16):
        raise ChipProtocolError("PACE nonce: not whole cipher blocks")
    s = decrypt_nonce(k_pi, z, info.cipher)

    sk_map = key_source(group.order)
    pk_map = group.public(sk_map, group.generator)
    answer = _general_authenticate(exchange, "map", encode(0x81, pk_map), 0x82)
    g_mapped = group.map(s, sk_map, group.decode(answer))

    sk_dh = key_source(group.order)
    pk_ifd = group.public(sk_dh, g_mapped)
    pk_ic = _general_authenticate(exchange, "key agreement", encode(0x83, pk_ifd), 0x84)
    if pk_ic == pk_ifd:
        raise ChipProtocolError("the chip echoed the terminal's public key")
    keys = session_keys(info, group.shared(sk_dh, group.decode(pk_ic)), pk_ifd, pk_ic)

    token = _general_authenticate(
        exchange, "mutual authentication", encode(0x85, keys.token_ifd), 0x86, last=True
    )
    if not secrets.compare_digest(token, keys.token_ic):
        raise ChipProtocolError("the chip's PACE authentication token does not match")
    if info.cipher == "3DES":
        return SecureMessaging(keys.ks_enc, keys.ks_mac, 0)
    return AesSecureMessaging(keys.ks_enc, keys.ks_mac, 0)


# Doc 9303-11 Table 6, ids 0-2: the MODP groups of RFC 5114 (desk_app/chip/dh_groups.py).
DH_GROUPS = {number: DhGroup(*group) for number, group in RFC_5114_GROUPS.items()}
