import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanrak.accounts.models import Role
from thanrak.core.periods import quarter_reported_on


def navigation(request):
    """The navigation of the signed-in user's role, and the area they work in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    # Home is where /dashboard/ sends the user. A district officer's is their center, which
    # "My center" names: a second item opening the same page would be one too many.
    items = [] if user.district_id else [(_("Home"), user.home_url())]
    if user.district_id:
        items.append((_("My center"), reverse("centers:district", args=[user.district_id])))
        items.append((_("Readiness"), reverse("rules:readiness", args=[user.district_id])))
        items.append((_("Reports"), reverse("documents:report_list", args=[user.district_id])))
    elif user.province_id:
        items.append((_("Districts"), reverse("centers:province", args=[user.province_id])))
        items.append((_("Compliance"), reverse("rules:compliance", args=[user.province_id])))
        # The districts' reports, open on the quarter being reported (its link's year and
        # query), and current on the reports of any year (the address without its year).
        reported = quarter_reported_on(timezone.localdate())
        year = f"{reported.fiscal_year}/"
        reports = reverse(
            "documents:province_reports", args=[user.province_id, reported.fiscal_year]
        )
        items.append(
            (_("Reports"), reports.removesuffix(year), f"{year}?quarter={reported.quarter}")
        )
        items.append((_("Monitoring"), reverse("monitoring:rounds", args=[user.province_id])))
    else:
        items.append((_("Provinces"), reverse("centers:provinces")))
    if user.role == Role.ADMIN and user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    # One item is current: the most specific (longest) address the page lies under, so
    # "My center" does not light up beside "Readiness" on the readiness page. A province's
    # pages that lie elsewhere belong to the item of their work (PROVINCE_PAGES).
    matched = {url: len(url) for _label, url, *_query in items if request.path.startswith(url)}
    if user.province_id and not user.district_id:
        for label, pattern in PROVINCE_PAGES:
            if found := pattern.match(request.path):
                url = next(url for item_label, url, *_query in items if item_label == label)
                matched[url] = max(matched.get(url, 0), found.end())
    current = max(matched, key=matched.get, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url + "".join(query), "active": url == current}
            for label, url, *query in items
        ],
    }


# The province's pages whose address lies under no item, or under «Districts» though they are
# another item's work: the letters and letterhead with the monitoring, the documents and
# exports with the reports, a rule's cell, readiness and thresholds with compliance.
PROVINCE_PAGES = (
    (
        _("Monitoring"),
        re.compile(r"/(monitoring|visits|letters)/|/provinces/\d+/(letters|letterhead)/"),
    ),
    (_("Reports"), re.compile(r"/(reports|documents)/|/provinces/\d+/(documents|exports)/")),
    (_("Compliance"), re.compile(r"/districts/\d+/(compliance|readiness)/|/provinces/\d+/rules/")),
)
