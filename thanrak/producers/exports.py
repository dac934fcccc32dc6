"""Every list as an Excel workbook: Thai headers, B.E. dates, citizen IDs masked."""

from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thanrak.core.spreadsheets import Workbook, workbook_bytes


def workbook_response(
    filename: str, title: str, headers: list[str], rows: list[list[str]]
) -> HttpResponse:
    """A sheet with the title in row 1, bold headers in row 2, then the rows."""
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
    response = HttpResponse(
        workbook_bytes(workbook),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
