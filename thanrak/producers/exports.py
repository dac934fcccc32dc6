"""Every list as an Excel workbook: Thai headers, B.E. dates, citizen IDs masked.

Dates and amounts are written as date and number cells (a date shows its B.E. year, an
amount ``#,##0.00``); every other column as the text the list page shows.
"""

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from thanrak.core.spreadsheets import Workbook, print_setup, workbook_bytes
from thanrak.producers.records import display_value

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


def list_rows(
    kind,
    records: QuerySet,
    personal: bool,
    *,
    with_district: bool = False,
    on_row: Callable[[object], None] | None = None,
) -> Iterator[list[str]]:
    """The rows of a list export, read in chunks (a national list has ~100,000 rows);
    ``on_row(record)`` is told of each record (progress, persons named)."""
    for record in records.iterator(chunk_size=2000):
        if on_row:
            on_row(record)
        values = [cell_value(record, c, personal) for c in kind.columns]
        if with_district:
            values = [record.district.province.name_th, record.district.name_th, *values]
        yield values


def cell_value(record: Model, column: str, personal: bool) -> object:
    """A list's cell: a date, an amount or a count as itself, else the text shown on screen."""
    try:
        field = record._meta.get_field(column)
    except FieldDoesNotExist:
        field = None
    typed = (models.DateField, models.DecimalField, models.IntegerField)
    if isinstance(field, typed) and not field.choices:
        value = getattr(record, column)
        if value is not None:
            return value
    return display_value(record, column, personal)


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
