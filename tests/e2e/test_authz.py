"""One desk must not touch another commune, and enrolment decides the numbering (issue 20,
items 7 and 8).

Real desks (data folders) push to the real server on loopback. A tampered desk is one
whose change log holds entries its own program would never write: they are appended to
its real change log and go up with its real ``sync``, signed with its real key.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk_app.app import Desk
from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import Action, ActionInput
from desk_app.domain.records import DossierRecord
from desk_app.storage.change_log import ChangeLog
from desk_app.sync.client import SyncError
from tests.conftest import birth_draft, desk_at, desk_env
from tests.e2e.conftest import RunningServer

COMMUNE = "000.00.31.H26"
OTHER_COMMUNE = "000.00.99.H99"


def _enrolled(
    path: Path, commune: str, number: int, district: RunningServer, *, defaults: bool = False
) -> Desk:
    """A desk enrolled as desk ``number`` of ``commune``: set up for it, or left on its
    default settings (``defaults``; enrolment then sets its numbering)."""
    desk = desk_at(path)
    if not defaults:
        settings = desk.settings.load()
        desk.settings.save(replace(settings, agency_code=commune, desk_number=number))
    desk.sync.enrol(district.url, district.store.new_enrol_code(commune, number, datetime.now(UTC)))
    return desk


def _forge(desk: Desk, kind: str, entity: str, payload: dict[str, Any]) -> int:
    """An entry the desk's program would not write, in its real change log."""
    with desk.storage.write():
        return ChangeLog(desk.storage).append(
            kind=kind,
            entity_uuid=entity,
            device_time=datetime.now(UTC),
            officer_id=1,
            payload=payload,
        )


def _received_payload(desk: Desk, record: DossierRecord) -> dict[str, Any]:
    import json

    entry = next(
        e
        for e in ChangeLog(desk.storage).entries()
        if e["kind"] == "dossier_received" and e["entity_uuid"] == record.uuid
    )
    return dict(json.loads(entry["payload"]))


