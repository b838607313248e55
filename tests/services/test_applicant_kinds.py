"""Organisations and foreigners received at the desk (issue 25 item 2): stored with their
kind in the SQLite file and printed on Form 01 as "cá nhân/tổ chức" asks."""

from __future__ import annotations

from desk_app.app import Desk
from desk_app.domain.dossier import DossierDraft
from desk_app.domain.identity import IdKind
from tests.conftest import birth_draft
from tests.pdf_tools import pdf_text


def _draft(desk: Desk, **applicant: str) -> DossierDraft:
    return birth_draft(desk, **applicant)


def test_an_organisation_is_received_stored_and_printed_as_one(desk: Desk) -> None:
    draft = _draft(
        desk,
        full_name="Công ty TNHH Minh Phú",
        id_number="0100109106-001",
        id_kind="organisation",
        birth_date="",
        sex="",
        address="Số 1 đường Làng, xã Minh Phú",
    )
    received = desk.intake.receive(draft)
    record = desk.lifecycle.get(received.record.id)
    assert record.applicant.id_kind is IdKind.ORGANISATION
    assert record.applicant.id_number == "0100109106-001"
    text = " ".join(pdf_text(received.receipt_pdf).split())
    assert "Tổ chức: CÔNG TY TNHH MINH PHÚ" in text
    assert "Số định danh cá nhân/tổ chức: 0100109106-001 (mã số thuế/mã số doanh nghiệp)" in text
    known = desk.intake.known_applicant("0100109106-001")
    assert known is not None and known.person.id_kind is IdKind.ORGANISATION


def test_a_foreigner_is_received_by_passport_and_a_person_stays_a_person(desk: Desk) -> None:
    foreigner = desk.intake.receive(
        _draft(
            desk,
            full_name="John Smith",
            id_number="n1234567",
            id_kind="passport",
            birth_date="01/02/1980",
            sex="Nam",
        )
    )
    text = " ".join(pdf_text(foreigner.receipt_pdf).split())
    assert "Ông/Bà: JOHN SMITH" in text and "N1234567 (số hộ chiếu)" in text
    person = desk.intake.receive(_draft(desk)).record
    text = " ".join(pdf_text(desk.receipts.render(person)).split())
    assert "Số định danh cá nhân/tổ chức: 001190012345 Địa chỉ" in text  # no kind appended


def test_the_kind_is_in_the_sqlite_file(desk: Desk) -> None:
    desk.intake.receive(
        _draft(
            desk,
            full_name="Công ty TNHH Minh Phú",
            id_number="0100109106",
            id_kind="organisation",
            birth_date="",
            sex="",
        )
    )
    rows = desk.storage.db.execute(
        "SELECT applicant_id_number, applicant_id_kind FROM dossiers"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("0100109106", "organisation")]


def test_a_foreigner_collects_the_result_with_the_passport(desk: Desk) -> None:
    from desk_app.domain.dossier import Status
    from desk_app.domain.lifecycle import Action, ActionInput

    record = desk.intake.receive(
        _draft(desk, full_name="John Smith", id_number="N1234567", id_kind="passport",
               birth_date="", sex="Nam")
    ).record  # fmt: skip
    desk.lifecycle.perform(record.id, Action.RESULT_READY)
    done = desk.lifecycle.perform(
        record.id, Action.RETURN_RESULT, ActionInput(collector_id="n1234567")
    )
    assert done.record.status is Status.RETURNED
