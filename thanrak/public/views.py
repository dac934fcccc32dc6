from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thanrak.areas.models import District, Province, Subdistrict
from thanrak.centers.models import Center


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "public/landing.html", {"center_count": Center.objects.count()})


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    import geothai

    counts = {
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "subdistricts": Subdistrict.objects.count(),
    }
    return render(
        request,
        "public/about.html",
        {"area_counts": counts, "geothai_version": geothai.DATA_VERSION},
    )
