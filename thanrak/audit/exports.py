"""The audit trail as CSV or Excel: the admin's filtered list, every row, formula-safe."""

import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thanrak.audit.models import AuditEvent
from thanrak.core.spreadsheets import (
    BE_DATETIME,
    Workbook,
    csv_line_writer,
    print_setup,
    workbook_bytes,
)

# The event's fields shown as they are recorded, in the order of the file and the admin.
RECORDED = (
    "username",
    "ip",
    "method",
    "path",
    "status",
    "object_type",
    "object_id",
    "district",
    "persons",
    "unmasked",
)
FIELDS = ("created_at", "kind", *RECORDED, "detail")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column widths of the workbook, in the order of FIELDS.
WIDTHS = (22, 16, 14, 14, 8, 36, 8, 16, 10, 8, 8, 8, 40)


def headers() -> list[str]:
    return [str(AuditEvent._meta.get_field(name).verbose_name) for name in FIELDS]


def _row(event: AuditEvent) -> list:
    return [
        timezone.localtime(event.created_at).replace(tzinfo=None),
        event.get_kind_display(),
        event.username,
        event.ip or "",
        event.method,
        event.path,
        event.status,
        event.object_type,
        event.object_id,
        event.district,
        event.persons,
        event.unmasked,
        json.dumps(event.detail, ensure_ascii=False, sort_keys=True) if event.detail else "",
    ]


def _rows(events: QuerySet) -> Iterator[list]:
    for event in events.iterator(chunk_size=2000):
        yield _row(event)


def csv_response(events: QuerySet, filename: str) -> StreamingHttpResponse:
    """A CSV file in UTF-8 with a byte-order mark, so spreadsheet programs read the Thai."""
    writer = csv_line_writer()

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(headers())
        for row in _rows(events):
            row[0] = row[0].strftime("%Y-%m-%d %H:%M:%S")
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(events: QuerySet, filename: str, title: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    print_setup(sheet, header_rows=1, widths=WIDTHS, grid=True)
    bold = Font(bold=True)
    sheet.append([_bold(sheet, header, bold) for header in headers()])
    for row in _rows(events):
        when = WriteOnlyCell(sheet, value=row[0])
        when.number_format = f"{BE_DATETIME}:ss"
        sheet.append([when, *row[1:]])
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _bold(sheet, value: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell
