"""Hostile tables (issue 20's bar) for the catalogue import and the bank statement: real
files on disk, read by the same code the desk, its command line and the district server's
``publish-catalogue`` use. Each is refused in words, quickly, without holding the file."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from desk_app.domain.errors import InvalidCatalogue, InvalidField
from desk_app.platform.spreadsheets import MAX_COLUMNS, read_table
from desk_app.services.statements import read_statement

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="S" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def _workbook(
    path: Path, dimension: str, rows: bytes, repeat: int = 1, shared: str | None = None
) -> Path:
    """A workbook written by hand, as a hostile one would be (openpyxl writes honest ones);
    ``shared``: its one shared string (cells ``t="s"`` with value 0 show it)."""
    head = f'<worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/><sheetData>'.encode()
    parts = dict(_PARTS)
    if shared is not None:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            "</Relationships>",
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{_MAIN}"><si><t>{shared}</t></si></sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head)
            for _ in range(repeat):
                sheet.write(rows)
            sheet.write(b"</sheetData></worksheet>")
    return path


def _cell(row: int, text: str) -> bytes:
    return f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{text}</t></is></c></row>'.encode()


def test_a_sheet_claiming_16384_columns_is_read_as_its_cells(tmp_path: Path) -> None:
    """12 KB whose <dimension> says A1:XFD1048576: read-only openpyxl padded each of the
    2,000 rows to 16,384 cells (295 MB, 3 s for a statement's header search)."""
    rows = b"".join(_cell(r, "x") for r in range(1, 2001))
    path = _workbook(tmp_path / "rộng.xlsx", "A1:XFD1048576", rows)
    assert path.stat().st_size < 20_000
    started = time.perf_counter()
    table = read_table(path)
    assert len(table) == 2000 and max(len(row) for row in table) <= MAX_COLUMNS
    with pytest.raises(InvalidField):  # no amount column: refused as a statement, quickly
        read_statement(path)
    assert time.perf_counter() - started < 3


def test_a_zip_bomb_workbook_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """Under 1 MB that unzips to 105 MB of rows (3 million rows took 73 s and 733 MB)."""
    row = b'<row><c t="inlineStr"><is><t>Noi dung</t></is></c><c><v>1</v></c></row>'
    path = _workbook(tmp_path / "bom.xlsx", "A1:B2", row, repeat=1_500_000)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(InvalidCatalogue, match="giải nén"):
        read_table(path)
    with pytest.raises(InvalidField, match="giải nén"):
        read_statement(path)
    assert time.perf_counter() - started < 1


def test_a_csv_field_over_the_csv_modules_limit_is_refused_in_words(tmp_path: Path) -> None:
    """One quoted field of 200 KB: csv.Error escaped the statement's reader (a traceback)."""
    path = tmp_path / "sao kê.csv"
    path.write_text('Số tiền,Nội dung\n1000,"' + "A" * 200_000 + '"\n', "utf-8")
    with pytest.raises(InvalidField, match="CSV"):
        read_statement(path)
    with pytest.raises(InvalidCatalogue, match="CSV"):
        read_table(path)


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    """A 1 GB statement (sparse here) was read whole, decoded and split in memory."""
    path = tmp_path / "sao kê.csv"
    with path.open("wb") as f:
        f.truncate(1024**3)
    with pytest.raises(InvalidField, match="MB"):
        read_statement(path)


def test_a_statement_in_another_encoding_says_utf_8(tmp_path: Path) -> None:
    path = tmp_path / "sao kê.csv"
    path.write_bytes("Số tiền\tNội dung\n1000\tphí\n".encode("utf-16"))
    with pytest.raises(InvalidField, match="UTF-8"):
        read_statement(path)


def test_one_long_shared_string_in_every_row_is_refused(tmp_path: Path) -> None:
    """A workbook stores a text once and names it from every cell: 30,000 characters in
    2,000 rows are 60 million characters from a 100 KB file (a catalogue of them became a
    document of that size, published to every desk)."""
    rows = b"".join(
        f'<row r="{r}"><c r="A{r}"><v>1.{r:06d}</v></c><c r="B{r}" t="s"><v>0</v></c>'
        f'<c r="C{r}" t="s"><v>0</v></c></row>'.encode()
        for r in range(1, 2001)
    )
    path = _workbook(tmp_path / "dai.xlsx", "A1:C2000", rows, shared="Thủ tục " * 3750)
    assert path.stat().st_size < 200_000
    with pytest.raises(InvalidCatalogue, match="ký tự"):
        read_table(path)
