"""Writes of the district's records by the officer who keeps them, through the pages' forms.

For every kind of ``thanrak.centers.records.KINDS`` and ``thanrak.producers.records.KINDS``:
``POST /districts/{district}/<slug>`` creates, ``PUT`` (every field) and ``PATCH`` (the
fields sent) of ``/<slug>/{<key>}`` change, ``DELETE`` deletes. The JSON is checked by the
same form and row formsets the page uses and saved by the page's service, so a refusal reads
as on the page: a 422 with a Thai ``detail`` and the Thai message of each field, and nothing
written. Dates are ``YYYY-MM-DD``. Rows of a record (committee members, plan items, group
members, stages, funding, incomes, certifications) are lists in the JSON, named as the
page's formsets; a list sent is the record's whole list (a row with its ``id`` is changed,
one without is added, one left out is deleted). Citizen IDs are taken, never sent back.
Evidence files and photos: ``POST /<slug>/{<key>}/files`` (multipart), checked as the
page's upload field checks them; ``DELETE /<slug>/{<key>}/files/{<key>_file}`` deletes one
as the page's delete button does. Every write is in the audit trail (``thanrak.api.audit``).
"""

import datetime as dt
import inspect
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile
from ninja.orm import create_schema
from pydantic import Field, create_model

from thanrak.accounts.access import get_district_for_user
from thanrak.accounts.policy import sees_personal_data
from thanrak.api.api import api
from thanrak.api.audit import record_write
from thanrak.api.schemas import ERRORS, EvidenceOut, Invalid, evidence_out
from thanrak.audit.services import record_personal_read
from thanrak.centers import services as center_services
from thanrak.centers.access import get_center_for_user
from thanrak.core.forms import BEDateField
from thanrak.evidence.access import get_record_evidence_for_user
from thanrak.evidence.services import evidence_attach_many, evidence_delete
from thanrak.producers import services as producer_services
from thanrak.producers.access import get_record_in_district

# Fields of the forms that are not sent as JSON: evidence files have their own operation.
NOT_IN_JSON = {"files", "files_purpose"}
ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")
# Never sent back: who typed it, the search index, citizen IDs.
NOT_SENT = {"created_by", "search_title", "search_body", "citizen_id", "center", "district"}


@dataclass(frozen=True)
class Place:
    """Where a record is written: the area its forms take and the page's service."""

    app: str
    area: Any  # the center (centers) or the district (producers)

    @property
    def form_kwargs(self) -> dict:
        return {"center": self.area} if self.app == "centers" else {"district": self.area}

    @property
    def district_code(self) -> str:
        return self.area.district_id if self.app == "centers" else self.area.pk

    def new(self, kind) -> models.Model:
        return kind.model(**self.form_kwargs)

    def get(self, kind, pk: int) -> models.Model:
        if self.app == "centers":
            return get_object_or_404(kind.model, center=self.area, pk=pk)
        return get_record_in_district(kind.model.objects.all(), self.area, pk)

    def save(self, form, row_sets: list, user) -> models.Model:
        if self.app == "centers":
            formset = row_sets[0] if row_sets else None
            return center_services.record_save(
                form=form, center=self.area, user=user, formset=formset
            )
        return producer_services.record_save(
            form=form, district=self.area, user=user, formsets=row_sets
        )

    def delete(self, record, user) -> None:
        services = center_services if self.app == "centers" else producer_services
        services.record_delete(record=record, user=user)


def place_for(app: str, kind, user, district: str) -> Place:
    """The area the caller writes, through the pages' access helpers (404 outside it)."""
    if app == "centers":
        return Place(app, get_center_for_user(user, district, write=True, writer=kind.writer))
    return Place(app, get_district_for_user(user, district, write=True))


def row_sets(app: str, kind) -> list[tuple[str, type]]:
    """(JSON name, formset class) of the rows a kind keeps: its page's formsets and prefixes."""
    return [
        (prefix or formset.get_default_prefix(), formset)
        for prefix, formset, _title in kind.formsets
    ]


# --- The shapes of the JSON ---------------------------------------------------------

