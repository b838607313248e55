"""Read an ID card's chip through PC/SC (pyscard: pcsclite on Linux, WinSCard on Windows).

One read: find a reader with a card, read EF.CardAccess; when it offers a PACE protocol this
reader supports, PACE with the MRZ password (desk_app.chip.pace) then SELECT of the eMRTD
application under the secure messaging it established; else, or when PACE fails, select
the application and Basic Access Control (Doc 9303-11 §4.2: a chip that offers PACE keeps
BAC during the transition). Then EF.COM, DG1, DG13 and EF.SOD under secure messaging, and
passive authentication of what was read. DG2 (the photo) is not read. The result says
which access control opened the chip.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cryptography import x509

from desk_app.chip import pace as pace_protocol
from desk_app.chip.bac import ChipProtocolError, MutualAuthentication, SecureMessaging, access_keys
from desk_app.chip.datagroups import (
    DG_FILE_IDS,
    EF_COM,
    EF_SOD,
    ChipDetails,
    DataGroupError,
    Mrz,
    parse_com,
    parse_dg1,
    parse_dg13,
)
from desk_app.chip.passive import PassiveAuthResult, verify
from desk_app.chip.tlv import TlvError, read_header
from desk_app.domain.errors import (
    CardRemoved,
    ChipAccessDenied,
    ChipUnreadable,
    NoCard,
    NoCardReader,
)
from desk_app.domain.mrz import BacKey

EMRTD_AID = bytes.fromhex("A0000002471001")
_PLAIN_CHUNK = 256  # a READ BINARY with Le 00, without secure messaging (EF.CardAccess)
_CHUNK = 0xDF  # the largest READ BINARY that fits a short protected answer (3DES or AES)
# READ BINARY with INS B0 addresses offsets up to 0x7FFF (P1's high bit means a short file
# id): EF.COM, DG1, DG13 and EF.SOD of an ID card are a few KB, so a header declaring more
# is a chip answering wrongly, refused before anything more is read.
MAX_FILE_BYTES = 0x8000
_READ_GROUPS = (1, 13)  # the MRZ and the Vietnamese details; never the photo

Transmit = Callable[[bytes], tuple[bytes, int]]


@dataclass(frozen=True)
class ChipRead:
    reader: str
    mrz: Mrz
    details: ChipDetails | None
    passive: PassiveAuthResult
    groups_present: tuple[int, ...]
    pace_advertised: bool
    elapsed_ms: float
    raw: dict[int, bytes] = field(default_factory=dict, repr=False)
    access: str = "BAC"  # the access control that opened the chip: "PACE" or "BAC"
    pace_protocol: str = ""  # e.g. "ECDH-GM-AES-128 brainpoolP256r1": the one run
    pace_error: str = ""  # why PACE failed when BAC was used after it


def list_readers() -> list[str]:
    """Names of the PC/SC readers; raises NoCardReader when PC/SC itself is unavailable."""
    try:
        from smartcard.Exceptions import ListReadersException
        from smartcard.pcsc.PCSCExceptions import EstablishContextException
        from smartcard.System import readers
    except ImportError as err:  # pyscard missing from this build
        raise NoCardReader(f"pyscard: {err}") from None
    try:
        return [str(r) for r in readers()]
    except (EstablishContextException, ListReadersException) as err:
        raise NoCardReader(str(err)) from None


def reader_state() -> tuple[int, int]:
    """(readers, cards present) for the status bar; (0, 0) when PC/SC is unavailable.

    Asks PC/SC for the readers' states (SCardGetStatusChange, no wait): no card is
    powered or touched."""
    try:
        from smartcard import scard
    except ImportError:
        return 0, 0
    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return 0, 0
    try:
        result, names = scard.SCardListReaders(context, [])
        if result != scard.SCARD_S_SUCCESS or not names:
            return 0, 0
        states = [(name, scard.SCARD_STATE_UNAWARE) for name in names]
        result, states = scard.SCardGetStatusChange(context, 0, states)
        if result != scard.SCARD_S_SUCCESS:
            return len(names), 0
        cards = sum(1 for _name, state, _atr in states if state & scard.SCARD_STATE_PRESENT)
        return len(names), cards
    finally:
        scard.SCardReleaseContext(context)


def _connect(preferred: str | None) -> tuple[str, Transmit, Callable[[], None]]:
    from smartcard.Exceptions import CardConnectionException, NoCardException
    from smartcard.System import readers

    names = list_readers()
    if not names:
        raise NoCardReader("no PC/SC reader")
    for r in readers():
        if preferred and str(r) != preferred:
            continue
        conn = r.createConnection()
        try:
            conn.connect()
        except (NoCardException, CardConnectionException):
            continue

        def transmit(apdu: bytes, conn: object = conn) -> tuple[bytes, int]:
            try:
                data, sw1, sw2 = conn.transmit(list(apdu))  # type: ignore[attr-defined]
            except CardConnectionException as err:
                raise CardRemoved(str(err)) from None
            return bytes(data), (sw1 << 8) | sw2

        def close(conn: object = conn) -> None:
            # Disconnect and release the context now, not when the object is collected: a
            # handle left open on a card taken away keeps the reader from powering the next.
            with contextlib.suppress(CardConnectionException):
                conn.disconnect()  # type: ignore[attr-defined]
            with contextlib.suppress(CardConnectionException, AttributeError):
                conn.release()  # type: ignore[attr-defined]

        return str(r), transmit, close
    raise NoCard("no card in " + ", ".join(names))


class _Session:
    def __init__(self, transmit: Transmit) -> None:
        self.transmit = transmit
        self.sm: SecureMessaging | None = None

    def plain(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = self.transmit(apdu)
        if sw >> 8 == 0x61:  # T=0 style: fetch the rest
            more, sw = self.transmit(b"\x00\xc0\x00\x00" + bytes([sw & 0xFF]))
            data += more
        return data, sw

    def protected(self, header: bytes, data: bytes = b"", le: int | None = None) -> bytes:
        assert self.sm is not None
        answer, sw = self.transmit(self.sm.protect(header, data, le))
        if sw not in (0x9000, 0x6282) or not answer:
            raise ChipUnreadable(f"protected command {header.hex()} answered {sw:04X}")
        try:
            return self.sm.unprotect(answer, sw)
        except (ChipProtocolError, TlvError) as err:
            raise ChipUnreadable(f"secure messaging: {err}") from None

    def read_file(self, fid: int) -> bytes:
        self.protected(b"\x00\xa4\x02\x0c", fid.to_bytes(2, "big"))
        head = self.protected(b"\x00\xb0\x00\x00", le=4)
        try:
            _, length, value_at = read_header(head + bytes(4))
        except TlvError as err:
            raise ChipUnreadable(f"file {fid:04X}: {err}") from None
        total = value_at + length
        if total > MAX_FILE_BYTES:
            raise ChipUnreadable(
                f"file {fid:04X} declares {length} bytes, more than READ BINARY addresses"
                f" ({MAX_FILE_BYTES})"
            )
        data = head
        while len(data) < total:
            offset = len(data)
            asked = min(_CHUNK, total - offset)
            chunk = self.protected(b"\x00\xb0" + offset.to_bytes(2, "big"), le=asked)
            if not chunk:
                raise ChipUnreadable(f"file {fid:04X} ends early")
            if len(chunk) > asked:
                raise ChipUnreadable(f"file {fid:04X}: {len(chunk)} bytes for {asked} asked")
            data += chunk
        return data[:total]


def _pace_offered(session: _Session) -> tuple[bool, list[pace_protocol.PaceInfo]]:
    """(EF.CardAccess names PACE, its PACEInfos)."""
    data, sw = session.plain(bytes.fromhex("00B09C0000"))  # EF.CardAccess by its short id
    if sw == 0x9000 and len(data) == _PLAIN_CHUNK:  # maybe longer than one READ: the rest
        data = _rest_of_plain_file(session, data)
    if sw not in (0x9000, 0x6282) or pace_protocol.ID_PACE not in data:  # 6282: short file
        return False, []
    try:
        return True, pace_protocol.parse_card_access(data)
    except ChipProtocolError:
        return True, []


def _rest_of_plain_file(session: _Session, data: bytes) -> bytes:
    """The whole of a file whose first 256 bytes were read without secure messaging
    (EF.CardAccess, before any key), as its header declares, up to ``MAX_FILE_BYTES``."""
    try:
        _, length, value_at = read_header(data + bytes(4))
    except TlvError:
        return data  # (the parse says what is wrong)
    total = min(value_at + length, MAX_FILE_BYTES)
    while len(data) < total:
        asked = min(_PLAIN_CHUNK, total - len(data))
        apdu = b"\x00\xb0" + len(data).to_bytes(2, "big") + bytes([asked % _PLAIN_CHUNK])
        chunk, sw = session.plain(apdu)
        if sw != 0x9000 or not chunk or len(chunk) > asked:
            break
        data += chunk
    return data


def _select_application(session: _Session) -> None:
    apdu = b"\x00\xa4\x04\x0c" + bytes([len(EMRTD_AID)]) + EMRTD_AID
    if session.sm is not None:
        session.protected(apdu[:4], EMRTD_AID)
        return
    _, sw = session.plain(apdu)
    if sw != 0x9000:
        raise ChipUnreadable(f"SELECT eMRTD application answered {sw:04X}")


def _bac(session: _Session, key: BacKey, pace_error: str) -> None:
    """Basic Access Control; ``pace_error`` (PACE failed first) goes into a refusal."""
    before = f"PACE: {pace_error}; BAC: " if pace_error else ""
    challenge, sw = session.plain(bytes.fromhex("0084000008"))
    if sw != 0x9000 or len(challenge) != 8:
        if pace_error:
            raise ChipAccessDenied(f"{before}GET CHALLENGE answered {sw:04X}")
        raise ChipUnreadable(f"GET CHALLENGE answered {sw:04X}")
    auth = MutualAuthentication.start(access_keys(key.mrz_information()), challenge)
    answer, sw = session.plain(b"\x00\x82\x00\x00\x28" + auth.command_data() + b"\x28")
    if sw != 0x9000:
        raise ChipAccessDenied(f"{before}MUTUAL AUTHENTICATE answered {sw:04X}")
    try:
        session.sm = auth.finish(answer)
    except ChipProtocolError as err:
        raise ChipAccessDenied(f"{before}{err}") from None


def read_card(
    key: BacKey,
    *,
    trust_list: Sequence[x509.Certificate] = (),
    reader: str | None = None,
    connect: Callable[[str | None], tuple[str, Transmit, Callable[[], None]]] = _connect,
) -> ChipRead:
    """Read and check the chip of the card on the reader (the first reader with a card)."""
    started = time.perf_counter()
    name, transmit, close = connect(reader)
    try:
        session = _Session(transmit)
        pace, offered = _pace_offered(session)
        pace_info = pace_protocol.choose(offered)
        pace_error = ""
        if pace_info is not None:
            try:
                session.sm = pace_protocol.establish(
                    session.plain,
                    pace_info,
                    key.mrz_information(),
                    name_parameters=len(offered) > 1,
                )
            except (pace_protocol.PaceRefused, ChipProtocolError) as err:
                pace_error = str(err)
        elif pace:
            pace_error = "no PACE protocol in EF.CardAccess that this reader supports"
        access = "PACE" if session.sm is not None else "BAC"
        _select_application(session)
        if session.sm is None:
            _bac(session, key, pace_error)
        try:
            present = tuple(parse_com(session.read_file(EF_COM)))
        except DataGroupError as err:
            raise ChipUnreadable(str(err)) from None
        raw: dict[int, bytes] = {}
        for number in _READ_GROUPS:
            if number in present:
                raw[number] = session.read_file(DG_FILE_IDS[number])
        sod = session.read_file(EF_SOD)
    finally:
        close()
    try:
        mrz = parse_dg1(raw[1])
        details = parse_dg13(raw[13]) if 13 in raw else None
    except (KeyError, DataGroupError) as err:
        raise ChipUnreadable(f"data groups: {err}") from None
    passive = verify(sod, raw, list(trust_list))
    return ChipRead(
        reader=name,
        mrz=mrz,
        details=details,
        passive=passive,
        groups_present=present,
        pace_advertised=pace,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        raw=raw,
        access=access,
        pace_protocol=pace_info.name if pace_info is not None else "",
        pace_error=pace_error,
    )
