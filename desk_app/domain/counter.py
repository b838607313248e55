"""Refusal at the counter (issue 25 item 3; docs/rules/refusal.md).

When the papers a citizen brings cannot be received (the procedure is not this office's,
the dossier is not complete and the citizen will not complete it now, ...), the officer
issues Form 03 (Phiếu từ chối tiếp nhận giải quyết hồ sơ) *instead of* receiving: the
form's "Mã hồ sơ (nếu có)" stays empty, nothing is written in the tracking book, and it is
not a received dossier in any report. It is signed by the person who submitted and the
receiving officer. Refusing a dossier already received is another path (the lifecycle's
``REFUSE`` action, status 3), which keeps its code and its book entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.domain.catalogue import Procedure
from desk_app.domain.dossier import MAX_NOTE, Person, PersonDraft, validate_person
from desk_app.domain.errors import DeskError, DraftInvalid, FieldError
from desk_app.domain.text import clean_line


@dataclass(frozen=True)
class CounterRefusal:
    uuid: str
    number: str
    refused_at: datetime
    officer_id: int
    procedure_code: str
    applicant: Person
    reason: str


def check_counter_refusal(
    applicant: PersonDraft, procedure: Procedure | None, reason: str, *, today: date
) -> tuple[Person, str]:
    """Who is refused and why, checked (every error at once, ``DraftInvalid``)."""
    errors: list[FieldError] = []
    person: Person | None = None
    try:
        person = validate_person(applicant, today=today)
    except DraftInvalid as err:
        errors += err.errors
    if procedure is None:
        errors.append(FieldError("procedure", "Chưa chọn thủ tục hành chính công dân đề nghị."))
    text = ""
    try:
        text = clean_line(reason, field="reason", label="Lý do từ chối", max_len=MAX_NOTE,
                          required=True)  # fmt: skip
    except DeskError as err:
        errors.append(FieldError("reason", err.message))
    if errors:
        raise DraftInvalid(errors)
    assert person is not None
    return person, text
