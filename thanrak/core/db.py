"""Database helpers: the ``thai`` collation on SQLite and PostgreSQL alike."""

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate, Lower

from thanrak.core.thai import english_active, fiscal_year_range, thai_sort_key

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


def area_name_order(path: str = ""):
    """Return an order_by() expression sorting areas (``path`` leads to one: ``district__``)
    by their name as the page writes it: Thai names in Thai dictionary order, English names
    (a page in English) from A to Z. Documents are drawn in Thai, so in Thai order."""
    if english_active():
        return Lower(F(f"{path}name_en")).asc()
    return thai_order(f"{path}name_th")


def _is_name(model: type[models.Model], path: str) -> bool:
    """Say whether ``path`` (``name``, ``producer__name``) ends at free text, not a code."""
    field = None
    for part in path.split("__"):
        if field is not None:
            if not field.is_relation:
                return False
            model = field.related_model
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # a transform or an annotation: left as it is
            return False
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def thai_ordering(model: type[models.Model], ordering) -> list:
    """Return ``ordering`` (as in Meta.ordering) with every name sorted in Thai dictionary
    order: Meta.ordering itself stays plain (``["name", "id"]``), the queries that list
    records for people pass it through here."""
    result = []
    for item in ordering:
        if isinstance(item, str) and _is_name(model, item.lstrip("-")):
            result.append(thai_order(item.lstrip("-"), descending=item.startswith("-")))
        else:
            result.append(item)
    return result


def in_thai_order(queryset: models.QuerySet) -> models.QuerySet:
    """Return ``queryset`` with its names in Thai dictionary order: its own ordering, or its
    model's, through ``thai_ordering``; areas (ordered by code) by their Thai name."""
    model = queryset.model
    ordering = list(queryset.query.order_by) or list(model._meta.ordering)
    if ordering == ["code"] and _is_name(model, "name_th"):
        ordering = ["name_th", "code"]
    return queryset.order_by(*thai_ordering(model, ordering))


def in_fiscal_year(field: str) -> Callable[[int], Q]:
    """Return a function of a B.E. fiscal year giving the Q for ``field`` (a date) within it."""

    def q(fiscal_year: int) -> Q:
        start, end = fiscal_year_range(fiscal_year)
        return Q(**{f"{field}__gte": start, f"{field}__lte": end})

    return q
