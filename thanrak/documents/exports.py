"""Lists exported to Excel by the worker: what each one is, how many rows, how it is written.

A list is exported for one district, one province (``district`` empty) or the whole
country (no province either). A short one is written in the request by its own page; one
of more than EXPORT_INLINE_MAX_ROWS rows becomes a ``GeneratedDocument`` of kind EXPORT,
made by ``tasks.make_document`` with its progress, for the user who asked and masked as
their role sees people's data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thanrak.centers.models import Activity
from thanrak.core.periods import Period
from thanrak.core.spreadsheets import list_workbook
from thanrak.documents import consolidated, render, selectors
from thanrak.documents.models import GeneratedDocument
from thanrak.producers import exports as producer_exports
from thanrak.producers import selectors as producer_selectors
from thanrak.producers.records import KINDS, column_label

DISTRICT, PROVINCE, NATION = "district", "province", "nation"


@dataclass(frozen=True)
class ExportList:
    key: str
    title: Promise
    scopes: frozenset[str]
    dated: bool  # asks for a fiscal year


def _records(document: GeneratedDocument) -> QuerySet:
    kind = KINDS[document.what]
    year = document.fiscal_year or None
    if document.district_id:
        return producer_selectors.records_of(kind, document.district, year)
    return producer_selectors.records_in_area(kind, document.province_id, year)


def _activities(document: GeneratedDocument) -> QuerySet:
    period = Period(document.fiscal_year)
    return Activity.objects.filter(
        center__district__province=document.province_id, date__range=period.range
    )


LISTS: dict[str, ExportList] = {
    **{
        kind.key: ExportList(
            kind.key, kind.title, frozenset({DISTRICT, PROVINCE, NATION}), bool(kind.fiscal_filter)
        )
        for kind in KINDS.values()
    },
    "activities": ExportList(
        "activities", _("Activities of the centers"), frozenset({PROVINCE}), dated=True
    ),
}


def scope_of(document: GeneratedDocument) -> str:
    if document.district_id:
        return DISTRICT
    return PROVINCE if document.province_id else NATION


def names_persons(document: GeneratedDocument) -> bool:
    """Whether the document's list names persons (its download is then audited)."""
    kind = KINDS.get(document.what)
    return bool(document.personal and kind and kind.listed_persons)


def count(document: GeneratedDocument) -> int:
    """How many rows the list of the document has."""
    if document.what == "activities":
        return _activities(document).count()
    return _records(document).count()


def write(document: GeneratedDocument, progress: Callable[[int], None]) -> tuple[bytes, str]:
    """The workbook of the document's list; ``progress(percent)`` as rows are written.

    Counts on the document the persons it names (written to the audit trail on download).
    """
    area = document.district_id or document.province_id or "th"
    year = f"-{document.fiscal_year}" if document.fiscal_year else ""
    filename = f"{document.what}-{area}{year}.xlsx"
    if document.what == "activities":
        province = document.province
        centers = selectors.province_centers(province.pk)
        period = Period(document.fiscal_year)
        summary = consolidated.summary(province, centers, period, document.created_at.date())
        progress(30)
        data = render.consolidated_xlsx(summary, consolidated.activity_rows(centers, period))
        return data, filename

    kind = KINDS[document.what]
    total = max(document.rows, 1)
    seen = {"rows": 0, "persons": 0}

    def on_row(record) -> None:
        seen["rows"] += 1
        if document.personal and kind.listed_persons:
            seen["persons"] += kind.listed_persons(record)
        if seen["rows"] % 2000 == 0:
            progress(5 + int(85 * seen["rows"] / total))

    wide = not document.district_id
    headers = [column_label(kind.model, c) for c in kind.columns]
    if wide:
        headers = [str(_("province")), str(_("district")), *headers]
    rows = producer_exports.list_rows(
        kind, _records(document), document.personal, with_district=wide, on_row=on_row
    )
    place = (
        document.district.full_name
        if document.district_id
        else (document.province.full_name if document.province_id else _("Thailand"))
    )
    data = list_workbook(f"{kind.title} {place}", headers, rows)
    document.persons = seen["persons"]
    document.save(update_fields=["persons"])
    return data, filename
