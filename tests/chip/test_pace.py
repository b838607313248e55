"""PACE against the worked example of ICAO Doc 9303 Part 11 (8th edition, 2021), Appendix G.1
"ECDH based example" (PACE with Generic Mapping, id-PACE-ECDH-GM-AES-CBC-CMAC-128 on
brainpoolP256r1, MRZ password T22000129 / 640812 / 101031). The hexadecimal values below
are copied from that appendix: the password key, the nonce, both parties' mapping and
ephemeral keys, the mapped generator, the shared secret, the session keys and the tokens.
"""

from __future__ import annotations

from datetime import date

import pytest
from ecdsa import curves

from desk_app.chip.bac import ChipProtocolError, SecureMessaging
from desk_app.chip.pace import (
    AesSecureMessaging,
    PaceInfo,
    PaceRefused,
    choose,
    decode_point,
    decrypt_nonce,
    encode_point,
    establish,
    kdf,
    map_generator,
    mrz_secret,
    parse_card_access,
    session_keys,
)
from desk_app.domain.mrz import BacKey

H = bytes.fromhex
BP256 = curves.BRAINPOOLP256r1
KEY = BacKey("T22000129", date(1964, 8, 12), date(2010, 10, 31))
# G.1: EF.CardAccess holds one PACEInfo: id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, id 13.
CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
OID = H("04007F00070202040202")

Z = H("95A3A016522EE98D01E76CB6B98B42C3")
S = H("3F00C4D39D153F2B2A214A078D899B22")
SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
PK_MAP_IFD = H(
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
)
SK_MAP_IC = 0x498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560
PK_MAP_IC = H(
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
SHARED_H = H(
    "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
    "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
)
G_MAPPED = H(
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
)
SK_DH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
PK_DH_IFD = H(
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
)
SK_DH_IC = 0x107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A
PK_DH_IC = H(
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
)
SHARED_K = H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
KS_ENC = H("F5F0E35C0D7161EE6724EE513A0D9A7F")
KS_MAC = H("FE251C7858B356B24514B3BD5F4297D1")
T_IFD = H("C2B0BD78D94BA866")
T_IC = H("3ABB9674BCE93C08")


def test_card_access_and_the_choice_of_protocol() -> None:
    (info,) = parse_card_access(CARD_ACCESS)
    assert info == PaceInfo(OID, 2, 13)
    assert info.supported and info.cipher == "AES" and info.key_length == 16
    assert choose([PaceInfo(H("04007F00070202040102"), 2, 2), info]) is info  # DH-GM skipped
    assert choose([PaceInfo(OID, 1, 13)]) is None  # version 1 is not PACE v2


def test_password_key_and_nonce() -> None:
    secret = mrz_secret(KEY.mrz_information())
    assert KEY.mrz_information() == b"T22000129364081251010318"
    assert secret == H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
    k_pi = kdf(secret, 3, "AES", 16)
    assert k_pi == H("89DED1B26624EC1E634C1989302849DD")
    assert decrypt_nonce(k_pi, Z, "AES") == S


def test_generic_mapping() -> None:
    assert encode_point(BP256.generator * SK_MAP_IFD, 32) == PK_MAP_IFD
    assert encode_point(BP256.generator * SK_MAP_IC, 32) == PK_MAP_IC
    pk_map_ic = decode_point(BP256, PK_MAP_IC)
    assert encode_point(pk_map_ic * SK_MAP_IFD, 32) == SHARED_H
    assert encode_point(map_generator(BP256, S, SK_MAP_IFD, pk_map_ic), 32) == G_MAPPED


def test_key_agreement_session_keys_and_tokens() -> None:
    g = decode_point(BP256, G_MAPPED)
    assert encode_point(g * SK_DH_IFD, 32) == PK_DH_IFD
    assert encode_point(g * SK_DH_IC, 32) == PK_DH_IC
    shared = decode_point(BP256, PK_DH_IC) * SK_DH_IFD
    assert shared.x().to_bytes(32, "big") == SHARED_K
    keys = session_keys(PaceInfo(OID, 2, 13), SHARED_K, PK_DH_IFD, PK_DH_IC)
    assert (keys.ks_enc, keys.ks_mac) == (KS_ENC, KS_MAC)
    assert (keys.token_ifd, keys.token_ic) == (T_IFD, T_IC)


class _Chip:
    """The chip's side of Appendix G.1, answer for answer (the commands are checked too)."""

    def __init__(self, token: bytes = T_IC, last_sw: int = 0x9000) -> None:
        self.script = [
            ("0022C1A412800A" + OID.hex() + "830101" + "84010D", b"", 0x9000),
            ("10860000027C0000", H("7C128010") + Z, 0x9000),
            ("10860000457C438141" + PK_MAP_IFD.hex() + "00", H("7C438241") + PK_MAP_IC, 0x9000),
            ("10860000457C438341" + PK_DH_IFD.hex() + "00", H("7C438441") + PK_DH_IC, 0x9000),
            ("008600000C7C0A8508" + T_IFD.hex() + "00", H("7C0A8608") + token, last_sw),
        ]

    def __call__(self, apdu: bytes) -> tuple[bytes, int]:
        expected, answer, sw = self.script.pop(0)
        assert apdu == H(expected)
        return answer, sw


def _g1_keys() -> object:
    keys = iter([SK_MAP_IFD, SK_DH_IFD])
    return lambda curve: next(keys)


def test_the_whole_exchange_of_appendix_g1() -> None:
    chip = _Chip()
    sm = establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())  # type: ignore[arg-type]
    assert not chip.script
    assert isinstance(sm, AesSecureMessaging)
    assert (sm.ks_enc, sm.ks_mac, sm.ssc) == (KS_ENC, KS_MAC, 0)


