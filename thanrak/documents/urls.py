from django.urls import path

from thanrak.documents import views

app_name = "documents"

urlpatterns = [
    # The district's report form and its review
    path("districts/<str:district>/reports/", views.report_list, name="report_list"),
    path("districts/<str:district>/reports/<int:fiscal_year>/", views.report, name="report"),
    path(
        "districts/<str:district>/reports/<int:fiscal_year>/submit/",
        views.report_submit,
        name="report_submit",
    ),
    path(
        "districts/<str:district>/reports/<int:fiscal_year>/pdf/",
        views.report_pdf,
        name="report_pdf",
    ),
    path(
        "districts/<str:district>/reports/<int:fiscal_year>/xlsx/",
        views.report_xlsx,
        name="report_xlsx",
    ),
    path("reports/<int:report>/review/", views.review, name="review"),
    # The province: who is late, the consolidated report, documents made in the background
    path(
        "provinces/<str:province>/reports/<int:fiscal_year>/",
        views.province_reports,
        name="province_reports",
    ),
    path(
        "provinces/<str:province>/reports/<int:fiscal_year>/consolidated.pdf",
        views.consolidated,
        {"fmt": "pdf"},
        name="consolidated_pdf",
    ),
    path(
        "provinces/<str:province>/reports/<int:fiscal_year>/consolidated.xlsx",
        views.consolidated,
        {"fmt": "xlsx"},
        name="consolidated_xlsx",
    ),
    path("provinces/<str:province>/documents/", views.generated_list, name="generated_list"),
    path("documents/<int:document>/", views.generated, name="generated"),
    path("documents/<int:document>/download/", views.generated_download, name="generated_download"),
    # Lists exported by the worker: a district's long list, a province's, the country's
    path("districts/<str:district>/exports/", views.district_exports, name="district_exports"),
    path("provinces/<str:province>/exports/", views.province_exports, name="province_exports"),
    path("exports/", views.national_exports, name="national_exports"),
    path("exports/<int:export>/", views.export, name="export"),
    path("exports/<int:export>/download/", views.export_download, name="export_download"),
    # Official letters and the round's printed schedule
    path("provinces/<str:province>/letters/", views.letter_list, name="letters"),
    path("provinces/<str:province>/letters/new/", views.letter_create, name="letter_create"),
    path("provinces/<str:province>/letterhead/", views.letterhead, name="letterhead"),
    path("letters/<int:letter>/", views.letter, name="letter"),
    path("letters/<int:letter>/pdf/", views.letter_pdf, name="letter_pdf"),
    # A letter of a round, read by a district its schedule visits
    path(
        "districts/<str:district>/letters/<int:issued_letter>/",
        views.district_letter,
        name="district_letter",
    ),
    path(
        "districts/<str:district>/letters/<int:issued_letter>/pdf/",
        views.district_letter_pdf,
        name="district_letter_pdf",
    ),
    path("documents/rounds/<int:round>/schedule.pdf", views.schedule_pdf, name="schedule_pdf"),
    path("documents/rounds/<int:round>/schedule.xlsx", views.schedule_xlsx, name="schedule_xlsx"),
]