# The id of a record: a positive number the database can hold (a larger one is a 422).
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _json_type(field: forms.Field) -> tuple[Any, dict]:
    if isinstance(field, forms.BooleanField):
        return bool | None, {}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list[RecordId] | None, {"description": "ids"}
    if isinstance(field, forms.MultipleChoiceField):
        return list[str] | None, {}
    if isinstance(field, forms.ModelChoiceField):
        return RecordId | None, {"description": "id"}
    if isinstance(field, forms.DateField):
        return str | None, {"json_schema_extra": {"format": "date"}}
    if isinstance(field, forms.DecimalField):
        return Decimal | str | None, {}
    if isinstance(field, forms.IntegerField):
        return int | str | None, {}
    return str | None, {}


def _fields_of(form_class) -> dict:
    fields = {}
    for name, field in form_class.base_fields.items():
        if name in NOT_IN_JSON or isinstance(field, forms.FileField):
            continue
        annotation, extra = _json_type(field)
        fields[name] = (annotation, Field(None, **extra))
    return fields


def _in_schema(app: str, kind) -> type[Schema]:
    fields = _fields_of(kind.form)
    for name, formset in row_sets(app, kind):
        row = create_model(
            f"{formset.model.__name__}RowIn",
            __base__=Schema,
            id=(
                RecordId | None,
                Field(None, description="the row's id: changes it; none: adds one"),
            ),
            **_fields_of(formset.form),
        )
        fields[name] = (list[row] | None, Field(None, description="the record's whole list"))
    return create_model(f"{kind.model.__name__}In", __base__=Schema, **fields)


_ROW_SCHEMAS: dict[type, type[Schema]] = {}


def _row_out(formset) -> type[Schema]:
    model = formset.model
    if model not in _ROW_SCHEMAS:
        names = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in NOT_SENT
            and f.name != formset.fk.name
            and not isinstance(f, models.FileField)
        ]
        _ROW_SCHEMAS[model] = create_schema(model, name=f"{model.__name__}RowOut", fields=names)
    return _ROW_SCHEMAS[model]


def _out_schema(app: str, kind, schema: type[Schema]) -> type[Schema]:
    """The record as read, with its rows when it keeps some."""
    sets = row_sets(app, kind)
    if not sets:
        return schema
    rows = {name: (list[_row_out(formset)], []) for name, formset in sets}
    return create_model(f"{kind.model.__name__}Written", __base__=schema, **rows)


# --- The JSON as the page's forms take it -----------------------------------------------


def _form_value(value: object) -> object:
    """A form's current value as the form takes it back (ids for objects, text for money)."""
    if isinstance(value, list | tuple):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


def _json_value(field: forms.Field, value: object, bad_date: list) -> object:
    """A JSON value as the page's form takes it; a bad ISO date is noted in ``bad_date``."""
    if value is None:
        return [] if isinstance(field, forms.MultipleChoiceField) else ""
    dates = forms.DateField | BEDateField
    if isinstance(field, dates) and isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            bad_date.append(True)
            return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    if isinstance(value, bool):
        return value
    return str(value)


def _date_message() -> str:
    return _("Write the date as YYYY-MM-DD, for example 2026-05-01.")


def _bound_form(kind, place: Place, record, sent: dict, partial: bool):
    """The page's form for the record, bound to the JSON over the values it starts from.

    ``partial`` (PATCH): the fields not sent keep the record's values; otherwise (POST,
    PUT) they take what a new record's form starts with, as on the page.
    """
    start = record if partial else place.new(kind)
    blank = kind.form(instance=start, **place.form_kwargs)
    data = {name: _form_value(blank[name].initial) for name in blank.fields}
    bad_dates = []
    for name, value in sent.items():
        bad: list = []
        data[name] = _json_value(blank.fields[name], value, bad)
        if bad:
            bad_dates.append(name)
    form = kind.form(data, instance=record, **place.form_kwargs)
    for name in bad_dates:
        form.is_valid()
        form.errors.pop(name, None)
        form.add_error(name, _date_message())
    return form


