"""Benchmarks (`make bench`) on the demo's data.

- consolidated_pdf_19: Surat Thani's 19 centers with the demo's fiscal year 2563 records
  (about 12 activities, 13 committee members, 4 meetings, plans and files each), read and
  rendered to the consolidated PDF (``documents.bench.timed_consolidated``); setting up
  the data is not counted.
"""

from django.utils import translation

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District
from thanrak.centers.models import Center
from thanrak.demo.centers_fy2563 import load_center_records
from thanrak.documents.bench import timed_consolidated


def consolidated_pdf_19() -> tuple[float, str]:
    province_officer = User.objects.create(
        username="bench-84", role=Role.PROVINCE_OFFICER, province_id="84"
    )
    with translation.override("th"):
        for district in District.objects.filter(province="84"):
            center = Center.objects.create(district=district)
            officer = User.objects.create(
                username=f"bench-{district.pk}",
                role=Role.DISTRICT_OFFICER,
                district=district,
                province_id="84",
            )
            load_center_records(center, officer, province_officer)
    return timed_consolidated("84")


BENCHMARKS = {"consolidated_pdf_19": consolidated_pdf_19}
