"""Imports that cannot hurt: limits refused before a file is read, citizen IDs masked in the
preview, a job whose worker died failed and retried, files deleted once kept long enough."""

import datetime as dt
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import PHUNPHIN
from thanrak.producers import tasks
from thanrak.producers.bench import producers_workbook
from thanrak.producers.imports import SPECS, check_file
from thanrak.producers.models import ImportJob, Member, Producer
from thanrak.producers.tests.factories import FAKE_CITIZEN_ID, workbook

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
HEADERS = [c.header for c in SPECS["producers"]]
GROUP_HEADERS = [c.header for c in SPECS["groups"]]


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


def detail(job: ImportJob) -> str:
    return reverse("producers:import_detail", args=[PHUNPHIN, job.pk])


def confirm(job: ImportJob) -> str:
    return reverse("producers:import_confirm", args=[PHUNPHIN, job.pk])


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list[str]:
    return sorted(p.name for p in media_root.rglob("*") if p.is_file())


def make_job(user, status: str, *, idle: dt.timedelta, name: str = "p.xlsx") -> ImportJob:
    """A job of Phunphin with its file, last worked on `idle` ago."""
    job = ImportJob.objects.create(
        district_id=PHUNPHIN,
        kind=ImportJob.Kind.PRODUCERS,
        file=ContentFile(workbook(HEADERS, producer_rows(3)), name=name),
        original_name=name,
        created_by=user,
        status=status,
    )
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - idle)
    job.refresh_from_db()
    return job


# --- Limits -----------------------------------------------------------------------------


@override_settings(TASKS=IMMEDIATE, IMPORT_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_in_thai_and_nothing_is_kept(
    client, phunphin_officer, media_root
):
    client.force_login(phunphin_officer)
    response = upload(client, "producers", b"x" * (1024 * 1024 + 1), "big.csv")
    assert "ไฟล์มีขนาด 1.1 MB เกินขนาดที่รับได้ คือไม่เกิน 1 MB" in response.text
    assert ImportJob.objects.count() == 0 and stored_files(media_root) == []


@override_settings(TASKS=IMMEDIATE, IMPORT_MAX_ROWS=10)
@pytest.mark.parametrize(
    "name,data",
    [
        ("declared.xlsx", workbook(HEADERS, producer_rows(11))),  # a <dimension> of A1:G12
        ("streamed.xlsx", producers_workbook(11)),  # write-only: no <dimension>, rows counted
        ("rows.csv", "\n".join(",".join(map(str, r)) for r in [HEADERS, *producer_rows(11)])),
    ],
)
def test_a_file_over_the_row_limit_is_refused_in_thai_and_nothing_is_kept(
    client, phunphin_officer, media_root, name, data
):
    data = data.encode() if isinstance(data, str) else data
    client.force_login(phunphin_officer)
    response = upload(client, "producers", data, name)
    assert "ไฟล์มีข้อมูลเกิน 10 แถว กรุณาแบ่งเป็นหลายไฟล์" in response.text
    assert ImportJob.objects.count() == 0 and stored_files(media_root) == []
    # Ten rows are accepted.
    response = upload(client, "producers", workbook(HEADERS, producer_rows(10)))
    assert ImportJob.objects.get().status == ImportJob.Status.READY


@override_settings(TASKS=IMMEDIATE)
@pytest.mark.parametrize(
    "name,data",
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook"),
        ("huge-field.csv", b'a,"' + b"x" * 200_000 + b'"\n'),
    ],
)
def test_a_broken_file_passes_the_limits_and_is_reported_by_the_check(
    client, phunphin_officer, name, data
):
    client.force_login(phunphin_officer)
    response = upload(client, "producers", data, name)
    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["message"] == "ไม่สามารถอ่านไฟล์เป็น Excel (.xlsx) หรือ CSV ได้"


@override_settings(IMPORT_MAX_ROWS=10)
def test_rows_past_the_limit_are_refused_while_reading_too(phunphin_officer):
    # The check reads no further than the limit, whatever came before it; a sheet that
    # declares no size (openpyxl's write-only files) is read row by row.
    data = producers_workbook(11)
    checked = check_file(data, "p.xlsx", "producers", phunphin_officer.district)
    assert [e["message"] for e in checked.errors] == [
        "ไฟล์มีข้อมูลเกิน 10 แถว กรุณาแบ่งเป็นหลายไฟล์ ไฟล์ละไม่เกิน 10 แถว แล้วนำเข้าทีละไฟล์"
    ]
    assert checked.records == []