class BoundRows:
    """A formset of the page bound to a list of rows of the JSON, and where each came from."""

    def __init__(self, name, formset_class, place: Place, record, sent, partial: bool):
        self.name = name
        current = formset_class(instance=record, prefix=name, **place.form_kwargs)
        skip = {formset_class.fk.name, "DELETE"}
        data: dict[str, object] = {}
        self.origin: dict[int, int] = {}  # form index -> index in the JSON list
        self.errors: list[dict] = []
        keep_all = sent is None and partial
        sent = [] if sent is None else sent
        by_id = {row.get("id"): i for i, row in enumerate(sent) if row.get("id") is not None}
        existing = {form.instance.pk for form in current.initial_forms}
        for row_id, i in by_id.items():
            if row_id not in existing:
                self.errors.append(
                    {"loc": ["body", name, str(i), "id"], "msg": _("No such row in this record.")}
                )
        index = 0
        for form in current.initial_forms:
            values = {n: _form_value(form[n].initial) for n in form.fields if n not in skip}
            if keep_all:
                pass
            elif form.instance.pk in by_id:
                self.origin[index] = by_id[form.instance.pk]
                values |= self._sent(form, sent[by_id[form.instance.pk]], index)
            else:
                values["DELETE"] = "on"
            self._put(data, index, values)
            index += 1
        initial = index
        for i, row in enumerate(sent):
            if row.get("id") is not None:
                continue
            form = current.empty_form
            values = {n: _form_value(form[n].initial) for n in form.fields if n not in skip}
            self.origin[index] = i
            values |= self._sent(form, row, index)
            self._put(data, index, values)
            index += 1
        data |= {
            f"{name}-TOTAL_FORMS": str(index),
            f"{name}-INITIAL_FORMS": str(initial),
            f"{name}-MIN_NUM_FORMS": "0",
            f"{name}-MAX_NUM_FORMS": "1000",
        }
        self.formset = formset_class(data, instance=record, prefix=name, **place.form_kwargs)

    def _put(self, data: dict, index: int, values: dict) -> None:
        for field, value in values.items():
            data[f"{self.name}-{index}-{field}"] = value

    def _sent(self, form, row: dict, index: int) -> dict:
        values = {}
        for field, value in row.items():
            if field == "id" or field not in form.fields:
                continue
            bad: list = []
            values[field] = _json_value(form.fields[field], value, bad)
            if bad:
                loc = ["body", self.name, str(self.origin.get(index, index)), field]
                self.errors.append({"loc": loc, "msg": _date_message()})
        return values

    def is_valid(self) -> bool:
        return self.formset.is_valid() and not self.errors

    def refusals(self) -> list[dict]:
        out = list(self.errors)
        for index, errors in enumerate(self.formset.errors):
            where = str(self.origin.get(index, index))
            for field, messages in errors.items():
                loc = ["body", self.name, where]
                out += [
                    {"loc": loc if field == NON_FIELD_ERRORS else [*loc, field], "msg": m}
                    for m in messages
                ]
        out += [{"loc": ["body", self.name], "msg": m} for m in self.formset.non_form_errors()]
        return out


def _refused(form: forms.Form, rows: list[BoundRows]):
    errors = [
        {"loc": ["body"] if name == NON_FIELD_ERRORS else ["body", name], "msg": msg}
        for name, messages in form.errors.items()
        for msg in messages
    ]
    for bound in rows:
        errors += bound.refusals()
    return Status(
        422, {"detail": _("The record was not saved: check the fields below."), "errors": errors}
    )


def written(request: HttpRequest, app: str, kind, schema, out_schema, record) -> Schema:
    """The record as stored (amounts with their decimal places), with its rows."""
    from thanrak.api.records import _data

    record.refresh_from_db()
    personal = sees_personal_data(request.user)
    out = _data(app, kind, schema, record, personal)
    sets = row_sets(app, kind)
    if not sets:
        return out
    rows = {}
    for name, formset in sets:
        accessor = formset.fk.remote_field.get_accessor_name()
        row_schema = _row_out(formset)
        rows[name] = [row_schema.from_orm(row) for row in getattr(record, accessor).all()]
    return out_schema(**out.model_dump(by_alias=True), **rows)


