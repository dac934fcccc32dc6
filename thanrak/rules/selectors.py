"""Reads for the rules pages: the records behind a result, and readiness for a visit."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model, Prefetch, Q, prefetch_related_objects
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thanrak.areas.models import District, Province
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    CompositionException,
    Expense,
    Material,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Report,
)
from thanrak.core import thai
from thanrak.evidence.models import Evidence, Purpose
from thanrak.rules import guideline, text

EVIDENCE_LIST_TEMPLATE = "evidence/_list.html"


def evidence_template() -> str | None:
    """The evidence app's file list template, when that app provides it."""
    try:
        get_template(EVIDENCE_LIST_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return EVIDENCE_LIST_TEMPLATE


def record_url(record: Any) -> str | None:
    """The record's own page, when its model has one."""
    get_url = getattr(record, "get_absolute_url", None)
    if get_url is None:
        return None
    try:
        return get_url()
    except NoReverseMatch:
        return None


def _evidence_prefetch() -> Prefetch:
    return Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id"))


def _files(record: Any) -> list[Evidence] | None:
    """The record's evidence files (prefetched), or None when its kind takes no files."""
    if not hasattr(type(record), "evidence"):
        return None
    return list(record.evidence.all())


# --- The records behind a rule's result -------------------------------------------


@dataclass
class RecordLine:
    record: Any
    kind: str
    title: str
    day: dt.date | None
    detail: str
    url: str | None
    link: str
    files: list[Evidence] | None


def _detail(record: Any) -> str:
    """One short line about a record, from its own fields (whole phrases, never sentences)."""
    match record:
        case CommitteeMember():
            parts = [record.get_category_display(), str(record.position or ""), record.organisation]
            return " · ".join(p for p in parts if p)
        case CommitteeTerm():
            if record.ends_on:
                return _("term %(start)s to %(end)s") % {
                    "start": thai.format_date_short(record.starts_on),
                    "end": thai.format_date_short(record.ends_on),
                }
            return _("term from %(start)s") % {"start": thai.format_date_short(record.starts_on)}
        case CompositionException():
            return _("approved") if record.approved else _("not approved")
        case Plan():
            return f"{record.get_kind_display()} · {record.first_year}–{record.last_year}"
        case Activity() | Material():
            return record.get_kind_display()
        case Publicity():
            return record.get_channel_display()
        case Expense():
            return _("%(amount)s baht, %(vendor)s") % {
                "amount": thai.format_baht(record.amount),
                "vendor": record.vendor,
            }
        case BudgetAllocation():
            return _("%(amount)s baht") % {"amount": thai.format_baht(record.amount)}
        case Report():
            return record.get_status_display()
        case Center():
            return record.display_location
    return ""


def _day(record: Any) -> dt.date | None:
    for name in ("date", "order_date", "letter_date"):
        value = getattr(record, name, None)
        if isinstance(value, dt.date):
            return value
    return None


def describe_records(records: list[Any]) -> list[RecordLine]:
    """Describe records of several kinds, with their evidence files in one query per kind."""
    by_model: dict[type[Model], list[Any]] = defaultdict(list)
    for record in records:
        if hasattr(type(record), "evidence"):
            by_model[type(record)].append(record)
    for group in by_model.values():
        prefetch_related_objects(group, _evidence_prefetch())
    return [
        RecordLine(
            record=record,
            kind=str(record._meta.verbose_name),
            title=str(record),
            day=_day(record),
            detail=_detail(record),
            url=record_url(record),
            link=getattr(record, "url", "") or "",
            files=_files(record),
        )
        for record in records
    ]


# --- Readiness for the monitoring visit -------------------------------------------

READY = "ready"
PARTLY = "partly"
MISSING = "missing"
READINESS_SYMBOLS = {READY: "✓", PARTLY: "◐", MISSING: "✗"}
READINESS_LABELS = {
    READY: gettext_lazy("Ready"),
    PARTLY: gettext_lazy("Partly ready"),
    MISSING: gettext_lazy("Missing"),
}

# The six items the province's letter asks each district to have ready, in its order
# and its wording (หนังสือจังหวัด ที่ สฎ ๐๐๑๙.๐๓/ว.๖๕๕๕).
READINESS_TITLES = {
    "structure": gettext_lazy("The structure that drives the center"),
    "meetings": gettext_lazy("Evidence of the center's committee meetings"),
    "plans": gettext_lazy("The plan to strengthen occupational groups"),
    "activities": gettext_lazy("Activities to strengthen occupational groups"),
    "publicity": gettext_lazy("Dissemination and publicity of the results"),
    "procurement": gettext_lazy("Procurement evidence"),
}


# The guideline's rules each item is also read against: an item whose records are there
# but fall short of the guideline (ten members where it asks eleven to fifteen) is only
# partly ready, as the compliance page says.
READINESS_RULES = {
    "structure": ("R1", "R2"),
    "meetings": ("R3",),
    "plans": ("R4",),
    "activities": ("R5",),
    "publicity": ("R6",),
    "procurement": ("R7",),
}


@dataclass
class ReadinessItem:
    number: int
    key: str
    state: str
    count: int
    note: str
    records: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # The rules of READINESS_RULES the district does not hold (guideline.Result).
    short_of: list[Any] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(READINESS_TITLES[self.key])

    @property
    def symbol(self) -> str:
        return READINESS_SYMBOLS[self.state]

    @property
    def label(self) -> str:
        return str(READINESS_LABELS[self.state])


@dataclass
class Readiness:
    district: District
    center: Center | None
    fiscal_year: int
    as_of: dt.date
    items: list[ReadinessItem]

    @property
    def ready_count(self) -> int:
        return sum(1 for item in self.items if item.state == READY)


def _has_files(record: Any) -> bool:
    return bool(record.evidence.all())


def _has_files_of(purpose: str) -> Callable[[Any], bool]:
    """Whether a record has a (prefetched) file of the purpose: minutes, a receipt …"""
    return lambda record: any(e.purpose == purpose for e in record.evidence.all())


def _structure(center: Center | None, day: dt.date) -> ReadinessItem:
    term = None
    if center is not None:
        term = (
            CommitteeTerm.objects.filter(center=center, starts_on__lte=day)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
            .order_by("-starts_on", "-id")
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=CommitteeMember.objects.select_related("position"),
                ),
                _evidence_prefetch(),
            )
            .first()
        )
    if term is None:
        return ReadinessItem(
            1,
            "structure",
            MISSING,
            0,
            _("No committee appointed by district order is in force on %(date)s.")
            % {"date": text.date(day)},
        )
    term.center = center
    members = list(term.members.all())
    params = {
        "order": text.num(term.order_number),
        "date": text.date(term.order_date),
        "count": text.num(len(members)),
    }
    if members and _has_files(term):
        state = READY
        note = _(
            "District order %(order)s of %(date)s appoints %(count)s members; "
            "the order's file is attached."
        )
    elif members:
        state = PARTLY
        note = _(
            "District order %(order)s of %(date)s appoints %(count)s members; "
            "the order's file is not attached yet."
        )
    else:
        state = PARTLY
        note = _("District order %(order)s of %(date)s lists no members.")
    return ReadinessItem(
        1, "structure", state, len(members), note % params, [term], {"members": members}
    )


