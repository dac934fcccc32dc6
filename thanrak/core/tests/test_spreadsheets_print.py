"""Every sheet prints on A4, one page wide, with its header on each page; rows are tall
enough for Thai marks and wrapped text; dates show their B.E. year, amounts two decimals."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from thanrak.core.spreadsheets import (
    AMOUNT,
    BE_DATE,
    BE_DATETIME,
    COUNT,
    Workbook,
    cell_lines,
    print_setup,
    workbook_bytes,
)

LONG_THAI = "กลุ่มวิสาหกิจชุมชนแม่บ้านเกษตรกรผลิตผ้าทอมือย้อมสีธรรมชาติบ้านหัวเตย " * 3


def read(data: bytes):
    return load_workbook(io.BytesIO(data)).worksheets


@pytest.mark.parametrize("write_only", [False, True])
def test_a_sheet_nobody_set_up_still_prints_on_a4_with_its_header(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("list") if write_only else book.active
    sheet.append(["ชื่อ", "วันที่", "จำนวนเงิน"])
    sheet.append(["กลุ่มทอผ้า", dt.date(2020, 8, 20), Decimal("1500.50")])
    (back,) = read(workbook_bytes(book))
    assert back.page_setup.paperSize == 9
    assert (back.page_setup.fitToWidth, back.page_setup.fitToHeight) == (1, 0)
    assert back.sheet_properties.pageSetUpPr.fitToPage
    assert back.page_setup.orientation == "portrait"  # three default columns
    assert back.print_title_rows == "$1:$1" and back.freeze_panes == "A2"
    assert back.oddFooter.center.text == "&P / &N"
    date, amount = back["B2"], back["C2"]
    assert date.is_date and date.number_format == BE_DATE
    assert amount.value == 1500.5 and amount.number_format == AMOUNT


def test_print_setup_turns_a_wide_sheet_landscape_and_freezes_columns():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("wide")
    print_setup(sheet, header_rows=3, widths=[30] * 6, freeze_columns=1, grid=True)
    sheet.append(["หัวเรื่อง"])
    (back,) = read(workbook_bytes(book))
    assert back.page_setup.orientation == "landscape"
    assert back.print_title_rows == "$1:$3" and back.freeze_panes == "B4"
    assert back.print_options.gridLines
    assert back.column_dimensions["F"].width == 30


def test_an_exporters_own_number_format_is_kept():
    book = Workbook()
    sheet = book.active
    sheet.append([Decimal(12), dt.datetime(2020, 8, 20, 9, 30)])  # noqa: DTZ001 - Excel has no zones
    sheet["A1"].number_format = COUNT
    (back,) = read(workbook_bytes(book))
    assert back["A1"].number_format == COUNT
    assert back["B1"].number_format == BE_DATETIME


def test_rows_are_tall_enough_for_thai_marks_and_wrapped_text():
    book = Workbook()
    sheet = book.active
    sheet.append(["ผู้ใหญ่บ้าน"])
    sheet.append([LONG_THAI])
    sheet["A2"].alignment = Alignment(wrap_text=True)
    sheet.append(["หัวข้อ"])
    sheet["A3"].font = Font(size=16)
    print_setup(sheet, header_rows=1, widths=[30])
    (back,) = read(workbook_bytes(book))
    one_line = back.row_dimensions[1].height
    assert one_line > 15  # more than Excel's default 15 pt: marks above and below show
    assert back.row_dimensions[2].height >= 5 * one_line  # ~190 letters in 30 units
    assert back.row_dimensions[3].height > one_line  # a bigger font, a taller row


def test_streamed_rows_get_their_height_too():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("list")
    print_setup(sheet, header_rows=1, widths=[20])
    cell = WriteOnlyCell(sheet, value=LONG_THAI)
    cell.alignment = Alignment(wrap_text=True)
    sheet.append(["ชื่อ"])
    sheet.append([cell])
    (back,) = read(workbook_bytes(book))
    assert back.row_dimensions[2].height > 5 * back.row_dimensions[1].height


def test_wrapped_lines_are_counted_word_by_word():
    assert cell_lines("ที่ว่าการอำเภอพุนพิน", 36, 16, wrap=True) == 1
    assert cell_lines("กลุ่มเป้าหมาย ประเภท 1 (คน)", 11, 14, wrap=True) == 4
    assert cell_lines("บรรทัดแรก\nบรรทัดสอง", 30, 11, wrap=True) == 2
    assert cell_lines(LONG_THAI, 10, 11, wrap=False) == 1
