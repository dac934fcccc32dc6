from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thanrak.accounts.models import Role
from thanrak.core.thai import current_fiscal_year


def navigation(request):
    """The navigation of the signed-in user's role, and the area they work in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    # Home is where /dashboard/ sends the user; for a district officer that is their center,
    # which "My center" below names, so their Home stays /dashboard/ and never lights up
    # beside it.
    home = reverse("dashboard") if user.district_id else user.home_url()
    items = [(_("Home"), home)]
    if user.district_id:
        items.append((_("My center"), reverse("centers:district", args=[user.district_id])))
        items.append((_("Readiness"), reverse("rules:readiness", args=[user.district_id])))
        items.append((_("Reports"), reverse("documents:report_list", args=[user.district_id])))
    elif user.province_id:
        items.append((_("Districts"), reverse("centers:province", args=[user.province_id])))
        items.append((_("Compliance"), reverse("rules:compliance", args=[user.province_id])))
        # The districts' reports of this fiscal year: the province reviews them all year.
        reports = reverse(
            "documents:province_reports", args=[user.province_id, current_fiscal_year()]
        )
        items.append((_("Reports"), reports))
        items.append((_("Monitoring"), reverse("monitoring:rounds", args=[user.province_id])))
    else:
        items.append((_("Provinces"), reverse("centers:provinces")))
    if user.role == Role.ADMIN and user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    # One item is current: the most specific (longest) address the page lies under, so
    # "My center" does not light up beside "Readiness" on the readiness page.
    matches = [url for _label, url in items if request.path.startswith(url)]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "active": url == current} for label, url in items
        ],
    }
