"""A hostile card through the real pcscd: files whose headers declare more than a chip's
file can hold, or whose contents are not BER-TLV. The read must stop early and say so in
words (ChipUnreadable), never loop over gigabytes or end in a traceback."""

from __future__ import annotations

import time
from datetime import date
from functools import reduce
from pathlib import Path

import pytest

from desk_app.chip.reader import read_card
from desk_app.chip.tlv import encode
from desk_app.domain.errors import ChipUnreadable
from desk_app.domain.mrz import BacKey, document_number_for_id_card
from desk_app.services.chip import CardReaderService, trust_folder
from tests import pcsc
from tests.chip import card_files as cf

KEY = BacKey(document_number_for_id_card(cf.ID_NUMBER), date(1990, 1, 15), date(2030, 1, 15))
NESTED = encode(0x6D, reduce(lambda v, _: encode(0x30, v), range(5000), b"\x02\x01\x01"))


def _read(pcscd: pcsc.Pcscd, files: dict[int, bytes]) -> None:
    with pcsc.card_on_reader(pcscd, files, KEY.mrz_information().decode()):
        read_card(KEY)


def test_a_file_declaring_gigabytes_is_refused_before_it_is_read(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card()
    # DG13 says 2 GB follow, and the card does hold 70 KB of them: without a bound the
    # reader reads on past what READ BINARY can address.
    huge = b"\x6d\x84\x7f\xff\xff\xff" + bytes(70_000)
    started = time.perf_counter()
    with pytest.raises(ChipUnreadable) as refused:
        _read(pcscd, {**card.files, 0x010D: huge})
    assert "file 010D declares" in refused.value.detail
    assert time.perf_counter() - started < 5


def test_a_file_just_above_what_read_binary_addresses_is_refused(pcscd: pcsc.Pcscd) -> None:
    card = cf.make_card()
    big = b"\x6d\x83\x01\x00\x00" + bytes(0x10000)
    with pytest.raises(ChipUnreadable) as refused:
        _read(pcscd, {**card.files, 0x010D: big})
    assert "file 010D declares 65536 bytes" in refused.value.detail


@pytest.mark.parametrize(
    ("fid", "content"),
    [
        (0x010D, b"\x6d\x10" + b"\x30\x82\xff\xff" + bytes(12)),  # DG13: inner TLV too long
        (0x010D, NESTED),  # DG13: 5,000 SEQUENCEs in one another (20 KB)
        (0x0101, b"\x61\x05\x5f\x1f\x02AB"),  # DG1: a two-letter MRZ
        (0x011E, b"\x60\x03\x5c\x01\xff"),  # EF.COM: an unknown group
    ],
)
def test_malformed_files_fail_in_words(pcscd: pcsc.Pcscd, fid: int, content: bytes) -> None:
    card = cf.make_card()
    with pytest.raises(ChipUnreadable):
        _read(pcscd, {**card.files, fid: content})


@pytest.mark.parametrize(
    "sod",
    [
        b"\x77\x10" + b"\x30\x84\x7f\xff\xff\xff" + bytes(10),  # the CMS declares 2 GB
        b"\x77\x04\x30\x02\x05\x00",  # a CMS that is no SignedData
    ],
)
def test_a_malformed_sod_fails_passive_authentication(pcscd: pcsc.Pcscd, sod: bytes) -> None:
    card = cf.make_card()
    with pcsc.card_on_reader(pcscd, {**card.files, 0x011D: sod}, KEY.mrz_information().decode()):
        result = read_card(KEY)
    assert not result.passive.ok and result.passive.reason


def test_a_damaged_file_in_the_trust_folder_does_not_stop_card_reading(
    pcscd: pcsc.Pcscd, tmp_path: Path
) -> None:
    """A truncated certificate beside the right one: every read ended in a ValueError."""
    card = cf.make_card()
    trust = trust_folder(tmp_path)
    trust.mkdir()
    pem = card.pki.csca_pem()
    (trust / "csca.pem").write_bytes(pem)
    (trust / "cut.pem").write_bytes(pem[: len(pem) // 2] + b"\n-----END CERTIFICATE-----\n")
    (trust / "rac.der").write_bytes(b"\x30\x82\xff\xff" + bytes(40))
    with pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode()):
        reading = CardReaderService(tmp_path).read(KEY)
    assert reading.check.verified, reading.check.result
