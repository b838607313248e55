"""A dossier walked through every path after intake, on a real database, forms read back."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import Status
from desk_app.domain.errors import DraftInvalid, InvalidField
from desk_app.domain.lifecycle import Action, ActionInput, TransitionRefused
from desk_app.domain.records import DossierRecord
from desk_app.services.settings import DeskSettings
from desk_app.storage.change_log import ChangeLog
from tests.conftest import FakeClock, birth_draft
from tests.pdf_tools import pdf_qr_codes, pdf_text

ID = "001190012345"


@pytest.fixture
def received(desk: Desk) -> DossierRecord:
    desk.settings.save(
        DeskSettings(
            agency_code="000.00.31.H26",
            parent_unit="UBND xã Minh Phú",
            receiving_unit="Bộ phận Một cửa UBND xã Minh Phú",
            place="Minh Phú",
            lookup_base_url="https://motcua.example.vn",
            leader_name="Trần Văn Chủ",
        )
    )
    return desk.intake.receive(birth_draft(desk)).record


def _flat(text: str) -> str:
    return " ".join(text.split())


def _transitions(desk: Desk) -> list[dict[str, object]]:
    entries = ChangeLog(desk.storage).entries()
    return [json.loads(str(e["payload"])) for e in entries if e["kind"] == "dossier_transition"]


def test_happy_path_hand_over_result_return(
    desk: Desk, received: DossierRecord, clock: FakeClock
) -> None:
    life = desk.lifecycle
    clock.now += timedelta(hours=1)
    done = life.perform(
        received.id,
        Action.HAND_OVER,
        ActionInput(party="Công chức Tư pháp - Hộ tịch", person="Lê Văn Minh"),
    )
    assert done.record.status is Status.IN_PROCESSING and done.paper is not None
    clock.now += timedelta(hours=3)
    done = life.perform(received.id, Action.RESULT_READY)
    slip = _flat(pdf_text(done.paper or b""))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in slip
    assert "1. Giao: Bộ phận Một cửa" in slip and "2. Giao: Công chức Tư" in slip
    assert "Lê Văn" in slip and "Đúng hạn" in slip  # birth registration is same-day
    clock.now += timedelta(hours=1)
    with pytest.raises(DraftInvalid) as caught:  # someone else's ID: nothing changes
        life.perform(received.id, Action.RETURN_RESULT, ActionInput(collector_id="001085012345"))
    assert "không khớp" in (caught.value.for_field("collector_id") or "")
    assert life.get(received.id).status is Status.RESULT_READY
    done = life.perform(
        received.id, Action.RETURN_RESULT, ActionInput(collector_id=ID, satisfaction=4)
    )
    assert done.record.status is Status.RETURNED and done.paper is None
    assert done.record.state.satisfaction == 4 and done.record.state.returned_at == clock.now
    kinds = [e.kind for e in life.history(received.id)]
    assert kinds == ["received", "hand_over", "result_ready", "return_result"]
    steps = [(t["from"], t["to"]) for t in _transitions(desk)]
    assert steps == [(2, 4), (4, 9), (9, 10)]
    with pytest.raises(TransitionRefused, match="đã kết thúc"):
        life.perform(received.id, Action.WITHDRAW, ActionInput(reason="Đổi ý"))


def test_supplement_path_form_02_pause_and_new_dates(
    desk: Desk, received: DossierRecord, clock: FakeClock
) -> None:
    life = desk.lifecycle
    done = life.perform(
        received.id,
        Action.REQUEST_SUPPLEMENT,
        ActionInput(reason="Bản sao giấy chứng nhận kết hôn của cha mẹ"),
    )
    text = _flat(pdf_text(done.paper or b""))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Mẫu số 02" in text
    assert "Bản sao giấy chứng nhận kết hôn của cha mẹ" in text
    assert received.code in text and "NGUYỄN THỊ HỒNG NHUNG" in text
    qr = pdf_qr_codes(done.paper or b"")
    assert qr and qr[0].startswith("https://motcua.example.vn/tra-cuu/")
    assert "GiayTo: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" in qr[0]
    with pytest.raises(TransitionRefused, match="một lần"):
        life.perform(received.id, Action.REQUEST_SUPPLEMENT, ActionInput(reason="Thêm nữa"))
    clock.now = datetime(2026, 3, 6, 9, 15, tzinfo=VN_TZ)  # two working days later
    done = life.perform(received.id, Action.RECEIVE_SUPPLEMENT)
    assert done.record.status is Status.RECEIVED
    assert done.record.due_at == received.due_at + timedelta(days=2)
    assert done.record.state.deadline_at == done.record.due_at
    with pytest.raises(TransitionRefused, match="một lần"):
        life.perform(received.id, Action.REQUEST_SUPPLEMENT, ActionInput(reason="Lần hai"))


def test_refusal_form_03_and_nothing_after(desk: Desk, received: DossierRecord) -> None:
    done = desk.lifecycle.perform(
        received.id, Action.REFUSE, ActionInput(reason="Người yêu cầu không thuộc đối tượng")
    )
    text = _flat(pdf_text(done.paper or b""))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Người yêu cầu không thuộc đối tượng" in text
    before = ChangeLog(desk.storage).entries()
    with pytest.raises(TransitionRefused, match="Từ chối tiếp nhận"):
        desk.lifecycle.perform(received.id, Action.HAND_OVER, ActionInput(party="UBND xã"))
    assert ChangeLog(desk.storage).entries() == before  # nothing written


def test_late_path_apology_form_04(desk: Desk, clock: FakeClock) -> None:
    desk.settings.save(DeskSettings(leader_name="Trần Văn Chủ"))
    draft = birth_draft(desk)
    draft.procedure_code = "1.004222"  # permanent residence: 7 working days
    procedure = desk.catalogue.find("1.004222")
    assert procedure is not None
    from desk_app.domain.dossier import components_for

    draft.components = components_for(procedure)
    for component in draft.components:
        component.received = True
    record = desk.intake.receive(draft).record
    life = desk.lifecycle
    life.perform(record.id, Action.HAND_OVER, ActionInput(party="Công chức Văn hóa - Xã hội"))
    assert not life.needs_apology(life.get(record.id))
    clock.now = record.due_at - timedelta(hours=3)
    assert life.needs_apology(life.get(record.id))
    old_due = record.due_at
    with pytest.raises(DraftInvalid) as caught:
        life.perform(
            record.id,
            Action.APOLOGISE,
            ActionInput(reason="Chờ xác minh", new_due=f"{old_due - timedelta(days=1):%d/%m/%Y}"),
        )
    assert "phải sau ngày hẹn cũ" in (caught.value.for_field("new_due") or "")
    new_day = desk.intake.calendar.next_working_day(
        desk.intake.calendar.next_working_day(old_due.date())
    )
    done = life.perform(
        record.id,
        Action.APOLOGISE,
        ActionInput(reason="Chờ xác minh của Công an xã", new_due=f"{new_day:%d/%m/%Y}"),
    )
    text = _flat(pdf_text(done.paper or b""))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert f"{old_due:%d/%m/%Y}" in text and f"{new_day:%d/%m/%Y}" in text
    assert "thành thật xin lỗi" in text and "Trần Văn Chủ" in text
    assert "Chờ xác minh của Công an xã" in text
    assert done.record.due_at.date() == new_day and not life.needs_apology(done.record)
    clock.now = old_due + timedelta(days=1, hours=1)
    done = life.perform(record.id, Action.RESULT_READY)
    assert "Quá hạn" in _flat(pdf_text(done.paper or b""))  # Form 06 outcome: still late


def test_stop_form_05_and_withdrawal(desk: Desk, received: DossierRecord) -> None:
    done = desk.lifecycle.perform(
        received.id, Action.STOP, ActionInput(reason="Công dân đề nghị dừng để bổ sung giấy tờ")
    )
    text = _flat(pdf_text(done.paper or b""))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Mẫu số 05" in text
    assert "Công dân đề nghị dừng để bổ sung giấy tờ" in text
    second = desk.intake.receive(
        birth_draft(desk, id_number="001085012345", sex="Nam", birth_date="")
    ).record
    with pytest.raises(DraftInvalid):
        desk.lifecycle.perform(second.id, Action.WITHDRAW, ActionInput(reason=""))
    done = desk.lifecycle.perform(
        second.id, Action.WITHDRAW, ActionInput(reason="Không có nhu cầu nữa")
    )
    assert done.record.status is Status.WITHDRAWN and done.paper is None
    # a reprint of the stop notice gives the same paper
    stopped = desk.lifecycle.get(received.id)
    again, name = desk.lifecycle.paper_for(stopped, Action.STOP)
    assert name == "Thông báo dừng giải quyết hồ sơ"
    assert "Công dân đề nghị dừng để bổ sung giấy tờ" in _flat(pdf_text(again or b""))


def test_result_copy_is_checked_stored_once_and_counted(
    desk: Desk, received: DossierRecord
) -> None:
    life = desk.lifecycle
    for bad, message in [
        (b"", "rỗng"),
        (b"\xff\xd8\xff\xe0 JFIF not a pdf", "không phải PDF"),
        (b"%PDF-1.7\n garbage that is not a PDF", "bị hỏng"),
    ]:
        with pytest.raises(InvalidField, match=message):
            life.attach_result(received.id, bad)
    assert not [p for p in (desk.data_dir / "blobs").glob("*/*") if p.is_file()]
    pdf = desk.receipts.render(received)  # any real PDF stands for the scanned result
    sha = life.attach_result(received.id, pdf, title="Trích lục khai sinh")
    assert life.attach_result(received.id, pdf) == sha  # same content, one file
    files = [p for p in (desk.data_dir / "blobs").glob("*/*") if p.parent.name != "tmp"]
    assert files == [desk.blobs.path(sha)]
    assert life.read_blob(sha) == pdf
    assert life.get(received.id).digitised.result_digitised
    assert life.result_files(received.id)[0] == (sha, "Trích lục khai sinh")


def test_a_result_file_too_big_is_refused_before_it_is_read(
    desk: Desk, received: DossierRecord, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    huge = tmp_path / "ket-qua.pdf"
    with huge.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no memory or disk spent
    with pytest.raises(InvalidField, match="quá lớn"):
        desk.lifecycle.attach_result_file(received.id, huge)
    assert not desk.lifecycle.get(received.id).digitised.result_digitised