def _by_files(
    number: int, key: str, records: list[Any], year: int, has: Any, notes: dict[str, Any]
) -> ReadinessItem:
    """An item that is ready when every record has its files (or link), partly when some do.

    A note is a text, or a function of the number of records that gives one (a plural)."""
    if not records:
        return ReadinessItem(number, key, MISSING, 0, notes[MISSING] % {"year": text.num(year)})
    bare = [r for r in records if not has(r)]
    params = {
        "count": text.num(len(records)),
        "bare": text.num(len(bare)),
        "year": text.num(year),
    }
    state = PARTLY if bare else READY
    note = notes[state](len(records)) if callable(notes[state]) else notes[state]
    return ReadinessItem(number, key, state, len(records), note % params, records)


def readiness(district: District, fiscal_year: int, today: dt.date | None = None) -> Readiness:
    """What the district has ready for the monitoring visit, item by item of the letter.

    The number of queries does not depend on the number of records.
    """
    today = today or timezone.localdate()
    start, end = thai.fiscal_year_range(fiscal_year)
    # The committee in force at the year's end, or today while the year runs.
    day = max(start, min(end, today))
    center = Center.objects.filter(district=district).first()
    if center is not None:
        center.district = district
    year = (start, end)
    items = [
        _structure(center, day),
        _meetings_item(_dated_records(center, Meeting, year), fiscal_year),
        _plans_item(_plans_covering(center, fiscal_year), fiscal_year),
        _activities_item(_dated_records(center, Activity, year), fiscal_year),
        _publicity_item(_dated_records(center, Publicity, year), fiscal_year),
        _procurement_item(
            _dated_records(center, Expense, year), _allocation(center, fiscal_year), fiscal_year
        ),
    ]
    for item in items:
        for record in item.records:
            record.page_url = record_url(record)
    _read_against_the_guideline(items, district, fiscal_year, today)
    return Readiness(district, center, fiscal_year, day, items)


