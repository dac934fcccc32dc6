"""Monitoring rounds, their visits and the findings recorded at them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import File, Header, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from thanrak.accounts.access import restrict
from thanrak.api.api import api
from thanrak.api.audit import record_write
from thanrak.api.schemas import ERRORS, Area, EvidenceOut, evidence_out
from thanrak.evidence.access import get_record_evidence_for_user
from thanrak.evidence.services import evidence_delete
from thanrak.monitoring import services
from thanrak.monitoring.access import get_round_for_user, get_visit_for_user, rounds_for_user
from thanrak.monitoring.forms import ItemFindingForm, VisitFindingForm
from thanrak.monitoring.models import ChecklistItem, Visit


class RoundOut(Schema):
    id: int
    province_code: str
    title: str
    fiscal_year: int
    starts_on: str
    ends_on: str


class ChecklistItemOut(Schema):
    id: int
    order: int
    text: str


class RoundDetail(RoundOut):
    checklist: list[ChecklistItemOut]
    teams: list[str]


class VisitOut(Schema):
    id: int
    round_id: int
    district: Area
    date: str
    time: str
    place: str
    team: str | None
    note: str


class ItemFindingOut(Schema):
    item_id: int
    item: str
    result: str
    result_label: str
    comment: str


class VisitDetail(VisitOut):
    findings: list[ItemFindingOut]
    overall: str
    recommendations: str


def _round(round_) -> dict:
    return {
        "id": round_.pk,
        "province_code": round_.province_id,
        "title": round_.title,
        "fiscal_year": round_.fiscal_year,
        "starts_on": round_.starts_on.isoformat(),
        "ends_on": round_.ends_on.isoformat(),
    }


def _visit(visit: Visit) -> dict:
    d = visit.district
    return {
        "id": visit.pk,
        "round_id": visit.round_id,
        "district": {"code": d.code, "name_th": d.name_th, "name_en": d.name_en},
        "date": visit.date.isoformat(),
        "time": visit.time.isoformat(timespec="minutes"),
        "place": visit.place,
        "team": visit.team.name if visit.team else None,
        "note": visit.note,
    }


@api.get(
    "/rounds",
    response={200: list[RoundOut], **ERRORS},
    url_name="rounds",
    tags=["monitoring"],
    summary="The monitoring rounds you read",
)
@paginate(LimitOffsetPagination)
def rounds(request):
    return [_round(r) for r in rounds_for_user(request.user).order_by("-starts_on", "-pk")]


@api.get(
    "/rounds/{round}",
    response={200: RoundDetail, **ERRORS},
    url_name="round",
    tags=["monitoring"],
    summary="A monitoring round, its checklist and teams",
)
def round_detail(request, round: int):  # noqa: A002 - the URL keyword of the pages
    round_ = get_round_for_user(request.user, round)
    return {
        **_round(round_),
        "checklist": [
            {"id": i.pk, "order": i.order, "text": i.text} for i in round_.checklist.all()
        ],
        "teams": [t.name for t in round_.teams.all()],
    }


@api.get(
    "/rounds/{round}/visits",
    response={200: list[VisitOut], **ERRORS},
    url_name="round_visits",
    tags=["monitoring"],
    summary="The visits of a round, in the districts you read",
)
@paginate(LimitOffsetPagination)
def round_visits(request, round: int):  # noqa: A002
    round_ = get_round_for_user(request.user, round)
    visits = restrict(round_.visits.select_related("district", "team"), request.user, "district")
    return [_visit(v) for v in visits.order_by("date", "time", "pk")]


@api.get(
    "/visits/{visit}",
    response={200: VisitDetail, **ERRORS},
    url_name="visit",
    tags=["monitoring"],
    summary="A visit and its findings",
)
def visit_detail(request, visit: int):
    visit_ = get_visit_for_user(request.user, visit)
    findings = visit_.item_findings.select_related("item").order_by("item__order", "item__pk")
    overall = getattr(visit_, "finding", None)
    return {
        **_visit(visit_),
        "findings": [
            {
                "item_id": f.item_id,
                "item": f.item.text,
                "result": f.result,
                "result_label": f.get_result_display(),
                "comment": f.comment,
            }
            for f in findings
        ],
        "overall": overall.overall if overall else "",
        "recommendations": overall.recommendations if overall else "",
    }


# --- Findings, written by the visit's own team ------------------------------------------

KEY_HELP = (
    "A UUID made by the client for this answer: the same answer sent again with the same key "
    "is saved once."
)


class ItemFindingIn(Schema):
    result: str | None = None
    comment: str | None = None


class VisitFindingIn(Schema):
    overall: str | None = None
    recommendations: str | None = None


class OverallOut(Schema):
    overall: str
    recommendations: str


def _checked(form, payload: Schema, key: str | None):
    """The page's form over the fields sent (``None``: not sent, left as saved) and the key."""
    sent = payload.model_dump(exclude_none=True)
    bound = form({**sent, "key": key or ""})
    if bound.is_valid():
        return {name: bound.cleaned_data[name] if name in sent else None for name in sent}, bound
    errors = [
        {"loc": ["header", "Idempotency-Key"] if name == "key" else ["body", name], "msg": msg}
        for name, messages in bound.errors.items()
        for msg in messages
    ]
    return None, Status(
        422, {"detail": _("The finding was not saved: check it below."), "errors": errors}
    )


