"""PACE end to end through the real pcscd: pyscard -> pcscd -> vpcd -> vsmartcard's nPA card
emulator (OpenPACE on the chip's side; tests/chip/vicc_npa.py) holding the test card's files
in its eMRTD application. The chip offers PACE only: a read that works went through PACE and
the secure messaging it established (OpenPACE's, not ours, checks every command), here over
ECDH and DH, with AES-128/256 and 3DES."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.chip.passive import load_trust_list
from desk_app.chip.reader import read_card
from desk_app.domain.errors import ChipAccessDenied
from desk_app.domain.mrz import BacKey, document_number_for_id_card
from tests import pcsc
from tests.chip import card_files as cf

KEY = BacKey(document_number_for_id_card(cf.ID_NUMBER), date(1990, 1, 15), date(2030, 1, 15))


@pytest.mark.parametrize(
    ("protocol", "parameter_id", "name"),
    [
        ("04007F00070202040202", 13, "ECDH-GM-AES-128 brainpoolP256r1"),
        ("04007F00070202040202", 12, "ECDH-GM-AES-128 secp256r1"),
        ("04007F00070202040204", 17, "ECDH-GM-AES-256 brainpoolP512r1"),
        ("04007F00070202040201", 13, "ECDH-GM-3DES brainpoolP256r1"),
        ("04007F00070202040102", 0, "DH-GM-AES-128 MODP-1024/160"),
        ("04007F00070202040104", 2, "DH-GM-AES-256 MODP-2048/256"),  # extended-length APDUs
    ],
)
def test_pace_read_with_passive_authentication(
    pcscd: pcsc.Pcscd, protocol: str, parameter_id: int, name: str
) -> None:
    card = cf.make_card()
    info = KEY.mrz_information().decode()
    with pcsc.card_on_reader(
        pcscd, card.files, info, pace=True, protocol=protocol, parameter_id=parameter_id
    ):
        result = read_card(KEY, trust_list=load_trust_list([card.pki.csca_pem()]))
    assert result.access == "PACE", result.pace_error
    assert result.pace_protocol == name
    assert result.pace_advertised and not result.pace_error
    assert result.mrz.full_number == cf.ID_NUMBER
    assert result.details is not None and result.details.full_name == "Nguyễn Thị Hoà"
    assert result.raw[13] == card.dg13
    assert result.passive.ok, result.passive.reason


def test_a_wrong_key_under_pace_is_refused_as_under_bac(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card()
    wrong = BacKey(KEY.document_number, KEY.birth_date, date(2030, 1, 16))
    with (
        pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode(), pace=True),
        pytest.raises(ChipAccessDenied) as refused,
    ):
        read_card(wrong)
    # PACE refused at the tokens (the chip's 6300), then BAC refused by a PACE-only chip.
    assert refused.value.exit_code == 12  # desk-app card read's wrong-key code, as with BAC
    assert refused.value.detail.startswith("PACE: PACE mutual authentication answered 6300")
    assert "BAC: MUTUAL AUTHENTICATE answered 6985" in refused.value.detail


def test_bac_is_the_fallback_when_pace_fails(pcscd: pcsc.Pcscd) -> None:
    """An ePass (BAC only) whose EF.CardAccess names PACE: MSE:Set AT is refused, BAC reads
    (the ePass has no EF.CardAccess of its own: the harness puts G.1's in its MF)."""
    card = cf.make_card()
    card_access = bytes.fromhex("31143012060A04007F0007020204020202010202010D")
    with pcsc.card_on_reader(
        pcscd, card.files, KEY.mrz_information().decode(), card_access=card_access
    ):
        result = read_card(KEY, trust_list=load_trust_list([card.pki.csca_pem()]))
    assert result.access == "BAC"
    assert result.pace_advertised
    assert result.pace_error == "PACE MSE:Set AT answered 6984"  # reference data not usable
    assert result.passive.ok and result.raw[13] == card.dg13
