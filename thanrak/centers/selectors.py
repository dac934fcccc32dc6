"""Reads of center records that are more than a filter."""

from django.db.models import Model, QuerySet

from thanrak.centers.models import Center
from thanrak.core import records as core_records
from thanrak.core.records import RecordKind, format_value


def records_of(kind: RecordKind, center: Center, fiscal_year: int | None) -> QuerySet:
    """The center's records of one kind for a fiscal year (all years when None), with file counts."""
    return core_records.records_of(kind, kind.model.objects.filter(center=center), fiscal_year)


def fiscal_years_of(kind: RecordKind, center: Center) -> list[int]:
    """The fiscal years the center's list of this kind offers, newest first, this one too."""
    return core_records.fiscal_years_offered(kind, kind.model.objects.filter(center=center))


def fiscal_years_with_records(kind: RecordKind, center: Center) -> list[int]:
    """The fiscal years in which the center has records of this kind, newest first."""
    return core_records.fiscal_years_with_records(kind, kind.model.objects.filter(center=center))


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
