from django.urls import path

from thanrak.centers import views
from thanrak.centers.records import KINDS

app_name = "centers"

urlpatterns = [
    path("provinces/", views.provinces, name="provinces"),
    path("provinces/<str:province>/", views.province, name="province"),
    path("districts/<str:district>/", views.district, name="district"),
    path("districts/<str:district>/profile/", views.profile_edit, name="profile_edit"),
]

# The pages of every kind of record: list, new, detail, edit, delete.
for kind in KINDS.values():
    base = f"districts/<str:district>/{kind.slug}/"
    one = f"{base}<int:{kind.key}>/"
    extra = {"kind": kind.key}
    urlpatterns += [
        path(base, views.record_list, extra, name=f"{kind.key}_list"),
        path(f"{base}new/", views.record_create, extra, name=f"{kind.key}_create"),
        path(one, views.record_detail, extra, name=f"{kind.key}_detail"),
        path(f"{one}edit/", views.record_edit, extra, name=f"{kind.key}_edit"),
        path(f"{one}delete/", views.record_delete, extra, name=f"{kind.key}_delete"),
    ]
