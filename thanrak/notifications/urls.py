from django.urls import path

from thanrak.notifications import views

app_name = "notifications"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.read, name="read"),
    path("inbox/email/", views.preference, name="preference"),
]
