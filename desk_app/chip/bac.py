"""Basic Access Control and secure messaging with 3DES (ICAO Doc 9303 Part 11, 8th ed. 2021).

Key derivation §9.7.1, mutual authentication §4.3 (BAC), secure messaging §9.8 with the
retail MAC of ISO/IEC 9797-1 algorithm 3 and padding method 2. Checked against the worked
example of Appendix D (tests/chip/test_bac.py). The primitives are ``cryptography``'s;
single DES is 3DES with K1 repeated (cryptography has no DES of its own).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from desk_app.chip.tlv import encode_length, parse_tlv

_ZERO_IV = bytes(8)


class ChipProtocolError(Exception):
    """The chip's answer does not check out (wrong MAC, wrong nonce, malformed)."""


def derive_key(seed: bytes, counter: int) -> bytes:
    """Doc 9303-11 §9.7.1: SHA-1(seed || counter) truncated to a 16-byte 3DES key."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return _adjust_parity(digest[:16])


def _adjust_parity(key: bytes) -> bytes:
    out = bytearray()
    for byte in key:
        ones = bin(byte >> 1).count("1")
        out.append((byte & 0xFE) | (0 if ones % 2 else 1))
    return bytes(out)


def key_seed(mrz_information: bytes) -> bytes:
    """K_seed: the first 16 bytes of SHA-1 of the MRZ information."""
    return hashlib.sha1(mrz_information).digest()[:16]


def _des3(key: bytes) -> TripleDES:
    return TripleDES(key + key[:8] if len(key) == 16 else key)


def _des(key8: bytes) -> TripleDES:
    return TripleDES(key8 * 3)


def encrypt(key: bytes, data: bytes, iv: bytes = _ZERO_IV) -> bytes:
    encryptor = Cipher(_des3(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def decrypt(key: bytes, data: bytes, iv: bytes = _ZERO_IV) -> bytes:
    decryptor = Cipher(_des3(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def pad(data: bytes, block: int = 8) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a multiple of ``block``."""
    data = data + b"\x80"
    return data + bytes(-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ChipProtocolError("bad padding")
    return stripped[:-1]


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 over already padded ``data`` (DES-CBC, then 3DES)."""
    k1, k2 = key[:8], key[8:16]
    chain = Cipher(_des(k1), modes.CBC(_ZERO_IV)).encryptor()
    last = (chain.update(data) + chain.finalize())[-8:]
    step = Cipher(_des(k2), modes.ECB()).decryptor()
    mid = step.update(last) + step.finalize()
    final = Cipher(_des(k1), modes.ECB()).encryptor()
    return final.update(mid) + final.finalize()


@dataclass(frozen=True)
class AccessKeys:
    k_enc: bytes
    k_mac: bytes


def access_keys(mrz_information: bytes) -> AccessKeys:
    seed = key_seed(mrz_information)
    return AccessKeys(derive_key(seed, 1), derive_key(seed, 2))


@dataclass(frozen=True)
class MutualAuthentication:
    """The terminal's half of BAC: what it sends, and what it needs to check the answer."""

    rnd_icc: bytes
    rnd_ifd: bytes
    k_ifd: bytes
    keys: AccessKeys

    @classmethod
    def start(
        cls,
        keys: AccessKeys,
        rnd_icc: bytes,
        *,
        rnd_ifd: bytes | None = None,
        k_ifd: bytes | None = None,
    ) -> MutualAuthentication:
        return cls(rnd_icc, rnd_ifd or os.urandom(8), k_ifd or os.urandom(16), keys)

    def command_data(self) -> bytes:
        """E_IFD || M_IFD, the data of MUTUAL AUTHENTICATE."""
        e_ifd = encrypt(self.keys.k_enc, self.rnd_ifd + self.rnd_icc + self.k_ifd)
        return e_ifd + retail_mac(self.keys.k_mac, pad(e_ifd))

    def finish(self, response: bytes) -> SecureMessaging:
        """Check the chip's answer and derive the session keys and send sequence counter."""
        if len(response) != 40:
            raise ChipProtocolError("MUTUAL AUTHENTICATE answer has the wrong length")
        e_icc, m_icc = response[:32], response[32:]
        if retail_mac(self.keys.k_mac, pad(e_icc)) != m_icc:
            raise ChipProtocolError("MUTUAL AUTHENTICATE answer has a wrong MAC")
        plain = decrypt(self.keys.k_enc, e_icc)
        if plain[:8] != self.rnd_icc or plain[8:16] != self.rnd_ifd:
            raise ChipProtocolError("MUTUAL AUTHENTICATE answer has the wrong nonces")
        k_icc = plain[16:32]
        seed = bytes(a ^ b for a, b in zip(self.k_ifd, k_icc, strict=True))
        ssc = self.rnd_icc[4:] + self.rnd_ifd[4:]
        return SecureMessaging(derive_key(seed, 1), derive_key(seed, 2), int.from_bytes(ssc))


class SecureMessaging:
    """3DES secure messaging (Doc 9303-11 §9.8): protects commands, checks answers.

    The cipher is in ``_encrypt``/``_decrypt``/``_mac`` and the block size in ``block``;
    desk_app.chip.pace's AES variant changes those and nothing else."""

    block = 8  # the cipher's block: padding, and the send sequence counter's width

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int) -> None:
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self.ssc = ssc

    def _next_ssc(self) -> bytes:
        self.ssc = (self.ssc + 1) % (1 << (8 * self.block))
        return self.ssc.to_bytes(self.block, "big")  # leading zeros included

    def _encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return encrypt(self.ks_enc, data)

    def _decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return decrypt(self.ks_enc, data)

    def _mac(self, data: bytes) -> bytes:
        return retail_mac(self.ks_mac, data)

    def protect(self, header: bytes, data: bytes = b"", le: int | None = None) -> bytes:
        """A short APDU ``header`` (CLA INS P1 P2) with ``data`` and ``le`` made protected."""
        masked = bytes([header[0] | 0x0C]) + header[1:4]
        ssc = self._next_ssc()
        body = b""
        if data:
            cryptogram = b"\x01" + self._encrypt(ssc, pad(data, self.block))
            tag = 0x85 if header[1] % 2 else 0x87
            body += bytes([tag]) + encode_length(len(cryptogram)) + cryptogram
        if le is not None:
            body += b"\x97\x01" + bytes([le & 0xFF])
        mac = self._mac(pad(ssc + pad(masked, self.block) + body, self.block))
        body += b"\x8e\x08" + mac
        return masked + bytes([len(body)]) + body + b"\x00"

    def unprotect(self, response: bytes, sw: int) -> bytes:
        """Check an answer's MAC and return its plain data (raises on any mismatch)."""
        objects = parse_tlv(response)
        ssc = self._next_ssc()
        covered = b""
        mac = None
        plain = b""
        for obj in objects:
            if obj.tag == 0x8E:
                mac = obj.value
            else:
                covered += obj.raw
            if obj.tag == 0x87:
                if not obj.value or obj.value[0] != 0x01:
                    raise ChipProtocolError("unknown padding indicator")
                plain = unpad(self._decrypt(ssc, obj.value[1:]))
            elif obj.tag == 0x99 and int.from_bytes(obj.value) != sw:
                raise ChipProtocolError("protected status differs from the plain one")
        expected = self._mac(pad(ssc + covered, self.block))
        if mac is None or mac != expected:
            raise ChipProtocolError("answer MAC does not match (secure messaging broken)")
        return plain
