from django.urls import path

from thanrak.centers import views

app_name = "centers"

urlpatterns = [
    path("provinces/", views.provinces, name="provinces"),
    path("provinces/<str:province>/", views.province, name="province"),
    path("districts/<str:district>/", views.district, name="district"),
]
