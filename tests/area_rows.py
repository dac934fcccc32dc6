"""Thailand's areas put back after a transactional test emptied the tables.

A transactional test (every browser test) ends by flushing the database, areas included.
`load_areas` builds and upserts the 8,400 rows through the ORM (about 0.8 s); the same rows
as the first load after a flush left them, inserted again with one executemany per table,
take a few hundredths of a second.
"""

import io

from django.core.management import call_command
from django.db import connection, transaction

from thanrak.areas.models import District, Province, Subdistrict

MODELS = (Province, District, Subdistrict)  # in the order their foreign keys need
_rows: dict[type, list[tuple]] = {}


def _columns(model) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


def load_areas() -> None:
    """Fill the empty area tables: by `load_areas` the first time, then from its rows."""
    if not _rows:
        call_command("load_areas", stdout=io.StringIO())
        for model in MODELS:
            _rows[model] = list(model.objects.order_by().values_list(*_columns(model)))
        return
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in MODELS:
            columns = _columns(model)
            # Table and column names from the models' own metadata; the values as parameters.
            sql = (
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * len(columns))})"
            )
            cursor.executemany(sql, _rows[model])
