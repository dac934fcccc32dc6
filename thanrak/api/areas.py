"""Areas, centers, compliance with the guideline, reports: read as the pages show them."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from ninja import Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from thanrak.accounts.access import get_province_for_user, readable_districts
from thanrak.api.api import api
from thanrak.api.schemas import ERRORS, Area
from thanrak.areas.models import Province
from thanrak.centers.access import get_center_for_user
from thanrak.centers.models import Center
from thanrak.core.db import thai_order
from thanrak.core.thai import current_fiscal_year
from thanrak.rules import guideline


class District(Area):
    province_code: str
    has_center: bool


class CenterOut(Schema):
    district: Area
    province_code: str
    location: str
    has_dedicated_space: bool
    space_description: str
    staff_on_duty: str
    opening_hours: str
    phone: str


class RuleResult(Schema):
    rule: str
    title: str
    status: str
    status_label: str
    explanation: str


class DistrictCompliance(Schema):
    district: Area
    has_center: bool
    results: list[RuleResult]


class PeriodQuery(Schema):
    fy: int | None = Query(None, ge=2500, le=2700, description="Fiscal year (B.E.)")
    quarter: int | None = Query(None, ge=1, le=4)


class ProvinceCompliance(Schema):
    province: Area
    fiscal_year: int
    quarter: int | None
    rules: list[str]
    districts: list[DistrictCompliance]


class ReportOut(Schema):
    id: int
    fiscal_year: int
    quarter: int | None
    status: str
    status_label: str
    due_on: str | None
    submitted_at: str | None
    reviewed_at: str | None
    comment: str


def _area(area) -> dict:
    return {"code": area.code, "name_th": area.name_th, "name_en": area.name_en}


def _districts(user, province: Province):
    centers = Center.objects.filter(district=OuterRef("pk"))
    return (
        readable_districts(user)
        .filter(province=province)
        .annotate(has_center=Exists(centers))
        .select_related("province")
        .order_by(thai_order("name_th"))
    )


class Index(Schema):
    openapi: str
    docs: str


@api.get(
    "/",
    response=Index,
    auth=None,
    url_name="index",
    tags=["about"],
    summary="Where the API is described",
)
def index(request):
    return {"openapi": reverse("api:openapi-json"), "docs": reverse("api:openapi-view")}


@api.get(
    "/provinces",
    response={200: list[Area], **ERRORS},
    url_name="provinces",
    tags=["areas"],
    summary="The provinces whose districts you read",
)
@paginate(LimitOffsetPagination)
def provinces(request):
    codes = readable_districts(request.user).values("province")
    return Province.objects.filter(pk__in=codes).order_by("code")


@api.get(
    "/provinces/{province}/districts",
    response={200: list[District], **ERRORS},
    url_name="province_districts",
    tags=["areas"],
    summary="The districts of a province you read",
)
@paginate(LimitOffsetPagination)
def province_districts(request, province: str):
    prov = get_province_for_user(request.user, province)
    return [
        {**_area(d), "province_code": d.province_id, "has_center": d.has_center}
        for d in _districts(request.user, prov)
    ]


def _center(center: Center) -> dict:
    fields = ("location", "has_dedicated_space", "space_description", "staff_on_duty")
    return {
        "district": _area(center.district),
        "province_code": center.district.province_id,
        **{name: getattr(center, name) for name in fields},
        "opening_hours": center.opening_hours,
        "phone": center.phone,
    }


@api.get(
    "/provinces/{province}/centers",
    response={200: list[CenterOut], **ERRORS},
    url_name="province_centers",
    tags=["centers"],
    summary="The centers of a province",
)
@paginate(LimitOffsetPagination)
def province_centers(request, province: str):
    prov = get_province_for_user(request.user, province)
    centers = (
        Center.objects.filter(district__in=readable_districts(request.user).filter(province=prov))
        .select_related("district")
        .order_by(thai_order("district__name_th"))
    )
    return [_center(c) for c in centers]


@api.get(
    "/districts/{district}/center",
    response={200: CenterOut, **ERRORS},
    url_name="district_center",
    tags=["centers"],
    summary="A district's center",
)
def district_center(request, district: str):
    return _center(get_center_for_user(request.user, district))


def _results(row) -> list[dict]:
    return [
        {
            "rule": result.rule,
            "title": str(result.definition.title),
            "status": result.status,
            "status_label": result.label,
            "explanation": result.explanation,
        }
        for result in row.cells
    ]


def _row(row) -> dict:
    return {
        "district": _area(row.district),
        "has_center": row.center is not None,
        "results": _results(row),
    }


@api.get(
    "/provinces/{province}/compliance",
    response={200: ProvinceCompliance, **ERRORS},
    url_name="province_compliance",
    tags=["compliance"],
    summary="Every district of a province against the guideline's rules, explained in Thai",
)
def province_compliance(request, province: str, period: Query[PeriodQuery]):
    prov = get_province_for_user(request.user, province)
    fy = period.fy or current_fiscal_year()
    matrix = guideline.evaluate(_districts(request.user, prov), fy, period.quarter)
    return {
        "province": _area(prov),
        "fiscal_year": fy,
        "quarter": period.quarter,
        "rules": [r.id for r in matrix.rules],
        "districts": [_row(row) for row in matrix.rows],
    }


@api.get(
    "/districts/{district}/compliance",
    response={200: DistrictCompliance, **ERRORS},
    url_name="district_compliance",
    tags=["compliance"],
    summary="A district against the guideline's rules, explained in Thai",
)
def district_compliance(request, district: str, period: Query[PeriodQuery]):
    center = get_center_for_user(request.user, district)
    fy = period.fy or current_fiscal_year()
    return _row(guideline.evaluate([center.district], fy, period.quarter).rows[0])


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@api.get(
    "/districts/{district}/reports",
    response={200: list[ReportOut], **ERRORS},
    url_name="district_reports",
    tags=["reports"],
    summary="A district's reports and their review status",
)
@paginate(LimitOffsetPagination)
def district_reports(request, district: str):
    center = get_center_for_user(request.user, district)
    return [
        {
            "id": report.pk,
            "fiscal_year": report.fiscal_year,
            "quarter": report.quarter,
            "status": report.status,
            "status_label": report.get_status_display(),
            "due_on": _iso(report.due_on),
            "submitted_at": _iso(report.submitted_at),
            "reviewed_at": _iso(report.reviewed_at),
            "comment": report.comment,
        }
        for report in center.reports.order_by("-fiscal_year", "-quarter")
    ]
