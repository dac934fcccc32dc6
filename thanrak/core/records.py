"""Kinds of record a district keeps, as data, and what their pages share.

An app declares its kinds with ``registry(app, [RecordKind(...), ...])``: each kind says
its model, form, the columns of its list, how its list is filtered by fiscal year, and who
writes it. The app's urls.py makes the pages of every kind with ``record_urls``, and its
views render the one set of templates in ``templates/records/`` (list, form, detail). The
views fetch through the app's access helpers; the helpers here take the records and the
owner (a center or a district) they are given.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import ModuleType

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Model, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thanrak.core import thai
from thanrak.core.db import in_fiscal_year, thai_ordering
from thanrak.core.filters import ALL_YEARS

# What a page shows in place of a person's name or phone the user does not see.
HIDDEN = gettext_lazy("(hidden)")

# How a record's column is shown: (record, column name, personal) -> text. personal=False:
# the user does not see people's names and phones (an executive viewer).
Display = Callable[[Model, str, bool], str]

# The page that imports a kind's records from a workbook, by kind slug: district code -> its
# address. The app that runs the imports fills it when it is ready (producers' apps.py); a
# list shows «นำเข้าจาก Excel» only for the kinds here ({% import_url %}, templatetags/records.py).
IMPORT_PAGES: dict[str, Callable[[str], str]] = {}


@dataclass(frozen=True)
class RecordKind:
    key: str  # URL keyword and name prefix: "meeting" -> centers:meeting_list, <int:meeting>
    slug: str  # URL segment: /districts/8417/meetings/
    model: type[Model]
    form: type[django_forms.ModelForm]
    columns: tuple[str, ...]
    title: Promise
    # The rows the record keeps, edited on its form: (prefix, formset class, title); a prefix
    # of None keeps the formset's own.
    formsets: tuple[tuple[str | None, type, Promise], ...] = ()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # The Q of a fiscal year's records. Without one: the fiscal year of date_field, or the
    # value of the one year field; None for a kind whose list offers no years.
    fiscal_filter: Callable[[int], Q] | None = None
    date_field: str | None = None  # the date whose fiscal year the list offers
    year_fields: tuple[str, ...] = ()  # fiscal-year number fields the list offers
    writer: str = "district"  # "district": the district's officer; "province": the province officer
    hint: Promise | None = None
    searchable: bool = True
    not_on_page: tuple[str, ...] = ()  # form fields a record's facts leave out (shown below)
    # For the audit trail: how many persons' names, phones or citizen IDs the record's page
    # shows, and a row of its list (None: the page or list shows none).
    persons: Callable[[Model], int] | None = None
    listed_persons: Callable[[Model], int] | None = None
    # Whether a user who does not see personal data (an executive viewer) sees those persons
    # hidden: then their reading the kind is no personal read. The committee and a meeting's
    # attendees are named by their office, for everyone.
    persons_hidden: bool = False
    # The column the record's name (its str) shows, when that may name a person: the page's
    # heading is then that column as the user may see it (``heading``).
    title_field: str | None = None
    # Set by registry() for every kind of an app:
    app: str = ""  # URL namespace and template folder (<app>/_record_nav.html)
    labels: dict[str, Promise] = field(default_factory=dict)  # columns that are no field
    display: Display | None = None
    exportable: bool = False  # the list has an Excel export (<key>_export)
    stylesheet: str = ""  # the app's stylesheet, linked from every record page
    files_title: Promise | None = None  # the heading of a record's evidence files
    # Its files say what they show (minutes, receipt …: the rules read it), chosen at
    # upload and changed on the file's card; the others' take the guessed purpose.
    file_purposes: bool = False

    def __post_init__(self) -> None:
        if self.fiscal_filter is None and self.date_field:
            object.__setattr__(self, "fiscal_filter", in_fiscal_year(self.date_field))
        elif self.fiscal_filter is None and len(self.year_fields) == 1:
            object.__setattr__(self, "fiscal_filter", _in_year(self.year_fields[0]))

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name

    @property
    def formset(self) -> type | None:
        """The formset of a kind that keeps rows (None for the others)."""
        return self.formsets[0][1] if self.formsets else None

    @property
    def url_names(self) -> dict[str, str]:
        """The names of the kind's pages: {% url kind.url_names.create district.code %}."""
        pages = ("list", "export", "create", "detail", "edit", "delete")
        return {page: f"{self.app}:{self.key}_{page}" for page in pages}

    def column_label(self, name: str) -> str:
        return column_label(self.model, name, self.labels)

    def value(self, record: Model, name: str, personal: bool = True) -> str:
        return self.display(record, name, personal)

    def shows_persons(self, personal: bool) -> bool:
        """Whether the kind's pages name its persons to a user (personal: whether the user
        sees personal data); the audit trail records that as a personal read."""
        return personal or not self.persons_hidden

    def heading(self, record: Model, personal: bool = True) -> str:
        """The record's name as its page heads it: hidden where it names a person the user
        does not see (personal=False, an executive viewer)."""
        if self.title_field is None or personal:
            return str(record)
        return self.value(record, self.title_field, personal)


