"""The policy's rules that need real data to show: what each role sees and may not do."""

import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PHUNPHIN, SURAT_THANI, make_user
from thanrak.accounts.models import Role
from thanrak.documents.models import GeneratedDocument
from thanrak.monitoring.tests.factories import make_round
from thanrak.producers.tests.factories import FAKE_CITIZEN_ID, make_group


def test_province_wide_readers_ask_for_the_consolidated_report_and_monitors_do_not(
    login, province_officer, viewer, monitor, admin_user
):
    """Asking for the report to be made is reading it: executives may; monitors read districts."""
    url = reverse("documents:generated_list", args=[SURAT_THANI])
    data = {"kind": GeneratedDocument.Kind.CONSOLIDATED_PDF, "fiscal_year": 2563}
    assert login(monitor).post(url, data).status_code == 403
    assert login(monitor).post(url, data, HTTP_HX_REQUEST="true").status_code == 403
    assert not GeneratedDocument.objects.exists()
    for user in (province_officer, viewer, admin_user):
        assert login(user).post(url, data).status_code == 302
    assert GeneratedDocument.objects.count() == 3
    # Only the consolidated report is made here: another kind asked for is not.
    login(viewer).post(url, {**data, "kind": GeneratedDocument.Kind.EXPORT})
    assert set(GeneratedDocument.objects.values_list("kind", flat=True)) == {
        GeneratedDocument.Kind.CONSOLIDATED_PDF
    }


def test_a_monitor_sees_report_pages_only_for_the_districts_of_their_rounds(login, centers):
    url = reverse("documents:province_reports", args=[SURAT_THANI, 2563])
    outsider = make_user("no-round", Role.MONITOR, province=SURAT_THANI)
    page = login(outsider).get(url).content.decode()
    assert "พุนพิน" not in page and "ไชยา" not in page

    round_ = make_round(SURAT_THANI)
    round_.districts.set([PHUNPHIN])
    lead = round_.teams.get().lead
    page = login(lead).get(url).content.decode()
    assert "พุนพิน" in page and "ไชยา" not in page
    # The consolidated report covers every district: not for monitors.
    consolidated = reverse("documents:consolidated_xlsx", args=[SURAT_THANI, 2563])
    assert login(lead).get(consolidated).status_code == 403


def test_the_executive_sees_no_names_phones_or_citizen_ids(login, viewer, province_officer):
    group = make_group(PHUNPHIN)
    detail = reverse("producers:group_detail", args=[PHUNPHIN, group.pk])
    masked = FAKE_CITIZEN_ID[-4:]
    officer_page = login(province_officer).get(detail).content.decode()
    assert "นางทดสอบ ระบบ" in officer_page and "0812345678" in officer_page
    page = login(viewer).get(detail).content.decode()
    assert "นางทดสอบ ระบบ" not in page and "0812345678" not in page and masked not in page
    assert "(ซ่อน)" in page


PRIVATE_OWNER = "นางสาวละเอียด ทองเนื้อดี"
REFERRED = "นายสมปอง ขอความช่วยเหลือ"
OWNER_ADDRESS = "99/1 หมู่ 3 ตำบลท่าข้าม"


