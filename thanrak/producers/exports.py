"""Every list as an Excel workbook: Thai headers, B.E. dates, citizen IDs masked."""

from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thanrak.core.spreadsheets import Workbook, workbook_bytes
from thanrak.producers.records import display_value


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
        values = [display_value(record, c, personal) for c in kind.columns]
        if with_district:
            values = [record.district.province.name_th, record.district.name_th, *values]
        yield values


def list_workbook(title: str, headers: list[str], rows: Iterable[list[str]]) -> bytes:
    """A streamed sheet: the title in row 1, bold headers in row 2, then the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append([title])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)