@api.put(
    "/visits/{visit}/findings/{checklist_item}",
    response={200: ItemFindingOut, **ERRORS},
    url_name="visit_item_finding",
    tags=["monitoring"],
    summary="Record the result and comment of one checklist item (the visit's team)",
)
def item_finding_put(
    request,
    visit: int,
    checklist_item: int,
    payload: ItemFindingIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=KEY_HELP),
):
    visit_ = get_visit_for_user(request.user, visit, record=True)
    item = get_object_or_404(visit_.round.checklist, pk=checklist_item)
    values, form = _checked(ItemFindingForm, payload, idempotency_key)
    if values is None:
        return form
    services.item_finding_save(
        visit=visit_,
        item=item,
        user=request.user,
        result=values.get("result"),
        comment=values.get("comment"),
        key=form.cleaned_data["key"],
    )
    finding = visit_.item_findings.filter(item=item).first()
    record_write(request, finding or item, status=200, district=visit_.district_id)
    return {
        "item_id": item.pk,
        "item": item.text,
        "result": finding.result if finding else "",
        "result_label": finding.get_result_display() if finding else "",
        "comment": finding.comment if finding else "",
    }


@api.put(
    "/visits/{visit}/finding",
    response={200: OverallOut, **ERRORS},
    url_name="visit_finding",
    tags=["monitoring"],
    summary="Record the overall finding and recommendations of a visit (the visit's team)",
)
def visit_finding_put(
    request,
    visit: int,
    payload: VisitFindingIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=KEY_HELP),
):
    visit_ = get_visit_for_user(request.user, visit, record=True)
    values, form = _checked(VisitFindingForm, payload, idempotency_key)
    if values is None:
        return form
    finding = services.visit_finding_save(
        visit=visit_,
        user=request.user,
        overall=values.get("overall"),
        recommendations=values.get("recommendations"),
        key=form.cleaned_data["key"],
    )
    record_write(request, finding or visit_, status=200, district=visit_.district_id)
    return {
        "overall": finding.overall if finding else "",
        "recommendations": finding.recommendations if finding else "",
    }


# --- Photos of a checklist item, added by the visit's own team ---------------------------


# Not required here: the visit is checked first (404, 403), then the page's field (422).
FILES = File(None, description="one or more photos, checked as the visit page checks them")


def _photos(visit_: Visit, item: ChecklistItem) -> list:
    finding = visit_.item_findings.filter(item=item).first()
    return list(finding.evidence.order_by("uploaded_at", "pk")) if finding else []


@api.get(
    "/visits/{visit}/findings/{checklist_item}/photos",
    response={200: list[EvidenceOut], **ERRORS},
    url_name="visit_item_photos",
    tags=["monitoring"],
    summary="The photos of one checklist item of a visit",
)
def item_photos(request, visit: int, checklist_item: int):
    visit_ = get_visit_for_user(request.user, visit)
    item = get_object_or_404(visit_.round.checklist, pk=checklist_item)
    return [evidence_out(photo) for photo in _photos(visit_, item)]


@api.post(
    "/visits/{visit}/findings/{checklist_item}/photos",
    response={200: list[EvidenceOut], 201: list[EvidenceOut], **ERRORS},
    url_name="visit_item_photos",
    tags=["monitoring"],
    summary="Add photos to one checklist item of a visit (the visit's team; multipart: files)",
    description=(
        "Checked and stored as the visit page does (re-encoded, GPS removed). 201 with the "
        "item's photos; 200 with them and nothing added when the Idempotency-Key was sent "
        "before."
    ),
)
def item_photos_add(
    request,
    visit: int,
    checklist_item: int,
    files: list[UploadedFile] | None = FILES,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description=KEY_HELP),
):
    visit_ = get_visit_for_user(request.user, visit, record=True)
    item = get_object_or_404(visit_.round.checklist, pk=checklist_item)
    # The visit page's own form: the same upload field, the same key.
    form = ItemFindingForm({"key": idempotency_key or ""}, MultiValueDict({"files": files or []}))
    form.fields["files"].required = True
    if form.is_valid():
        before = {photo.pk for photo in _photos(visit_, item)}
        try:
            # All or nothing: refused photos leave no finding and no key behind, so the
            # same send may be tried again.
            with transaction.atomic():
                finding = services.item_finding_save(
                    visit=visit_,
                    item=item,
                    user=request.user,
                    files=form.cleaned_data["files"],
                    key=form.cleaned_data["key"],
                )
                photos = _photos(visit_, item)
                added = [photo.pk for photo in photos if photo.pk not in before]
                status = 201 if added else 200  # 200: sent before with this key
                record_write(
                    request,
                    finding or item,
                    status=status,
                    district=visit_.district_id,
                    files=added,
                )
        except ValidationError as error:
            form.add_error("files", error)
        else:
            return Status(status, [evidence_out(photo) for photo in photos])
    errors = [
        {"loc": ["header", "Idempotency-Key"] if name == "key" else ["body", name], "msg": msg}
        for name, messages in form.errors.items()
        for msg in messages
    ]
    return Status(
        422, {"detail": _("The files were not saved: check them below."), "errors": errors}
    )


@api.delete(
    "/visits/{visit}/findings/{checklist_item}/photos/{photo}",
    response={204: None, **ERRORS},
    url_name="visit_item_photo",
    tags=["monitoring"],
    summary="Delete one photo of a checklist item of a visit (the visit's team)",
)
def item_photo_delete(request, visit: int, checklist_item: int, photo: int):
    visit_ = get_visit_for_user(request.user, visit, record=True)
    item = get_object_or_404(visit_.round.checklist, pk=checklist_item)
    finding = get_object_or_404(visit_.item_findings, item=item)
    evidence = get_record_evidence_for_user(request.user, finding, photo, write=True)
    with transaction.atomic():
        record_write(request, finding, status=204, district=visit_.district_id, files=[evidence.pk])
        evidence_delete(evidence=evidence, user=request.user)
    return Status(204, None)
