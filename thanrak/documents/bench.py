"""Benchmarks (`make bench`): the province's consolidated report, read and rendered to PDF.

- consolidated_pdf_32: a synthetic 32-district province (Nakhon Ratchasima's first 32
  districts) with the same amount of records per center, made up here.

The figure is the wall time of reading every center's records and rendering the PDF
(summary page plus one report form per district); setting up the data is not counted.
``consolidated_pdf_19`` (Surat Thani with the demo's records) is the demo's own
(``thanrak/demo/bench.py``): this app does not import the demo, which sits above it.
"""

import datetime as dt
import time
from decimal import Decimal

from django.test import override_settings
from django.utils import timezone, translation

from thanrak.areas.models import District
from thanrak.centers.models import (
    Activity,
    ActivityKind,
    Center,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    Material,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
)
from thanrak.core.periods import Period
from thanrak.documents import consolidated, selectors

FY = Period(2563)


def timed_consolidated(province_code: str) -> tuple[float, str]:
    # The layout is what is measured, never a PDF kept from before.
    with translation.override("th"), override_settings(PDF_CACHE_SECONDS=0):
        start = time.perf_counter()
        centers = selectors.province_centers(province_code)
        data, _name = consolidated.consolidated_file(
            centers[0].district.province, centers, FY, "pdf", timezone.localdate()
        )
        elapsed = time.perf_counter() - start
    if not data.startswith(b"%PDF"):
        raise RuntimeError("the consolidated report is not a PDF")
    return elapsed, "s"


def _synthetic_center(district: District) -> None:
    """A year of records like a demo center's, without files."""
    center = Center.objects.create(
        district=district, location=f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}"
    )
    name = district.name_th
    term = CommitteeTerm.objects.create(
        center=center, order_number="101/2562", order_date=dt.date(2019, 10, 7),
        starts_on=dt.date(2019, 10, 7),
    )  # fmt: skip
    CommitteeMember.objects.bulk_create(
        CommitteeMember(term=term, name=f"กรรมการคนที่ {i} อำเภอ{name}", category="leader", order=i)
        for i in range(13)
    )
    for q, month in enumerate((11, 2, 5, 8), start=1):
        year = 2019 if month >= 10 else 2020
        Meeting.objects.create(center=center, date=dt.date(year, month, 10), title=f"{q}/2563")
        Publicity.objects.create(
            center=center, date=dt.date(year, month, 12), channel="facebook",
            title=f"ประชาสัมพันธ์ผลการดำเนินงานศูนย์ฯ อำเภอ{name} ครั้งที่ {q}",
        )  # fmt: skip
    plans = [
        Plan.objects.create(center=center, kind=kind, title=f"แผน{label}ศูนย์ฯ อำเภอ{name}",
                            first_year=2563, last_year=last)
        for kind, label, last in (("short", "ระยะสั้น", 2563), ("long", "ระยะยาว", 2565))
    ]  # fmt: skip
    for plan in plans:
        PlanItem.objects.bulk_create(
            PlanItem(plan=plan, title=f"กิจกรรมตามแผนข้อ {i}", order=i) for i in range(3)
        )
    kinds = list(ActivityKind.values)
    for m in range(12):
        month = (m + 9) % 12 + 1
        year = 2019 if month >= 10 else 2020
        Activity.objects.create(
            center=center, date=dt.date(year, month, 15), kind=kinds[m % len(kinds)],
            title=f"กิจกรรมส่งเสริมกลุ่มอาชีพอำเภอ{name} เดือนที่ {m + 1}",
            participants_type1=5, participants_type2=8, participants_type3=6,
        )  # fmt: skip
    for i in range(4):
        Material.objects.create(center=center, title=f"สื่อความรู้ชุดที่ {i + 1}", quantity=20)
    for i in range(2):
        Expense.objects.create(
            center=center, date=dt.date(2020, 6, 10 + i), description=f"วัสดุฝึกอบรมชุดที่ {i + 1}",
            method="purchase", vendor="ร้านค้าในอำเภอ", amount=Decimal("750.00"),
        )  # fmt: skip


def consolidated_pdf_32() -> tuple[float, str]:
    districts = list(District.objects.filter(province="30").order_by("code")[:32])
    if len(districts) != 32:
        raise RuntimeError("Nakhon Ratchasima should have at least 32 districts")
    with translation.override("th"):
        for district in districts:
            _synthetic_center(district)
    return timed_consolidated("30")


BENCHMARKS = {
    "consolidated_pdf_32": consolidated_pdf_32,
}
