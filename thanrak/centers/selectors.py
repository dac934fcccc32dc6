"""Reads of center records that are more than a filter."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Model, QuerySet, Sum

from thanrak.centers.models import Activity, BudgetAllocation, Center, Expense, topics_text
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
    just after the record is saved, which the history keeps as rows of their own (one to
    remove, one to add); each field then reads from its value before the save to its value
    after it."""
    entries = list(
        record.history.select_related("history_user").order_by("history_date", "history_id")
    )
    model = type(record)
    steps: list[_Step] = []
    previous = None
    for entry in entries:
        changes = {}
        if previous is not None and entry.history_type == "~":
            delta = entry.diff_against(previous, excluded_fields=HISTORY_UNSAID)
            changes = {change.field: (change.old, change.new) for change in delta.changes}
        if steps and _same_save(steps[-1], entry, previous, changes, model):
            steps[-1].add(changes)
        else:
            steps.append(_Step(entry.history_date, entry.history_user, entry.history_type, changes))
        previous = entry
    shown = [step.shown(model) for step in reversed(steps)]
    # A save that changed nothing a person reads (the same form sent again) is not an entry.
    return [entry for entry in shown if entry["type"] != "~" or entry["changes"]]


# The rows of one save are written in one request, this close to each other.
SAVE_GAP = dt.timedelta(seconds=5)


@dataclass
class _Step:
    when: dt.datetime
    who: object
    type: str  # "+", "~" or "-", as the history's rows
    changes: dict  # field name -> (value before the step, value after it)

    def add(self, changes: dict) -> None:
        for name, (old, new) in changes.items():
            self.changes[name] = (self.changes.get(name, (old, new))[0], new)

    def shown(self, model: type[Model]) -> dict:
        shown = []
        if self.type == "~":  # a creation or a deletion lists no changes
            for name, (old, new) in self.changes.items():
                field = model._meta.get_field(name)
                if field.many_to_many:
                    shown += _m2m_shown(field, old, new)
                elif _same_value(old, new):
                    continue
                else:
                    shown.append((field.verbose_name, _shown(field, old), _shown(field, new)))
        return {"when": self.when, "who": self.who, "type": self.type, "changes": shown}


def _same_save(step: _Step, entry, previous, changes: dict, model: type[Model]) -> bool:
    """Whether the row only sets many-to-many fields right after the row before it, by the
    same person (the rest of that save), not a change of its own."""
    if step.type == "-" or entry.history_type != "~":
        return False
    if not one_action(previous, entry):
        return False
    return all(model._meta.get_field(name).many_to_many for name in changes)


def one_action(previous, row) -> bool:
    """Whether a history row was written by the same action as the row before it: the
    same person, moments later (SAVE_GAP)."""
    return (
        previous.history_user_id == row.history_user_id
        and row.history_date - previous.history_date <= SAVE_GAP
    )


def _m2m_shown(field, old, new) -> list[tuple]:
    """A many-to-many change as who left (struck through) and who joined: «นายก → นางข»."""
    key = field.m2m_reverse_field_name()
    before = {row[key] for row in old or []}
    after = {row[key] for row in new or []}
    if before == after:
        return []
    names = {obj.pk: str(obj) for obj in field.related_model.objects.filter(pk__in=before | after)}

    def listed(ids: set) -> str:
        return ", ".join(sorted(names.get(pk, str(pk)) for pk in ids)) or "–"

    return [(field.verbose_name, listed(before - after), listed(after - before))]


def _same_value(old, new) -> bool:
    """Whether two values read the same: text that differs only in its line ends or the
    spaces around it (a browser sends CR LF), a list in another order (topics ticked)."""
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()
    if isinstance(old, list) and isinstance(new, list):
        return sorted(map(str, old)) == sorted(map(str, new))
    return old == new


def _shown(field, value) -> str:
    if isinstance(value, list):
        # A list kept as JSON: an activity's knowledge topics, read as the record page does.
        text = topics_text(value) if field.model is Activity else ", ".join(map(str, value))
        return text or "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and value is not None:
        try:
            return str(field.related_model.objects.get(pk=value))
        except field.related_model.DoesNotExist:
            return str(value)
    return format_value(value)
