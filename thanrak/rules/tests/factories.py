"""Records of a center for the rules' tests, and evidence attached as Evidence rows.

Evidence is made directly (not through the evidence service) so these tests depend
only on the Evidence model.
"""

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thanrak.areas.models import District
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    CompositionException,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    Publicity,
    Report,
)
from thanrak.evidence.models import Evidence, guessed_purpose

# A tiny valid PNG (1×1 pixel).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
_names = itertools.count(1)

C = CommitteeMember.Category


def attach(record, *, caption: str = "", purpose: str | None = None) -> Evidence:
    """Attach a tiny photo to a record of a center (or to the center itself).

    Its purpose is the record's own (minutes on a meeting, a receipt on an expense …)
    unless given.
    """
    center = record if isinstance(record, Center) else record.center
    evidence = Evidence(
        district_id=center.district_id,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        kind="image",
        purpose=purpose or guessed_purpose(record, "image"),
        content_type_name="image/png",
        extension=".png",
        original_name=f"photo-{next(_names)}.png",
        size=len(PNG),
        caption=caption,
        uploaded_at=timezone.now(),
    )
    evidence.file.save(evidence.original_name, ContentFile(PNG), save=True)
    return evidence


def categories(count: int) -> list[str]:
    """The guideline's composition for a committee of ``count`` (≥ 7): leaders fill the rest."""
    return [C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * (count - 7)]


