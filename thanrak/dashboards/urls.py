from django.urls import path

from thanrak.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("provinces/<str:province>/dashboard/", views.province, name="province"),
    path("dashboard/nation/", views.nation, name="nation"),
]
