"""How a dossier is written as rows (the dossier with its life, its applicant, its
checklist) and its people read back: shared by intake's inserts, the demo's bulk load
and ``DossierStore``'s reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desk_app.domain.dossier import Person
from desk_app.domain.identity import IdKind
from desk_app.domain.lifecycle import LifecycleState
from desk_app.domain.records import NewDossier
from desk_app.domain.text import fold
from desk_app.storage.times import to_text

DOSSIER_COLUMNS = (
    "uuid, code, code_key, desk_number, procedure_code, catalogue_version, status, received_at, due_at, "
    "returned_at, applicant_id, applicant_name, applicant_name_folded, applicant_id_number, "
    "applicant_birth_date, applicant_sex, applicant_address, applicant_phone, applicant_email, "
    "applicant_id_kind, principal, authorisation, sets_count, pages, fee_amount, fee_text, result_location, note, "
    "lookup_secret, book_volume, book_entry, officer_id, channel, components_count, "
    "components_digitised, components_reused, result_digitised"
)
# The columns the life after intake changes (see ``LifecycleState``), in its field order.
LIFE_COLUMNS = (
    "deadline_at",
    "holder",
    "paused_at",
    "paused_from",
    "resumed_at",
    "apologies",
    "settled_at",
    "settled_status",
    "satisfaction",
    "extension_note",
    "fees_since",
    "fees_paid_at",
)
INSERT_COLUMNS = [c.strip() for c in DOSSIER_COLUMNS.split(",")] + list(LIFE_COLUMNS)
INSERT_DOSSIER = (
    f"INSERT INTO dossiers ({', '.join(INSERT_COLUMNS)}) VALUES ("
    + ", ".join(
        "(SELECT id FROM applicants WHERE id_number = ?)" if c == "applicant_id" else "?"
        for c in INSERT_COLUMNS
    )
    + ")"
)
UPSERT_APPLICANT = (
    "INSERT INTO applicants (id_number, full_name, birth_date, sex, address, phone, email, "
    "updated_at, id_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_number) DO UPDATE SET "
    "full_name = excluded.full_name, birth_date = COALESCE(excluded.birth_date, birth_date), "
    "sex = excluded.sex, address = excluded.address, "
    "phone = CASE WHEN excluded.phone != '' THEN excluded.phone ELSE phone END, "
    "email = CASE WHEN excluded.email != '' THEN excluded.email ELSE email END, "
    "updated_at = excluded.updated_at WHERE excluded.updated_at >= updated_at"
)


def person_json(person: Person | None) -> str | None:
    if person is None:
        return None
    data = {
        "full_name": person.full_name,
        "id_number": person.id_number,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "sex": person.sex,
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
        "id_kind": person.id_kind.value,
    }
    return json.dumps(data, ensure_ascii=False)


def row_person(
    full_name: str,
    id_number: str,
    birth_date: str | None,
    sex: str,
    address: str,
    phone: str,
    email: str,
    id_kind: str = IdKind.PERSONAL.value,
) -> Person:
    """A person from stored text (birth date as ISO text or NULL)."""
    birth = date.fromisoformat(birth_date) if birth_date else None
    return Person(full_name, id_number, birth, sex, address, phone, email, IdKind(id_kind))


def person_from_json(text: str | None) -> Person | None:
    return row_person(**json.loads(text)) if text else None


@dataclass(frozen=True)
class PreparedDossiers:
    """Parameter rows for one ``insert_prepared``; plain tuples, so they pickle cheaply."""

    applicants: list[tuple[Any, ...]]
    dossiers: list[tuple[Any, ...]]
    components: list[tuple[Any, ...]]  # first item: index of the dossier in ``dossiers``


def prepare_dossiers(dossiers: Sequence[NewDossier]) -> PreparedDossiers:
    """Turn dossiers into SQL parameter rows (pure Python: no database needed)."""
    return PreparedDossiers(
        applicants=[
            (
                a.id_number,
                a.full_name,
                a.birth_date.isoformat() if a.birth_date else None,
                a.sex,
                a.address,
                a.phone,
                a.email,
                to_text(d.received_at),
                a.id_kind.value,
            )
            for d in dossiers
            for a in (d.applicant,)
        ],
        dossiers=[dossier_params(d) for d in dossiers],
        components=[
            (
                index,
                c.position,
                c.spec_key,
                None if c.spec_key else c.name,
                c.copy_kind.value,
                c.count,
                int(c.received),
            )
            for index, d in enumerate(dossiers)
            for c in d.components
        ],
    )


def life_params(life: LifecycleState) -> tuple[Any, ...]:
    return (
        to_text(life.deadline_at),
        life.holder,
        to_text(life.paused_at),
        int(life.paused_from) if life.paused_from is not None else None,
        to_text(life.resumed_at),
        life.apologies,
        to_text(life.settled_at),
        int(life.settled_status) if life.settled_status is not None else None,
        int(life.satisfaction) if life.satisfaction is not None else None,
        life.extension_note,
        to_text(life.fees_since),
        to_text(life.fees_paid_at),
    )


def dossier_params(d: NewDossier) -> tuple[Any, ...]:
    a = d.applicant
    life = d.state
    return (
        d.uuid,
        d.code,
        d.code_key,
        d.desk_number,
        d.procedure_code,
        d.catalogue_version,
        int(d.status),
        to_text(d.received_at),
        to_text(life.due_at),
        to_text(life.returned_at),
        a.id_number,
        a.full_name,
        fold(a.full_name),
        a.id_number,
        a.birth_date.isoformat() if a.birth_date else None,
        a.sex,
        a.address,
        a.phone,
        a.email,
        a.id_kind.value,
        person_json(d.principal),
        d.authorisation,
        d.sets_count,
        d.pages,
        d.fee_amount,
        d.fee_text,
        d.result_location,
        d.note,
        d.lookup_secret,
        d.book_volume,
        d.book_entry,
        d.officer_id,
        d.channel.value,
        sum(1 for c in d.components if c.received),
        d.digitised.components_digitised,
        d.digitised.components_reused,
        int(d.digitised.result_digitised),
        *life_params(life),
    )