def _in_year(name: str) -> Callable[[int], Q]:
    return lambda fy: Q(**{name: fy})


def registry(app: str, kinds: Iterable[RecordKind], **shared) -> dict[str, RecordKind]:
    """The kinds of an app by key, each told what the app's kinds share (app, labels, …)."""
    return {kind.key: replace(kind, app=app, **shared) for kind in kinds}


def kind_or_404(kinds: dict[str, RecordKind], key: str) -> RecordKind:
    if key not in kinds:
        raise Http404
    return kinds[key]


def record_urls(kinds: dict[str, RecordKind], prefix: str, views: ModuleType) -> list[URLPattern]:
    """The pages of every kind: list, (export,) new, detail, edit, delete.

    ``prefix`` is the path before the kind's slug ("districts/<str:district>/"); ``views``
    the app's views module with record_list, record_create, record_detail, record_edit,
    record_delete (and record_export for exportable kinds).
    """
    patterns = []
    for kind in kinds.values():
        base = f"{prefix}{kind.slug}/"
        one = f"{base}<int:{kind.key}>/"
        extra = {"kind": kind.key}
        patterns.append(path(base, views.record_list, extra, name=f"{kind.key}_list"))
        if kind.exportable:
            export = views.record_export
            patterns.append(path(f"{base}export/", export, extra, name=f"{kind.key}_export"))
        patterns += [
            path(f"{base}new/", views.record_create, extra, name=f"{kind.key}_create"),
            path(one, views.record_detail, extra, name=f"{kind.key}_detail"),
            path(f"{one}edit/", views.record_edit, extra, name=f"{kind.key}_edit"),
            path(f"{one}delete/", views.record_delete, extra, name=f"{kind.key}_delete"),
        ]
    return patterns


# --- Reads -------------------------------------------------------------------------


def records_of(kind: RecordKind, queryset: QuerySet, fiscal_year: int | None) -> QuerySet:
    """The owner's records of one kind (``queryset``) for a fiscal year (all years when
    None), with their related rows and file counts, in the kind's order."""
    if fiscal_year and kind.fiscal_filter:
        queryset = queryset.filter(kind.fiscal_filter(fiscal_year))
    if kind.select_related:
        queryset = queryset.select_related(*kind.select_related)
    if kind.prefetch_related:
        queryset = queryset.prefetch_related(*kind.prefetch_related)
    # Meta.ordering does not apply to an aggregate query: order explicitly.
    ordering = thai_ordering(kind.model, [*kind.model._meta.ordering, "-pk"])
    return queryset.annotate(evidence_count=Count("evidence", distinct=True)).order_by(*ordering)


def fiscal_years_with_records(kind: RecordKind, queryset: QuerySet) -> list[int]:
    """The fiscal years of the owner's records of this kind (``queryset``), newest first."""
    years: set[int] = set()
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


def fiscal_years_offered(kind: RecordKind, queryset: QuerySet) -> list[int]:
    """The years a list offers: those with records, plus this one; newest first."""
    if not kind.fiscal_filter:
        return []
    return sorted(
        {*fiscal_years_with_records(kind, queryset), thai.current_fiscal_year()}, reverse=True
    )


