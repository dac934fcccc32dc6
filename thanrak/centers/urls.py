from django.urls import path

from thanrak.centers import views
from thanrak.centers.records import KINDS
from thanrak.core.records import record_urls

app_name = "centers"

urlpatterns = [
    path("provinces/", views.provinces, name="provinces"),
    path("provinces/<str:province>/", views.province, name="province"),
    path("provinces/<str:province>/budget/", views.budget, name="budget"),
    path("districts/<str:district>/", views.district, name="district"),
    path("districts/<str:district>/profile/", views.profile_edit, name="profile_edit"),
]

# The pages of every kind of record: list, new, detail, edit, delete.
urlpatterns += record_urls(KINDS, "districts/<str:district>/", views)
