"""The current fiscal year, from 1 October up to today: what a new user sees first.

Every page opens on the current fiscal year, so the demo fills it with the same
generators as the seed's 2563 (see years.current_year for the days and the gaps).
"""

import datetime as dt

from thanrak.accounts.models import Role, User
from thanrak.areas.models import Province
from thanrak.centers.models import BudgetAllocation, Center
from thanrak.demo.centers_fy2563 import load_center_year
from thanrak.demo.documents import load_closing_reports, load_reports
from thanrak.demo.monitoring import load_current_round
from thanrak.demo.producers import load_current_services, load_producer_moves
from thanrak.demo.years import FY2563, current_year


def load_current_year(province: Province, province_officer: User, today: dt.date) -> None:
    """Load the fiscal year of `today` (each part once: skipped when already there)."""
    year = current_year(today)
    if year.fy == FY2563.fy:
        return
    officers = {
        u.district_id: u for u in User.objects.filter(province=province, role=Role.DISTRICT_OFFICER)
    }
    loaded = set(
        BudgetAllocation.objects.filter(fiscal_year=year.fy).values_list("center", flat=True)
    )
    centers = Center.objects.filter(district__province=province).select_related("district")
    for center in centers.order_by("district"):
        if center.pk not in loaded:
            officer = officers[center.district_id]
            load_center_year(center, officer, province_officer, year)
    load_producer_moves(province, year)
    load_current_services(province, year, officers)
    load_current_round(province, province_officer, today)
    load_reports(province, province_officer, year)
    load_closing_reports(province, province_officer, year)
