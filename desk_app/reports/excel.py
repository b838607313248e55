"""Excel workbooks (openpyxl) of a periodic report and of the tracking book (Form 07).

Numbers are written as numbers (never text) so the province can add them up; every
sheet has a title, the period and the unit, and frozen header rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desk_app.domain.lifecycle import Satisfaction
from desk_app.domain.reporting import (
    BOOK_COLUMNS,
    DIGITISATION_ROWS,
    PROGRESS_COLUMNS,
    BookEntry,
    BookHeader,
    ProgressCounts,
    Report,
    by_sector,
    percent,
)

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="E8E8E8")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """A cell holding ``value``; text is always text: openpyxl takes a string that begins
    with "=" for a formula, and a procedure name from a published list or an address as
    the citizen gave it must never become one Excel runs (formula injection, issue 20)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _title(sheet: Worksheet, lines: Iterable[str], width: int) -> int:
    row = 1
    for line in lines:
        _cell(sheet, row, 1, line).font = _BOLD
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    return row + 1


def _header(sheet: Worksheet, row: int, cells: list[str]) -> None:
    for column, text in enumerate(cells, start=1):
        cell = _cell(sheet, row, column, text)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD, _BOX, _CENTER


def _row(sheet: Worksheet, row: int, values: list[object], bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = _cell(sheet, row, column, value)
        cell.border = _BOX
        cell.alignment = _WRAP
        if bold:
            cell.font = _BOLD


def _values(counts: ProgressCounts) -> list[object]:
    values: list[object] = [getattr(counts, attr) for _, _, attr in PROGRESS_COLUMNS]
    values.append(counts.on_time_percent)
    return values


def report_workbook(report: Report) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tiến độ giải quyết"
    width = 3 + len(PROGRESS_COLUMNS)
    row = _title(
        sheet,
        [
            report.parent_unit.upper(),
            report.unit.upper(),
            "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            report.period.label,
        ],
        width,
    )
    groups = ["STT", "Thủ tục hành chính"] + [g or t for g, t, _ in PROGRESS_COLUMNS]
    groups.append("Tỷ lệ trước và đúng hạn (%)")
    _header(sheet, row, groups)
    _header(sheet, row + 1, ["", ""] + [t for _, t, _ in PROGRESS_COLUMNS] + [""])
    header_top = row
    row += 2
    index = 0
    for sector, items in by_sector(report.by_procedure):
        subtotal = sum((item.counts for item in items), ProgressCounts())
        _row(sheet, row, ["", f"Lĩnh vực: {sector}", *_values(subtotal)], bold=True)
        row += 1
        for item in items:
            index += 1
            _row(sheet, row, [index, f"{item.code} – {item.name}", *_values(item.counts)])
            row += 1
    _row(sheet, row, ["", "TỔNG CỘNG", *_values(report.total)], bold=True)
    total_row = row
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 48
    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.freeze_panes = sheet.cell(row=header_top + 2, column=3)
    sheet.sheet_properties.tabColor = "1F6F43"
    sheet["A" + str(total_row + 2)] = f"Lập lúc {report.generated_at:%H:%M %d/%m/%Y}"

    digit = book.create_sheet("Số hóa và hài lòng")
    row = _title(digit, ["CHỈ SỐ SỐ HÓA VÀ MỨC ĐỘ HÀI LÒNG", report.period.label], 3)
    _header(digit, row, ["Chỉ số", "Số lượng", "Tỷ lệ (%)"])
    row += 1
    total = report.total
    bases = {
        "fully_digitised": total.received,
        "results_digitised": total.finished,
        "late_apologised": total.finished_late + total.open_late,
    }
    for label, attr in DIGITISATION_ROWS:
        value = getattr(total, attr)
        base = bases.get(attr)
        _row(digit, row, [label, value, percent(value, base) if base is not None else None])
        row += 1
    row += 1
    _header(digit, row, ["Mức độ hài lòng", "Số ý kiến", "Tỷ lệ (%)"])
    row += 1
    answers = report.satisfaction_answers
    for level in Satisfaction:
        count = report.satisfaction.get(level, 0)
        _row(digit, row, [level.label, count, percent(count, answers)])
        row += 1
    _row(digit, row, ["Tổng số ý kiến", answers, None], bold=True)
    row += 2
    _header(digit, row, ["Phí, lệ phí (đồng)", "Số tiền", "Số biên lai"])
    fees = report.fees
    fee_rows: tuple[tuple[str, int | None, int | None], ...] = (
        ("Thu bằng tiền mặt", fees.cash, None),
        ("Thu bằng chuyển khoản", fees.transfer, None),
        ("Tổng số đã thu", fees.total, fees.receipts),
        ("Biên lai đã hủy", None, fees.voided),
        ("Hồ sơ được miễn phí, lệ phí", None, fees.exempted),
    )
    for fee_label, amount, receipts in fee_rows:
        row += 1
        _row(digit, row, [fee_label, amount, receipts], bold=fee_label.startswith("Tổng"))
    digit.column_dimensions["A"].width = 45
    digit.column_dimensions["B"].width = 14
    digit.column_dimensions["C"].width = 12
    return book


def book_workbook(head: BookHeader, entries: Iterable[BookEntry]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sổ theo dõi hồ sơ"
    row = _title(
        sheet,
        [
            head.parent_unit.upper(),
            head.unit.upper(),
            "SỔ THEO DÕI HỒ SƠ",
            f"Từ ngày {head.date_from:%d/%m/%Y} đến ngày {head.date_to:%d/%m/%Y}",
        ],
        len(BOOK_COLUMNS),
    )
    _header(sheet, row, list(BOOK_COLUMNS))
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    row += 1
    for entry in entries:
        _row(
            sheet,
            row,
            [
                entry.number,
                entry.code,
                entry.procedure_name,
                entry.applicant_text,
                entry.address_phone,
                entry.processing_body,
                entry.received_at.replace(tzinfo=None),
                entry.due_at.replace(tzinfo=None),
                entry.returned_at.replace(tzinfo=None) if entry.returned_at else None,
                entry.how_returned,
                "",
            ],
        )
        for column in (7, 8, 9):
            sheet.cell(row=row, column=column).number_format = "hh:mm dd/mm/yyyy"
        row += 1
    for column, size in enumerate((6, 24, 40, 24, 32, 20, 16, 16, 16, 20, 10), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    return book