def private_persons() -> tuple[list[str], list[str], int]:
    """A private sole owner (in a group, with a product, a certification to renew and a
    service) and a referred person in Phunphin: the pages and files that may name them,
    and the owner's id."""
    from thanrak.centers.tests.factories import make_record
    from thanrak.producers.models import Certification, Producer, Service
    from thanrak.producers.tests.factories import make_group, make_producer, make_product

    group = make_group(PHUNPHIN, "กลุ่มขนมลาพุนพิน")
    sole = make_producer(
        PHUNPHIN,
        PRIVATE_OWNER,
        kind=Producer.Kind.SOLE,
        name_public=False,
        group=group,
        address=OWNER_ADDRESS,
    )
    product = make_product(PHUNPHIN, "ขนมลา", producer=sole)
    soon = timezone.localdate() + dt.timedelta(days=30)
    Certification.objects.create(product=product, kind="fda", number="1", expires_on=soon)
    service = Service.objects.create(
        district_id=PHUNPHIN, date=soon, producer=sole, target_group="1", kind="advice"
    )
    referral = make_record("referral", PHUNPHIN)
    referral.who = REFERRED
    referral.save()
    pages = [
        reverse("producers:producer_detail", args=[PHUNPHIN, sole.pk]),
        reverse("producers:group_detail", args=[PHUNPHIN, group.pk]),
        reverse("producers:product_list", args=[PHUNPHIN]),
        reverse("producers:product_detail", args=[PHUNPHIN, product.pk]),
        reverse("producers:service_detail", args=[PHUNPHIN, service.pk]),
        reverse("producers:expiring", args=[PHUNPHIN]),
        reverse("producers:home", args=[PHUNPHIN]),
        reverse("producers:province", args=[SURAT_THANI]),
        reverse("producers:search") + "?q=ละเอียด",
        reverse("centers:referral_list", args=[PHUNPHIN]) + "?fy=all",
        reverse("centers:referral_detail", args=[PHUNPHIN, referral.pk]),
    ]
    files = [
        reverse("producers:product_export", args=[PHUNPHIN]),
        reverse("producers:expiring", args=[PHUNPHIN]) + "?format=xlsx",
    ]
    return pages, files, sole.pk


def workbook_text(response) -> str:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row)


def test_the_executive_never_reads_a_private_sole_owner_or_a_referred_person(
    login, viewer, province_officer
):
    from thanrak.audit.models import AuditEvent

    pages, files, owner_pk = private_persons()
    for user, sees in ((province_officer, True), (viewer, False)):
        client = login(user)
        for url in pages:
            text = client.get(url).content.decode()
            named = any(p in text for p in (PRIVATE_OWNER, REFERRED, OWNER_ADDRESS))
            assert named == sees, (user, url)
        for url in files:
            text = workbook_text(client.get(url))
            assert (PRIVATE_OWNER in text or REFERRED in text) == sees, (user, url)
    # The executive's reads of what they saw hidden are no personal reads.
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERSONAL_READ, user=viewer)
    # The search does not find a private sole owner for the executive.
    found = login(viewer).get(reverse("producers:search") + "?q=ละเอียด").content.decode()
    assert reverse("producers:producer_detail", args=[PHUNPHIN, owner_pk]) not in found


def test_the_executive_reads_the_group_or_organisation_a_referral_is_for(
    login, viewer, province_officer
):
    from thanrak.audit.models import AuditEvent
    from thanrak.centers.models import Referral
    from thanrak.centers.tests.factories import make_record

    group = make_record("referral", PHUNPHIN)
    group.who_kind, group.who = Referral.WhoKind.GROUP, "กลุ่มทอผ้าบ้านใหม่"
    group.save()
    person = make_record("referral", PHUNPHIN)
    person.who = REFERRED
    person.save()
    client = login(viewer)
    listed = client.get(reverse("centers:referral_list", args=[PHUNPHIN]) + "?fy=all").text
    assert "กลุ่มทอผ้าบ้านใหม่" in listed and REFERRED not in listed
    detail = client.get(reverse("centers:referral_detail", args=[PHUNPHIN, group.pk])).text
    assert "กลุ่มทอผ้าบ้านใหม่" in detail and "กลุ่ม" in detail
    api = client.get(f"/api/v1/districts/{PHUNPHIN}/referrals").json()["items"]
    assert {item["who"] for item in api} == {"กลุ่มทอผ้าบ้านใหม่", "(ซ่อน)"}
    # A group's referral names no person: the province officer's read of it is no
    # personal read; the list naming the person is one, of one person.
    officer = login(province_officer)
    officer.get(reverse("centers:referral_detail", args=[PHUNPHIN, group.pk]))
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERSONAL_READ)
    officer.get(reverse("centers:referral_list", args=[PHUNPHIN]) + "?fy=all")
    [read] = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERSONAL_READ)
    assert read.persons == 1


def test_the_executive_writes_nothing(login, viewer):
    for name in ("centers:activity_create", "producers:group_create", "centers:profile_edit"):
        url = reverse(name, args=[PHUNPHIN])
        assert login(viewer).get(url).status_code == 403
        assert login(viewer).post(url).status_code == 403
