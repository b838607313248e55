"""BAC and secure messaging against the worked example of ICAO Doc 9303 Part 11
(8th edition, 2021), Appendix D "Worked example: Basic Access Control" (D.1 key derivation
from the MRZ, D.3 mutual authentication and session keys, D.4 secure messaging: SELECT EF.COM
and two READ BINARY). The hexadecimal values below are copied from that appendix.
"""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.chip.bac import (
    ChipProtocolError,
    MutualAuthentication,
    SecureMessaging,
    access_keys,
    key_seed,
)
from desk_app.domain.mrz import BacKey, check_digit

H = bytes.fromhex

# D.1: MRZ L898902C<3 UTO 690806 1 F 940623 6
APPENDIX_D_KEY = BacKey("L898902C", date(1969, 8, 6), date(1994, 6, 23))


def test_check_digits_of_the_worked_example() -> None:
    assert check_digit("L898902C<") == "3"
    assert check_digit("690806") == "1"
    assert check_digit("940623") == "6"


def test_key_derivation_matches_appendix_d() -> None:
    mrz_info = APPENDIX_D_KEY.mrz_information()
    assert mrz_info == b"L898902C<369080619406236"
    assert key_seed(mrz_info) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    keys = access_keys(mrz_info)
    assert keys.k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert keys.k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def _authenticated() -> SecureMessaging:
    keys = access_keys(APPENDIX_D_KEY.mrz_information())
    auth = MutualAuthentication.start(
        keys,
        H("4608F91988702212"),
        rnd_ifd=H("781723860C06C226"),
        k_ifd=H("0B795240CB7049B01C19B33E32804F0B"),
    )
    assert auth.command_data() == H(
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
    )
    return auth.finish(
        H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
    )


def test_mutual_authentication_and_session_keys_match_appendix_d() -> None:
    sm = _authenticated()
    assert sm.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert sm.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert sm.ssc == int("887022120C06C226", 16)


def test_a_forged_chip_answer_is_refused() -> None:
    keys = access_keys(APPENDIX_D_KEY.mrz_information())
    auth = MutualAuthentication.start(
        keys, H("4608F91988702212"), rnd_ifd=H("781723860C06C226"), k_ifd=bytes(16)
    )
    with pytest.raises(ChipProtocolError):
        auth.finish(bytes(40))


def test_secure_messaging_matches_appendix_d() -> None:
    sm = _authenticated()
    # SELECT EF.COM
    assert sm.protect(H("00A4020C"), H("011E")) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    assert sm.unprotect(H("990290008E08FA855A5D4C50A8ED"), 0x9000) == b""
    # READ BINARY of the first four bytes
    assert sm.protect(H("00B00000"), le=4) == H("0CB000000D9701048E08ED6705417E96BA5500")
    assert sm.unprotect(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), 0x9000) == H(
        "60145F01"
    )
    # READ BINARY of the rest of EF.COM
    assert sm.protect(H("00B00004"), le=0x12) == H("0CB000040D9701128E082EA28A70F3C7B53500")
    assert sm.unprotect(
        H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74"),
        0x9000,
    ) == H("04303130365F36063034303030305C026175")


def test_a_tampered_answer_breaks_secure_messaging() -> None:
    sm = _authenticated()
    sm.protect(H("00A4020C"), H("011E"))
    with pytest.raises(ChipProtocolError):
        sm.unprotect(H("990290008E08FA855A5D4C50A8EE"), 0x9000)