def _save(request, app, kind, place: Place, record, payload, partial: bool, schemas):
    sent = payload.model_dump(exclude_unset=True)
    row_data = {name: sent.pop(name, None) for name, _f in row_sets(app, kind)}
    form = _bound_form(kind, place, record, sent, partial=partial)
    rows = [
        BoundRows(name, formset, place, record, row_data[name], partial)
        for name, formset in row_sets(app, kind)
    ]
    # Every form checked, so that each refusal is told at once.
    checked = [form.is_valid(), *(bound.is_valid() for bound in rows)]
    if not all(checked):
        return _refused(form, rows)
    created = record.pk is None
    try:
        with transaction.atomic():
            saved = place.save(form, [bound.formset for bound in rows], request.user)
            status = 201 if created else 200
            record_write(request, saved, status=status, district=place.district_code)
    except ValidationError as error:
        form.add_error(None, error)
        return _refused(form, rows)
    out = written(request, app, kind, *schemas, saved)
    persons = kind.persons(saved) if rows and kind.persons else 0
    if persons and sees_personal_data(request.user):
        record_personal_read(
            request, saved, persons=persons, district=place.district_code, api=True
        )
    return Status(status, out)


# --- Evidence files ------------------------------------------------------------------


def _upload(request, kind, place: Place, record, files: list, purpose: str | None):
    """The files checked by the page form's own upload fields, then attached, or a 422."""
    page_form = kind.form(instance=record, **place.form_kwargs)
    form = forms.Form({"files_purpose": purpose or ""}, MultiValueDict({"files": files or []}))
    form.fields = {name: page_form.fields[name] for name in NOT_IN_JSON if name in page_form.fields}
    form.fields["files"].required = True
    if form.is_valid():
        try:
            with transaction.atomic():
                stored = evidence_attach_many(
                    record=record,
                    files=form.cleaned_data["files"],
                    user=request.user,
                    purpose=form.cleaned_data.get("files_purpose"),
                )
                record_write(
                    request,
                    record,
                    status=201,
                    district=place.district_code,
                    files=[item.pk for item in stored],
                )
        except ValidationError as error:
            form.add_error("files", error)
        else:
            return Status(201, [evidence_out(item) for item in stored])
    errors = [
        {"loc": ["body", "purpose" if name == "files_purpose" else name], "msg": msg}
        for name, messages in form.errors.items()
        for msg in messages
    ]
    return Status(
        422, {"detail": _("The files were not saved: check them below."), "errors": errors}
    )


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


def register(app: str, kind, schema: type[Schema], tag: str, english) -> None:
    """Add the writes of one kind of record to the API (paths and names of its reads)."""
    payload_schema = _in_schema(app, kind)
    out_schema = _out_schema(app, kind, schema)
    schemas, name = (schema, out_schema), english(kind.model._meta.verbose_name)
    list_path = f"/districts/{{district}}/{kind.slug}"
    detail_path = f"{list_path}/{{{kind.key}}}"

    def create(request, district: str, payload):
        place = place_for(app, kind, request.user, district)
        return _save(request, app, kind, place, place.new(kind), payload, False, schemas)

    def change(request, district: str, payload, **kwargs):
        place = place_for(app, kind, request.user, district)
        record = place.get(kind, kwargs[kind.key])
        partial = request.method == "PATCH"
        return _save(request, app, kind, place, record, payload, partial, schemas)

    def delete(request, district: str, **kwargs):
        place = place_for(app, kind, request.user, district)
        record = place.get(kind, kwargs[kind.key])
        with transaction.atomic():
            record_write(request, record, status=204, district=place.district_code)
            place.delete(record, request.user)
        return Status(204, None)

    _register_upload(app, kind, tag, name, detail_path)
    _register_file_delete(app, kind, tag, name, detail_path)
    create.__signature__ = _signature("", payload_schema)
    change.__signature__ = _signature(kind.key, payload_schema)
    delete.__signature__ = _signature(kind.key, None)
    for view, verb in ((create, "create"), (change, "change"), (delete, "delete")):
        view.__name__ = f"{app}_{kind.key}_{verb}"
    refusals, rows = {**ERRORS, 422: Invalid}, row_sets(app, kind)
    with_rows = f" with its {', '.join(n for n, _f in rows)}" if rows else ""
    api.post(
        list_path,
        response={201: out_schema, **refusals},
        url_name=f"{app}_{kind.key}_list",
        operation_id=f"{app}_{kind.key}_create",
        tags=[tag],
        summary=f"Record a {name}{with_rows}",
    )(create)
    for method, summary in (("put", "Change every field of"), ("patch", "Change some fields of")):
        getattr(api, method)(
            detail_path,
            response={200: out_schema, **refusals},
            url_name=f"{app}_{kind.key}",
            operation_id=f"{app}_{kind.key}_{method}",
            tags=[tag],
            summary=f"{summary} a {name}{with_rows}",
        )(change)
    api.delete(
        detail_path,
        response={204: None, **ERRORS},
        url_name=f"{app}_{kind.key}",
        operation_id=f"{app}_{kind.key}_delete",
        tags=[tag],
        summary=f"Delete a {name} and its files",
    )(delete)


