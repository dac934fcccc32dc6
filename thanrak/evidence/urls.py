from django.urls import path

from thanrak.evidence import views

app_name = "evidence"

urlpatterns = [
    path("<int:evidence>/", views.download, name="download"),
    path("<int:evidence>/thumbnail/", views.thumbnail, name="thumbnail"),
    path("<int:evidence>/delete/", views.delete, name="delete"),
    path("<int:evidence>/purpose/", views.purpose, name="purpose"),
]