def _read_against_the_guideline(
    items: list[ReadinessItem], district: District, fiscal_year: int, today: dt.date
) -> None:
    """Each item's rules the district does not hold; a ready item that falls short of one
    is partly ready."""
    results = guideline.evaluate([district], fiscal_year, today=today).rows[0].results
    for item in items:
        item.short_of = [
            results[rule]
            for rule in READINESS_RULES[item.key]
            if results[rule].status == guideline.NOT_HELD
        ]
        if item.short_of and item.state == READY:
            item.state = PARTLY


def _dated_records(
    center: Center | None, model: type[Model], year: tuple[dt.date, dt.date]
) -> list[Any]:
    """The center's records of the model dated within the year, with their files."""
    if center is None:
        return []
    records = list(
        model.objects.filter(center=center, date__range=year)
        .order_by("date", "id")
        .prefetch_related(_evidence_prefetch())
    )
    for record in records:
        record.center = center
    return records


def _plans_covering(center: Center | None, fiscal_year: int) -> list[Plan]:
    if center is None:
        return []
    plans = list(
        Plan.objects.filter(center=center, first_year__lte=fiscal_year)
        .filter(last_year__gte=fiscal_year)
        .order_by("kind", "-first_year")
        .prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.select_related("responsible")),
            _evidence_prefetch(),
        )
    )
    for plan in plans:
        plan.center = center
    return plans


def _allocation(center: Center | None, fiscal_year: int) -> BudgetAllocation | None:
    if center is None:
        return None
    return BudgetAllocation.objects.filter(center=center, fiscal_year=fiscal_year).first()


def _meetings_item(meetings: list[Meeting], fiscal_year: int) -> ReadinessItem:
    return _by_files(
        2,
        "meetings",
        meetings,
        fiscal_year,
        _has_files_of(Purpose.MINUTES),
        {
            MISSING: _("No committee meeting is recorded in fiscal year %(year)s."),
            READY: lambda n: ngettext(
                "%(count)s meeting in fiscal year %(year)s, with its minutes.",
                "%(count)s meetings in fiscal year %(year)s, each with its minutes.",
                n,
            ),
            PARTLY: _("%(bare)s of %(count)s meetings have no minutes attached."),
        },
    )


def _activities_item(activities: list[Activity], fiscal_year: int) -> ReadinessItem:
    return _by_files(
        4,
        "activities",
        activities,
        fiscal_year,
        _has_files,
        {
            MISSING: _("No activity is recorded in fiscal year %(year)s."),
            READY: lambda n: ngettext(
                "%(count)s activity in fiscal year %(year)s, with photos or files.",
                "%(count)s activities in fiscal year %(year)s, each with photos or files.",
                n,
            ),
            PARTLY: _("%(bare)s of %(count)s activities have no photos or files."),
        },
    )


def _publicity_item(publicity: list[Publicity], fiscal_year: int) -> ReadinessItem:
    return _by_files(
        5,
        "publicity",
        publicity,
        fiscal_year,
        lambda p: bool(p.url) or _has_files(p),
        {
            MISSING: _("No publicity is recorded in fiscal year %(year)s."),
            READY: lambda n: ngettext(
                "%(count)s publicity record, with a link or a file.",
                "%(count)s publicity records, each with a link or a file.",
                n,
            ),
            PARTLY: _("%(bare)s of %(count)s publicity records have no link or file."),
        },
    )


def _plans_item(plans: list[Plan], fiscal_year: int) -> ReadinessItem:
    year = {"year": text.num(fiscal_year)}
    kinds = {p.kind for p in plans}
    if not plans:
        return ReadinessItem(
            3, "plans", MISSING, 0, _("No plan covers fiscal year %(year)s.") % year
        )
    if kinds >= {Plan.Kind.SHORT, Plan.Kind.LONG}:
        state = READY
        note = _("A short-term and a long-term plan cover fiscal year %(year)s.")
    elif Plan.Kind.SHORT in kinds:
        state = PARTLY
        note = _(
            "Only a short-term plan covers fiscal year %(year)s; the long-term plan is missing."
        )
    else:
        state = PARTLY
        note = _(
            "Only a long-term plan covers fiscal year %(year)s; the short-term plan is missing."
        )
    return ReadinessItem(3, "plans", state, len(plans), note % year, plans)


