"""Writes of the district records by the officer who keeps them, through the pages' forms.

For each kind of ``thanrak.centers.records.KINDS`` without rows of its own (committee terms
and plans keep members and items: written on the pages): ``POST /districts/{district}/<slug>``
creates, ``PUT`` (every field) and ``PATCH`` (the fields sent) of ``/<slug>/{<key>}`` change,
``DELETE`` deletes. The JSON is checked by the same form the page uses, so a refusal reads as
on the page: a 422 with a Thai ``detail`` and the Thai message of each field. Dates are
``YYYY-MM-DD``; evidence files are added on the pages.
"""

import datetime as dt
import inspect
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Schema, Status
from pydantic import Field, create_model

from thanrak.accounts.policy import sees_personal_data
from thanrak.api.api import api
from thanrak.api.schemas import ERRORS, Invalid
from thanrak.centers import services
from thanrak.centers.access import get_center_for_user
from thanrak.centers.models import Center
from thanrak.centers.records import RecordKind
from thanrak.core.forms import BEDateField

# Fields of the forms that are not sent as JSON: evidence files are added on the pages.
NOT_IN_JSON = {"files", "files_purpose"}
ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")


def writable(kind: RecordKind) -> bool:
    """Whether the API writes this kind (kinds with rows of their own are written on pages)."""
    return kind.formset is None


def _json_type(field: forms.Field) -> tuple[Any, dict]:
    if isinstance(field, forms.BooleanField):
        return bool | None, {}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list[int] | None, {"description": "ids"}
    if isinstance(field, forms.MultipleChoiceField):
        return list[str] | None, {}
    if isinstance(field, forms.ModelChoiceField):
        return int | None, {"description": "id"}
    if isinstance(field, forms.DateField):
        return str | None, {"json_schema_extra": {"format": "date"}}
    if isinstance(field, forms.DecimalField):
        return Decimal | str | None, {}
    if isinstance(field, forms.IntegerField):
        return int | str | None, {}
    return str | None, {}


def _in_schema(kind: RecordKind) -> type[Schema]:
    fields = {}
    for name, field in kind.form.base_fields.items():
        if name in NOT_IN_JSON or isinstance(field, forms.FileField):
            continue
        annotation, extra = _json_type(field)
        fields[name] = (annotation, Field(None, **extra))
    return create_model(f"{kind.model.__name__}In", __base__=Schema, **fields)


def _form_value(value: object) -> object:
    """A form's current value as the form takes it back (ids for objects, text for money)."""
    if isinstance(value, list | tuple):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


def _json_value(field: forms.Field, value: object, name: str, bad_dates: dict) -> object:
    """A JSON value as the page's form takes it."""
    if value is None:
        return [] if isinstance(field, forms.MultipleChoiceField) else ""
    dates = forms.DateField | BEDateField
    if isinstance(field, dates) and isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            bad_dates[name] = _("Write the date as YYYY-MM-DD, for example 2026-05-01.")
            return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    if isinstance(value, bool):
        return value
    return str(value)


def _bound_form(kind: RecordKind, center: Center, record, payload: Schema, partial: bool):
    """The page's form for the record, bound to the JSON over the values it starts from.

    ``partial`` (PATCH): the fields not sent keep the record's values; otherwise (POST,
    PUT) they take what a new record's form starts with, as on the page.
    """
    start = record if partial else kind.model(center=center)
    blank = kind.form(instance=start, center=center)
    sent = payload.model_dump(exclude_unset=True)
    data = {name: _form_value(blank[name].initial) for name in blank.fields}
    bad_dates: dict[str, str] = {}
    for name, value in sent.items():
        data[name] = _json_value(blank.fields[name], value, name, bad_dates)
    form = kind.form(data, instance=record, center=center)
    for name, message in bad_dates.items():
        form.is_valid()
        form.errors.pop(name, None)
        form.add_error(name, message)
    return form


def _refused(request: HttpRequest, form: forms.Form):
    errors = [
        {"loc": ["body"] if name == NON_FIELD_ERRORS else ["body", name], "msg": msg}
        for name, messages in form.errors.items()
        for msg in messages
    ]
    return Status(
        422, {"detail": _("The record was not saved: check the fields below."), "errors": errors}
    )


def _save(request: HttpRequest, kind: RecordKind, center: Center, form, schema, created: bool):
    if not form.is_valid():
        return _refused(request, form)
    try:
        record = services.record_save(form=form, center=center, user=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return _refused(request, form)
    from thanrak.api.records import _data

    record.refresh_from_db()  # as stored: amounts with their decimal places
    out = _data("centers", kind, schema, record, sees_personal_data(request.user))
    return Status(201 if created else 200, out)


def _signature(key: str, payload: type[Schema] | None):
    P = inspect.Parameter
    parameters = [
        P("request", P.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
        P("district", P.KEYWORD_ONLY, annotation=str),
    ]
    if key:
        parameters.append(P(key, P.KEYWORD_ONLY, annotation=int))
    if payload is not None:
        parameters.append(P("payload", P.KEYWORD_ONLY, annotation=payload))
    return inspect.Signature(parameters)


def register(kind: RecordKind, schema: type[Schema], tag: str, english) -> None:
    """Add the writes of one kind of record to the API (paths and names of its reads)."""
    payload_schema = _in_schema(kind)
    name = english(kind.model._meta.verbose_name)
    list_path = f"/districts/{{district}}/{kind.slug}"
    detail_path = f"{list_path}/{{{kind.key}}}"

    def center_of(request, district):
        return get_center_for_user(request.user, district, write=True, writer=kind.writer)

    def create(request, district: str, payload):
        center = center_of(request, district)
        form = _bound_form(kind, center, kind.model(center=center), payload, partial=False)
        return _save(request, kind, center, form, schema, created=True)

    def change(request, district: str, payload, **kwargs):
        center = center_of(request, district)
        record = get_object_or_404(kind.model, center=center, pk=kwargs[kind.key])
        partial = request.method == "PATCH"
        form = _bound_form(kind, center, record, payload, partial=partial)
        return _save(request, kind, center, form, schema, created=False)

    def delete(request, district: str, **kwargs):
        center = center_of(request, district)
        record = get_object_or_404(kind.model, center=center, pk=kwargs[kind.key])
        services.record_delete(record=record, user=request.user)
        return Status(204, None)

    create.__signature__ = _signature("", payload_schema)
    change.__signature__ = _signature(kind.key, payload_schema)
    delete.__signature__ = _signature(kind.key, None)
    for view, verb in ((create, "create"), (change, "change"), (delete, "delete")):
        view.__name__ = f"centers_{kind.key}_{verb}"

    refusals = {**ERRORS, 422: Invalid}
    api.post(
        list_path,
        response={201: schema, **refusals},
        url_name=f"centers_{kind.key}_list",
        operation_id=f"centers_{kind.key}_create",
        tags=[tag],
        summary=f"Record a {name}",
    )(create)
    for method, summary in (("put", "Change every field of"), ("patch", "Change some fields of")):
        getattr(api, method)(
            detail_path,
            response={200: schema, **refusals},
            url_name=f"centers_{kind.key}",
            operation_id=f"centers_{kind.key}_{method}",
            tags=[tag],
            summary=f"{summary} a {name}",
        )(change)
    api.delete(
        detail_path,
        response={204: None, **ERRORS},
        url_name=f"centers_{kind.key}",
        operation_id=f"centers_{kind.key}_delete",
        tags=[tag],
        summary=f"Delete a {name} and its files",
    )(delete)
