"""Spreadsheets the project writes (.xlsx and .csv): text in a cell is never a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be
run as a formula by a spreadsheet program (OWASP "CSV injection"): a producer named
``=HYPERLINK(...)`` must come out of an export as that text, not as a link or a command.
openpyxl itself turns any string starting with ``=`` into a formula.

The rule, in one place:
- in a workbook, such text is written as a string cell (never a formula) with Excel's
  quote prefix, the style Excel gives a value typed with a leading apostrophe: the cell shows
  the text as it is, and stays text when someone edits it;
- in a CSV file, which has no types, such text gets a leading apostrophe.
Numbers, dates and booleans are left as they are (a negative number stays a number).

Every export writes through ``Workbook`` and ``csv_writer`` of this module; ruff's
banned-api rule (pyproject.toml) keeps ``openpyxl.Workbook`` and ``csv.writer`` out of the
rest of the project. The project's own formulas (a total row) are written with ``formula``.

Every sheet also prints right without anyone touching the page setup (``print_setup``):
A4, one page wide, the header rows frozen on screen and repeated on every printed page, a
page number in the footer. Each row is given the height its text needs (``row_height``):
LibreOffice does not grow a row for wrapped text when it opens a file, and a row of
Excel's default height clips the marks above and below Thai letters. A date cell shows its Buddhist-era year (``BE_DATE``) and a
``Decimal`` (money, in this project) shows ``#,##0.00``, unless its cell says otherwise.
An exporter calls ``print_setup`` with its own header rows and column widths (for a streamed
sheet, before its first row); a sheet that does not gets the defaults (one header row).
"""

import csv
import datetime as dt
import io
import itertools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import openpyxl
from django.http import HttpResponse
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Number formats. Calendar 07 (Thai Buddhist) of locale 041E (Thai): Excel and LibreOffice
# both show a date cell of 20 Aug 2020 as «20 ส.ค. 2563»; the cell stays a date (sorts,
# filters, date arithmetic).
BE_DATE = "[$-107041E]d mmm yyyy"
BE_DATETIME = "[$-107041E]d mmm yyyy hh:mm"
# The same date as an official document prints it: «๒๐ สิงหาคม ๒๕๖๓» (Thai digits, 0D).
BE_DATE_THAI = "[$-D07041E]d mmmm yyyy"
AMOUNT = "#,##0.00"
COUNT = "#,##0"
# openpyxl's own formats for a date or datetime given no format (shown in C.E.).
_PLAIN_DATE_FORMATS = {"General", "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"}

# The sum of column widths (Excel's character units) that still reads well on A4 portrait
# at the scale fit-to-width gives; a wider sheet prints landscape.
PORTRAIT_MAX_WIDTH = 110
DEFAULT_WIDTH = 13  # openpyxl writes no width: Excel's default column (8.43) plus padding
DEFAULT_SIZE = 11  # points, the font of a cell given none
# Row height per point of font size: room for Thai marks above and below the line.
LINE_HEIGHT = 1.6
# Characters of text per unit of column width at 11 pt (measured on Thai text printed by
# LibreOffice, less a margin: erring low gives a row room rather than clipping it).
CHARS_PER_UNIT = 1.0


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet program could take this value for a formula."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_value(value: Any) -> Any:
    """The value for a CSV cell: formula-like text gets a leading apostrophe."""
    return "'" + value if looks_like_formula(value) else value


def as_text(cell: Cell) -> Cell:
    """Make a cell holding formula-like text a plain string cell with the quote prefix."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def formula(cell: Cell, text: str) -> Cell:
    """Write one of the project's own formulas (``=SUM(B4:B22)``) into a cell."""
    workbook = cell.parent.parent
    if not isinstance(workbook, Workbook):
        raise TypeError("formulas are written only into thanrak.core.spreadsheets.Workbook")
    cell.value = text
    workbook.own_formulas[id(cell)] = (cell, text)
    return cell


def default_format(value: Any) -> str | None:
    """The number format a value gets when its cell has none: B.E. dates, baht amounts."""
    if isinstance(value, dt.datetime):
        return BE_DATETIME
    if isinstance(value, dt.date):
        return BE_DATE
    if isinstance(value, Decimal):
        return AMOUNT
    return None


def _formatted(cell: Cell) -> Cell:
    wanted = default_format(cell.value)
    if wanted and (cell.number_format in _PLAIN_DATE_FORMATS):
        cell.number_format = wanted
    return cell


