"""Entries pulled from the server back into domain records (the inverse of ``asdict``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk_app.domain.catalogue import CopyKind
from desk_app.domain.dossier import Channel, ComponentEntry, Person, Status
from desk_app.domain.identity import IdKind
from desk_app.domain.lifecycle import LifecycleState, Satisfaction
from desk_app.domain.records import DigitisedCounts, NewDossier


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def person(data: dict[str, Any] | None) -> Person | None:
    if not data:
        return None
    return Person(
        full_name=data["full_name"],
        id_number=data["id_number"],
        birth_date=_day(data.get("birth_date")),
        sex=data.get("sex", ""),
        address=data.get("address", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        id_kind=IdKind(data.get("id_kind") or IdKind.PERSONAL.value),
    )


def life(data: dict[str, Any]) -> LifecycleState:
    received = _when(data["received_at"])
    due = _when(data["due_at"])
    deadline = _when(data["deadline_at"])
    assert received and due and deadline
    return LifecycleState(
        status=Status(int(data["status"])),
        received_at=received,
        due_at=due,
        deadline_at=deadline,
        applicant_id_number=data["applicant_id_number"],
        principal_id_number=data.get("principal_id_number"),
        holder=data.get("holder", "Bộ phận Một cửa"),
        paused_at=_when(data.get("paused_at")),
        paused_from=Status(int(data["paused_from"])) if data.get("paused_from") else None,
        resumed_at=_when(data.get("resumed_at")),
        apologies=int(data.get("apologies", 0)),
        settled_at=_when(data.get("settled_at")),
        settled_status=Status(int(data["settled_status"])) if data.get("settled_status") else None,
        returned_at=_when(data.get("returned_at")),
        satisfaction=Satisfaction(int(data["satisfaction"])) if data.get("satisfaction") else None,
        extension_note=data.get("extension_note", ""),
        fees_since=_when(data.get("fees_since")),
        fees_paid_at=_when(data.get("fees_paid_at")),
    )


def new_dossier(data: dict[str, Any]) -> NewDossier:
    applicant = person(data["applicant"])
    received, due = _when(data["received_at"]), _when(data["due_at"])
    assert applicant and received and due
    digitised = data.get("digitised") or {}
    return NewDossier(
        uuid=data["uuid"],
        code=data["code"],
        code_key=data["code_key"],
        desk_number=int(data["desk_number"]),
        procedure_code=data["procedure_code"],
        catalogue_version=data["catalogue_version"],
        status=Status(int(data["status"])),
        received_at=received,
        due_at=due,
        applicant=applicant,
        principal=person(data.get("principal")),
        authorisation=data.get("authorisation", ""),
        components=tuple(
            ComponentEntry(
                position=int(c["position"]),
                name=c["name"],
                copy_kind=CopyKind(c["copy_kind"]),
                count=int(c["count"]),
                received=bool(c["received"]),
                spec_key=c.get("spec_key"),
            )
            for c in data.get("components", [])
        ),
        sets_count=int(data.get("sets_count", 1)),
        pages=data.get("pages"),
        fee_amount=data.get("fee_amount"),
        fee_text=data.get("fee_text", ""),
        result_location=data.get("result_location", ""),
        note=data.get("note", ""),
        lookup_secret=data["lookup_secret"],
        book_volume=data.get("book_volume", ""),
        book_entry=int(data.get("book_entry", 0)),
        officer_id=1,  # the receiving officer belongs to the other desk
        channel=Channel(data.get("channel", "direct")),
        life=life(data["life"]) if data.get("life") else None,
        digitised=DigitisedCounts(**digitised) if digitised else DigitisedCounts(),
    )