def _procurement_item(
    expenses: list[Expense], allocation: BudgetAllocation | None, fiscal_year: int
) -> ReadinessItem:
    spent = sum((e.amount for e in expenses), Decimal(0))
    extra = {"spent": spent, "allocation": allocation}
    if not expenses:
        return ReadinessItem(
            6,
            "procurement",
            MISSING,
            0,
            _("No expense is recorded in fiscal year %(year)s.") % {"year": text.num(fiscal_year)},
            extra=extra,
        )
    bare = [e for e in expenses if not _has_files_of(Purpose.RECEIPT)(e)]
    sentences = []
    if allocation is None:
        sentences.append(
            _("Expenses total %(spent)s baht; no allocation is recorded for the year.")
            % {"spent": text.baht(spent)}
        )
    elif spent > allocation.amount:
        sentences.append(
            _("Expenses total %(spent)s baht, more than the allocation of %(allocated)s baht.")
            % {"spent": text.baht(spent), "allocated": text.baht(allocation.amount)}
        )
    else:
        sentences.append(
            _("Expenses total %(spent)s baht of the allocation of %(allocated)s baht.")
            % {"spent": text.baht(spent), "allocated": text.baht(allocation.amount)}
        )
    if bare:
        sentences.append(
            ngettext(
                "%(count)s expense has no receipt.",
                "%(count)s expenses have no receipt.",
                len(bare),
            )
            % {"count": text.num(len(bare))}
        )
    else:
        sentences.append(_("Every expense has its receipt."))
    ready = not bare and allocation is not None and spent <= allocation.amount
    return ReadinessItem(
        6,
        "procurement",
        READY if ready else PARTLY,
        len(expenses),
        " ".join(sentences),
        expenses,
        extra,
    )


# --- The nation at a glance ------------------------------------------------------


@dataclass
class ShareCell:
    """One province and rule: its districts holding the rule, and those it is due for."""

    held: int
    due: int
    districts: int

    @property
    def not_due(self) -> int:
        return self.districts - self.due

    @property
    def percent(self) -> int | None:
        """The share of the districts the rule is due for that hold it; None when it is
        due for none yet."""
        return round(100 * self.held / self.due) if self.due else None


@dataclass
class ProvinceCompliance:
    """One province against the rules: per rule, how many of its districts hold it."""

    province: Province
    districts: int = 0
    centers: int = 0
    held: list[int] = field(default_factory=list)
    # Per rule, the districts it is due for so far (held or not): a rule due later (the
    # year's report, its lessons) is not failed.
    due: list[int] = field(default_factory=list)

    @property
    def failed_share(self) -> float:
        """The share of the province's district × rule results due and not met (0 to 1)."""
        failed = sum(self.due) - sum(self.held)
        return failed / (self.districts * len(guideline.RULES)) if self.districts else 0

    @property
    def cells(self) -> list[ShareCell]:
        """Per rule: how many districts hold it, of those it is due for."""
        if not self.centers:
            return []
        return [
            ShareCell(held, due, self.districts)
            for held, due in zip(self.held, self.due, strict=True)
        ]


def nation_compliance(
    fiscal_year: int, quarter: int | None = None, today: dt.date | None = None
) -> list[ProvinceCompliance]:
    """Every province × rule, in Thai order of the provinces.

    The rules are evaluated at once for every district of the provinces that have a
    center (elsewhere nothing is recorded: the province shows no data, not ten failures).
    """
    rows = {p.pk: ProvinceCompliance(p) for p in Province.objects.all()}
    districts = list(District.objects.select_related("province").order_by("code"))
    for district in districts:
        rows[district.province_id].districts += 1
    for province in Center.objects.values_list("district__province", flat=True):
        rows[province].centers += 1
    evaluated = [d for d in districts if rows[d.province_id].centers]
    matrix = guideline.evaluate(evaluated, fiscal_year, quarter, today)
    for row in rows.values():
        row.held = [0] * len(guideline.RULES)
        row.due = [0] * len(guideline.RULES)
    for matrix_row in matrix.rows:
        row = rows[matrix_row.district.province_id]
        for i, result in enumerate(matrix_row.cells):
            row.held[i] += result.status == guideline.HELD
            row.due[i] += result.status != guideline.NOT_DUE
    return thai.collate(list(rows.values()), key=lambda r: r.province.name_th)
