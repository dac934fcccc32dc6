"""Reads of center records that are more than a filter."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Model, QuerySet, Sum

from thanrak.centers.models import BudgetAllocation, Center, Expense
from thanrak.core import records as core_records
from thanrak.core.records import RecordKind, format_value
from thanrak.core.thai import fiscal_year_range


def records_of(kind: RecordKind, center: Center, fiscal_year: int | None) -> QuerySet:
    """The center's records of one kind for a fiscal year (all years when None), with file counts."""
    return core_records.records_of(kind, kind.model.objects.filter(center=center), fiscal_year)


def fiscal_years_of(kind: RecordKind, center: Center) -> list[int]:
    """The fiscal years the center's list of this kind offers, newest first, this one too."""
    return core_records.fiscal_years_offered(kind, kind.model.objects.filter(center=center))


def fiscal_years_with_records(kind: RecordKind, center: Center) -> list[int]:
    """The fiscal years in which the center has records of this kind, newest first."""
    return core_records.fiscal_years_with_records(kind, kind.model.objects.filter(center=center))


@dataclass
class BudgetRow:
    center: Center
    allocation: BudgetAllocation | None  # with .files, the count of its evidence files
    spent: Decimal

    @property
    def balance(self) -> Decimal | None:
        return None if self.allocation is None else self.allocation.amount - self.spent


@dataclass
class Budget:
    fiscal_year: int
    rows: list[BudgetRow]

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocation.amount for r in self.rows if r.allocation), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((r.spent for r in self.rows), Decimal(0))

    @property
    def left(self) -> Decimal:
        """What the allocated centers have left (a center without an allocation counts none)."""
        return sum((r.balance for r in self.rows if r.allocation), Decimal(0))

    @property
    def unallocated(self) -> list[Center]:
        return [r.center for r in self.rows if r.allocation is None]


def province_budget(centers: QuerySet[Center], fiscal_year: int) -> Budget:
    """Each center's allocation of the fiscal year and what it spent in the year: three
    queries, whatever the number of centers."""
    centers = list(centers.select_related("district"))
    allocations = {
        a.center_id: a
        for a in BudgetAllocation.objects.filter(
            center__in=centers, fiscal_year=fiscal_year
        ).annotate(files=Count("evidence"))
    }
    spent = dict(
        Expense.objects.filter(center__in=centers, date__range=fiscal_year_range(fiscal_year))
        .values("center")
        .annotate(total=Sum("amount"))
        .values_list("center", "total")
    )
    for center in centers:
        if center.pk in allocations:
            # Its link names the district: the center loaded above, not one query each.
            allocations[center.pk].center = center
    rows = [BudgetRow(c, allocations.get(c.pk), spent.get(c.pk) or Decimal(0)) for c in centers]
    return Budget(fiscal_year, rows)


# Fields every save changes or that never change after creation: not said as changes.
HISTORY_UNSAID = ["updated_at", "created_at", "created_by"]


def record_history(record: Model) -> list[dict]:
    """Who changed what and when, newest first, with each change as (field, before, after).

    One save is one entry: a record's many-to-many fields (a meeting's attendees) are set
    just after the record is saved, which the history keeps as a row of its own."""
    entries = list(
        record.history.select_related("history_user").order_by("history_date", "history_id")
    )
    model = type(record)
    result = []
    previous = None
    for entry in entries:
        changes = []
        if previous is not None and entry.history_type == "~":
            delta = entry.diff_against(previous, excluded_fields=HISTORY_UNSAID)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    (field.verbose_name, _shown(field, change.old), _shown(field, change.new))
                )
            if result and _same_save(result[-1], entry, model, delta):
                # A creation lists no changes; an edit lists those of both rows.
                if result[-1]["type"] == "~":
                    result[-1]["changes"] += changes
                previous = entry
                continue
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


# Rows this close, by the same person, belong to one save (see record_history).
SAVE_WINDOW = dt.timedelta(seconds=60)


def _same_save(shown: dict, entry, model: type[Model], delta) -> bool:
    """Whether the row only sets many-to-many fields just after the entry shown last (by the
    same person, within a minute): part of that save, not a change «0 → 8» of its own."""
    if shown["type"] == "-" or entry.history_user != shown["who"]:
        return False
    if entry.history_date - shown["when"] > SAVE_WINDOW:
        return False
    return all(model._meta.get_field(change.field).many_to_many for change in delta.changes)


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
