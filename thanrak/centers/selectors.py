"""Reads of center records that are more than a filter."""

from django.db.models import Count, Max, Min, Model, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from thanrak.centers.models import Center
from thanrak.centers.records import RecordKind, format_value
from thanrak.core import thai
from thanrak.core.db import thai_ordering


def records_of(kind: RecordKind, center: Center, fiscal_year: int | None) -> QuerySet:
    """The center's records of one kind for a fiscal year (all years when None), with file counts."""
    queryset = kind.model.objects.filter(center=center)
    if fiscal_year and kind.fiscal_filter:
        queryset = queryset.filter(kind.fiscal_filter(fiscal_year))
    if kind.select_related:
        queryset = queryset.select_related(*kind.select_related)
    if kind.prefetch_related:
        queryset = queryset.prefetch_related(*kind.prefetch_related)
    # Meta.ordering does not apply to an aggregate query: order explicitly.
    ordering = thai_ordering(kind.model, [*kind.model._meta.ordering, "-pk"])
    return queryset.annotate(evidence_count=Count("evidence", distinct=True)).order_by(*ordering)


def fiscal_years_of(kind: RecordKind, center: Center) -> list[int]:
    """The fiscal years in which the center has records of this kind, newest first, plus this year."""
    return sorted(
        {*fiscal_years_with_records(kind, center), thai.current_fiscal_year()}, reverse=True
    )


def fiscal_years_with_records(kind: RecordKind, center: Center) -> list[int]:
    """The fiscal years in which the center has records of this kind, newest first."""
    years: set[int] = set()
    queryset = kind.model.objects.filter(center=center)
    if kind.date_field:
        # Fiscal year of (year, month): October onwards belongs to the next year.
        rows = (
            queryset.annotate(y=ExtractYear(kind.date_field), m=ExtractMonth(kind.date_field))
            .values_list("y", "m")
            .distinct()
        )
        years |= {thai.be_year(y + (m >= 10)) for y, m in rows if y}
    for name in kind.year_fields:
        bounds = queryset.aggregate(low=Min(name), high=Max(name))
        if bounds["low"]:
            years |= set(range(bounds["low"], bounds["high"] + 1))
    return sorted(years, reverse=True)


def default_fiscal_year(years: list[int]) -> int:
    """This fiscal year if it has records, else the latest year that has."""
    current = thai.current_fiscal_year()
    others = [y for y in years if y != current]
    return current if not others or max(others) < current else max(others)


def record_history(record: Model) -> list[dict]:
    """Who changed what and when, newest first, with each change as (field, before, after)."""
    entries = list(
        record.history.select_related("history_user").order_by("history_date", "history_id")
    )
    model = type(record)
    result = []
    previous = None
    for entry in entries:
        changes = []
        if previous is not None and entry.history_type == "~":
            delta = entry.diff_against(
                previous, excluded_fields=["updated_at", "created_at", "created_by"]
            )
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    (field.verbose_name, _shown(field, change.old), _shown(field, change.new))
                )
        result.append(
            {
                "when": entry.history_date,
                "who": entry.history_user,
                "type": entry.history_type,
                "changes": changes,
            }
        )
        previous = entry
    return result[::-1]


def _shown(field, value) -> str:
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_many:
        return str(len(value or []))
    if field.is_relation and value is not None:
        try:
            return str(field.related_model.objects.get(pk=value))
        except field.related_model.DoesNotExist:
            return str(value)
    return format_value(value)
