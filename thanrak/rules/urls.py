from django.urls import path

from thanrak.rules import views

app_name = "rules"

urlpatterns = [
    path("compliance/", views.nation, name="nation"),
    path("provinces/<str:province>/compliance/", views.compliance, name="compliance"),
    path(
        "provinces/<str:province>/rules/<int:fiscal_year>/settings/",
        views.rule_settings,
        name="settings",
    ),
    path("districts/<str:district>/compliance/<str:rule>/", views.cell, name="cell"),
    path("districts/<str:district>/readiness/", views.readiness, name="readiness"),
]
