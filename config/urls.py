from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from thanrak.accounts import views as account_views
from thanrak.centers import views as center_views
from thanrak.core import health

# A wrong API address answers JSON, like the API's other refusals.
handler404 = "thanrak.api.api.page_not_found"

admin.site.site_header = _("Thanrak administration")
admin.site.site_title = _("Thanrak")

# The addresses under a prefix of their own come first: the resolver tries each entry in
# turn, and an API or admin address would otherwise be tried against every app's pages first.
# None of the apps' pages below (all under "") starts with these prefixes.
urlpatterns = [
    path("accounts/", include("thanrak.accounts.urls")),
    path("api/v1/", include("thanrak.api.urls")),
    path("evidence/", include("thanrak.evidence.urls")),
    path("admin/", admin.site.urls),
    # Django's language switch, which also keeps a signed-in person's choice with them.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("healthz/", health.HealthView.as_view(checks=health.APP), name="health"),
    path("healthz/worker/", health.HealthView.as_view(checks=health.WORKER), name="health_worker"),
    path("", include("thanrak.public.urls")),
    path("dashboard/", center_views.dashboard, name="dashboard"),
    path("", include("thanrak.centers.urls")),
    path("", include("thanrak.rules.urls")),
    path("", include("thanrak.producers.urls")),
    path("", include("thanrak.monitoring.urls")),
    path("", include("thanrak.documents.urls")),
    path("", include("thanrak.dashboards.urls")),
    path("", include("thanrak.notifications.urls")),
]
