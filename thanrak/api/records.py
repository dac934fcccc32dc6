"""The records a district keeps, generated from the kinds of record of each app.

``thanrak.centers.records.KINDS`` (committee, meetings, plans, activities, publicity,
budget, expenses, referrals, …) and ``thanrak.producers.records.KINDS`` (wisdom, groups,
producers, products, services): for each, ``GET /districts/{district}/<slug>`` (a page of
the list) and ``GET /districts/{district}/<slug>/{<key>}`` (one record). Citizen IDs and
group members are never sent; names and phones of persons are hidden from those who do not
see personal data (``sees_personal_data``), as on the pages; reading them is audited.
"""

from typing import Any

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Schema
from ninja.orm import create_schema
from ninja.pagination import LimitOffsetPagination, paginate

from thanrak.accounts.access import get_district_for_user
from thanrak.accounts.policy import sees_personal_data
from thanrak.api import writes
from thanrak.api.api import api
from thanrak.api.schemas import ERRORS
from thanrak.audit.services import record_personal_read
from thanrak.centers import records as center_records
from thanrak.centers.access import get_center_for_user
from thanrak.producers import records as producer_records

# Never sent: who typed it, the search index, citizen IDs.
EXCLUDED = {"created_by", "search_title", "search_body", "citizen_id", "center", "district"}


def _fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in EXCLUDED and not isinstance(field, models.FileField)
    ]


def _schema(app: str, kind) -> type[Schema]:
    # A JSON field holds a list as often as an object (an activity's topics).
    as_json = {
        field.name
        for field in kind.model._meta.concrete_fields
        if isinstance(field, models.JSONField)
    }
    return create_schema(
        kind.model,
        name=f"{kind.model.__name__}Out",
        fields=[name for name in _fields(kind.model) if name not in as_json],
        custom_fields=[
            (name, list[Any] | dict[str, Any] | None, None) for name in sorted(as_json - EXCLUDED)
        ],
    )


def _personal(app: str, obj: models.Model, name: str) -> bool:
    records = producer_records if app == "producers" else center_records
    return records.is_personal(obj, name)


def _data(app: str, kind, schema, obj, personal: bool) -> Schema:
    out = schema.from_orm(obj)
    if not personal:
        hidden = {
            name: str(producer_records.HIDDEN)
            for name, value in out
            if value and isinstance(value, str) and _personal(app, obj, name)
        }
        out = out.model_copy(update=hidden)
    return out


def _queryset(app: str, kind, district: str, user):
    if app == "centers":
        center = get_center_for_user(user, district)
        return center.district_id, kind.model.objects.filter(center=center)
    area = get_district_for_user(user, district)
    return area.pk, kind.model.objects.filter(district=area)


def _register(app: str, kind) -> None:
    schema = _schema(app, kind)
    tag = "district records" if app == "centers" else "wisdom, groups and OTOP"
    listed = kind.listed_persons
    shown = kind.persons

    def record_list(request, district: str):
        code, queryset = _queryset(app, kind, district, request.user)
        personal = sees_personal_data(request.user)
        rows = list(queryset.order_by("-pk"))
        persons = sum(listed(r) for r in rows) if listed and kind.shows_persons(personal) else 0
        if persons:
            record_personal_read(request, kind.model, persons=persons, district=code, api=True)
        # As data read by its field's own names (a foreign key as ``producer_id``): the page's
        # schema reads each item again, and an item of the schema itself has ``producer``.
        return [_data(app, kind, schema, row, personal).model_dump(by_alias=True) for row in rows]

    def record_detail(request, district: str, pk: int):
        code, queryset = _queryset(app, kind, district, request.user)
        record = get_object_or_404(queryset, pk=pk)
        personal = sees_personal_data(request.user)
        if shown and kind.shows_persons(personal) and (persons := shown(record)):
            record_personal_read(request, record, persons=persons, district=code, api=True)
        return _data(app, kind, schema, record, personal)

    record_list.__name__ = f"{app}_{kind.key}_list"
    api.get(
        f"/districts/{{district}}/{kind.slug}",
        response={200: list[schema], **ERRORS},
        url_name=f"{app}_{kind.key}_list",
        operation_id=f"{app}_{kind.key}_list",
        tags=[tag],
        summary=f"The {_english(kind.model._meta.verbose_name_plural)} of a district",
    )(paginate(LimitOffsetPagination)(record_list))

    # The path keyword names the kind, as the pages' URLs do (<int:meeting>).
    def detail(request, district: str, **kwargs):
        return record_detail(request, district, kwargs[kind.key])

    detail.__name__ = f"{app}_{kind.key}_detail"
    detail.__signature__ = _detail_signature(kind.key)
    api.get(
        f"/districts/{{district}}/{kind.slug}/{{{kind.key}}}",
        response={200: schema, **ERRORS},
        url_name=f"{app}_{kind.key}",
        operation_id=f"{app}_{kind.key}_detail",
        tags=[tag],
        summary=f"One {_english(kind.model._meta.verbose_name)}",
    )(detail)

    writes.register(app, kind, schema, tag, _english)


def _english(text) -> str:
    with translation.override("en"):
        return str(text)


def _detail_signature(key: str):
    import inspect

    from django.http import HttpRequest

    P = inspect.Parameter
    return inspect.Signature(
        [
            P("request", P.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
            P("district", P.KEYWORD_ONLY, annotation=str),
            P(key, P.KEYWORD_ONLY, annotation=int),
        ]
    )


for _kind in center_records.KINDS.values():
    _register("centers", _kind)
for _kind in producer_records.KINDS.values():
    _register("producers", _kind)