@override_settings(IMPORT_MAX_BYTES=100 * 1024)
def test_a_workbook_that_unpacks_to_far_more_than_a_table_is_refused(client, phunphin_officer):
    # Cells of 30,000 repeated characters: a file of 14 kB, 6 MB of XML once unpacked.
    data = workbook(HEADERS, [[f"{i} " + "ก" * 30_000] * 7 for i in range(10)])
    assert len(data) < 100 * 1024
    client.force_login(phunphin_officer)
    response = upload(client, "producers", data)
    assert "ไฟล์นี้เมื่อขยายออกมีข้อมูลเกิน 2.9 MB ซึ่งไม่ใช่ตารางข้อมูลตามปกติ" in response.text
    assert ImportJob.objects.count() == 0


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one of its parts replaced."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = content if info.filename == name else source.read(info.filename)
            target.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_workbook_whose_names_part_is_far_larger_than_a_table_is_refused(
    client, phunphin_officer
):
    # 60,000 defined names: a file of a few kB that would take hundreds of MB to read.
    data = workbook(HEADERS, producer_rows(2))
    names = b'<definedName name="n">Sheet!$A$1</definedName>' * 60_000
    book = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schema'
        b's.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.or'
        b'g/officeDocument/2006/relationships"><sheets><sheet name="Sheet" sheetId="1" r:id="rI'
        b'd1"/></sheets><definedNames>' + names + b"</definedNames></workbook>"
    )
    data = with_part(data, "xl/workbook.xml", book)
    assert len(data) < 50 * 1024
    client.force_login(phunphin_officer)
    response = upload(client, "producers", data)
    assert "ไฟล์มีข้อมูลอื่นนอกจากตาราง (ส่วน xl/workbook.xml มีขนาด 2.7 MB)" in response.text
    assert ImportJob.objects.count() == 0
    checked = check_file(data, "p.xlsx", "producers", phunphin_officer.district)
    assert checked.errors[0]["message"].startswith("ไฟล์มีข้อมูลอื่นนอกจากตาราง")


def test_a_sheet_that_declares_excels_last_column_is_read_100_cells_wide(phunphin_officer):
    # A cell in column XFD (16,384) on each row: read whole, every row would be 16,384 cells.
    from openpyxl import load_workbook

    from thanrak.core.imports import MAX_COLUMNS, read_rows

    book = load_workbook(io.BytesIO(workbook(HEADERS, producer_rows(3))))
    for row in range(1, 5):
        book.active.cell(row=row, column=16_384, value="x")
    out = io.BytesIO()
    book.save(out)
    rows = list(read_rows(out.getvalue(), "p.xlsx"))
    assert all(len(row) <= MAX_COLUMNS for row in rows)
    assert len(rows[1]) == len(producer_rows(1)[0]) - 1  # its last cell is empty
    assert rows[1][:3] == ["กลุ่มผู้ผลิตที่ 1", "กลุ่มผู้ผลิตชุมชน", "8417-00001"]
    checked = check_file(out.getvalue(), "p.xlsx", "producers", phunphin_officer.district)
    assert not checked.errors and len(checked.records) == 3


@override_settings(IMPORT_MAX_ROWS=10)
def test_the_worker_refuses_a_file_over_the_limit_again(phunphin_officer):
    # A file that reached the queue some other way (or before the limit was lowered).
    job = make_job(phunphin_officer, ImportJob.Status.QUEUED, idle=dt.timedelta(0))
    job.file.save("many.xlsx", ContentFile(workbook(HEADERS, producer_rows(11))))
    assert tasks.import_check.call(job.pk) == ImportJob.Status.INVALID
    job.refresh_from_db()
    assert job.errors[0]["message"].startswith("ไฟล์มีข้อมูลเกิน 10 แถว")
    assert tasks.import_write.call(job.pk) == ImportJob.Status.INVALID  # not ready: no-op
    assert Producer.objects.count() == 0


# --- The preview ------------------------------------------------------------------------