def _register_upload(app: str, kind, tag: str, name: str, detail_path: str) -> None:
    """Add `POST …/{record}/files`: evidence files or photos for one record (multipart)."""

    def upload(request, district: str, files, purpose, **kwargs):
        place = place_for(app, kind, request.user, district)
        record = place.get(kind, kwargs[kind.key])
        return _upload(request, kind, place, record, files, purpose)

    P = inspect.Parameter
    upload.__signature__ = _signature(kind.key, None).replace(
        parameters=[
            *_signature(kind.key, None).parameters.values(),
            # Not required here: the area is checked first (404), then the page's field (422).
            P("files", P.KEYWORD_ONLY, annotation=list[UploadedFile] | None, default=File(None)),
            P("purpose", P.KEYWORD_ONLY, annotation=str | None, default=Form(None)),
        ]
    )
    upload.__name__ = f"{app}_{kind.key}_files"
    api.post(
        f"{detail_path}/files",
        response={201: list[EvidenceOut], **ERRORS, 422: Invalid},
        url_name=f"{app}_{kind.key}_files",
        operation_id=f"{app}_{kind.key}_files",
        tags=[tag],
        summary=f"Add evidence files or photos to a {name} (multipart: files, purpose)",
    )(upload)


def file_keyword(kind) -> str:
    """The URL keyword of a record's file (``meeting_file``): one per kind of record."""
    return f"{kind.key}_file"


def _register_file_delete(app: str, kind, tag: str, name: str, detail_path: str) -> None:
    """Add `DELETE …/{record}/files/{file}`: one file of the record, as the page deletes it."""
    keyword = file_keyword(kind)

    def delete_file(request, district: str, **kwargs):
        place = place_for(app, kind, request.user, district)
        record = place.get(kind, kwargs[kind.key])
        item = get_record_evidence_for_user(request.user, record, kwargs[keyword], write=True)
        with transaction.atomic():
            record_write(request, record, status=204, district=place.district_code, files=[item.pk])
            evidence_delete(evidence=item, user=request.user)
        return Status(204, None)

    P = inspect.Parameter
    signature = _signature(kind.key, None)
    delete_file.__signature__ = signature.replace(
        parameters=[
            *signature.parameters.values(),
            P(keyword, P.KEYWORD_ONLY, annotation=int),
        ]
    )
    delete_file.__name__ = f"{app}_{kind.key}_file_delete"
    api.delete(
        f"{detail_path}/files/{{{keyword}}}",
        response={204: None, **ERRORS},
        url_name=f"{app}_{kind.key}_file",
        operation_id=f"{app}_{kind.key}_file_delete",
        tags=[tag],
        summary=f"Delete one evidence file or photo of a {name}",
    )(delete_file)
