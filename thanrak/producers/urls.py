from django.urls import path

from thanrak.core.records import record_urls
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
urlpatterns += record_urls(KINDS, "districts/<str:district>/otop/", views)
