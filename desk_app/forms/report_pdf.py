"""A periodic report as PDF: the progress table by procedure, digitisation, satisfaction."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desk_app.domain.catalogue import format_money
from desk_app.domain.lifecycle import Satisfaction
from desk_app.domain.reporting import (
    DIGITISATION_ROWS,
    PROGRESS_COLUMNS,
    ProgressCounts,
    Report,
    by_sector,
    percent,
)
from desk_app.forms.layout import Page, e, grid, p, signatures

TITLE = "Báo cáo kết quả giải quyết thủ tục hành chính"


def render_report_pdf(report: Report) -> bytes:
    page = Page(wide=True, base=9.0)
    s, width = page.s, page.width
    page.add(
        p(e(report.parent_unit).upper(), s["body"]),
        p(f"<b>{e(report.unit).upper()}</b>", s["body"]),
        p(TITLE.upper(), s["title"]),
        p(e(report.period.label), s["center"]),
        Spacer(1, 3 * mm),
    )
    c, cc = s["cell"], s["cell_center"]
    head = [p("<b>STT</b>", cc), p("<b>Thủ tục hành chính</b>", cc)]
    head += [
        p(f"<b>{e(group + ': ' if group else '')}{e(title)}</b>", cc)
        for group, title, _ in PROGRESS_COLUMNS
    ]
    head.append(p("<b>Tỷ lệ trước và đúng hạn (%)</b>", cc))

    def cells(counts: ProgressCounts) -> list[object]:
        values = [str(getattr(counts, attr)) for _, _, attr in PROGRESS_COLUMNS]
        values.append(f"{counts.on_time_percent:g}".replace(".", ","))
        return [p(v, cc) for v in values]

    rows: list[list[object]] = [head]
    index = 0
    for sector, items in by_sector(report.by_procedure):
        subtotal = sum((item.counts for item in items), ProgressCounts())
        rows.append([p("", cc), p(f"<b>Lĩnh vực: {e(sector)}</b>", c), *cells(subtotal)])
        for item in items:
            index += 1
            rows.append(
                [p(str(index), cc), p(f"{e(item.code)} – {e(item.name)}", c), *cells(item.counts)]
            )
    rows.append([p("", c), p("<b>TỔNG CỘNG</b>", c), *cells(report.total)])
    rest = (width - 8 * mm - 60 * mm) / (len(PROGRESS_COLUMNS) + 1)
    page.add(grid(rows, [8 * mm, 60 * mm] + [rest] * (len(PROGRESS_COLUMNS) + 1)))
    page.add(Spacer(1, 4 * mm), p("<b>Chỉ số số hóa</b>", s["body"]))
    digit = [[p("<b>Chỉ số</b>", c), p("<b>Số lượng</b>", cc)]]
    for label, attr in DIGITISATION_ROWS:
        digit.append([p(e(label), c), p(str(getattr(report.total, attr)), cc)])
    page.add(grid(digit, [90 * mm, 30 * mm]))
    page.add(Spacer(1, 4 * mm), p("<b>Mức độ hài lòng của người dân</b>", s["body"]))
    answers = report.satisfaction_answers
    happy = [[p("<b>Mức độ</b>", c), p("<b>Số ý kiến</b>", cc), p("<b>Tỷ lệ (%)</b>", cc)]]
    for level in Satisfaction:
        count = report.satisfaction.get(level, 0)
        happy.append(
            [
                p(level.label, c),
                p(str(count), cc),
                p(f"{percent(count, answers):g}".replace(".", ","), cc),
            ]
        )
    page.add(grid(happy, [60 * mm, 30 * mm, 30 * mm]))
    fees = report.fees
    page.add(Spacer(1, 4 * mm), p("<b>Phí, lệ phí đã thu</b>", s["body"]))
    money = [[p("<b>Nội dung</b>", c), p("<b>Số tiền (đồng)</b>", cc), p("<b>Số biên lai</b>", cc)]]
    for name, amount_text, receipts_text in (
        ("Tiền mặt", format_money(fees.cash), ""),
        ("Chuyển khoản", format_money(fees.transfer), ""),
        ("Tổng cộng", format_money(fees.total), str(fees.receipts)),
        ("Biên lai đã hủy", "", str(fees.voided)),
        ("Hồ sơ được miễn", "", str(fees.exempted)),
    ):
        money.append([p(name, c), p(amount_text, cc), p(receipts_text, cc)])
    page.add(grid(money, [60 * mm, 40 * mm, 30 * mm]))
    page.add(
        Spacer(1, 4 * mm),
        p(f"<i>Lập lúc {report.generated_at:%H:%M ngày %d/%m/%Y}</i>", s["body"]),
        signatures([("Người lập biểu", ""), ("Thủ trưởng đơn vị", "")], s, width),
    )
    return page.build(
        title=f"{TITLE} {report.period.code}", author=report.unit, subject=report.period.code
    )