def print_setup(
    sheet: Worksheet | WriteOnlyWorksheet,
    *,
    header_rows: int = 1,
    widths: Sequence[float] | None = None,
    landscape: bool | None = None,
    freeze_columns: int = 0,
    grid: bool = False,
) -> None:
    """Make the sheet print on A4, one page wide, its ``header_rows`` on every page.

    ``widths`` sets the columns' widths (Excel's character units); the orientation follows
    from them unless ``landscape`` is given. The header rows (and ``freeze_columns``
    columns) stay in view when scrolling. ``grid`` prints the cell grid, for a plain list
    without borders. A streamed sheet must be set up before its first row.
    """
    if widths is not None:
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    if landscape is None:
        landscape = _total_width(sheet) > PORTRAIT_MAX_WIDTH
    setup = sheet.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.7
    sheet.print_options.gridLines = grid
    sheet.oddFooter.center.text = "&P / &N"  # page x of n
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"
    if header_rows or freeze_columns:
        sheet.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_rows + 1}"
    sheet._thanrak_printed = True


def _total_width(sheet) -> float:
    if isinstance(sheet, WriteOnlyWorksheet):
        columns = len(sheet.column_dimensions)
    else:
        columns = max(sheet.max_column, len(sheet.column_dimensions))
    total = 0.0
    for index in range(1, columns + 1):
        dim = sheet.column_dimensions.get(get_column_letter(index))
        total += dim.width if dim is not None and dim.width else DEFAULT_WIDTH
    return total


def _text_length(text: str) -> int:
    """Characters that take width: Thai vowel and tone marks above and below take none."""
    return sum(1 for ch in text if not unicodedata.combining(ch))


def cell_lines(value: Any, width: float, size: float, wrap: bool) -> int:
    """How many lines a cell's text takes in a column ``width`` units wide."""
    if value is None:
        return 0
    if not wrap or not isinstance(value, str):
        return 1
    per_line = max(1.0, width * CHARS_PER_UNIT * DEFAULT_SIZE / size)
    return sum(_paragraph_lines(part, per_line) for part in value.split("\n"))


def _paragraph_lines(text: str, per_line: float) -> int:
    """Lines of one paragraph wrapped word by word, as a spreadsheet program wraps it.

    A run longer than a line (Thai writes no spaces between words) is broken between its
    words, which fills a line less: counted at 80 % a line, and the next word on a new one.
    """
    lines, used = 1, 0.0
    for word in text.split(" "):
        length = _text_length(word)
        if used and used + 1 + length > per_line:
            lines, used = lines + 1, 0.0
        if length > per_line:
            lines += math.ceil(length / (0.8 * per_line)) - 1
            used = per_line
        else:
            used += (1 if used else 0) + length
    return lines


def row_height(cells: Iterable[tuple[Any, float, float, bool]]) -> float | None:
    """The height in points of a row of (value, column width, font size, wrapped) cells."""
    heights = [
        cell_lines(value, width, size, wrap) * size * LINE_HEIGHT
        for value, width, size, wrap in cells
        if value is not None
    ]
    return round(max(heights), 1) if heights else None


def _width_of(sheet, column: int) -> float:
    dim = sheet.column_dimensions.get(get_column_letter(column))
    return dim.width if dim is not None and dim.width else DEFAULT_WIDTH


def _cell_facts(sheet, cell, column: int, span: float | None = None) -> tuple:
    font = getattr(cell, "font", None)
    size = (font.sz if font is not None and font.sz else None) or DEFAULT_SIZE
    alignment = getattr(cell, "alignment", None)
    wrap = bool(alignment is not None and alignment.wrap_text)
    return cell.value, span or _width_of(sheet, column), float(size), wrap


def _fit_rows(sheet: Worksheet) -> None:
    """Give each row of an ordinary sheet the height of its tallest cell (merged cells
    measured across their columns); a height an exporter set is kept."""
    merged = {}
    for cells in sheet.merged_cells.ranges:
        width = sum(_width_of(sheet, c) for c in range(cells.min_col, cells.max_col + 1))
        merged[(cells.min_row, cells.min_col)] = width
    for row in sheet.iter_rows():
        if not row:
            continue
        number = row[0].row
        if number in sheet.row_dimensions and sheet.row_dimensions[number].height:
            continue
        height = row_height(
            _cell_facts(sheet, cell, cell.column, merged.get((number, cell.column)))
            for cell in row
            if cell.value is not None
        )
        if height:
            sheet.row_dimensions[number].height = height


def is_set_up(sheet) -> bool:
    return getattr(sheet, "_thanrak_printed", False)


