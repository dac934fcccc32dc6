"""Database helpers: the ``thai`` collation on SQLite and PostgreSQL alike."""

from collections.abc import Callable

from django.db.models import F, Q
from django.db.models.functions import Collate

from thanrak.core.thai import fiscal_year_range, thai_sort_key

# PostgreSQL gets this collation from ICU in migration core.0001; SQLite gets it
# from Python on every new connection.
COLLATION = "thai"


def _compare(a: str | None, b: str | None) -> int:
    ka, kb = thai_sort_key(a or ""), thai_sort_key(b or "")
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def thai_order(field: str, *, descending: bool = False):
    """Return an order_by() expression sorting a text field in Thai dictionary order."""
    expression = Collate(F(field), COLLATION)
    return expression.desc() if descending else expression.asc()


def in_fiscal_year(field: str) -> Callable[[int], Q]:
    """Return a function of a B.E. fiscal year giving the Q for ``field`` (a date) within it."""

    def q(fiscal_year: int) -> Q:
        start, end = fiscal_year_range(fiscal_year)
        return Q(**{f"{field}__gte": start, f"{field}__lte": end})

    return q
