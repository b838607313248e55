"""Run upstream vsmartcard's ePass (ICAO passport) emulator with a test card's files.

Started by the ``chip_card`` fixture as its own process: ``python vicc_epass.py CARD.json``.
It uses Debian's ``python3-virtualsmartcard`` (the vsmartcard project's ``vicc``, written by
others) from a patched copy, never the files under /usr. The package as shipped does not
run on Python 3 (see conventions.md); the patches below are the smallest that make BAC and
secure messaging work, each matched exactly once or the harness stops:

- CryptoUtils.operation_on_string calls ord() on ints (kills vicc mid MUTUAL AUTHENTICATE);
- CryptoUtils.crypto_checksum drops the send sequence counter's leading zero bytes
  (``inttostring(ssc)``; about 1 session in 256 failed, on Python 2 too): pad it to 8;
- TLVutils.pack joins bytes with bytes.join over a bytes object;
- SEutils mixes str and bytes in parse_SM_CAPDU / protect_response (every protected
  command answered 6988) and calls stringtoint() on an int (the padding indicator).

The harness also does what the stock ePass card lacks (not patches of its code):
- it builds its own file tree (EF.COM 011E, DG1 0101, DG13 010D, SOD 011D) in the
  application DF A0000002471001, instead of CardGenerator's prompts and its empty "SOD"
  at 010D;
- it gives PassportSAM the key seed of a TD1 card (upstream computes it from a TD3
  passport MRZ only) by handing its own key derivation the MRZ information;
- it enforces BAC: READ BINARY without secure messaging answers 6982, as a real chip
  (EF.CardAccess excepted: a test may put one naming PACE in the MF, for the fallback);
- its receive step reads whole messages and sets TCP_QUICKACK after each length prefix
  (44 ms -> 0.2 ms a command); upstream's VirtualICC.run loop does the rest.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import struct
import sys
import tempfile
from pathlib import Path

UPSTREAM = Path("/usr/lib/python3/site-packages/virtualsmartcard/virtualsmartcard")

PATCHES: list[tuple[str, str, str]] = [
    (
        "CryptoUtils.py",
        "        result.append(chr(op(ord(string1[i]), ord(string2[i]))))\n"
        '    return "".join(result)',
        "        result.append(op(string1[i], string2[i]))\n    return bytes(result)",
    ),
    ("CryptoUtils.py", "data = inttostring(ssc) + data", "data = inttostring(ssc, 8) + data"),
    ("TLVutils.py", '    return b"".join(result)', "    return result"),
    ("SEutils.py", 'return_data = ["", ]', 'return_data = [b"", ]'),
    ("SEutils.py", '            to_authenticate = ""', '            to_authenticate = b""'),
    ("SEutils.py", 'data="".join(return_data))', 'data=b"".join(return_data))'),
    ("SEutils.py", '        return_data = ""\n', '        return_data = b""\n'),
    ("SEutils.py", 'if result != "":', "if result:"),
    ("SEutils.py", 'encrypted = "\\x01" + encrypted', 'encrypted = b"\\x01" + encrypted'),
    ("SEutils.py", "stringtoint(value[0])", "stringtoint(value[0:1])"),
]


def patched_copy(target: Path, more: list[tuple[str, str, str]] | None = None) -> Path:
    """Copy the upstream package under ``target`` and apply PATCHES (and ``more``); return
    the path root."""
    package = target / "virtualsmartcard"
    shutil.copytree(UPSTREAM, package, ignore=shutil.ignore_patterns("__pycache__"))
    for name, old, new in PATCHES + (more or []):
        path = package / name
        text = path.read_text()
        if text.count(old) != 1:
            raise SystemExit(f"vicc patch no longer applies to {name}: {old!r}")
        path.write_text(text.replace(old, new))
    return target


def add_emrtd_application(mf: object, files: object) -> None:
    """The eMRTD application (A0000002471001) with the card's files, into ``mf``."""
    from virtualsmartcard.SmartcardFilesystem import DF, TransparentStructureEF

    assert isinstance(files, dict)
    df = DF(parent=mf, fid=4, dfname=b"\xa0\x00\x00\x02G\x10\x01", bertlv_data=[])
    for fid, content in files.items():
        df.append(
            TransparentStructureEF(
                parent=df, fid=int(fid, 16), filedescriptor=0, data=bytes.fromhex(content)
            )
        )
    mf.append(df)  # type: ignore[attr-defined]


