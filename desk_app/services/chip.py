"""Reading the chip of an ID card at the counter: the access key from the card's QR (or
typed), the read through the PC/SC reader, passive authentication against the province's
CSCA trust list, and what the intake form is prefilled with.

The trust list is the province's published list, pulled through sync into the data folder
(``trust-published.json``, replaced whole by each new version), beside every certificate
file (PEM or DER: .pem .crt .cer .der) in the data folder's ``trust/`` folder. An empty
trust list makes every read "not verified", never refused.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.domain.dossier import PersonDraft
from desk_app.domain.errors import InvalidField
from desk_app.domain.identity import IdCardData, parse_id_card_qr, parse_vn_date
from desk_app.domain.mrz import BacKey, IdentityCheck, document_number_for_id_card, id_card_expiry
from desk_app.domain.text import nfc

if TYPE_CHECKING:  # (the chip's code and its cryptography load at the first read)
    from desk_app.chip.datagroups import ChipDetails
    from desk_app.chip.reader import ChipRead
    from desk_app.chip.trust_list import TrustList

log = logging.getLogger(__name__)

TRUST_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


def trust_folder(data_dir: Path) -> Path:
    return data_dir / "trust"


@dataclass(frozen=True)
class CardReading:
    """One read of a card: what was read, its verification, and the form's prefill."""

    read: ChipRead
    check: IdentityCheck
    applicant: PersonDraft
    qr_differences: tuple[str, ...] = field(default_factory=tuple)  # fields that differ


def key_from_qr(qr_text: str, *, today: date) -> tuple[BacKey, IdCardData]:
    """The access key from the card's QR: its ID number and birth date, and the expiry the
    Law on Identification gives a card issued on the QR's issue date.

    A card with no expiry (holder over 60) cannot be opened from the QR alone: the officer
    types the expiry printed in the MRZ."""
    card = parse_id_card_qr(qr_text, today=today)
    return key_from_card(card), card


def key_from_card(card: IdCardData) -> BacKey:
    """The access key from a QR already parsed (see :func:`key_from_qr`)."""
    expiry = id_card_expiry(card.birth_date, card.issue_date)
    if expiry is None:
        raise InvalidField(
            "Thẻ không có ngày hết hạn trên mã QR: nhập ngày hết hạn theo dòng MRZ ở mặt sau.",
            field="chip.expiry",
        )
    return BacKey(document_number_for_id_card(card.id_number), card.birth_date, expiry)


def key_typed(document: str, birth: str, expiry: str) -> BacKey:
    """The access key typed from the card: the 12-digit ID (or MRZ document number), dates."""
    return BacKey(
        document_number_for_id_card(nfc(document).strip()),
        parse_vn_date(birth, field="chip.birth", label="Ngày sinh"),
        parse_vn_date(expiry, field="chip.expiry", label="Ngày hết hạn"),
    )


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def compare_with_qr(details: ChipDetails, qr: IdCardData) -> tuple[str, ...]:
    """Fields where the chip and the QR disagree (names of ChipDetails fields)."""
    differ: list[str] = []
    if details.id_number and details.id_number != qr.id_number:
        differ.append("id_number")
    if details.full_name and _fold(details.full_name) != _fold(qr.full_name):
        differ.append("full_name")
    if details.birth_date and details.birth_date != qr.birth_date.strftime("%d/%m/%Y"):
        differ.append("birth_date")
    if details.sex and _fold(details.sex) != _fold(qr.sex):
        differ.append("sex")
    if details.residence and qr.address and _fold(details.residence) != _fold(qr.address):
        differ.append("residence")
    return tuple(differ)


def prefill(read: ChipRead) -> PersonDraft:
    """The applicant as the intake form shows it, from DG13 (DG1 when DG13 is absent)."""
    d = read.details
    if d is None:
        mrz = read.mrz
        b = mrz.birth_yymmdd
        return PersonDraft(
            full_name=mrz.names.title(),
            id_number=mrz.full_number,
            birth_date=f"{b[4:6]}/{b[2:4]}/{'19' if int(b[:2]) > date.today().year % 100 else '20'}{b[:2]}",
            sex={"F": "Nữ", "M": "Nam"}.get(mrz.sex, ""),
        )
    return PersonDraft(
        full_name=d.full_name,
        id_number=d.id_number or read.mrz.full_number,
        birth_date=d.birth_date,
        sex=d.sex,
        address=d.residence,
    )


