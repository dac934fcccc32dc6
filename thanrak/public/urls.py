from django.urls import path

from thanrak.public import views

# The catalogue takes its district as ?district=8406, not as a URL keyword: its pages are
# public (On.PUBLIC in thanrak/accounts/policy.py).
urlpatterns = [
    path("", views.landing, name="landing"),
    path("about/", views.about, name="about"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/photo/", views.catalogue_photo, name="catalogue_photo"),
]