def term(
    center: Center,
    members: int | list[str] = 13,
    *,
    starts_on: dt.date = dt.date(2019, 10, 1),
    ends_on: dt.date | None = None,
    order_number: str = "123/2562",
) -> CommitteeTerm:
    made = CommitteeTerm.objects.create(
        center=center,
        order_number=order_number,
        order_date=starts_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    cats = categories(members) if isinstance(members, int) else members
    CommitteeMember.objects.bulk_create(
        CommitteeMember(term=made, name=f"กรรมการ {i + 1}", category=cat, order=i)
        for i, cat in enumerate(cats)
    )
    return made


def meeting(center: Center, day: dt.date, *, minutes: bool = True) -> Meeting:
    made = Meeting.objects.create(center=center, date=day, title=f"ประชุม {day:%Y-%m-%d}")
    if minutes:
        attach(made)
    return made


def activity(center: Center, day: dt.date, *, evidence: bool = True, title: str = "") -> Activity:
    made = Activity.objects.create(
        center=center, date=day, title=title or f"กิจกรรม {day:%Y-%m}", kind="form_groups"
    )
    if evidence:
        attach(made)
    return made


def publicity(center: Center, day: dt.date, *, url: str = "https://example.go.th/") -> Publicity:
    return Publicity.objects.create(
        center=center, date=day, channel="facebook", title=f"ข่าว {day:%Y-%m-%d}", url=url
    )


def plan(center: Center, kind: str, first: int, last: int, *, filed: bool = True) -> Plan:
    made = Plan.objects.create(
        center=center,
        kind=kind,
        title=f"แผน {kind} {first}-{last}",
        first_year=first,
        last_year=last,
    )
    if filed:
        attach(made)
    return made


def allocation(center: Center, amount: str = "1500", fy: int = 2563) -> BudgetAllocation:
    return BudgetAllocation.objects.create(
        center=center, fiscal_year=fy, amount=Decimal(amount), letter_number="สฎ 0019.03/ว.3673"
    )


def expense(center: Center, amount: str, day: dt.date, *, receipt: bool = True) -> Expense:
    made = Expense.objects.create(
        center=center,
        date=day,
        description="วัสดุสำนักงาน",
        method="purchase",
        vendor="ร้านพุนพินพาณิชย์",
        amount=Decimal(amount),
    )
    if receipt:
        attach(made)
    return made


def exception(center: Center, *, approved: bool = True, letter: bool = True):
    made = CompositionException.objects.create(
        center=center,
        letter_number="มท 0410.2/1234",
        letter_date=dt.date(2019, 11, 1),
        approved=approved,
    )
    if letter:
        attach(made)
    return made


def every_month_but(center: Center, skip=(), fy: int = 2563) -> None:
    """An activity with evidence on the 28th of every month of the fiscal year but those skipped."""
    from thanrak.core.thai import fiscal_months

    for year, month in fiscal_months(fy):
        if (year, month) not in skip:
            activity(center, dt.date(year, month, 28))


def complete_year(center: Center, fy: int = 2563) -> None:
    """Every record the rules ask for in a fiscal year, all with evidence."""
    from thanrak.core.thai import fiscal_months, fiscal_quarter_range

    attach(term(center, 13, starts_on=dt.date(2019, 10, 1)))
    for quarter in (1, 2, 3, 4):
        start, _end = fiscal_quarter_range(fy, quarter)
        meeting(center, start + dt.timedelta(days=14))
        publicity(center, start + dt.timedelta(days=20))
    for year, month in fiscal_months(fy):
        activity(center, dt.date(year, month, 10))
    plan(center, Plan.Kind.SHORT, fy, fy)
    plan(center, Plan.Kind.LONG, fy - 1, fy + 2)
    allocation(center, "1500", fy)
    expense(center, "1500", dt.date(2020, 3, 1))
    center.location = "สำนักงานพัฒนาชุมชนอำเภอ"
    center.has_dedicated_space = True
    center.staff_on_duty = "นักวิชาการพัฒนาชุมชนเวรประจำวัน"
    center.save()
    Material.objects.create(center=center, title="คู่มือการจัดตั้งกลุ่มอาชีพ")
    Report.objects.create(center=center, fiscal_year=fy, quarter=0, status="submitted")
    LessonsLearned.objects.create(center=center, fiscal_year=fy, results="ผลการดำเนินงาน")


# The query-count tests (test_queries.py, test_nation_queries.py): rows in bulk.


def queries(action) -> int:
    """The queries an action costs, without the session's own bookkeeping (the session
    notes the last request at most once a minute, which a slow run crosses)."""
    with CaptureQueriesContext(connection) as context:
        action()
    return sum('"django_session"' not in q["sql"] for q in context.captured_queries)


def seed(centers: list[Center], per_kind: int = 1) -> None:
    """A few records of every kind for each center, in bulk; evidence rows name no real file."""
    day = dt.date(2020, 1, 15)
    terms = CommitteeTerm.objects.bulk_create(
        CommitteeTerm(
            center=c, order_number="1/2563", order_date=day, starts_on=dt.date(2019, 10, 1)
        )
        for c in centers
    )
    CommitteeMember.objects.bulk_create(
        CommitteeMember(term=t, name=f"กรรมการ {i}", category=cat)
        for t in terms
        for i, cat in enumerate(categories(13))
    )
    dated = {}
    for model, extra in [
        (Meeting, {"title": "ประชุม"}),
        (Activity, {"title": "กิจกรรม", "kind": "form_groups"}),
        (Publicity, {"title": "ข่าว", "channel": "facebook"}),
        (
            Expense,
            {"description": "วัสดุ", "method": "purchase", "vendor": "ร้าน", "amount": Decimal(100)},
        ),
    ]:
        dated[model] = model.objects.bulk_create(
            model(center=c, date=day + dt.timedelta(days=i), **extra)
            for c in centers
            for i in range(per_kind)
        )
    plans = Plan.objects.bulk_create(
        Plan(center=c, kind=kind, title="แผน", first_year=2563, last_year=2563 + (kind == "long"))
        for c in centers
        for kind in ("short", "long")
    )
    BudgetAllocation.objects.bulk_create(
        BudgetAllocation(center=c, fiscal_year=2563, amount=Decimal(1500)) for c in centers
    )
    Material.objects.bulk_create(Material(center=c, title="แผ่นพับ") for c in centers)
    Report.objects.bulk_create(
        Report(center=c, fiscal_year=2563, quarter=0, status="submitted") for c in centers
    )
    LessonsLearned.objects.bulk_create(
        LessonsLearned(center=c, fiscal_year=2563, results="ผล") for c in centers
    )
    seed_evidence(centers, [terms, plans, *dated.values()])


def seed_evidence(centers: list[Center], record_lists: list[list]) -> None:
    """One evidence row (naming no real file) for each of the records."""
    district_of = {c.pk: c.district_id for c in centers}
    now = timezone.now()
    Evidence.objects.bulk_create(
        Evidence(
            district_id=district_of[record.center_id],
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            file="evidence/test/not-stored.png",
            kind="image",
            purpose=guessed_purpose(record, "image"),  # minutes, receipts, plans …
            content_type_name="image/png",
            extension=".png",
            original_name="photo.png",
            size=100,
            uploaded_at=now,
        )
        for records in record_lists
        for record in records
    )


def make_two_hundred(centers: dict[str, Center]) -> list[District]:
    """200 districts of other provinces, each with a center and a few records."""
    districts = list(
        District.objects.exclude(province="84").exclude(pk__in=centers).order_by("code")[:200]
    )
    made = Center.objects.bulk_create(Center(district=d) for d in districts)
    for center, district in zip(made, districts, strict=True):
        center.district = district
    seed(made)
    return districts