def test_a_wrong_token_from_the_chip_is_refused() -> None:
    chip = _Chip(token=bytes(8))
    with pytest.raises(ChipProtocolError, match="token"):
        establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())  # type: ignore[arg-type]


def test_the_chip_refusing_the_token_is_a_refusal() -> None:
    chip = _Chip(last_sw=0x6300)
    with pytest.raises(PaceRefused) as refused:
        establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())  # type: ignore[arg-type]
    assert refused.value.sw == 0x6300


def test_a_point_off_the_curve_is_refused() -> None:
    off = bytearray(PK_MAP_IC)
    off[-1] ^= 1
    with pytest.raises(ChipProtocolError, match="curve"):
        decode_point(BP256, bytes(off))


def test_aes_secure_messaging_round_trip_and_ssc() -> None:
    """§9.8 with AES: SSC of 16 bytes, IV = E(KS_enc, SSC), CMAC truncated to 8 bytes. The
    chip's side is played by a second instance (same keys, same SSC)."""
    terminal = AesSecureMessaging(KS_ENC, KS_MAC, 0)
    chip = AesSecureMessaging(KS_ENC, KS_MAC, 0)
    apdu = terminal.protect(b"\x00\xa4\x04\x0c", H("A0000002471001"))
    assert apdu[:4] == H("0CA4040C") and apdu[5:8] == H("871101")  # one 16-byte block
    assert terminal.ssc == 1
    # The chip's answer: DO99 with the status and its MAC over SSC 2.
    chip.ssc = 1
    covered = H("99029000")
    answer = (
        covered + H("8E08") + chip._mac(chip._next_ssc() + covered + H("800000000000000000000000"))
    )
    assert terminal.unprotect(answer, 0x9000) == b""
    assert terminal.ssc == 2
    with pytest.raises(ChipProtocolError):
        terminal.unprotect(answer, 0x9000)  # replayed: the SSC moved on


def test_3des_pace_uses_bac_secure_messaging() -> None:
    info = PaceInfo(H("04007F00070202040201"), 2, 13)
    assert info.supported and info.cipher == "3DES"
    assert isinstance(SecureMessaging(b"k" * 16, b"m" * 16, 0), SecureMessaging)
    assert len(kdf(b"secret", 1, "3DES", 16)) == 16
    assert len(kdf(b"secret", 1, "AES", 32)) == 32
