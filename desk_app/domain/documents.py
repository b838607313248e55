"""Digitised documents: what each one is, whose it is, and how a dossier holds it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


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
