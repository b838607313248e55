"""The desk's audit chain reaches the district, and a rewritten chain is refused there."""

from __future__ import annotations

from datetime import UTC, datetime

import desk_protocol as protocol
from desk_app.domain.audit import verify
from desk_app.domain.officers import Lockout
from desk_app.services.desk import Desk
from desk_app.storage.database import connect
from desk_app.storage.keyring import Keyring
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at
from tests.e2e.conftest import RunningServer


def test_the_chain_goes_up_once_and_a_rewritten_chain_waits_for_a_person(
    desk: Desk, district: RunningServer, clock: FakeClock
) -> None:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    record = desk.intake.receive(birth_draft(desk)).record
    desk.lifecycle.view(record.id)
    assert desk.sync.run_once().problems == 0
    desk_id = desk.sync.identity().desk_id  # type: ignore[union-attr]
    held = district.store.audit_of(desk_id)
    chain = desk.audit.chain()
    assert [(r["seq"], r["hash"]) for r in held] == [(e.seq, h) for e, _p, h in chain]
    # enrolment set the desk's numbering and the QR's look-up address (two settings
    # changes), then the dossier and its view
    assert [(r["action"], r["subject"]) for r in held][:5] == [
        ("login", "admin"),
        ("change", "settings"),
        ("change", "settings"),
        ("change", record.code),
        ("view", record.code),
    ]
    assert record.applicant.id_number not in str(held)
    # the server's copy verifies on its own
    assert (
        verify((e, r["prev_hash"], r["hash"]) for (e, _p, _h), r in zip(chain, held, strict=True))
        == []
    )
    # resending changes nothing
    rows = [[e.seq, e.at, e.officer, str(e.action), e.subject, e.detail, p, h] for e, p, h in chain]
    with desk.sync.client() as client:
        answer = client.request("POST", protocol.AUDIT_PATH, {"entries": rows})
    assert answer["through"] == len(rows)
    assert answer["anchor"]["document"]["seq"] == len(rows)  # the server's signed head
    assert district.store.audit_of(desk_id) == held

    # someone with the key rewrites an entry already sent
    key = Keyring.load(desk.data_dir).unlock("admin", TEST_PASSWORD, clock(), Lockout())[0]
    data_dir = desk.data_dir
    desk.close()
    raw = connect(data_dir / "desk.sqlite3", key)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET subject = 'khác', hash = ? WHERE seq = 2", ["0" * 64])
    raw.execute("UPDATE sync_state SET audit_sent_through = 0")  # and hides that it was sent
    raw.close()
    again = desk_at(data_dir, clock=clock)
    try:
        summary = again.sync.run_once()
        assert summary.pending == 0 and summary.problems == 1  # the rest of sync went on
        [problem] = again.sync.problems()
        assert problem.code == "audit_broken" and "mục 2 khác bản máy chủ" in problem.message
        assert district.store.audit_of(desk_id)[:3] == held[:3]  # the district's copy stands
    finally:
        again.close()
