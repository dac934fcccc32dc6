from django.urls import path

from thanrak.public import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("about/", views.about, name="about"),
]
