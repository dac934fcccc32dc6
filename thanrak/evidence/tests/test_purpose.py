"""What a file is (its purpose), chosen at upload and defaulted from its record.

The rules count minutes on a meeting (guideline §6.3 ๑) «จัดให้มีการประชุมคณะกรรมการ
บริหารศูนย์ฯ อย่างน้อยไตรมาสละ ๑ ครั้ง») and receipts on an expense (the province's
letter: «หลักฐานการจัดซื้อจัดจ้าง»): the purpose is what tells them apart from a photo.
"""

import datetime as dt
import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from thanrak.centers.models import Activity, Center, Expense, Meeting, Plan
from thanrak.evidence.models import Evidence, default_purpose, guessed_purpose
from thanrak.evidence.services import evidence_attach
from thanrak.evidence.tests.factories import image_bytes, pdf_bytes, upload

Purpose = Evidence.Purpose


@pytest.fixture
def phunphin(centers) -> Center:
    return centers["8417"]


def selected_purpose(page: str) -> str:
    select = re.search(r'<select name="files_purpose".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="(\w+)"[^>]*selected', select).group(1)


@pytest.mark.parametrize(
    ("kind", "purpose"),
    [
        ("meeting", Purpose.MINUTES),
        ("expense", Purpose.RECEIPT),
        ("term", Purpose.ORDER),
        ("plan", Purpose.PLAN),
        ("activity", Purpose.PHOTO),
        ("referral", Purpose.OTHER),
    ],
)
def test_the_upload_form_preselects_the_purpose_of_the_records_kind(
    client, phunphin_officer, kind, purpose
):
    client.force_login(phunphin_officer)
    page = client.get(reverse(f"centers:{kind}_create", args=["8417"])).content.decode()
    assert selected_purpose(page) == purpose
    for value in Purpose.values:
        assert f'<option value="{value}"' in page


def test_the_upload_form_offers_the_purposes_in_thai(client, phunphin_officer):
    client.force_login(phunphin_officer)
    with translation.override("th"):
        page = client.get(
            reverse("centers:meeting_create", args=["8417"]), HTTP_ACCEPT_LANGUAGE="th"
        ).content.decode()
    assert "ประเภทของหลักฐานที่แนบ" in page
    assert "ใบเสร็จรับเงินหรือหลักฐานการจัดซื้อจัดจ้าง" in page


def test_the_purpose_chosen_is_kept_with_each_file(
    client, phunphin_officer, phunphin, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {
            "date": "20/02/2563",
            "title": "ครั้งที่ 2/2563",
            "files_purpose": Purpose.PHOTO,
            "files": [upload("meeting.png", image_bytes(), "image/png")],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(center=phunphin)
    assert list(meeting.evidence.values_list("purpose", flat=True)) == [Purpose.PHOTO]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "evidence-purpose" in page


def test_a_purpose_not_on_the_list_is_refused(
    client, phunphin_officer, phunphin, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {"date": "20/02/2563", "title": "ครั้งที่ 2/2563", "files_purpose": "invoice"},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_without_a_purpose_a_file_takes_its_records(phunphin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = Meeting.objects.create(center=phunphin, date=dt.date(2020, 2, 20), title="ครั้งที่ 2")
    activity = Activity.objects.create(
        center=phunphin, date=dt.date(2020, 2, 20), title="อบรม", kind="form_groups"
    )
    pdf = lambda: upload("scan.pdf", pdf_bytes(), "application/pdf")  # noqa: E731
    png = lambda: upload("photo.png", image_bytes(), "image/png")  # noqa: E731
    assert evidence_attach(record=meeting, file=pdf(), user=None).purpose == Purpose.MINUTES
    assert evidence_attach(record=activity, file=png(), user=None).purpose == Purpose.PHOTO
    assert evidence_attach(record=activity, file=pdf(), user=None).purpose == Purpose.OTHER
    chosen = evidence_attach(record=meeting, file=png(), user=None, purpose=Purpose.PHOTO)
    assert chosen.purpose == Purpose.PHOTO
    with pytest.raises(ValueError, match="purpose"):
        evidence_attach(record=meeting, file=png(), user=None, purpose="invoice")


def test_defaults_by_kind_of_record():
    assert default_purpose(Meeting) == Purpose.MINUTES
    assert default_purpose(Expense) == Purpose.RECEIPT
    assert default_purpose(Plan) == Purpose.PLAN
    assert guessed_purpose(Meeting, Evidence.Kind.IMAGE) == Purpose.MINUTES
    assert guessed_purpose(Activity, Evidence.Kind.PDF) == Purpose.OTHER


def test_the_migration_gives_existing_files_the_purpose_of_their_record(phunphin):
    """Files kept before the purpose existed: what they counted as, kept."""
    migration = importlib.import_module("thanrak.evidence.migrations.0002_evidence_purpose")
    meeting = Meeting.objects.create(center=phunphin, date=dt.date(2020, 2, 20), title="ครั้งที่ 2")
    expense = Expense.objects.create(
        center=phunphin,
        date=dt.date(2020, 3, 1),
        description="วัสดุ",
        method="purchase",
        vendor="ร้าน",
        amount=Decimal(100),
    )
    activity = Activity.objects.create(
        center=phunphin, date=dt.date(2020, 2, 20), title="อบรม", kind="form_groups"
    )
    plan = Plan.objects.create(
        center=phunphin, kind="long", title="แผน", first_year=2563, last_year=2565
    )

    def row(record, kind: str) -> Evidence:
        return Evidence.objects.create(
            district_id="8417",
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            file="evidence/8417/2020/x.bin",
            kind=kind,
            purpose=Purpose.OTHER,
            content_type_name="application/octet-stream",
            extension=".bin",
            original_name="x.bin",
            size=1,
            uploaded_at=timezone.now(),
        )

    rows = {
        "meeting photo": row(meeting, "image"),
        "expense pdf": row(expense, "pdf"),
        "activity photo": row(activity, "image"),
        "activity pdf": row(activity, "pdf"),
        "plan pdf": row(plan, "pdf"),
        "center photo": row(phunphin, "image"),
    }
    migration.set_purposes(apps, None)
    found = {name: Evidence.objects.get(pk=e.pk).purpose for name, e in rows.items()}
    assert found == {
        "meeting photo": Purpose.MINUTES,
        "expense pdf": Purpose.RECEIPT,
        "activity photo": Purpose.PHOTO,
        "activity pdf": Purpose.OTHER,
        "plan pdf": Purpose.PLAN,
        "center photo": Purpose.PHOTO,
    }
