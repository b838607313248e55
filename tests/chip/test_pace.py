"""PACE against the worked examples of ICAO Doc 9303 Part 11 (8th edition, 2021), Appendix G.1
"ECDH based example" (PACE with Generic Mapping, id-PACE-ECDH-GM-AES-CBC-CMAC-128 on
brainpoolP256r1, MRZ password T22000129 / 640812 / 101031) and Appendix G.2 "DH based
example" (id-PACE-DH-GM-AES-CBC-CMAC-128, the 1024-bit MODP group of RFC 5114, id 0, the
same password). The hexadecimal values below are copied from those appendices: the password
key, the nonce, both parties' mapping and ephemeral keys, the mapped generator, the shared
secret, the session keys and the tokens.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pytest
from ecdsa import curves

from desk_app.chip.bac import ChipProtocolError, derive_key
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
    assert choose([PaceInfo(H("04007F00070202040402"), 2, 13), info]) is info  # IM skipped
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

    def __init__(self, token: bytes = T_IC, last_sw: int = 0x9000, mse: str = "") -> None:
        self.script = [
            (mse or "0022C1A40F800A" + OID.hex() + "830101", b"", 0x9000),
            ("10860000027C0000", H("7C128010") + Z, 0x9000),
            ("10860000457C438141" + PK_MAP_IFD.hex() + "00", H("7C438241") + PK_MAP_IC, 0x9000),
            ("10860000457C438341" + PK_DH_IFD.hex() + "00", H("7C438441") + PK_DH_IC, 0x9000),
            ("008600000C7C0A8508" + T_IFD.hex() + "00", H("7C0A8608") + token, last_sw),
        ]

    def __call__(self, apdu: bytes) -> tuple[bytes, int]:
        expected, answer, sw = self.script.pop(0)
        assert apdu == H(expected)
        return answer, sw


def _g1_keys() -> Callable[[int], int]:
    keys = iter([SK_MAP_IFD, SK_DH_IFD])
    return lambda order: next(keys)


def test_the_whole_exchange_of_appendix_g1() -> None:
    chip = _Chip()
    sm = establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())
    assert not chip.script
    assert isinstance(sm, AesSecureMessaging)
    assert (sm.ks_enc, sm.ks_mac, sm.ssc) == (KS_ENC, KS_MAC, 0)


def test_the_domain_parameters_named_when_the_chip_offers_several() -> None:
    chip = _Chip(mse="0022C1A412800A" + OID.hex() + "830101" + "84010D")
    info = PaceInfo(OID, 2, 13)
    establish(chip, info, KEY.mrz_information(), name_parameters=True, key_source=_g1_keys())
    assert not chip.script


def test_a_wrong_token_from_the_chip_is_refused() -> None:
    chip = _Chip(token=bytes(8))
    with pytest.raises(ChipProtocolError, match="token"):
        establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())


def test_the_chip_refusing_the_token_is_a_refusal() -> None:
    chip = _Chip(last_sw=0x6300)
    with pytest.raises(PaceRefused) as refused:
        establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())
    assert refused.value.sw == 0x6300


def test_a_nonce_of_broken_blocks_is_refused() -> None:
    chip = _Chip()
    chip.script[1] = ("10860000027C0000", H("7C0B8009") + Z[:9], 0x9000)
    with pytest.raises(ChipProtocolError, match="nonce"):
        establish(chip, PaceInfo(OID, 2, 13), KEY.mrz_information(), key_source=_g1_keys())


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


def test_the_key_derivation_of_each_cipher() -> None:
    """§9.7.1: 3DES keys are BAC's (SHA-1, parity adjusted), AES-128 SHA-1's first 16 bytes,
    AES-192/256 SHA-256's first 24/32 bytes; the same counters (1 enc, 2 mac, 3 password)."""
    info = PaceInfo(H("04007F00070202040201"), 2, 13)
    assert info.supported and info.cipher == "3DES"
    assert info.name == "ECDH-GM-3DES brainpoolP256r1"
    assert kdf(b"secret", 1, "3DES", 16) == derive_key(b"secret", 1)
    counted = b"secret" + (2).to_bytes(4, "big")
    assert kdf(b"secret", 2, "AES", 16) == hashlib.sha1(counted).digest()[:16]
    assert kdf(b"secret", 2, "AES", 24) == hashlib.sha256(counted).digest()[:24]
    assert kdf(b"secret", 2, "AES", 32) == hashlib.sha256(counted).digest()
    assert PaceInfo(H("04007F00070202040204"), 2, 17).name == "ECDH-GM-AES-256 brainpoolP512r1"


