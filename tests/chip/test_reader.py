"""End to end through the real pcscd: pyscard -> pcscd -> vpcd -> upstream's ePass emulator
holding a test card (DG1, DG13, an SOD signed by a test CSCA; tests/pcsc.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desk_app.chip.passive import load_trust_list
from desk_app.chip.reader import Transmit, read_card
from desk_app.domain.errors import CardRemoved, ChipAccessDenied, NoCard
from desk_app.domain.mrz import BacKey, document_number_for_id_card
from tests import pcsc
from tests.chip import card_files as cf

KEY = BacKey(document_number_for_id_card(cf.ID_NUMBER), date(1990, 1, 15), date(2030, 1, 15))


def _on_reader(pcscd: pcsc.Pcscd, card: cf.CardFiles):  # type: ignore[no-untyped-def]
    return pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode())


def test_bac_read_with_passive_authentication(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card()
    with _on_reader(pcscd, card):
        result = read_card(KEY, trust_list=load_trust_list([card.pki.csca_pem()]))
    assert result.reader == pcsc.READER
    assert result.groups_present == (1, 13)
    assert result.mrz.full_number == cf.ID_NUMBER
    assert result.details is not None
    assert result.details.full_name == "Nguyễn Thị Hoà"
    assert result.details.residence == cf.DETAILS[9]
    assert result.passive.ok, result.passive.reason
    assert result.raw[13] == card.dg13
    assert not result.pace_advertised


def test_a_tampered_data_group_fails_verification_but_is_read(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card(tamper_dg13=True)
    with _on_reader(pcscd, card):
        result = read_card(KEY, trust_list=load_trust_list([card.pki.csca_pem()]))
    assert result.details is not None and result.details.full_name == "Nguyễn Thị Hoả"
    assert not result.passive.ok
    assert result.passive.data_groups == {1: True, 13: False}


def test_an_unknown_csca_fails_verification(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card()
    with _on_reader(pcscd, card):
        result = read_card(KEY, trust_list=load_trust_list([cf.make_pki().csca_pem()]))
    assert result.details is not None
    assert not result.passive.ok and "CSCA" in result.passive.reason


def test_a_wrong_key_is_refused_by_the_chip(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card()
    wrong = BacKey(KEY.document_number, KEY.birth_date, date(2030, 1, 16))
    with _on_reader(pcscd, card), pytest.raises(ChipAccessDenied):
        read_card(wrong)


def test_no_card_on_the_reader(pcscd: pcsc.Pcscd) -> None:
    with pytest.raises(NoCard):
        read_card(KEY)


def test_the_card_pulled_away_mid_read(pcscd: pcsc.Pcscd) -> None:
    from desk_app.chip.reader import _connect

    card = cf.make_card()
    with _on_reader(pcscd, card) as on_reader:

        def connect(reader: str | None) -> tuple[str, Transmit, Callable[[], None]]:
            name, transmit, close = _connect(reader)
            sent = 0

            def pulling(apdu: bytes) -> tuple[bytes, int]:
                nonlocal sent
                sent += 1
                if sent == 8:  # after BAC, in the middle of the files
                    on_reader.pull()
                return transmit(apdu)

            return name, pulling, close

        try:
            with pytest.raises(CardRemoved):
                read_card(KEY, connect=connect)
        finally:
            pcscd.restart()


def test_reader_state_for_the_status_bar(pcscd: pcsc.Pcscd) -> None:
    from desk_app.chip.reader import reader_state

    assert reader_state() == (2, 0)  # vpcd has two slots
    with _on_reader(pcscd, cf.make_card()):
        assert reader_state() == (2, 1)
