"""Digitised documents: what each one is, whose it is, and how a dossier holds it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desk_app.domain.errors import DeskError, DraftInvalid, FieldError
from desk_app.domain.identity import parse_id_number
from desk_app.domain.text import clean_line, fold


class DocumentType(StrEnum):
    ID_CARD = "id_card"
    BIRTH_CERTIFICATE = "birth_certificate"
    MARRIAGE_CERTIFICATE = "marriage_certificate"
    RESIDENCE = "residence"
    LAND_USE_CERTIFICATE = "land_use_certificate"
    AUTHORISATION = "authorisation"
    RESULT = "result"  # the result of a procedure, digitised at return
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DocumentType.ID_CARD: "Căn cước / CCCD",
    DocumentType.BIRTH_CERTIFICATE: "Giấy khai sinh",
    DocumentType.MARRIAGE_CERTIFICATE: "Giấy chứng nhận kết hôn",
    DocumentType.RESIDENCE: "Giấy tờ về cư trú",
    DocumentType.LAND_USE_CERTIFICATE: "Giấy chứng nhận quyền sử dụng đất",
    DocumentType.AUTHORISATION: "Giấy ủy quyền",
    DocumentType.RESULT: "Kết quả giải quyết thủ tục",
    DocumentType.OTHER: "Giấy tờ khác",
}


class DocumentRole(StrEnum):
    COMPONENT = "component"  # the digitised copy of one of the dossier's papers
    RESULT = "result"  # the digitised result


@dataclass(frozen=True, kw_only=True)
class NewDocument:
    uuid: str
    sha256: str
    doc_type: DocumentType
    title: str
    owner_id_number: str
    created_at: datetime
    officer_id: int
    number: str = ""
    issuer: str = ""
    issued_on: date | None = None
    valid_until: date | None = None
    pages: int | None = None
    colour_mode: str = ""  # bw / grey / colour for a digitised copy; "" for a file as given
    signed_by: str = ""  # the certificate's name when the copy is digitally signed
    file_name: str = ""  # CODE_YYYYMMDD_DESC.pdf


@dataclass(frozen=True, kw_only=True)
class StoredDocument(NewDocument):
    id: int

    def valid_on(self, day: date) -> bool:
        return self.valid_until is None or self.valid_until >= day

    @property
    def summary(self) -> str:
        parts = [self.doc_type.label, self.title]
        if self.number:
            parts.append(f"số {self.number}")
        if self.issued_on:
            parts.append(f"cấp {self.issued_on:%d/%m/%Y}")
        if self.valid_until:
            parts.append(f"hiệu lực đến {self.valid_until:%d/%m/%Y}")
        return " · ".join(dict.fromkeys(p for p in parts if p))


@dataclass(frozen=True)
class LinkedDocument:
    """A document as one dossier holds it."""

    document: StoredDocument
    role: DocumentRole
    component_position: int | None
    reused: bool


@dataclass(frozen=True, kw_only=True)
class DocumentTags:
    """What the officer says about a paper being digitised (all optional but the type)."""

    doc_type: DocumentType = DocumentType.OTHER
    owner_id_number: str = ""
    number: str = ""
    issuer: str = ""
    issued_on: date | None = None
    valid_until: date | None = None


def check_tags(tags: DocumentTags, *, today: date) -> DocumentTags:
    """The tags cleaned and checked; raises ``DraftInvalid`` with every field's problem."""
    errors: list[FieldError] = []
    owner = ""
    if tags.owner_id_number.strip():
        try:
            owner = parse_id_number(tags.owner_id_number, today=today, field="owner").number
        except DeskError as err:
            errors.append(FieldError("owner", err.message))
    values = {}
    for key, label in (("number", "Số, ký hiệu"), ("issuer", "Cơ quan cấp")):
        try:
            values[key] = clean_line(
                getattr(tags, key), field=key, label=label, max_len=200, required=False
            )
        except DeskError as err:
            errors.append(FieldError(key, err.message))
    if tags.issued_on and tags.issued_on > today:
        errors.append(FieldError("issued_on", "Ngày cấp không thể sau hôm nay."))
    if tags.issued_on and tags.valid_until and tags.valid_until < tags.issued_on:
        errors.append(FieldError("valid_until", "Ngày hết hiệu lực phải sau ngày cấp."))
    if errors:
        raise DraftInvalid(errors)
    return DocumentTags(
        doc_type=tags.doc_type,
        owner_id_number=owner,
        number=values["number"],
        issuer=values["issuer"],
        issued_on=tags.issued_on,
        valid_until=tags.valid_until,
    )


# Whole words of the folded name (issue 26 item 6: the tags drive reuse at intake, so a
# guess is right or it is "other"). Residence first: "giấy tờ chứng minh chỗ ở hợp pháp"
# proves a residence, not an identity ("chứng minh" alone names no ID paper).
_TYPE_WORDS = (
    (DocumentType.RESIDENCE, ("cu tru", "ho khau", "tam tru", "thuong tru", "cho o hop phap")),
    (DocumentType.ID_CARD, ("can cuoc", "cccd", "cmnd", "chung minh nhan dan", "ho chieu")),
    (DocumentType.ID_CARD, ("giay to tuy than", "giay to nhan than", "dinh danh ca nhan")),
    (DocumentType.BIRTH_CERTIFICATE, ("giay khai sinh", "trich luc khai sinh")),
    (DocumentType.MARRIAGE_CERTIFICATE, ("giay chung nhan ket hon", "trich luc ket hon")),
    (
        DocumentType.LAND_USE_CERTIFICATE,
        ("quyen su dung dat", "so do", "so hong", "quyen so huu nha"),
    ),
    (DocumentType.AUTHORISATION, ("uy quyen",)),
)
# Names of papers that are not the kind their words suggest: a request form is new each
# time, a marital status certificate is no marriage certificate.
_NOT_A_KIND = ("to khai", "don de nghi", "van ban de nghi", "tinh trang hon nhan", "du thao")


def _has(folded: str, words: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])", folded) is not None


def guess_type(component_name: str) -> DocumentType:
    """The document type a component's name says ("Bản sao Giấy khai sinh" → birth), or
    ``OTHER`` when it does not say it plainly: a wrong guess would offer a wrong paper
    for reuse, an empty one only asks the officer."""
    folded = fold(component_name)
    if any(_has(folded, words) for words in _NOT_A_KIND):
        return DocumentType.OTHER
    for doc_type, words in _TYPE_WORDS:
        if any(_has(folded, word) for word in words):
            return doc_type
    return DocumentType.OTHER


def digitised_file_name(code: str, day: date, description: str) -> str:
    """``CODE_YYYYMMDD_DESC.pdf``: the name a digitised copy is saved and sent under.

    The description is folded to ASCII words joined by ``-`` (file systems, e-mail and the
    province's systems all accept it); nothing in it can name a folder (no ``/``, ``..``).
    """
    words = re.findall(r"[a-z0-9]+", fold(description))
    desc = "-".join(words)[:60].strip("-") or "tai-lieu"
    safe_code = re.sub(r"[^A-Za-z0-9.\-]", "-", code).strip(".-") or "HOSO"
    return f"{safe_code}_{day:%Y%m%d}_{desc}.pdf"