def _transition(record: DossierRecord, action: Action, to: Status, **state: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    new = replace(record.state, status=to, settled_at=now, settled_status=to)
    return {
        "code": record.code,
        "action": action.value,
        "from": int(record.state.status),
        "to": int(to),
        "reason": "giả mạo",
        "details": {},
        "state": asdict(new) | state,
    }


def _problems(desk: Desk) -> dict[str, str]:
    return {p.ref: p.code for p in desk.sync.problems()}


def _page(district: RunningServer, record: DossierRecord) -> httpx.Response:
    return httpx.get(f"{district.url}/tra-cuu/{record.code}", params={"k": record.lookup_secret})


def _district_view(district: RunningServer) -> httpx.Response:
    token = district.store.new_admin_token(datetime.now(UTC))
    return httpx.get(f"{district.url}/quan-ly", params={"q": "000.00"}, auth=("admin", token))


def test_a_desk_of_another_commune_cannot_touch_a_commune_s_dossiers(
    district: RunningServer, tmp_path: Path
) -> None:
    victim = _enrolled(tmp_path / "victim", COMMUNE, 1, district)
    attacker = _enrolled(tmp_path / "attacker", OTHER_COMMUNE, 1, district)
    try:
        first = victim.intake.receive(birth_draft(victim)).record
        assert victim.sync.run_once().problems == 0
        # the victim's next code, squatted with a whole, well-formed dossier
        squatted = _received_payload(victim, first) | {
            "uuid": "0190aaaa-0000-7000-8000-000000000001",
            "code": first.code[:-4] + "0002",
            "lookup_secret": "do-ke-gian-biet",
        }
        seqs = {
            _forge(attacker, "dossier_transition", first.uuid,
                   _transition(first, Action.REFUSE, Status.REFUSED)): "foreign_dossier",
            _forge(attacker, "dossier_received", squatted["uuid"], squatted):
                "code_outside_block",
            _forge(attacker, "receipt_printed", first.uuid, {"code": first.code, "print": 9}):
                "foreign_dossier",
        }  # fmt: skip
        honest = attacker.intake.receive(birth_draft(attacker)).record  # after the forgeries
        summary = attacker.sync.run_once()
        assert summary.pending == 0  # nothing stalls: each refused entry is a problem
        page = _page(district, first)
        assert page.status_code == 200 and Status.REFUSED.label not in page.text
        assert _problems(attacker) == {str(seq): code for seq, code in seqs.items()}
        message = next(p.message for p in attacker.sync.problems() if p.code.startswith("code"))
        assert f"«{OTHER_COMMUNE}-»" in message and "0001–0999" in message
        assert district.store.dossier(honest.code) is not None  # its own work goes up

        # the victim's next dossier takes its own code, and its page answers
        second = victim.intake.receive(birth_draft(victim, full_name="Trần Văn Bình")).record
        assert second.code == squatted["code"]
        assert victim.sync.run_once().problems == 0
        for record in (first, second):
            page = _page(district, record)
            assert page.status_code == 200, page.text
            assert Status.RECEIVED.label in page.text
            assert Status.REFUSED.label not in page.text
        held = district.store.dossier(second.code)
        assert held is not None and held["entity_uuid"] == second.uuid
        assert _district_view(district).status_code == 200
    finally:
        victim.close()
        attacker.close()


def test_a_desk_of_the_commune_shares_its_work_but_not_its_codes_or_invalid_states(
    district: RunningServer, tmp_path: Path
) -> None:
    one = _enrolled(tmp_path / "one", COMMUNE, 1, district)
    two = _enrolled(tmp_path / "two", COMMUNE, 2, district)
    try:
        record = one.intake.receive(birth_draft(one)).record
        one.sync.run_once()
        assert two.sync.run_once().received == 1
        own = two.intake.receive(birth_draft(two, full_name="Lê Văn Cường")).record
        assert own.code.endswith("-2001")
        two.sync.run_once()
        squat = _received_payload(two, own) | {
            "uuid": "0190aaaa-0000-7000-8000-000000000002",
            "code": own.code[:-4] + "0002",  # desk 1's block
            "lookup_secret": "x" * 16,
        }
        bad_status = _received_payload(two, own) | {
            "uuid": "0190aaaa-0000-7000-8000-000000000003",
            "code": own.code[:-4] + "2999",
            "status": 99,
        }
        seqs = {
            _forge(two, "dossier_transition", record.uuid,
                   _transition(record, Action.REFUSE, Status.REFUSED, status=99) | {"to": 99}):
                "invalid_entry",
            _forge(two, "dossier_transition", record.uuid,
                   _transition(record, Action.RETURN_RESULT, Status.RETURNED)): "invalid_entry",
            # its own dossier's entity, the other desk's code (what the desks pull by)
            _forge(two, "dossier_transition", own.uuid,
                   _transition(own, Action.REFUSE, Status.REFUSED) | {"code": record.code}):
                "invalid_entry",
            _forge(two, "dossier_received", squat["uuid"], squat): "code_outside_block",
            _forge(two, "dossier_received", bad_status["uuid"], bad_status): "invalid_entry",
            _forge(two, "dossier_updated", record.uuid, {"code": record.code}): "invalid_entry",
        }  # fmt: skip
        # shared work: desk 2 hands over and gets back the dossier desk 1 received
        (pulled_id,) = two.storage.db.execute(
            "SELECT id FROM dossiers WHERE code = ?", [record.code]
        ).fetchone()
        two.lifecycle.perform(
            pulled_id,
            Action.HAND_OVER,
            ActionInput(party="Công chức Tư pháp - Hộ tịch"),
        )
        summary = two.sync.run_once()
        assert summary.pending == 0
        assert _page(district, record).status_code == 200
        assert _district_view(district).status_code == 200
        assert _problems(two) == {str(seq): code for seq, code in seqs.items()}
        held = district.store.dossier(record.code)
        assert held is not None and held["status"] == int(Status.IN_PROCESSING)
        assert district.store.dossier(squat["code"]) is None
        assert district.store.dossier(bad_status["code"]) is None

        # desk 1, which had not seen the hand-over, refuses the dossier offline: the step
        # starts from a status the server no longer holds, and is kept for a person
        one.lifecycle.perform(record.id, Action.REFUSE, ActionInput(reason="Thiếu giấy tờ"))
        summary = one.sync.run_once()
        assert summary.problems == 1 and one.sync.problems()[0].code == "status_conflict"
        assert "Đang giải quyết" in one.sync.problems()[0].message
        here = one.storage.db.execute(
            "SELECT status FROM dossiers WHERE code = ?", [record.code]
        ).fetchone()
        assert Status(here[0]) is Status.IN_PROCESSING  # the server's word came back
        # only the sound entries of desk 2 reached desk 1: its dossier and the hand-over
        assert summary.received == 2

        for dossier in (record, own):
            page = _page(district, dossier)
            assert page.status_code == 200, page.text
        assert Status.IN_PROCESSING.label in _page(district, record).text
        view = _district_view(district)
        assert view.status_code == 200 and record.code in view.text
    finally:
        one.close()
        two.close()


def test_two_desks_on_default_settings_enrolled_as_desks_1_and_2_give_out_no_code_twice(
    district: RunningServer, tmp_path: Path
) -> None:
    one = _enrolled(tmp_path / "one", COMMUNE, 1, district, defaults=True)
    two = _enrolled(tmp_path / "two", COMMUNE, 2, district, defaults=True)
    try:
        for desk, number in ((one, 1), (two, 2)):
            settings = desk.settings.load()
            assert (settings.agency_code, settings.desk_number) == (COMMUNE, number)
        codes = [one.intake.receive(birth_draft(one)).record.code for _ in range(12)]
        codes += [two.intake.receive(birth_draft(two)).record.code for _ in range(4)]
        assert len(set(codes)) == 16 and all(c.startswith(COMMUNE + "-") for c in codes)
        assert one.sync.run_once().problems == 0
        assert two.sync.run_once().problems == 0
        assert one.sync.run_once().received == 4
        assert all(district.store.dossier(c) is not None for c in codes)
        assert one.sync.problems() == [] and two.sync.problems() == []
    finally:
        one.close()
        two.close()


def test_a_desk_that_numbered_dossiers_as_another_desk_is_refused_enrolment(
    district: RunningServer, tmp_path: Path
) -> None:
    desk = desk_at(tmp_path / "used")  # default settings: desk 1 of 000.00.00.H00
    fresh = desk_at(tmp_path / "fresh")
    try:
        desk.intake.receive(birth_draft(desk))
        code = district.store.new_enrol_code(COMMUNE, 2, datetime.now(UTC))
        with pytest.raises(SyncError) as refused:
            desk.sync.enrol(district.url, code)
        assert refused.value.code == "numbering_mismatch"
        assert "quầy 2 của xã 000.00.31.H26" in refused.value.message
        assert "quầy 1 của xã 000.00.00.H00" in refused.value.message
        assert desk.sync.identity() is None
        assert desk.settings.load().desk_number == 1
        # the code was not used up: the right desk takes it
        identity = fresh.sync.enrol(district.url, code)
        assert (identity.commune_code, identity.desk_number) == (COMMUNE, 2)
        # a code for the numbers it used is taken, and its dossier goes up
        desk.sync.enrol(
            district.url, district.store.new_enrol_code("000.00.00.H00", 1, datetime.now(UTC))
        )
        assert desk.sync.run_once().problems == 0
    finally:
        desk.close()
        fresh.close()


def test_the_cli_says_why_enrolment_is_refused(district: RunningServer, tmp_path: Path) -> None:
    desk = desk_at(tmp_path / "used")
    desk.settings.save(replace(desk.settings.load(), agency_code=COMMUNE, desk_number=3))
    desk.intake.receive(birth_draft(desk))
    desk.close()
    code = district.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC) + timedelta(seconds=1))
    run = subprocess.run(
        [sys.executable, "-m", "desk_app", "--data-dir", str(tmp_path / "used"), "enrol",
         "--server", district.url, "--code", code],
        capture_output=True, text=True, env=desk_env(), timeout=120,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "quầy 3 của xã 000.00.31.H26" in run.stderr and "Hãy xin" in run.stderr


def test_a_usb_pack_is_checked_like_a_push(district: RunningServer, tmp_path: Path) -> None:
    """The pack's entries go through the same checks: the forged step is kept with its
    problem, told back in the signed acknowledgement, and changes no page."""
    import json

    from district_server.blob_files import BlobFiles
    from district_server.keys import server_key
    from district_server.pack_import import import_pack

    victim = _enrolled(tmp_path / "victim", COMMUNE, 1, district)
    attacker = _enrolled(tmp_path / "attacker", OTHER_COMMUNE, 1, district)
    try:
        record = victim.intake.receive(birth_draft(victim)).record
        victim.sync.run_once()
        seq = _forge(attacker, "dossier_transition", record.uuid,
                     _transition(record, Action.REFUSE, Status.REFUSED))  # fmt: skip
        pack = tmp_path / "pack.zip"
        attacker.sync.export_pack(pack)
        ack = import_pack(
            district.store, BlobFiles(district.data_dir), server_key(district.data_dir), pack
        )
        assert [(p["seq"], p["code"]) for p in ack["document"]["problems"]] == [
            (seq, "foreign_dossier")
        ]
        ack_file = tmp_path / "ack.json"
        ack_file.write_text(json.dumps(ack), encoding="utf-8")
        attacker.sync.import_ack(ack_file)
        assert _problems(attacker) == {str(seq): "foreign_dossier"}
        page = _page(district, record)
        assert page.status_code == 200 and Status.REFUSED.label not in page.text
    finally:
        victim.close()
        attacker.close()


def test_the_server_refuses_an_enrolment_code_for_a_malformed_commune(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "district_server", "enrol-desk", "--data-dir", str(tmp_path),
         "--commune", "xa 31", "--desk", "1"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2 and "Mã định danh cơ quan" in run.stderr