def build_card(card: dict[str, object]):  # type: ignore[no-untyped-def]
    from virtualsmartcard.cards.ePass import PassportSAM
    from virtualsmartcard.SmartcardFilesystem import MF, TransparentStructureEF

    mf = MF()
    add_emrtd_application(mf, card["files"])
    if card.get("card_access"):  # a chip that names PACE in EF.CardAccess (and cannot do it)
        mf.append(
            TransparentStructureEF(
                parent=mf,
                fid=0x011C,
                shortfid=0x1C,
                filedescriptor=0,
                data=bytes.fromhex(str(card["card_access"])),
            )
        )
    # PassportSAM reads DG1 and derives the keys from a TD3 second line: give it a line
    # whose slices [0:10] [13:20] [21:28] are the card's MRZ information.
    info = str(card["mrz_information"]).encode("ascii")
    sam = PassportSAM.__new__(PassportSAM)
    from virtualsmartcard.cards.ePass import ePass_SE
    from virtualsmartcard.SmartcardSAM import SAM

    SAM.__init__(sam, None, None, mf, default_se=ePass_SE)
    sam.mrz1 = b""
    sam.mrz2 = info[0:10] + b"VNM" + info[10:17] + b"F" + info[17:24]
    sam._PassportSAM__computeKeys()
    return mf, sam


def main() -> None:
    card = json.loads(Path(sys.argv[1]).read_text())
    root = patched_copy(Path(tempfile.mkdtemp(prefix="vicc-")))
    sys.path.insert(0, str(root))
    logging.basicConfig(level=logging.WARNING)
    from virtualsmartcard import VirtualSmartcard as vs
    from virtualsmartcard.SWutils import SW
    from virtualsmartcard.utils import C_APDU, R_APDU, inttostring

    mf, sam = build_card(card)
    os_ = vs.Iso7816OS(mf, sam)
    plain_execute = os_.execute

    def execute(msg: bytes) -> bytes:
        apdu = C_APDU(msg)
        card_access = apdu.ins == 0xB0 and apdu.p1 == 0x9C  # EF.CardAccess, read in the clear
        if apdu.ins in (0xB0, 0xB1) and not apdu.cla & 0x0C and not card_access:
            return R_APDU(b"", inttostring(SW["ERR_SECSTATUS"])).render()
        return plain_execute(msg)

    os_.execute = execute
    serve(os_, "ePass", int(card["port"]))  # type: ignore[call-overload]


def serve(os_: object, card_type: str, port: int) -> None:
    """Connect to vpcd on ``port`` and answer it with ``os_`` until vpcd goes away."""
    from virtualsmartcard import VirtualSmartcard as vs

    sock = socket.create_connection(("127.0.0.1", port))

    def receive(self: object) -> tuple[int, bytes | None]:
        """Upstream's __recvFromVPICC, reading whole messages, with TCP_QUICKACK."""
        (size,) = struct.unpack("!H", _recv_exact(sock, 2))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return size, _recv_exact(sock, size) if size else None

    vs.VirtualICC._VirtualICC__recvFromVPICC = receive
    vicc = vs.VirtualICC.__new__(vs.VirtualICC)
    vicc.os, vicc.type, vicc.sock, vicc.server_sock = os_, card_type, sock, None
    vicc.host, vicc.port = "127.0.0.1", port
    print("ready", flush=True)
    vicc.run()  # upstream's loop: power, reset, ATR, APDUs; exits when vpcd goes away


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise OSError("vpcd went away")
        data += chunk
    return data


if __name__ == "__main__":
    main()