@override_settings(TASKS=IMMEDIATE)
def test_the_preview_stores_and_shows_citizen_ids_masked(client, phunphin_officer):
    rows = [
        ["กลุ่มทอผ้าบางมะเดื่อ", "", "", "", "นางหนึ่ง ทดสอบ", FAKE_CITIZEN_ID, "", "ประธาน"],
        ["กลุ่มทอผ้าบางมะเดื่อ", "", "", "", "นางสอง ทดสอบ", "", "", ""],
    ]
    client.force_login(phunphin_officer)
    response = upload(client, "groups", workbook(GROUP_HEADERS, rows))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY, job.errors
    assert FAKE_CITIZEN_ID not in json.dumps(job.preview)
    assert [row[5] for row in job.preview[1:]] == ["X-XXXX-XXXXX-11-9", ""]
    assert FAKE_CITIZEN_ID not in response.text and "X-XXXX-XXXXX-11-9" in response.text
    # The record itself keeps the whole ID.
    client.post(confirm(job))
    assert Member.objects.get(name="นางหนึ่ง ทดสอบ").citizen_id == FAKE_CITIZEN_ID


def test_previews_stored_before_masking_are_masked_by_the_migration(phunphin_officer):
    job = make_job(phunphin_officer, ImportJob.Status.READY, idle=dt.timedelta(0))
    ImportJob.objects.filter(pk=job.pk).update(
        kind=ImportJob.Kind.GROUPS,
        preview=[GROUP_HEADERS, ["ก", "", "", "", "นางหนึ่ง", FAKE_CITIZEN_ID, "", ""]],
    )
    migration = importlib.import_module(
        "thanrak.producers.migrations.0003_mask_citizen_ids_in_import_previews"
    )
    migration.mask_previews(apps, None)
    migration.mask_previews(apps, None)  # masked once, whatever the runs
    job.refresh_from_db()
    assert job.preview[1][5] == "X-XXXX-XXXXX-11-9"


# --- A worker that died -----------------------------------------------------------------


def run_worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )


