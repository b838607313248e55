"""Run vsmartcard's nPA card (the German eID, PACE through OpenPACE) with a test card's files.

Started by tests/pcsc.py's ``card_on_reader(..., pace=True)`` as its own process:
``python vicc_npa.py CARD.json``. The card is upstream's own (``CardGenerator("nPA")`` in
Debian's python3-virtualsmartcard: EF.CardAccess, EF.CardSecurity, the eID application, the
``NPAOS`` that answers PACE's GENERAL AUTHENTICATE through OpenPACE and protects every
answer with the secure messaging PACE established), run from the patched copy of
tests/chip/vicc_epass.py (its Python 3 patches and NPA_PATCHES below) with
OpenPACE's Python bindings (``eac``, ``chat``: scripts/build-openpace-python, whose folder
CARD.json names).

The harness adds, without patching upstream's code:
- the MRZ password: nPA_SAM keeps a TD1 MRZ, from which OpenPACE takes the document number,
  birth and expiry with their check digits (offsets 5, 30, 38): the harness writes the test
  card's MRZ information there instead of upstream's ERIKA MUSTERMANN;
- the eMRTD application (A0000002471001) with the test card's EF.COM, DG1, DG13 and EF.SOD,
  so the ICAO data groups are read under PACE's secure messaging as from a real ID card;
- optionally another protocol or domain parameters: the PACEInfo's OID and standardised
  domain parameter id are replaced in EF.CardAccess and in EF.CardSecurity, same length
  (upstream offers id-PACE-ECDH-GM-AES-CBC-CMAC-128 on brainpoolP256r1, id 13; OpenPACE
  reads them from EF.CardSecurity, whose signature upstream already ignores); for a 3DES
  protocol the secure messaging's block length is set to 8 (upstream's nPA_SE sets 16,
  "This breaks support for 3DES", and answers 6988 to every protected command);
- READ BINARY without secure messaging answers 6982 except for EF.CardAccess, which a
  terminal reads in the clear before PACE, as on a real chip;
- it has no BAC: MUTUAL AUTHENTICATE is refused (upstream's nPA answers 6985), as a chip
  that offers only PACE.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path

from vicc_epass import add_emrtd_application, patched_copy, serve  # type: ignore[import-not-found]

# Python 3 patches for the nPA card only, applied after vicc_epass.PATCHES, each matched
# exactly once:
# - TLVutils.pack recurses into a str value (CardGenerator's nPA writes its eID data groups
#   as str): encode it as bytes first.
# - SEutils' ControlReferenceTemplate starts its config string as "" (str) and appends bytes
#   to it when MSE:Set AT names the algorithm (every PACE died there): start it as b"";
#   its walk over that string calls stringtoint() on the ints bytes give: index instead.
NPA_PATCHES: list[tuple[str, str, str]] = [
    (
        "SEutils.py",
        "        self.__config_string = config\n",
        '        self.__config_string = config or b""\n',
    ),
    (
        "SEutils.py",
        "            length = stringtoint(self.__config_string[position+1])\n            position +=",
        "            length = self.__config_string[position+1]\n            position +=",
    ),
    (
        "SEutils.py",
        "            length = stringtoint(self.__config_string[position+1])\n            self.",
        "            length = self.__config_string[position+1]\n            self.",
    ),
    (
        "TLVutils.py",
        "        if not isinstance(value, bytes):\n            value = pack(",
        "        if isinstance(value, str):\n            value = value.encode()\n"
        "        if not isinstance(value, bytes):\n            value = pack(",
    ),
]
UPSTREAM_PACE_INFO = bytes.fromhex("060A04007F0007020204020202010202010D")  # ECDH-GM-AES-128


def td1_mrz(info: bytes) -> bytes:
    """A 90-character TD1 MRZ holding ``info`` (document number, birth, expiry with their
    check digits) where OpenPACE looks for them."""
    line1 = b"IDVNM" + info[0:10] + b"<" * 15
    line2 = info[10:17] + b"F" + info[17:24] + b"VNM" + b"<" * 11 + b"0"
    return line1 + line2 + b"NGUYEN<<THI<HOA".ljust(30, b"<")


def build_card(card: dict[str, object]):  # type: ignore[no-untyped-def]
    from virtualsmartcard.CardGenerator import CardGenerator

    mf, sam = CardGenerator("nPA").getCard()
    sam.mrz = td1_mrz(str(card["mrz_information"]).encode("ascii"))
    protocol = bytes.fromhex(str(card.get("protocol", "04007F00070202040202")))
    parameter_id = int(card.get("parameter_id", 13))  # type: ignore[call-overload]
    info = b"\x06\x0a" + protocol + b"\x02\x01\x02" + bytes([2, 1, parameter_id])
    if len(info) != len(UPSTREAM_PACE_INFO):
        raise SystemExit("nPA card: the PACEInfo must keep its length")
    for fid in (0x011C, 0x011D):
        ef = mf.select("fid", fid)
        if ef.data.count(UPSTREAM_PACE_INFO) != 1:
            raise SystemExit(f"nPA card: no single PACEInfo in {fid:04X}")
        ef.data = ef.data.replace(UPSTREAM_PACE_INFO, info)
    if protocol.endswith(b"\x01"):  # 3DES: upstream's nPA_SE fixes AES' 16-byte padding
        sam.current_SE.cct.blocklength = 8
    add_emrtd_application(mf, card["files"])
    return mf, sam


def main() -> None:
    card = json.loads(Path(sys.argv[1]).read_text())
    root = patched_copy(Path(tempfile.mkdtemp(prefix="vicc-")), NPA_PATCHES)
    sys.path.insert(0, str(card["openpace"]))
    sys.path.insert(0, str(root))
    logging.basicConfig(level=logging.WARNING)
    from virtualsmartcard.cards.nPA import NPAOS
    from virtualsmartcard.SWutils import SW
    from virtualsmartcard.utils import C_APDU, R_APDU, inttostring

    mf, sam = build_card(card)
    os_ = NPAOS(mf, sam)
    plain_execute = os_.execute

    def execute(msg: bytes) -> bytes:
        apdu = C_APDU(msg)
        card_access = apdu.ins == 0xB0 and apdu.p1 == 0x9C  # by its short file id
        if apdu.ins in (0xB0, 0xB1) and not apdu.cla & 0x0C and not card_access:
            return R_APDU(b"", inttostring(SW["ERR_SECSTATUS"])).render()
        return plain_execute(msg)

    os_.execute = execute
    serve(os_, "nPA", int(card["port"]))


if __name__ == "__main__":
    main()
