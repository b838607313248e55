"""The chip's files: EF.COM, DG1 (the MRZ) and DG13 (Vietnamese details).

File identifiers and tags: ICAO Doc 9303 Part 10 (8th ed. 2021) §4.6 and table 33.

DG13 of the Vietnamese chip ID card is the issuer's own ("optional details") and not
published by the Ministry of Public Security; its layout here is what public reader
profiles document (the VN-CCCD-2024 profile of open eMRTD readers): tag 6D wrapping
SEQUENCEs, each ``INTEGER field-number`` followed by the value as a UTF-8 string (or a
SEQUENCE of strings for the parents). Field numbers: 1 ID number, 2 full name, 3 date of
birth, 4 sex, 5 nationality, 6 ethnicity, 7 religion, 8 place of origin, 9 place of
residence, 10 identifying features, 11 issue date, 12 expiry date, 13 father's and mother's
names. Not confirmed by a second source: 14 spouse's name, and the old (9-digit CMND)
number at 15 or 16; the parser takes a 9-digit value from either.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields

from desk_app.chip.tlv import Tlv, TlvError, find, parse_tlv

# (data group number, file id, tag)
EF_COM = 0x011E
EF_SOD = 0x011D
DG_FILE_IDS = {n: 0x0100 + n for n in range(1, 17)}
DG_TAGS = {
    0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
    0x69: 9, 0x6A: 10, 0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16,
}  # fmt: skip
DG_NUMBER_TO_TAG = {n: t for t, n in DG_TAGS.items()}


class DataGroupError(ValueError):
    """A file read from the chip that is not what its tag says."""


def _single(data: bytes, tag: int, what: str) -> Tlv:
    try:
        objects = parse_tlv(data)
    except TlvError as err:
        raise DataGroupError(f"{what}: {err}") from None
    if not objects or objects[0].tag != tag:
        raise DataGroupError(f"{what}: expected tag {tag:X}")
    return objects[0]


def parse_com(data: bytes) -> list[int]:
    """EF.COM: the data group numbers present on the chip (its tag list 5C)."""
    com = _single(data, 0x60, "EF.COM")
    tag_list = find(com.children(), 0x5C)
    if tag_list is None:
        raise DataGroupError("EF.COM has no tag list")
    return sorted(DG_TAGS[t] for t in tag_list.value if t in DG_TAGS)


@dataclass(frozen=True)
class Mrz:
    document_code: str
    issuing_state: str
    document_number: str
    birth_yymmdd: str
    sex: str
    expiry_yymmdd: str
    nationality: str
    optional_data: str
    names: str

    @property
    def full_number(self) -> str:
        """The 12-digit personal ID number of a Vietnamese card (in the optional data)."""
        digits = self.optional_data.split("<")[0]
        return digits if len(digits) == 12 and digits.isdigit() else self.document_number


def parse_dg1(data: bytes) -> Mrz:
    dg1 = _single(data, 0x61, "DG1")
    mrz_obj = find(dg1.children(), 0x5F1F)
    if mrz_obj is None:
        raise DataGroupError("DG1 has no MRZ (5F1F)")
    text = mrz_obj.value.decode("ascii", "replace")
    if len(text) == 90:  # TD1: identity cards, three lines of 30
        l1, l2, l3 = text[:30], text[30:60], text[60:]
        number = l1[5:14]
        optional = l1[15:30]
        if l1[14] == "<":  # a number longer than 9 continues in the optional data
            extra, _, rest = optional.partition("<")
            number, optional = number + extra[:-1], rest
        return Mrz(
            document_code=l1[0:2].rstrip("<"),
            issuing_state=l1[2:5],
            document_number=number.rstrip("<"),
            birth_yymmdd=l2[0:6],
            sex=l2[7],
            expiry_yymmdd=l2[8:14],
            nationality=l2[15:18],
            optional_data=optional,
            names=l3.replace("<<", ", ").replace("<", " ").strip(" ,"),
        )
    if len(text) == 88:  # TD3: passports, two lines of 44
        l1, l2 = text[:44], text[44:]
        return Mrz(
            document_code=l1[0:2].rstrip("<"),
            issuing_state=l1[2:5],
            document_number=l2[0:9].rstrip("<"),
            birth_yymmdd=l2[13:19],
            sex=l2[20],
            expiry_yymmdd=l2[21:27],
            nationality=l2[10:13],
            optional_data=l2[28:42],
            names=l1[5:].replace("<<", ", ").replace("<", " ").strip(" ,"),
        )
    raise DataGroupError(f"DG1: an MRZ of {len(text)} characters is neither TD1 nor TD3")


@dataclass(frozen=True)
class ChipDetails:
    """DG13 of the Vietnamese ID card, as text (NFC), dates as printed (dd/mm/yyyy)."""

    id_number: str = ""
    full_name: str = ""
    birth_date: str = ""
    sex: str = ""
    nationality: str = ""
    ethnicity: str = ""
    religion: str = ""
    place_of_origin: str = ""
    residence: str = ""
    identifying_features: str = ""
    issue_date: str = ""
    expiry_date: str = ""
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str = ""
    old_id_number: str = ""

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_FIELD_BY_NUMBER = {
    1: "id_number", 2: "full_name", 3: "birth_date", 4: "sex", 5: "nationality",
    6: "ethnicity", 7: "religion", 8: "place_of_origin", 9: "residence",
    10: "identifying_features", 11: "issue_date", 12: "expiry_date", 14: "spouse_name",
}  # fmt: skip
_STRING_TAGS = {0x0C, 0x13, 0x16, 0x14, 0x1E}


def _text(obj: Tlv) -> str:
    if obj.tag == 0x1E:  # BMPString
        raw = obj.value.decode("utf-16-be", "replace")
    else:
        raw = obj.value.decode("utf-8", "replace")
    return unicodedata.normalize("NFC", raw).strip()


# DG13's fields are a few levels deep; a chip nesting thousands (20 KB of SEQUENCEs) ran
# the recursion below out of stack (a RecursionError, not a chip that answered wrongly)
MAX_DEPTH = 16


def _deeper(depth: int) -> int:
    if depth >= MAX_DEPTH:
        raise DataGroupError(f"DG13 nests more than {MAX_DEPTH} levels")
    return depth + 1


def _strings(objects: list[Tlv], depth: int = 0) -> list[str]:
    out: list[str] = []
    for obj in objects:
        if obj.tag in _STRING_TAGS:
            out.append(_text(obj))
        elif obj.constructed:
            out.extend(_strings(obj.children(), _deeper(depth)))
    return out


def _starts_numbered(obj: Tlv) -> bool:
    if not obj.constructed:
        return False
    children = obj.children()
    return bool(children) and children[0].tag == 0x02


def _numbered(objects: list[Tlv], found: dict[int, list[str]], depth: int = 0) -> None:
    for obj in objects:
        if not obj.constructed:
            continue
        children = obj.children()
        first = children[0] if children else None
        # A field is ``INTEGER n`` then its value(s); a container (the outer SEQUENCE,
        # which may start with a version INTEGER) holds further numbered SEQUENCEs.
        if (
            first is not None
            and first.tag == 0x02
            and len(first.value) == 1
            and not any(_starts_numbered(c) for c in children[1:])
        ):
            found.setdefault(first.value[0], _strings(children[1:], depth))
        else:
            _numbered(children, found, _deeper(depth))


def parse_dg13(data: bytes) -> ChipDetails:
    dg13 = _single(data, 0x6D, "DG13")
    found: dict[int, list[str]] = {}
    try:
        _numbered(dg13.children(), found)
    except TlvError as err:
        raise DataGroupError(f"DG13: {err}") from None
    values: dict[str, str] = {}
    for number, name in _FIELD_BY_NUMBER.items():
        if found.get(number):
            values[name] = found[number][0]
    parents = found.get(13, [])
    if parents:
        values["father_name"] = parents[0]
    if len(parents) > 1:
        values["mother_name"] = parents[1]
    for number in (15, 16):
        candidate = (found.get(number) or [""])[0]
        if len(candidate) == 9 and candidate.isdigit():
            values["old_id_number"] = candidate
            break
    return ChipDetails(**values)