# The worker closes its database connection after the batch, as a real worker does: on
# PostgreSQL that would end the transaction a plain django_db test runs in.
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_writer_died_is_failed_then_retried_to_success_by_the_worker(
    client, phunphin_officer
):
    client.force_login(phunphin_officer)
    upload(client, "producers", workbook(HEADERS, producer_rows(25)))
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY and job.heartbeat_at is not None
    client.post(confirm(job))
    # The worker that took the write was killed mid-transaction: the rows were rolled back
    # and the job was left "importing", its last sign of work eleven minutes old.
    eleven_minutes_ago = timezone.now() - dt.timedelta(minutes=11)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.WRITING, heartbeat_at=eleven_minutes_ago
    )

    poll = client.get(detail(job), HTTP_HX_REQUEST="true")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.failure == ImportJob.Failure.STOPPED
    assert "การนำเข้าหยุดลงก่อนเสร็จสิ้น" in poll.text and "ยังไม่มีการบันทึกข้อมูลใด" in poll.text
    assert "hx-trigger" not in poll.text  # the page stops polling
    assert 'name="action" value="retry"' in poll.text

    run_worker()  # the write still queued finds the job failed and does nothing
    assert Producer.objects.count() == 0

    client.post(confirm(job), {"action": "retry"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED and job.attempt == 2 and job.failure == ""
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.total == 25
    client.post(confirm(job))
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Producer.objects.filter(district=PHUNPHIN).count() == 25


@override_settings(IMPORT_STALE_MINUTES=30)
def test_the_command_fails_only_jobs_silent_for_longer_than_the_setting(phunphin_officer):
    silent = make_job(phunphin_officer, ImportJob.Status.CHECKING, idle=dt.timedelta(minutes=31))
    writing = make_job(phunphin_officer, ImportJob.Status.WRITING, idle=dt.timedelta(hours=5))
    alive = make_job(phunphin_officer, ImportJob.Status.WRITING, idle=dt.timedelta(minutes=29))
    queued = make_job(phunphin_officer, ImportJob.Status.QUEUED, idle=dt.timedelta(hours=5))
    ready = make_job(phunphin_officer, ImportJob.Status.READY, idle=dt.timedelta(hours=5))
    # Confirmed and waiting, like queued: no worker is running, none died.
    waiting = make_job(phunphin_officer, ImportJob.Status.CONFIRMED, idle=dt.timedelta(hours=5))
    out = io.StringIO()
    call_command("fail_stale_imports", stdout=out)
    assert f"failed import {silent.pk}" in out.getvalue()
    assert out.getvalue().endswith("2 stalled import(s) failed\n")
    status = dict(ImportJob.objects.values_list("pk", "status"))
    assert status == {
        silent.pk: "failed",
        writing.pk: "failed",
        alive.pk: "writing",
        queued.pk: "queued",
        ready.pk: "ready",
        waiting.pk: "confirmed",
    }
    out = io.StringIO()
    call_command("fail_stale_imports", stdout=out)
    assert out.getvalue() == "0 stalled import(s) failed\n"


def test_a_writer_whose_job_was_failed_or_retried_meanwhile_writes_nothing(phunphin_officer):
    job = make_job(phunphin_officer, ImportJob.Status.WRITING, idle=dt.timedelta(0))
    checked = check_file(
        workbook(HEADERS, producer_rows(5)), "p.xlsx", "producers", phunphin_officer.district
    )
    for change in ({"status": ImportJob.Status.FAILED}, {"attempt": 2}):
        ImportJob.objects.filter(pk=job.pk).update(**change)
        with pytest.raises(tasks.Superseded):
            tasks.write_checked(job, checked)
        assert Producer.objects.count() == 0
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.WRITING, attempt=1)
    assert tasks.write_checked(job, checked) == 5
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE


@override_settings(TASKS=IMMEDIATE)
def test_only_a_failed_job_with_its_file_is_retried(client, phunphin_officer):
    client.force_login(phunphin_officer)
    ready = make_job(phunphin_officer, ImportJob.Status.READY, idle=dt.timedelta(0))
    client.post(confirm(ready), {"action": "retry"})
    ready.refresh_from_db()
    assert ready.status == ImportJob.Status.READY and ready.attempt == 1
    assert Producer.objects.count() == 0  # "retry" never imports

    gone = make_job(phunphin_officer, ImportJob.Status.FAILED, idle=dt.timedelta(days=9))
    gone.delete_file()
    page = client.get(detail(gone))
    assert "กรุณาอัปโหลดไฟล์อีกครั้งเพื่อนำเข้า" in page.text and "retry" not in page.text
    client.post(confirm(gone), {"action": "retry"})
    gone.refresh_from_db()
    assert gone.status == ImportJob.Status.FAILED


# --- Files deleted once kept long enough --------------------------------------------------


def test_purge_deletes_files_of_ended_jobs_past_retention_and_keeps_the_rest(
    client, phunphin_officer, media_root
):
    old, recent = dt.timedelta(days=8), dt.timedelta(days=6)
    status = ImportJob.Status
    purged = {
        make_job(phunphin_officer, s, idle=old, name=f"old-{s}.xlsx")
        for s in (status.DONE, status.FAILED, status.INVALID, status.READY)
    }
    kept = {
        make_job(phunphin_officer, status.DONE, idle=recent, name="recent-done.xlsx"),
        make_job(phunphin_officer, status.QUEUED, idle=old, name="old-queued.xlsx"),
        make_job(phunphin_officer, status.CONFIRMED, idle=old, name="old-confirmed.xlsx"),
        make_job(phunphin_officer, status.WRITING, idle=old, name="old-writing.xlsx"),
    }
    out = io.StringIO()
    call_command("purge_imports", stdout=out)

    for job in purged:
        assert f"deleted {job.file.name} (import {job.pk}" in out.getvalue()
        assert not default_storage.exists(job.file.name)
        job.refresh_from_db()
        assert job.file.name == "" and job.preview == []
    assert out.getvalue().endswith("4 import file(s) deleted\n")
    assert sorted(f.rsplit("_", 1)[0].removesuffix(".xlsx") for f in stored_files(media_root)) == [
        "old-confirmed",
        "old-queued",
        "old-writing",
        "recent-done",
    ]
    assert all(ImportJob.objects.get(pk=j.pk).file for j in kept)
    # The job checked but never imported can no longer be imported, and says so.
    abandoned = ImportJob.objects.get(original_name="old-ready.xlsx")
    assert abandoned.status == ImportJob.Status.ABANDONED
    client.force_login(phunphin_officer)
    page = client.get(detail(abandoned))
    assert "ไฟล์นี้ผ่านการตรวจสอบแล้วแต่ไม่ได้นำเข้า" in page.text
    client.post(confirm(abandoned))
    assert Producer.objects.count() == 0

    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    assert out.getvalue() == "0 import file(s) deleted\n"
    assert ImportJob.objects.count() == 8  # the jobs stay


@override_settings(IMPORT_FILE_RETENTION_DAYS=30)
def test_purge_follows_the_retention_setting(phunphin_officer):
    job = make_job(phunphin_officer, ImportJob.Status.DONE, idle=dt.timedelta(days=8))
    call_command("purge_imports", stdout=io.StringIO())
    assert default_storage.exists(ImportJob.objects.get(pk=job.pk).file.name)
