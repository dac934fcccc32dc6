from django.urls import path

from thanrak.producers import views
from thanrak.producers.records import KINDS

app_name = "producers"

urlpatterns = [
    path("otop/search/", views.search, name="search"),
    path("otop/import-template/", views.import_template, name="import_template"),
    path("provinces/<str:province>/otop/", views.province_overview, name="province"),
    path("districts/<str:district>/otop/", views.home, name="home"),
    path("districts/<str:district>/otop/expiring/", views.expiring, name="expiring"),
    path("districts/<str:district>/otop/funnel/", views.district_funnel, name="funnel"),
    path("districts/<str:district>/otop/imports/", views.import_new, name="import_new"),
    path(
        "districts/<str:district>/otop/imports/<int:job>/",
        views.import_detail,
        name="import_detail",
    ),
    path(
        "districts/<str:district>/otop/imports/<int:job>/confirm/",
        views.import_confirm,
        name="import_confirm",
    ),
]

# The pages of every kind of record: list, export, new, detail, edit, delete.
for kind in KINDS.values():
    base = f"districts/<str:district>/otop/{kind.slug}/"
    one = f"{base}<int:{kind.key}>/"
    extra = {"kind": kind.key}
    urlpatterns += [
        path(base, views.record_list, extra, name=f"{kind.key}_list"),
        path(f"{base}export/", views.record_export, extra, name=f"{kind.key}_export"),
        path(f"{base}new/", views.record_create, extra, name=f"{kind.key}_create"),
        path(one, views.record_detail, extra, name=f"{kind.key}_detail"),
        path(f"{one}edit/", views.record_edit, extra, name=f"{kind.key}_edit"),
        path(f"{one}delete/", views.record_delete, extra, name=f"{kind.key}_delete"),
    ]
