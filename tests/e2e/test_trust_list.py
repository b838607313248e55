"""The province's CSCA trust list, published on the real server, pulled by a desk over
loopback and used by a real card read (pcscd + the ePass emulator, tests/pcsc.py): a new
list replaces the old whole; a list that is not one is refused in words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.mrz import BacKey, document_number_for_id_card
from desk_app.services.chip import CardReaderService
from tests import pcsc
from tests.chip import card_files as cf
from tests.conftest import FakeClock
from tests.e2e.conftest import RunningServer
from tests.e2e.test_published import _desk, _server_cli

KEY = BacKey(document_number_for_id_card(cf.ID_NUMBER), date(1990, 1, 15), date(2030, 1, 15))


def _card_read_cli(data_dir: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "desk_app", "card", "read", "--data-dir", str(data_dir),
         "--document", cf.ID_NUMBER, "--birth", "15/01/1990", "--expiry", "15/01/2030", "--json"],
        capture_output=True, text=True, timeout=60, env=os.environ | {"DESK_APP_LANG": "vi"},
    )  # fmt: skip
    assert out.returncode in (0, 15), out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_a_published_csca_list_verifies_the_card_and_a_new_list_replaces_it(
    district: RunningServer, pcscd: pcsc.Pcscd, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    desk = _desk(tmp_path / "desk", "000.00.31.H26", district, clock)
    card = cf.make_card()
    service = CardReaderService(desk.data_dir)
    try:
        assert service.trust_in_force() == (None, 0, 0)
        csca = tmp_path / "csca.pem"
        csca.write_bytes(card.pki.csca_pem())
        out = _server_cli(district, "publish-trust", str(csca), "--version", "2026.1")
        assert out.returncode == 0 and "phiên bản 2026.1 (1 chứng thư)" in out.stdout, out.stderr
        assert desk.sync.run_once().received == 1
        assert service.trust_in_force() == ("2026.1", 1, 0)
        with pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode()):
            reading = service.read(KEY)
            assert reading.check.verified, reading.check.result
            shown = _card_read_cli(desk.data_dir)
        assert shown["trust_list"] == {"version": "2026.1", "certificates": 1, "local_files": 0}
        assert shown["verification"]["verified"] is True  # type: ignore[index]
        # the same version with other content is refused; a new version replaces the list
        other = tmp_path / "other.der"
        other.write_bytes(cf.make_pki("CSCA Other").csca.public_bytes(serialization.Encoding.DER))
        out = _server_cli(district, "publish-trust", str(other), "--version", "2026.1")
        assert out.returncode == 2 and "đã phát hành với nội dung khác" in out.stderr
        out = _server_cli(district, "publish-trust", str(other), "--version", "2026.2")
        assert out.returncode == 0, out.stderr
        assert desk.sync.run_once().received == 1
        assert service.trust_in_force() == ("2026.2", 1, 0)
        with pcsc.card_on_reader(pcscd, card.files, KEY.mrz_information().decode()):
            reading = service.read(KEY)
        assert not reading.check.verified  # the card's CSCA was dropped with the old list
    finally:
        desk.close()


def test_a_hostile_trust_list_is_refused_in_words(district: RunningServer, tmp_path: Path) -> None:
    pki = cf.make_pki()
    signer = tmp_path / "ds.pem"  # a Document Signer: not a CA
    signer.write_bytes(pki.ds.public_bytes(serialization.Encoding.PEM))
    huge = tmp_path / "huge.pem"
    huge.write_bytes(pki.csca_pem() * 1000)
    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    empty = tmp_path / "empty.der"
    empty.write_bytes(b"")
    for path, words in (
        (signer, "không phải chứng thư CA"),
        (huge, "quá lớn"),
        (garbage, "không phải chứng thư số X.509"),
        (empty, "không chứa chứng thư nào"),
        (tmp_path / "missing.pem", "Không đọc được"),
    ):
        out = _server_cli(district, "publish-trust", str(path))
        assert out.returncode == 2 and words in out.stderr, (path.name, out.stderr)
    assert district.store.latest_published("trust", "2026.1", None) is None
