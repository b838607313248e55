"""Items in error: each is kept, told back and waits for a person; none blocks the others."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bench.corpus import form_page
from desk_app.app import Desk
from desk_app.storage.change_log import ChangeLog
from district_server.blob_files import BlobFiles
from district_server.keys import server_key
from district_server.pack_import import import_pack
from district_server.store import changes, dossiers, feed
from tests.conftest import birth_draft, desk_at
from tests.e2e.conftest import RunningServer

COMMUNE = "000.00.31.H26"


def _desk(path: Path, number: int, district: RunningServer) -> Desk:
    desk = desk_at(path)
    desk.settings.save(replace(desk.settings.load(), desk_number=number))
    desk.sync.enrol(district.url, district.store.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
    return desk


def _problems_at_server(district: RunningServer, desk: Desk) -> dict[int, str | None]:
    identity = desk.sync.identity()
    assert identity is not None
    with district.store.engine.connect() as db:
        rows = db.execute(
            select(changes.c.seq, changes.c.problem).where(changes.c.desk_id == identity.desk_id)
        ).all()
    return {int(seq): problem for seq, problem in rows}


def _digitise(desk: Desk, tmp_path: Path, seed: int) -> tuple[str, str]:
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / f"scan-{seed}.png"
    form_page(seed=seed).image.save(scan, dpi=(300, 300))
    return record.code, desk.digitisation.digitise_files(record.code, 1, [scan]).sha256


def test_a_copied_desk_s_old_entries_wait_for_a_person_and_its_new_ones_go_up(
    district: RunningServer, tmp_path: Path
) -> None:
    one = _desk(tmp_path / "one", 1, district)
    one.intake.receive(birth_draft(one))
    one.intake.receive(birth_draft(one))
    assert one.sync.run_once().pending == 0
    inherited = len(ChangeLog(one.storage).entries())
    one.close()
    # The data folder copied to a second computer, which is then enrolled as desk 2.
    shutil.copytree(tmp_path / "one", tmp_path / "copy")
    one = desk_at(tmp_path / "one")
    copy = _desk(tmp_path / "copy", 2, district)
    try:
        new = copy.intake.receive(birth_draft(copy)).record
        summary = copy.sync.run_once()  # before the fix this went round forever
        assert summary.pending == 0
        assert summary.problems == inherited and f"lỗi {inherited}" in summary.line
        held = _problems_at_server(district, copy)
        assert [held[s] for s in sorted(held)][:inherited] == ["duplicate_entry"] * inherited
        assert all(held[s] is None for s in sorted(held)[inherited:])  # the new ones are sound
        assert district.store.dossier(new.code) is not None
        problems = copy.sync.problems()
        assert [p.ref for p in problems] == [str(s) for s in range(1, inherited + 1)]
        assert "quầy khác" in problems[0].message
        # desk 1 pulls the copy's new dossier and nothing of what it already had
        assert one.sync.run_once().received == len(held) - inherited
        # a person deals with one item: it leaves the list, and stays off it
        assert copy.sync.resolve_problem(problems[0].id)
        assert not copy.sync.resolve_problem(problems[0].id)
        assert len(copy.sync.problems()) == inherited - 1
        assert copy.sync.run_once().problems == inherited - 1
    finally:
        one.close()
        copy.close()


def test_two_desks_giving_out_the_same_code_cannot_take_each_other_s_status_page(
    district: RunningServer, tmp_path: Path
) -> None:
    first = _desk(tmp_path / "first", 1, district)
    twin = _desk(tmp_path / "twin", 1, district)  # set up with the same desk number by mistake
    try:
        mine = first.intake.receive(birth_draft(first)).record
        theirs = twin.intake.receive(birth_draft(twin, full_name="Trần Văn Bình")).record
        assert mine.code == theirs.code
        first.sync.run_once()
        summary = twin.sync.run_once()
        assert summary.pending == 0 and summary.problems == 1
        assert twin.sync.problems()[0].code == "code_taken"
        page = district.store.dossier(mine.code)
        assert page is not None and page["applicant_masked"] == "Nguyễn T. H. N."
        # held back from the commune's other desks too
        identity = twin.sync.identity()
        assert identity is not None
        with district.store.engine.connect() as db:
            fed = db.execute(select(feed.c.seq).where(feed.c.desk_id == identity.desk_id)).all()
            rows = db.execute(select(dossiers.c.code)).all()
        assert fed == [] and len(rows) == 1
    finally:
        first.close()
        twin.close()


def test_a_paper_lost_at_the_desk_is_declared_and_blocks_nothing(
    district: RunningServer, tmp_path: Path
) -> None:
    desk = _desk(tmp_path / "desk", 1, district)
    try:
        lost_code, lost = _digitise(desk, tmp_path, 1)
        kept_code, kept = _digitise(desk, tmp_path, 2)
        desk.blobs.path(lost).unlink()  # a disk error, a stray delete
        summary = desk.sync.run_once()
        assert summary.pending == 0
        problems = desk.sync.problems()
        kinds = sorted((p.kind, p.code) for p in problems)
        assert ("blob", "blob_unavailable") in kinds and ("entry", "blob_unavailable") in kinds
        blob = next(p for p in problems if p.kind == "blob")
        assert blob.ref == lost and "quét lại" in blob.message
        assert district.store.missing_blobs([lost, kept]) == [lost]
        # both dossiers are on the status page: their data is sound, one paper is lost
        assert district.store.dossier(lost_code) is not None
        assert district.store.dossier(kept_code) is not None
        held = _problems_at_server(district, desk)
        assert list(held.values()).count("blob_unavailable") == 1
    finally:
        desk.close()


def test_a_pack_with_a_lost_paper_still_applies_and_its_ack_tells_the_problem(
    district: RunningServer, tmp_path: Path
) -> None:

    desk = _desk(tmp_path / "desk", 1, district)
    try:
        _code, lost = _digitise(desk, tmp_path, 3)
        desk.blobs.path(lost).write_bytes(b"damaged")
        pack = tmp_path / "pack.zip"
        assert desk.sync.export_pack(pack).blobs == 0
        ack = import_pack(
            district.store, BlobFiles(district.data_dir), server_key(district.data_dir), pack
        )
        ack_file = tmp_path / "ack.json"
        ack_file.write_text(json.dumps(ack), encoding="utf-8")
        acked = desk.sync.import_ack(ack_file)
        assert acked == len(ChangeLog(desk.storage).entries())
        assert sorted((p.kind, p.code) for p in desk.sync.problems()) == [
            ("blob", "blob_unavailable"),
            ("entry", "blob_unavailable"),
        ]
    finally:
        desk.close()
