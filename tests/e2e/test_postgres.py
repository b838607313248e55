"""The same desk ↔ server path with the server on PostgreSQL (the province's scale-out)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.corpus import text_page
from desk_app.app import Desk
from desk_app.storage.change_log import ChangeLog
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.e2e.conftest import RunningServer


def test_push_papers_resend_and_status_page_on_postgres(
    desk: Desk, district_pg: RunningServer, clock: FakeClock, tmp_path: Path
) -> None:
    import httpx

    assert district_pg.store.engine.dialect.name == "postgresql"
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(
        district_pg.url, district_pg.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "p.png"
    text_page().image.save(scan, dpi=(300, 300))
    desk.digitisation.digitise_files(record.code, 1, [scan])
    assert desk.sync.run_once().pending == 0
    identity = desk.sync.identity()
    assert identity is not None
    hashes = [e["content_sha256"] for e in ChangeLog(desk.storage).entries()]
    assert [r["content_sha256"] for r in district_pg.store.changes_of(identity.desk_id)] == hashes
    desk.sync._store.set_acked(0, datetime.now(UTC))
    assert desk.sync.run_once().pending == 0
    assert len(district_pg.store.changes_of(identity.desk_id)) == len(hashes)
    page = httpx.get(f"{district_pg.url}/tra-cuu/{record.code}", params={"k": record.lookup_secret})
    assert page.status_code == 200 and "Nguyễn T. H. N." in page.text


def test_several_desks_push_at_once_on_postgres(district_pg: RunningServer, tmp_path: Path) -> None:
    desks = []
    for n in range(1, 5):
        d = desk_at(tmp_path / f"desk{n}")
        settings = d.settings.load()
        from dataclasses import replace

        d.settings.save(replace(settings, desk_number=n))
        d.sync.enrol(
            district_pg.url, district_pg.store.new_enrol_code("000.00.31.H26", n, datetime.now(UTC))
        )
        for _ in range(5):
            d.intake.receive(birth_draft(d))
        desks.append(d)
    errors: list[BaseException] = []

    def run(d: Desk) -> None:
        try:
            d.sync.run_once()
        except BaseException as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=run, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    for d in desks:
        identity = d.sync.identity()
        assert identity is not None
        assert len(district_pg.store.changes_of(identity.desk_id)) == 5
        d.close()


def test_a_pulling_desk_never_skips_a_dossier_committed_after_a_later_one(
    district_pg: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two desks of a commune apply side by side; a third pulls in between. On PostgreSQL
    a feed id taken first may commit last: the puller must still get it."""
    import district_server.store as server_store
    from bench.sync_ingest import _entries

    store = district_pg.store
    now = datetime.now(UTC)
    slow, quick, reader = (
        store.enrol(store.new_enrol_code("000.00.31.H26", n, now), f"key-{n}" * 8, now)
        for n in (1, 2, 3)
    )
    assert slow and quick and reader
    holding = threading.Event()
    original = server_store.district_view.project

    def project_slowly(db, changes):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "slow":
            holding.set()
            time.sleep(1.5)  # the slow desk's feed ids are taken, its commit is not done
        return original(db, changes)

    monkeypatch.setattr(server_store.district_view, "project", project_slowly)
    threads = [
        threading.Thread(target=store.apply, args=(desk.id, _entries(n, 3), now), name=name)
        for n, (desk, name) in enumerate(((slow, "slow"), (quick, "quick")), start=1)
    ]
    threads[0].start()
    assert holding.wait(10)
    threads[1].start()
    threads[1].join(1.0)  # the quick desk commits now: it never waits for another desk
    assert not threads[1].is_alive() and threads[0].is_alive()  # the race is set up
    seen, cursor = store.updates(reader, 0, 200)
    for t in threads:
        t.join()
    more, _ = store.updates(reader, cursor, 200)
    assert len(seen) + len(more) == 6  # every entry of both desks, none skipped


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_bulk_paths_keep_a_held_dossier_and_a_settled_one(
    dialect: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """A dossier sent again under a new entry (the COPY meets the held row and the batch
    falls back to INSERT … ON CONFLICT DO NOTHING) and one received and settled in the same
    batch (rows of the batch carry different columns)."""
    import json

    from bench.sync_ingest import _entries
    from desk_app.domain.changes import content_hash
    from district_server.store import ServerStore

    if dialect == "postgresql":
        store = request.getfixturevalue("district_pg").store
    else:
        store = ServerStore(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    now = datetime.now(UTC)
    desk = store.enrol(store.new_enrol_code("000.00.31.H26", 1, now), "k" * 64, now)
    assert desk is not None
    first = _entries(1, 2)
    assert store.apply(desk.id, first, now).problems == []
    held = json.loads(str(first[0]["payload"]))
    again = dict(first[0], seq=3, uuid="9f0e2b9e-0000-4000-8000-000000000003")
    again["payload"] = json.dumps({**held, "procedure_name": "Đổi tên"}, ensure_ascii=False)
    settled = _entries(1, 5)[4]
    settled.update(seq=4)
    received = json.loads(str(settled["payload"]))
    state = {"status": 9, "received_at": received["received_at"], "due_at": "2026-12-01T17:00+07:00",
             "deadline_at": "2026-12-01T17:00+07:00", "applicant_id_number": "001190012345",
             "settled_at": "2026-11-30T10:00:00+07:00", "settled_status": 9}  # fmt: skip
    step = {"code": received["code"], "action": "result_ready", "from": 2, "to": 9,
            "reason": "", "details": {}, "state": state}  # fmt: skip
    closing = {
        "seq": 5, "uuid": "9f0e2b9e-0000-4000-8000-000000000005", "kind": "dossier_transition",
        "entity_uuid": settled["entity_uuid"], "device_time": now.isoformat(), "officer_id": 1,
        "payload": json.dumps(step), "blob_hashes": "[]",
    }  # fmt: skip
    for entry in (again, closing):
        entry["content_sha256"] = content_hash(
            str(entry["kind"]), str(entry["entity_uuid"]), str(entry["payload"]), "[]"
        )
    applied = store.apply(desk.id, [again, settled, closing], now)
    assert (applied.acked_through, applied.problems) == (5, [])
    kept = store.dossier(held["code"])
    assert kept is not None and kept["procedure_name"] == "Đăng ký khai sinh"
    late = store.dossier(json.loads(str(settled["payload"]))["code"])
    assert late is not None
    assert (late["status"], late["settled_at"]) == (9, "2026-11-30T10:00:00+07:00")
    assert len(store.changes_of(desk.id)) == 5
