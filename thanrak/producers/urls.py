from django.urls import path
from django.views.generic import RedirectView

from thanrak.core.records import record_urls
from thanrak.producers import views
from thanrak.producers.records import KINDS

app_name = "producers"


def moved(pattern_name: str):
    return RedirectView.as_view(pattern_name=pattern_name, query_string=True, permanent=True)


urlpatterns = [
    path("otop/search/", views.search, name="search"),
    path("imports/template/", views.import_template, name="import_template"),
    path("provinces/<str:province>/otop/", views.province_overview, name="province"),
    path("districts/<str:district>/otop/", views.home, name="home"),
    path("districts/<str:district>/otop/expiring/", views.expiring, name="expiring"),
    path("districts/<str:district>/otop/funnel/", views.district_funnel, name="funnel"),
    # Imports fill the center's records as well as OTOP's: they are the district's.
    path("districts/<str:district>/imports/", views.import_new, name="import_new"),
    path("districts/<str:district>/imports/<int:job>/", views.import_detail, name="import_detail"),
    path(
        "districts/<str:district>/imports/<int:job>/confirm/",
        views.import_confirm,
        name="import_confirm",
    ),
    # Where the import pages were before, for bookmarks: sent on, the query string kept
    # (the new page checks who may see it).
    path("otop/import-template/", moved("producers:import_template"), name="import_template_moved"),
    path(
        "districts/<str:district>/otop/imports/",
        moved("producers:import_new"),
        name="import_new_moved",
    ),
    path(
        "districts/<str:district>/otop/imports/<int:job>/",
        moved("producers:import_detail"),
        name="import_detail_moved",
    ),
]

# The pages of every kind of record: list, export, new, detail, edit, delete.
urlpatterns += record_urls(KINDS, "districts/<str:district>/otop/", views)