class _SafeWriteOnlyWorksheet(WriteOnlyWorksheet):
    """A streamed sheet: each row is made safe as it is appended (it cannot be revisited).

    A sheet not set up for printing gets the defaults before its first row; each row the
    height of its tallest cell.
    """

    _row_number = 0

    def append(self, row: Iterable[Any]) -> None:
        if not is_set_up(self):
            print_setup(self)
        cells = [self._safe(value) for value in row]
        self._row_number += 1
        height = row_height(
            _cell_facts(self, cell, i)
            if isinstance(cell, Cell)
            else (cell, _width_of(self, i), DEFAULT_SIZE, False)
            for i, cell in enumerate(cells, 1)
            if cell is not None
        )
        if height:
            self.row_dimensions[self._row_number].height = height
        super().append(cells)
        # Written: its dimension is not kept (a list may have 100,000 rows).
        self.row_dimensions.pop(self._row_number, None)

    def _safe(self, value: Any) -> Any:
        if isinstance(value, Cell):
            return _formatted(as_text(value))
        if looks_like_formula(value):
            return as_text(WriteOnlyCell(self, value=value))
        if default_format(value):
            cell = WriteOnlyCell(self, value=value)
            cell.number_format = default_format(value)
            return cell
        return value


class Workbook(openpyxl.Workbook):
    """An openpyxl workbook whose text cells are never saved as formulas.

    Cells of ordinary sheets are made safe when the workbook is saved, whichever way they
    were filled in (``append``, ``cell()``, ``sheet["A1"] = …``); rows of a write-only
    workbook as they are appended.
    """

    def __init__(self, *, write_only: bool = False):
        super().__init__(write_only=write_only)
        # id(cell) -> (cell, text); the cell is kept so that its id stays its own.
        self.own_formulas: dict[int, tuple[Cell, str]] = {}

    def create_sheet(self, title: str | None = None, index: int | None = None):
        if not self.write_only:
            return super().create_sheet(title, index)
        sheet = _SafeWriteOnlyWorksheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet

    def save(self, filename) -> None:
        for sheet in self.worksheets:
            if not is_set_up(sheet) and not (self.write_only and sheet._writer is not None):
                print_setup(sheet)
        if not self.write_only:
            for sheet in self.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        own = self.own_formulas.get(id(cell))
                        if own is None or own[0] is not cell or cell.value != own[1]:
                            as_text(cell)
                        _formatted(cell)
                _fit_rows(sheet)
        super().save(filename)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    if not isinstance(workbook, Workbook):
        raise TypeError("exports are written with thanrak.core.spreadsheets.Workbook")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _SafeCsvWriter:
    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **kwargs) -> _SafeCsvWriter:
    """A ``csv.writer`` whose formula-like text cells get a leading apostrophe."""
    return _SafeCsvWriter(file, **kwargs)


class _Echo:
    """A file that hands back what is written to it."""

    def write(self, value: str) -> str:
        return value


def csv_line_writer(**kwargs) -> _SafeCsvWriter:
    """A guarded CSV writer whose ``writerow`` returns the line: for streamed responses."""
    return _SafeCsvWriter(_Echo(), **kwargs)


# --- A list as a workbook ------------------------------------------------------

# How many rows are read ahead to size the columns; the widest a column gets.
SAMPLE_ROWS = 200
MAX_WIDTH = 50


def workbook_response(
    filename: str, title: str, headers: list[str], rows: list[list[str]]
) -> HttpResponse:
    """A sheet with the title in row 1, bold headers in row 2, then the rows."""
    response = HttpResponse(
        list_workbook(title, headers, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _width(value: object) -> float:
    if isinstance(value, dt.date):
        return 13
    if isinstance(value, Decimal | int | float):
        return 12
    longest = max((len(line) for line in str(value).splitlines()), default=0)
    return longest * 1.1 + 2  # Thai marks take no width: a little over the character count


def list_workbook(title: str, headers: list[str], rows: Iterable[list]) -> bytes:
    """A streamed sheet: the title in row 1, bold headers in row 2, then the rows.

    The first rows are read ahead to size the columns (a streamed sheet's widths come
    before its rows); it prints on A4, one page wide, the title and headers on each page.
    """
    rows = iter(rows)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    widths = [
        min(MAX_WIDTH, max(10, _width(header) * 0.8, *(_width(r[i]) for r in sample)))
        for i, header in enumerate(headers)
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    print_setup(sheet, header_rows=2, widths=widths, grid=True)
    sheet.append([title])
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        cell.alignment = wrap
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in itertools.chain(sample, rows):
        sheet.append(row)
    return workbook_bytes(workbook)
