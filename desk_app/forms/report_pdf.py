"""A periodic report as PDF: the progress table by procedure, digitisation, satisfaction."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, TableStyle

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
HEAD_PADDING = 2.0  # points each side of a header cell (the narrow columns need the room)


def fitted_head_style(style: ParagraphStyle, texts: list[str], inner: float) -> ParagraphStyle:
    """``style`` for header cells ``inner`` points wide: lines break only between words (a
    Vietnamese syllable is never cut, issue 26 item 8) and the size is made small enough
    for the widest word to fit."""
    bold = f"{style.fontName}-Bold"
    widest = max(stringWidth(word, bold, style.fontSize) for t in texts for word in t.split())
    size = round(style.fontSize * min(1.0, inner / widest), 2) if widest else style.fontSize
    return ParagraphStyle(
        "head_fitted",
        parent=style,
        fontSize=size,
        leading=size * 1.25,
        splitLongWords=False,
    )


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
    rest = (width - 8 * mm - 60 * mm) / (len(PROGRESS_COLUMNS) + 1)
    titles = [f"{group + ': ' if group else ''}{title}" for group, title, _ in PROGRESS_COLUMNS]
    titles.append("Tỷ lệ trước và đúng hạn (%)")
    hc = fitted_head_style(cc, titles, rest - 2 * HEAD_PADDING)
    head = [p("<b>STT</b>", hc), p("<b>Thủ tục hành chính</b>", hc)]
    head += [p(f"<b>{e(title)}</b>", hc) for title in titles]

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
    progress = grid(rows, [8 * mm, 60 * mm] + [rest] * (len(PROGRESS_COLUMNS) + 1))
    progress.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, 0), HEAD_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, 0), HEAD_PADDING),
            ]
        )
    )
    page.add(progress)
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