# Appendix G.2 (DH): EF.CardAccess 31143012060A04007F00070202040102020102020100.
DH_OID = H("04007F00070202040102")
DH_Z = H("854D8DF5827FA6852D1A4FA701CDDDCA")
DH_S = H("FA5B7E3E49753A0DB9178B7B9BD898C8")
DH_SK_MAP_IFD = 0x5265030F751F4AD18B08AC565FC7AC952E41618D
DH_PK_MAP_IFD = H(
    "23FB3749EA030D2A25B278D2A562047ADE3F01B74F17A15402CB7352CA7D2B3E"
    "B71C343DB13D1DEBCE9A3666DBCFC920B49174A602CB47965CAA73DC702489A4"
    "4D41DB914DE9613DC5E98C94160551C0DF86274B9359BC0490D01B03AD54022D"
    "CB4F57FAD6322497D7A1E28D46710F461AFE710FBBBC5F8BA166F4311975EC6C"
)
DH_PK_MAP_IC = H(
    "78879F57225AA8080D52ED0FC890A4B25336F699AA89A2D3A189654AF70729E6"
    "23EA5738B26381E4DA19E004706FACE7B235C2DBF2F38748312F3C98C2DD4882"
    "A41947B324AA1259AC22579DB93F7085655AF30889DBB845D9E6783FE42C9F24"
    "49400306254C8AE8EE9DD812A804C0B66E8CAFC14F84D8258950A91B44126EE6"
)
DH_G_MAPPED = H(
    "7C9CBFE98F9FBDDA8D143506FA7D9306F4CB17E3C71707AFF5E1C1A123702496"
    "84D64EE37AF44B8DBD9D45BF6023919CBAA027AB97ACC771666C8E98FF483301"
    "BFA4872DEDE9034EDFACB70814166B7F360676829B826BEA57291B5AD69FBC84"
    "EF1E779032A305803F74341793E869742D401325B37EE8565FFCDEE618342DC5"
)
DH_SK_DH_IFD = 0x89CCD99B0E8D3B1F11E1296DCA68EC53411CF2CA
DH_PK_DH_IFD = H(
    "907D89E2D425A178AA81AF4A7774EC8E388C115CAE67031E85EECE520BD91155"
    "1B9AE4D04369F29A02626C86FBC6747CC7BC352645B6161A2A42D44EDA80A08F"
    "A8D61B76D3A154AD8A5A51786B0BC07147057871A922212C5F67F43173172236"
    "B7747D1671E6D692A3C7D40A0C3C5CE397545D015C175EB5130551EDBC2EE5D4"
)
DH_PK_DH_IC = H(
    "075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152B"
    "D8B3A213F53820C42ADC79AB5D0AEEC3AEFB91394DA476BD97B9B14D0A65C1FC"
    "71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064"
    "386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1"
)
DH_SHARED_K = H(
    "6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E3"
    "8B834B6A9E9CD7184BA8834AFF5043D436950C4C1E7832367C10CB8C314D40E5"
    "990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E"
    "465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD"
)
DH_KS_ENC = H("2F7F46ADCC9E7E521B45D192FAFA9126")
DH_KS_MAC = H("805A1D27D45A5116F73C54469462B7D8")
DH_T_IFD = H("B46DD9BD4D98381F")
DH_T_IC = H("917F37B5C0E6D8D1")


def test_dh_generic_mapping_of_appendix_g2() -> None:
    (info,) = parse_card_access(H("31143012060A04007F00070202040102020102020100"))
    assert info == PaceInfo(DH_OID, 2, 0) and info.supported
    assert info.name == "DH-GM-AES-128 MODP-1024/160"
    group = info.group
    k_pi = kdf(mrz_secret(KEY.mrz_information()), 3, "AES", 16)
    assert decrypt_nonce(k_pi, DH_Z, "AES") == DH_S
    assert group.public(DH_SK_MAP_IFD, group.generator) == DH_PK_MAP_IFD
    g_mapped = group.map(DH_S, DH_SK_MAP_IFD, group.decode(DH_PK_MAP_IC))
    assert g_mapped == int.from_bytes(DH_G_MAPPED, "big")
    assert group.public(DH_SK_DH_IFD, g_mapped) == DH_PK_DH_IFD
    assert group.shared(DH_SK_DH_IFD, group.decode(DH_PK_DH_IC)) == DH_SHARED_K
    keys = session_keys(info, DH_SHARED_K, DH_PK_DH_IFD, DH_PK_DH_IC)
    assert (keys.ks_enc, keys.ks_mac) == (DH_KS_ENC, DH_KS_MAC)
    assert (keys.token_ifd, keys.token_ic) == (DH_T_IFD, DH_T_IC)


def test_the_whole_dh_exchange_of_appendix_g2() -> None:
    """G.2's chip also answers its certificate authority reference (87) with the token."""
    script: list[tuple[str, bytes]] = [
        ("0022C1A40F800A" + DH_OID.hex() + "830101", b""),
        ("10860000027C0000", H("7C128010") + DH_Z),
        ("10860000867C8183818180" + DH_PK_MAP_IFD.hex() + "00", H("7C8183828180") + DH_PK_MAP_IC),
        ("10860000867C8183838180" + DH_PK_DH_IFD.hex() + "00", H("7C8183848180") + DH_PK_DH_IC),
        (
            "008600000C7C0A8508" + DH_T_IFD.hex() + "00",
            H("7C1B8608") + DH_T_IC + H("870F444554455354435643413030303033"),
        ),
    ]

    def chip(apdu: bytes) -> tuple[bytes, int]:
        expected, answer = script.pop(0)
        assert apdu == H(expected)
        return answer, 0x9000

    keys = iter([DH_SK_MAP_IFD, DH_SK_DH_IFD])
    sm = establish(
        chip, PaceInfo(DH_OID, 2, 0), KEY.mrz_information(), key_source=lambda o: next(keys)
    )
    assert not script and isinstance(sm, AesSecureMessaging)
    assert (sm.ks_enc, sm.ks_mac) == (DH_KS_ENC, DH_KS_MAC)


def test_a_dh_value_outside_the_group_is_refused() -> None:
    group = PaceInfo(DH_OID, 2, 0).group
    with pytest.raises(ChipProtocolError, match="group"):
        group.decode((2).to_bytes(128, "big"))  # 2 is not in the order-q subgroup
