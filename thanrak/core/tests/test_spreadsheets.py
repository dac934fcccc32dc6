"""Text in a written spreadsheet is never a formula; numbers and dates stay what they are."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell

from thanrak.core.spreadsheets import (
    Workbook,
    csv_value,
    csv_writer,
    formula,
    looks_like_formula,
    workbook_bytes,
)

# OWASP's examples of formula injection, and the other characters that start one.
EVIL = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]
PLAIN = ["กลุ่มทอผ้า", "8417-0001", "–", "ผ้า=ดี", ""]


def read_back(data: bytes) -> list[list]:
    return [
        [cell for cell in row if cell.value is not None]
        for sheet in load_workbook(io.BytesIO(data)).worksheets
        for row in sheet.iter_rows()
    ]


def readable(text: str) -> str:
    # An XML reader turns a raw carriage return into a line feed.
    return text.replace("\r", "\n")


@pytest.mark.parametrize("write_only", [False, True])
def test_formula_like_text_is_written_as_quoted_text(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("ข้อมูล")
    sheet.append(EVIL)
    sheet.append([WriteOnlyCell(sheet, value=EVIL[0]) if write_only else EVIL[0], *PLAIN])
    (evil, mixed) = read_back(workbook_bytes(book))
    assert [c.data_type for c in evil] == ["s"] * len(EVIL)
    assert [c.value for c in evil] == [readable(v) for v in EVIL]
    assert all(c.quotePrefix for c in evil)
    assert mixed[0].data_type == "s" and mixed[0].quotePrefix
    assert [c.quotePrefix for c in mixed[1:]] == [False] * (len(mixed) - 1)


def test_text_set_into_cells_any_way_is_made_safe_on_save():
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "=1+1"
    sheet.cell(2, 1, '=HYPERLINK("http://x","y")')
    sheet.cell(3, 1).value = "@SUM(A1)"
    cells = [row[0] for row in read_back(workbook_bytes(book))]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"),
        ('=HYPERLINK("http://x","y")', "s"),
        ("@SUM(A1)", "s"),
    ]


@pytest.mark.parametrize("write_only", [False, True])
def test_numbers_dates_and_booleans_stay_typed(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("ข้อมูล")
    sheet.append([-5, -2.5, 0, dt.date(2020, 8, 20), True])
    (row,) = read_back(workbook_bytes(book))
    values = [c.value for c in row]
    assert values[:3] == [-5, -2.5, 0] and values[4] is True
    assert values[3].date() == dt.date(2020, 8, 20)  # Excel keeps a date as a date-time
    assert [c.data_type for c in row] == ["n", "n", "n", "d", "b"]


def test_the_projects_own_formula_stays_a_formula_and_only_it():
    book = Workbook()
    sheet = book.active
    sheet.append([1, 2, "=A1+B1"])
    formula(sheet.cell(2, 1), "=SUM(A1:B1)")
    overwritten = formula(sheet.cell(2, 2), "=SUM(A1:A1)")
    overwritten.value = "=cmd|' /C calc'!A0"  # later text in the same cell is text again
    rows = read_back(workbook_bytes(book))
    assert [(c.value, c.data_type) for c in rows[0]] == [(1, "n"), (2, "n"), ("=A1+B1", "s")]
    assert [(c.value, c.data_type) for c in rows[1]] == [
        ("=SUM(A1:B1)", "f"),
        ("=cmd|' /C calc'!A0", "s"),
    ]


def test_only_the_projects_workbook_is_saved_or_takes_formulas():
    import openpyxl

    plain = openpyxl.Workbook()  # noqa: TID251 - showing what is refused
    with pytest.raises(TypeError):
        workbook_bytes(plain)
    with pytest.raises(TypeError):
        formula(plain.active.cell(1, 1), "=1")


def test_csv_cells_get_a_leading_apostrophe_and_numbers_do_not():
    out = io.StringIO()
    csv_writer(out).writerows([EVIL, [*PLAIN, -5, 2.5]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["'" + v for v in EVIL]
    assert rows[1] == [*PLAIN, "-5", "2.5"]
    assert csv_value(-5) == -5


def test_what_counts_as_formula_like():
    assert all(looks_like_formula(v) for v in EVIL)
    assert not any(looks_like_formula(v) for v in [*PLAIN, -5, None, dt.date(2020, 1, 1)])