@dataclass
class ListYears:
    """The fiscal years a list offers and the one it shows (None: every year)."""

    years: list[int]
    selected: int | None


def list_years(asked: int | str | None, offered: list[int]) -> ListYears:
    """The year asked for (shown even with no records), None for every year, or the newest
    not after the current fiscal year (a long-term plan reaches years still to come)."""
    if not offered or asked == ALL_YEARS:
        return ListYears(offered, None)
    current = thai.current_fiscal_year()
    selected = int(asked) if asked else max((y for y in offered if y <= current), default=None)
    selected = selected or offered[-1]
    years = offered if selected in offered else sorted({*offered, selected}, reverse=True)
    return ListYears(years, selected)


# --- Pages -------------------------------------------------------------------------


def list_context(kind: RecordKind, page, personal: bool = True) -> dict:
    """The headers and rows of a list page, each cell with its column label: on a phone
    a row becomes a labelled card."""
    headers = [kind.column_label(c) for c in kind.columns]
    rows = [
        (
            record,
            [
                (h, kind.value(record, c, personal))
                for h, c in zip(headers, kind.columns, strict=True)
            ],
        )
        for record in page
    ]
    return {"headers": headers, "rows": rows}


def record_facts(kind: RecordKind, record: Model, personal: bool = True) -> list[tuple]:
    """The (label, value) of every field of the record's form, as its page shows them."""
    return [
        (kind.column_label(name), kind.value(record, name, personal))
        for name in kind.form._meta.fields
        if name not in kind.not_on_page
    ]


def form_page(
    request: HttpRequest,
    kind: RecordKind,
    record: Model,
    *,
    owner: dict,
    save: Callable[[django_forms.ModelForm, list], Model],
    context: dict,
) -> HttpResponse:
    """The form of a record and its rows; saved by ``save(form, formsets)`` when valid.

    ``owner`` is what the forms are bound to (``center=…`` or ``district=…``). A file the
    evidence checks refuse is shown at the form's files field.
    """
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = kind.form(*data, instance=record, initial=_initial(request, kind.form), **owner)
    formsets = [
        (title, formset(*data, instance=record, prefix=prefix, **owner))
        for prefix, formset, title in kind.formsets
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _t, f in formsets):
        try:
            saved = save(form, [f for _t, f in formsets])
        except ValidationError as error:
            form.add_error("files", error)
        else:
            messages.success(request, _("Saved: %(record)s") % {"record": saved})
            return redirect(saved.get_absolute_url())
    context = {
        **context,
        "kind": kind,
        "form": form,
        "formsets": formsets,
        "formset_errors": sum(f.total_error_count() for _t, f in formsets),
    }
    return render(request, "records/form.html", context)


def _initial(request: HttpRequest, form_class: type[django_forms.BaseForm]) -> dict:
    """A form opened with some of its fields in the query string starts from them: a form
    redrawn as one of its fields changes (the meeting's date, whose committee's roster it
    offers), or a link that fills a field in."""
    if request.method != "GET":
        return {}
    return {
        name: request.GET.getlist(name)
        if getattr(field.widget, "allow_multiple_selected", False)
        else request.GET[name]
        for name, field in form_class.base_fields.items()
        if name in request.GET and not isinstance(field, django_forms.FileField)
    }


# --- Showing values the Thai way -----------------------------------------------------


def column_label(model: type[Model], name: str, labels: dict[str, Promise]) -> str:
    """A column's heading: its label in ``labels`` (columns that are no field), else the
    field's verbose name."""
    if name in labels:
        return str(labels[name])
    return str(model._meta.get_field(name).verbose_name)


def field_text(record: Model, name: str) -> str:
    """A field of a record as shown: its choice's label, else its value the Thai way."""
    get_display = getattr(record, f"get_{name}_display", None)
    if callable(get_display):
        return str(get_display()) or "–"
    return format_value(getattr(record, name))


def format_value(value: object) -> str:
    """A field's value as shown on screen: B.E. dates, baht, Yes/No, "–" for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):  # a datetime too: its date
        return thai.format_date_short(value)
    if isinstance(value, Decimal):
        return thai.format_baht(value)
    return str(value)
