from django.urls import path

from thanrak.public import views
from thanrak.public.open_data import DATASETS, FORMATS

# The catalogue takes its district as ?district=8406, not as a URL keyword: its pages are
# public (On.PUBLIC in thanrak/accounts/policy.py).
urlpatterns = [
    path("", views.landing, name="landing"),
    path("about/", views.about, name="about"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/photo/", views.catalogue_photo, name="catalogue_photo"),
    path("catalogue/open-data/", views.open_data, name="open_data"),
]
# One fixed address per file (catalogue/open-data/products.csv): no URL keyword to guess.
urlpatterns += [
    path(
        f"catalogue/open-data/{dataset}.{fmt}",
        views.open_data_file,
        {"dataset": dataset, "fmt": fmt},
        name=f"open_data_{dataset}_{fmt}",
    )
    for dataset in DATASETS
    for fmt in FORMATS
]
