"""Excel and CSV import: template, check, preview, all-or-nothing, Thai row errors, progress."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import task_backends
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.audit.models import AuditEvent
from thanrak.core.thai import be_year
from thanrak.dashboards import kept
from thanrak.producers.imports import SPECS, check_file
from thanrak.producers.models import Group, ImportJob, Member, Producer, StageChange, Wisdom
from thanrak.producers.tests.factories import FAKE_CITIZEN_ID, workbook

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
HEADERS = [c.header for c in SPECS["producers"]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def producer_rows(n: int) -> list[list[object]]:
    return [
        [f"กลุ่มผู้ผลิตที่ {i}", "กลุ่มผู้ผลิตชุมชน", f"8417-{i:05d}", 2562, "", "ตลาดนัด", ""]
        for i in range(1, n + 1)
    ]


def upload(client, kind: str, data: bytes, name: str = "file.xlsx"):
    return client.post(
        reverse("producers:import_new", args=[PHUNPHIN]),
        {"kind": kind, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_template_has_thai_headers_and_an_example(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:import_template"), {"kind": "producers"})
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert [c.value for c in sheet[1]][:2] == ["ชื่อผู้ผลิต *", "ประเภท *"]
    assert sheet.max_row == 2
    # The kind is picked from a drop-down list of its Thai labels (kept on a hidden sheet);
    # typing stays free, for the short forms the check also takes.
    (listed,) = sheet.data_validations.dataValidation
    assert str(listed.sqref) == "B2:B5000" and listed.showErrorMessage is False
    assert listed.formula1 == "'รายการ'!$A$1:$A$3"
    lists = book["รายการ"]
    assert lists.sheet_state == "hidden"
    assert [row[0] for row in lists.iter_rows(values_only=True)] == [
        "กลุ่มผู้ผลิตชุมชน",
        "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว",
        "ผู้ผลิตที่เป็น SMEs",
    ]
    # The template as it comes, its example row kept, is read as a file to import.
    checked = check_file(response.content, "t.xlsx", "producers", phunphin_officer.district)
    assert checked.errors == [] and len(checked.records) == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/otop/import-template/?kind=producers", "/imports/template/?kind=producers"),
        ("/districts/8417/otop/imports/?kind=meetings", "/districts/8417/imports/?kind=meetings"),
        ("/districts/8417/otop/imports/7/", "/districts/8417/imports/7/"),
    ],
)
def test_the_import_pages_former_addresses_send_on_to_the_new_ones(client, old, new):
    response = client.get(old)
    assert (response.status_code, response.url) == (301, new)


@override_settings(TASKS=IMMEDIATE)
def test_one_bad_row_writes_nothing_and_names_row_and_column_in_thai(client, phunphin_officer):
    rows = producer_rows(30)
    rows[16][3] = "62"  # row 18 of the sheet: a two-digit year
    client.force_login(phunphin_officer)
    response = upload(client, "producers", workbook(HEADERS, rows))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [
        {
            "row": 18,
            "column": "ปีที่ลงทะเบียน (พ.ศ.)",
            "message": "ปีต้องเป็นปีพุทธศักราชสี่หลัก เช่น 2563",
            "text": "แถวที่ 18 คอลัมน์ “ปีที่ลงทะเบียน (พ.ศ.)”: ปีต้องเป็นปีพุทธศักราชสี่หลัก เช่น 2563",
        }
    ]
    assert "แถวที่" not in response.text or "18" in response.text
    assert "ไม่มีการบันทึกข้อมูลใด" in response.text
    # Nothing is offered for writing, and nothing was written.
    assert "import_confirm" not in response.text
    assert Producer.objects.count() == 0
    client.post(reverse("producers:import_confirm", args=[PHUNPHIN, job.pk]))
    assert Producer.objects.count() == 0
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORTED).exists()


@override_settings(TASKS=IMMEDIATE)
def test_a_valid_file_is_previewed_then_written_with_stages(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = upload(client, "producers", workbook(HEADERS, producer_rows(25)))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY and job.total == 25
    assert "กลุ่มผู้ผลิตที่ 1" in response.text  # the preview
    assert Producer.objects.count() == 0
    dashboard_stamp = kept.stamps(["84"])
    client.post(reverse("producers:import_confirm", args=[PHUNPHIN, job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Producer.objects.filter(district=PHUNPHIN).count() == 25
    # Written in bulk, without signals: the import itself renews the kept dashboard figures.
    assert kept.stamps(["84"]) != dashboard_stamp
    assert StageChange.objects.filter(producer__isnull=False).count() == 25
    assert Producer.history.count() == 25
    # Searchable at once.
    assert Producer.objects.filter(search_title__contains=" ผู้ผลิต ").count() == 25


@override_settings(TASKS=IMMEDIATE)
def test_progress_is_polled_with_htmx(client, phunphin_officer):
    client.force_login(phunphin_officer)
    upload(client, "producers", workbook(HEADERS, producer_rows(3)))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING, done=1, total=3)
    url = reverse("producers:import_detail", args=[PHUNPHIN, job.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert '<progress max="3" value="1"' in response.text
    assert 'hx-trigger="every 1s"' in response.text
    assert "<html" not in response.text


def status_partial(client, job: ImportJob, status: str, query: str = "") -> str:
    ImportJob.objects.filter(pk=job.pk).update(status=status)
    url = reverse("producers:import_detail", args=[PHUNPHIN, job.pk])
    return client.get(url + query, HTTP_HX_REQUEST="true").text


@override_settings(TASKS=IMMEDIATE)
def test_the_status_polls_until_the_job_is_final(client, phunphin_officer):
    client.force_login(phunphin_officer)
    upload(client, "producers", workbook(HEADERS, producer_rows(3)))
    job = ImportJob.objects.get()
    poll = f'hx-get="{reverse("producers:import_detail", args=[PHUNPHIN, job.pk])}'
    for status in ("queued", "checking", "writing"):
        html = status_partial(client, job, status)
        assert poll in html and 'hx-trigger="every 1s"' in html, status
        assert "<progress" in html and "import_confirm" not in html, status
    # Ready and not confirmed: the button, no polling.
    html = status_partial(client, job, "ready")
    assert "hx-get" not in html and "hx-trigger" not in html and "<progress" not in html
    assert 'hx-post="/districts/8417/imports/' in html and "พร้อมนำเข้า" in html
    # Confirmed, before the worker took it: polling, no button.
    html = status_partial(client, job, "confirmed")
    assert f'{poll}" hx-trigger="every 1s"' in html
    assert "รอเริ่มนำเข้า" in html and "พร้อมนำเข้า" not in html and "<button" not in html
    for status in ("done", "failed", "invalid", "abandoned"):
        html = status_partial(client, job, status)
        assert "hx-get" not in html and "<progress" not in html, status
    html = status_partial(client, job, "done")
    assert 'href="/districts/8417/otop/producers/"' in html


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_a_file_no_worker_has_taken_for_long_says_to_tell_the_administrator(
    client, phunphin_officer, settings
):
    """Without a running worker a queued file would wait without a word: after
    IMPORT_STALE_MINUTES the page says so (the job stays queued, to be taken later)."""
    client.force_login(phunphin_officer)
    upload(client, "producers", workbook(HEADERS, producer_rows(2)))
    job = ImportJob.objects.get()
    url = reverse("producers:import_detail", args=[PHUNPHIN, job.pk])
    assert job.status == "queued" and "แจ้งผู้ดูแลระบบ" not in client.get(url).text
    minutes = settings.IMPORT_STALE_MINUTES + 1
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes)
    )
    page = client.get(url, HTTP_HX_REQUEST="true").text
    assert "แจ้งผู้ดูแลระบบ" in page and 'hx-trigger="every 1s"' in page
    job.refresh_from_db()
    assert job.status == "queued"


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_confirming_with_htmx_swaps_in_the_polling_state(client, phunphin_officer):
    client.force_login(phunphin_officer)
    upload(client, "producers", workbook(HEADERS, producer_rows(3)))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY, total=3)
    confirm = reverse("producers:import_confirm", args=[PHUNPHIN, job.pk])
    response = client.post(confirm, HTTP_HX_REQUEST="true", follow=True)
    assert 'hx-trigger="every 1s"' in response.text and "<html" not in response.text
    assert "รอเริ่มนำเข้า" in response.text
    assert ImportJob.objects.get().status == ImportJob.Status.CONFIRMED
    # Confirmed twice (a second tab, a double click): queued once.
    client.post(confirm)
    queued = [r.task.name for r in task_backends["default"].results]
    assert queued.count("import_write") == 1


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_reloading_after_confirming_still_shows_the_wait(client, phunphin_officer):
    client.force_login(phunphin_officer)
    upload(client, "producers", workbook(HEADERS, producer_rows(3)))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY, total=3)
    client.post(reverse("producers:import_confirm", args=[PHUNPHIN, job.pk]))
    # A plain reload of the page, no query string: the job itself says it waits.
    page = client.get(reverse("producers:import_detail", args=[PHUNPHIN, job.pk])).text
    assert 'data-status="confirmed"' in page and 'hx-trigger="every 1s"' in page
    assert "รอเริ่มนำเข้า" in page and 'data-testid="import-confirm"' not in page


def test_duplicate_registration_numbers_are_refused(phunphin_officer):
    rows = producer_rows(3)
    rows[2][2] = rows[0][2]
    checked = check_file(workbook(HEADERS, rows), "p.xlsx", "producers", phunphin_officer.district)
    assert [(e["row"], e["column"]) for e in checked.errors] == [(4, "เลขทะเบียน OTOP")]


def test_a_registration_year_to_come_is_refused_in_the_file_and_on_the_form(
    client, phunphin_officer
):
    next_year = be_year(timezone.localdate().year) + 1
    rows = producer_rows(2)
    rows[1][3] = next_year
    checked = check_file(workbook(HEADERS, rows), "p.xlsx", "producers", phunphin_officer.district)
    assert [(e["row"], e["column"]) for e in checked.errors] == [(3, "ปีที่ลงทะเบียน (พ.ศ.)")]
    assert f"ปี {next_year} ยังมาไม่ถึง" in checked.errors[0]["message"]
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("producers:producer_create", args=[PHUNPHIN]),
        {"name": "กลุ่มทดสอบ", "kind": "community", "registration_year": str(next_year)},
    )
    assert f"ปี {next_year} ยังมาไม่ถึง" in response.text and not Producer.objects.exists()


@override_settings(TASKS=IMMEDIATE)
def test_groups_with_members_import_from_csv(client, phunphin_officer):
    headers = [c.header for c in SPECS["groups"]]
    lines = [
        headers,
        ["กลุ่มทอผ้าบางมะเดื่อ", "01/06/2545", "บางมะเดื่อ", "3", "นางหนึ่ง ทดสอบ", FAKE_CITIZEN_ID, "0890000001", "ประธาน"],
        ["กลุ่มทอผ้าบางมะเดื่อ", "", "", "", "นางสอง ทดสอบ", "", "", "สมาชิก"],
    ]  # fmt: skip
    text = "\n".join(",".join(line) for line in lines)
    client.force_login(phunphin_officer)
    upload(client, "groups", text.encode("utf-8-sig"), "groups.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY, job.errors
    client.post(reverse("producers:import_confirm", args=[PHUNPHIN, job.pk]))
    group = Group.objects.get()
    assert group.founded_on.year == 2002 and group.subdistrict.name_th == "บางมะเดื่อ"
    assert Member.objects.filter(group=group).count() == 2
    assert Member.objects.get(name="นางหนึ่ง ทดสอบ").citizen_id == FAKE_CITIZEN_ID
    # The import is one event of the audit trail: who, where, which file, how many persons.
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.IMPORTED)
    assert (event.user, event.district, event.persons) == (phunphin_officer, PHUNPHIN, 2)
    assert (event.object_type, event.object_id) == ("producers.ImportJob", str(job.pk))
    assert event.detail == {
        "import_kind": "groups", "rows": 2, "records": 1, "file": "groups.csv", "via": "page"
    }  # fmt: skip


def test_a_bad_citizen_id_and_unknown_branch_are_reported(phunphin_officer):
    headers = [c.header for c in SPECS["groups"]]
    rows = [["กลุ่มหนึ่ง", "", "", "", "นางหนึ่ง", "1234567890123", "", ""]]
    checked = check_file(workbook(headers, rows), "g.xlsx", "groups", phunphin_officer.district)
    assert [(e["row"], e["column"]) for e in checked.errors] == [(2, "เลขประจำตัวประชาชน")]
    headers = [c.header for c in SPECS["wisdom"]]
    rows = [["การทอผ้า", "หัตถกรรมพื้นบ้าน", "", "", "", ""]]
    checked = check_file(workbook(headers, rows), "w.xlsx", "wisdom", phunphin_officer.district)
    assert [(e["row"], e["column"]) for e in checked.errors] == [(2, "สาขา")]
    assert Wisdom.objects.count() == 0


def test_a_missing_required_column_is_reported(phunphin_officer):
    checked = check_file(
        workbook(["ชื่อผู้ผลิต"], [["ก"]]), "p.xlsx", "producers", phunphin_officer.district
    )
    assert checked.errors[0]["column"] == "ประเภท"


def test_only_the_districts_officer_imports(client, chaiya_officer, province_officer):
    for user, status in ((chaiya_officer, 404), (province_officer, 403)):
        client.force_login(user)
        assert client.get(reverse("producers:import_new", args=[PHUNPHIN])).status_code == status


pytestmark = pytest.mark.django_db