class CardReaderService:
    """The counter's card reader. Reading blocks for ~0.1-2 s: the UI calls it off its thread."""

    def __init__(self, data_dir: Path, *, clock: Callable[[], datetime] | None = None) -> None:
        self._data_dir = data_dir
        self._clock = clock or datetime.now
        # the province's list as last decoded, with the file's (mtime, size) it came from
        self._published: tuple[tuple[int, int], TrustList | None] | None = None

    def trust_files(self) -> list[Path]:
        folder = trust_folder(self._data_dir)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in TRUST_SUFFIXES)

    def published_trust(self) -> TrustList | None:
        """The province's list pulled through sync; None when none was pulled (or it is
        unreadable: logged, and the read goes on with the local folder)."""
        from desk_app.chip.trust_list import (
            MAX_FILE_BYTES,
            PUBLISHED_FILE,
            UnusableTrustList,
            decode,
        )

        path = self._data_dir / PUBLISHED_FILE
        try:
            seen = path.stat()
        except FileNotFoundError:
            return None
        except OSError as err:
            log.warning("published trust list %s left out: %s", path.name, err)
            return None
        stamp = (seen.st_mtime_ns, seen.st_size)
        if self._published is not None and self._published[0] == stamp:
            return self._published[1]  # (the status bar asks every few seconds)
        try:
            with path.open("rb") as file:  # (decode refuses more; never read it all first)
                published: TrustList | None = decode(file.read(4 * MAX_FILE_BYTES + 1))
        except FileNotFoundError:
            return None
        except (OSError, UnusableTrustList) as err:
            log.warning("published trust list %s left out: %s", path.name, err)
            published = None
        self._published = (stamp, published)
        return published

    def trust_in_force(self) -> tuple[str | None, int, int]:
        """(the province's list version or None, its certificates, local trust files)."""
        published = self.published_trust()
        return (
            published.version if published else None,
            len(published.certificates) if published else 0,
            len(self.trust_files()),
        )

    def read(
        self,
        key: BacKey,
        *,
        qr: IdCardData | None = None,
        reader: str | None = None,
        extra_trust: list[Path] | None = None,
    ) -> CardReading:
        """Read the card on the reader. Raises a ChipReadFailed subclass when it cannot be
        read; a failed verification is not an error (``check.verified`` is False)."""
        from desk_app.chip.reader import read_card
        from desk_app.chip.trust_list import MAX_FILE_BYTES, certificates_from

        files = self.trust_files() + list(extra_trust or [])
        published = self.published_trust()
        trust = list(published.certificates) if published else []
        for path in files:  # a damaged file is left out, never the reason no card reads
            try:  # the checks of the province's list (a CA, bounded): the same for a local file
                with path.open("rb") as file:
                    trust.extend(certificates_from(path.name, file.read(MAX_FILE_BYTES + 1)))
            except (OSError, ValueError) as err:
                log.warning("trust file %s left out: %s", path.name, err)
        read = read_card(key, trust_list=trust, reader=reader)
        differences = compare_with_qr(read.details, qr) if qr and read.details else ()
        check = IdentityCheck(
            method="chip",
            verified=read.passive.ok,
            result="ok" if read.passive.ok else (read.passive.reason or "failed"),
            signer=read.passive.signer,
            matches_qr=None if qr is None else not differences,
            read_at=self._clock().isoformat(timespec="seconds"),
            access=read.access,
        )
        log.info(
            "chip read in %.0f ms with %s: passive authentication %s (trust list %s, %d trust files)",
            read.elapsed_ms, read.access, check.result, published.version if published else "none",
            len(files),
        )  # fmt: skip
        if read.pace_error:
            log.info("PACE not used: %s", read.pace_error)
        return CardReading(read, check, prefill(read), differences)

    def state(self) -> tuple[int, int]:
        """(readers, cards on them) for the status bar."""
        from desk_app.chip.reader import reader_state

        return reader_state()

    def state_and_trust(self) -> tuple[tuple[int, int], tuple[str | None, int, int]]:
        """:meth:`state` and :meth:`trust_in_force` together, for the status bar."""
        return self.state(), self.trust_in_force()
