"""The rows of every list for its Excel workbook (core.spreadsheets.list_workbook writes
it): B.E. dates, citizen IDs masked.

Dates and amounts are given as dates and numbers (the sheet shows a date's B.E. year, an
amount ``#,##0.00``); every other column as the text the list page shows.
"""

from collections.abc import Callable, Iterator

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model, QuerySet

from thanrak.producers.records import display_value


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
