"""Report figures against a small hand-built commune whose answers are known.

Period 2026-Q1 with the national cut-off (15th): 15/12/2025 – 14/03/2026.
Each dossier below is made through the real services at the stated moments.
"""

from __future__ import annotations

import csv
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import DossierDraft, components_for
from desk_app.domain.lifecycle import Action, ActionInput, Satisfaction
from desk_app.domain.periods import InvalidPeriod
from desk_app.domain.reporting import ProgressCounts
from desk_app.services.settings import DeskSettings
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.pdf_tools import pdf_text

BIRTH, RESIDENCE = "1.001193", "1.004222"
PEOPLE = ["001190012345", "001085012345", "001302000004", "001195000002", "001088000003"]


def _at(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=VN_TZ)


class Commune:
    def __init__(self, desk: Desk, clock: FakeClock) -> None:
        self.desk, self.clock, self.count = desk, clock, 0

    def receive(self, when: datetime, code: str = BIRTH, channel: str = "direct") -> int:
        self.clock.now = when
        number = PEOPLE[self.count % len(PEOPLE)]
        self.count += 1
        century = int(number[3])
        draft: DossierDraft = birth_draft(
            self.desk, id_number=number, sex="Nữ" if century % 2 else "Nam", birth_date=""
        )
        draft.channel = channel
        if code != BIRTH:
            procedure = self.desk.catalogue.find(code)
            assert procedure is not None
            draft.procedure_code = code
            draft.components = components_for(procedure)
            for component in draft.components:
                component.received = True
        return self.desk.intake.receive(draft).record.id

    def act(self, dossier_id: int, when: datetime, action: Action, **given: object) -> None:
        self.clock.now = when
        self.desk.lifecycle.perform(dossier_id, action, ActionInput(**given))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    clock = FakeClock(_at(2025, 12, 10))
    desk = desk_at(tmp_path_factory.mktemp("commune"), clock=clock)
    desk.settings.save(DeskSettings(parent_unit="UBND xã Minh Phú", unit="Bộ phận Một cửa"))
    c = Commune(desk, clock)
    a = c.receive(_at(2025, 12, 10))  # carried over, finished late in the period
    c.act(a, _at(2025, 12, 16), Action.RESULT_READY)
    c.act(a, _at(2025, 12, 17), Action.RETURN_RESULT, collector_id=PEOPLE[0], satisfaction=3)
    b = c.receive(_at(2025, 12, 12))  # finished before the period: not in it
    c.act(b, _at(2025, 12, 12, 14), Action.RESULT_READY)
    cc = c.receive(_at(2026, 3, 2))  # on time (same day), result digitised
    c.act(cc, _at(2026, 3, 2, 10), Action.RESULT_READY)
    desk.lifecycle.attach_result(cc, desk.receipts.render(desk.lifecycle.get(cc)))
    c.act(cc, _at(2026, 3, 3, 10), Action.RETURN_RESULT, collector_id=PEOPLE[2], satisfaction=4)
    d = c.receive(_at(2026, 3, 2, 10), RESIDENCE)  # due 11/03: early
    c.act(d, _at(2026, 3, 2, 11), Action.HAND_OVER, party="Công an xã")
    c.act(d, _at(2026, 3, 5), Action.RESULT_READY)
    e = c.receive(_at(2026, 3, 3), RESIDENCE)  # waiting for a supplement at the end
    c.act(e, _at(2026, 3, 4, 10), Action.REQUEST_SUPPLEMENT, reason="Giấy tờ chỗ ở hợp pháp")
    f = c.receive(_at(2026, 3, 4, 10), RESIDENCE)  # due 13/03 10:00: open and late, apologised
    c.act(f, _at(2026, 3, 12), Action.APOLOGISE, reason="Chờ xác minh", new_due="18/03/2026")
    low = c.receive(_at(2026, 3, 9), channel="post")  # by post, on time
    c.act(low, _at(2026, 3, 9, 10), Action.RESULT_READY)
    g = c.receive(_at(2026, 3, 12), RESIDENCE)  # due 23/03: open within time
    assert g
    h = c.receive(_at(2026, 3, 13))
    c.act(h, _at(2026, 3, 13, 9, 30), Action.REFUSE, reason="Không thuộc thẩm quyền")
    i = c.receive(_at(2026, 3, 13, 10))
    c.act(i, _at(2026, 3, 13, 11), Action.WITHDRAW, reason="Công dân rút")
    j = c.receive(_at(2026, 3, 14, 10))  # a Saturday: due Monday 16/03, ready then
    c.act(j, _at(2026, 3, 16, 10), Action.RESULT_READY)
    c.receive(_at(2026, 3, 15, 8))  # the first day of Q2
    clock.now = _at(2026, 4, 1)
    return desk


EXPECTED_Q1 = ProgressCounts(
    carried_over=1,
    received_direct=8,
    received_post=1,
    finished_early=1,
    finished_on_time=2,
    finished_late=1,
    open_in_time=2,
    open_late=1,
    paused=1,
    refused=1,
    withdrawn=1,
    results_digitised=1,
    late_apologised=1,
)


def test_quarter_figures(commune: Desk) -> None:
    report = commune.reports.report(commune.reports.period("2026-Q1"))
    assert report.total == EXPECTED_Q1 and report.total.balanced
    by_code = {row.code: row.counts for row in report.by_procedure}
    assert (by_code[BIRTH].carried_over, by_code[BIRTH].received) == (1, 5)
    assert (by_code[RESIDENCE].received, by_code[RESIDENCE].open_late) == (4, 1)
    assert report.satisfaction == {Satisfaction.SATISFIED: 1, Satisfaction.VERY_SATISFIED: 1}


def test_cutoff_on_the_10th_moves_the_boundaries(commune: Desk) -> None:
    commune.settings.save(DeskSettings(report_cutoff_day=10))
    try:
        q1 = commune.reports.report(commune.reports.period("2026-Q1"))  # 10/12 – 09/03
        q2 = commune.reports.report(commune.reports.period("2026-Q2"))  # 10/03 – 09/06
    finally:
        commune.settings.save(DeskSettings())
    assert (q1.total.carried_over, q1.total.received) == (0, 7)
    assert q1.total.balanced and q2.total.balanced
    assert q2.total.received == 5  # 12, 13, 13, 14 and 15 March
    assert q2.total.carried_over == q1.total.open + q1.total.paused


def test_previous_period_ends_where_the_next_begins(commune: Desk) -> None:
    reports = commune.reports
    q4 = reports.report(reports.period("2025-Q4"))
    q1 = reports.report(reports.period("2026-Q1"))
    assert q4.total.received == 2  # A (10/12) and B (12/12) fall in Q4 (15/09 – 14/12)
    assert q4.total.finished == 1 and q4.total.open_late == 1  # B finished; A late at the end
    assert q1.total.carried_over == q4.total.open + q4.total.paused == 1


def test_impossible_periods(commune: Desk) -> None:
    with pytest.raises(InvalidPeriod, match="quý 5"):
        commune.reports.period("2026-Q5")


def test_excel_read_back_through_libreoffice(commune: Desk, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-2026-Q1.xlsx"
    commune.reports.write_report(commune.reports.report(commune.reports.period("2026-Q1")), out)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = list(csv.reader((tmp_path / "bao-cao-2026-Q1.csv").open(encoding="utf-8")))
    total = next(r for r in rows if len(r) > 1 and r[1] == "TỔNG CỘNG")
    e = EXPECTED_Q1
    assert [int(x) for x in total[2:16]] == [
        e.carried_over,
        e.received_direct,
        e.received_online,
        e.received_post,
        e.to_handle,
        e.finished_early,
        e.finished_on_time,
        e.finished_late,
        e.open_in_time,
        e.open_late,
        e.paused,
        e.refused,
        e.withdrawn,
        e.stopped,
    ]
    assert float(total[16]) == 75.0  # 3 of 4 finished early or on time
    assert any("Quý I năm 2026 (từ 15/12/2025 đến 14/03/2026)" in cell for r in rows for cell in r)


def test_report_pdf_and_tracking_book(commune: Desk, tmp_path: Path) -> None:
    reports = commune.reports
    pdf = tmp_path / "bao-cao.pdf"
    reports.write_report(reports.report(reports.period("2026-Q1")), pdf)
    text = " ".join(pdf_text(pdf.read_bytes()).split())
    assert "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "TỔNG CỘNG 1 8 0 1 10 1 2 1 2 1 1 1 1 0 75" in text
    book = tmp_path / "so.pdf"
    assert reports.write_book(date(2026, 3, 2), date(2026, 3, 13), book) == 8
    text = " ".join(pdf_text(book.read_bytes()).split())
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 02/03/2026 đến ngày 13/03/2026" in text
    assert "Công an" in text and "Tại Bộ" in text and "Từ chối" in text  # cells wrap
    xlsx = tmp_path / "so.xlsx"
    assert reports.write_book(date(2026, 3, 2), date(2026, 3, 13), xlsx) == 8
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    rows = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(rows) == 8 and rows[0][1].endswith("-260302-1001")
    by_code = {r[1][-11:]: r for r in rows}
    assert by_code["260302-1002"][5] == "Công an xã"  # residence dossier D, handed over
    assert by_code["260302-1001"][9] == "Tại Bộ phận Một cửa"  # C, returned at the desk
    assert by_code["260313-1001"][9] == "Từ chối tiếp nhận"  # H
    assert by_code["260302-1001"][6] == datetime(2026, 3, 2, 9, 0)
    with pytest.raises(InvalidPeriod, match="đổi lại thứ tự"):
        reports.write_book(date(2026, 3, 13), date(2026, 3, 2), book)


def test_report_pdf_headers_break_between_words_only(commune: Desk, tmp_path: Path) -> None:
    """Issue 26, 8: the narrow columns' headers never cut a Vietnamese syllable."""
    reports = commune.reports
    pdf = tmp_path / "bao-cao.pdf"
    reports.write_report(reports.report(reports.period("2026-Q1")), pdf)
    words = set(pdf_text(pdf.read_bytes()).split())
    assert {"chuyển", "quyết:", "Không", "Trước", "Trong", "tuyến"} <= words
    assert not {"chuy", "ển", "uyết:", "Khôn", "Tron", "Trướ", "q"} & words
