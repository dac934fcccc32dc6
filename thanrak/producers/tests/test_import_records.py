"""Importing every kind of record: `manage.py import_records`, from each kind's own template,
real date cells and Thai-digit amounts, all or nothing, and the import pages for every kind."""

import datetime as dt
import io
import json
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import CHAIYA, PHUNPHIN
from thanrak.audit.models import AuditEvent
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Referral,
)
from thanrak.dashboards.models import FiguresStamp
from thanrak.producers.imports import KINDS, SPECS
from thanrak.producers.models import Group, ImportJob, Member, Producer, Service, Stage, Wisdom
from thanrak.producers.tests.factories import workbook
from thanrak.rules.models import RulesStamp

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# What one example row makes, per kind: (model, records made).
MADE = {
    "committee": (CommitteeTerm, CommitteeMember),
    "meetings": (Meeting,),
    "plans": (Plan, PlanItem),
    "activities": (Activity,),
    "publicity": (Publicity,),
    "budget": (BudgetAllocation,),
    "expenses": (Expense,),
    "services": (Service,),
    "referrals": (Referral,),
    "producers": (Producer,),
    "groups": (Group, Member),
    "wisdom": (Wisdom,),
    "members": (Member,),
}


def date_cell(year: int, month: int, day: int) -> dt.datetime:
    """What openpyxl reads from an Excel date cell: a datetime with no time zone."""
    return dt.datetime(year, month, day)  # noqa: DTZ001 - Excel cells have no time zone


def run(*args: str) -> tuple[dict, bool]:
    """Run the command with --json; (its JSON, whether it exited 0)."""
    out = io.StringIO()
    try:
        call_command("import_records", *args, "--json", stdout=out, stderr=io.StringIO())
    except CommandError:
        return json.loads(out.getvalue()), False
    return json.loads(out.getvalue()), True


def template(tmp_path, kind: str):
    path = tmp_path / f"{kind}.xlsx"
    call_command(
        "import_records", "--kind", kind, "--template", "-o", str(path), stdout=io.StringIO()
    )
    return path


def test_the_command_offers_exactly_the_kinds_of_the_contract():
    assert list(KINDS) == [
        "committee", "meetings", "plans", "activities", "publicity", "budget", "expenses",
        "services", "referrals", "producers", "groups", "wisdom", "members",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "model", "field"),
    [
        ("meetings", Meeting, "date"),
        ("plans", Plan, "kind"),
        ("plans", Plan, "title"),
        ("activities", Activity, "title"),
        ("producers", Producer, "name"),
    ],
)
def test_a_template_column_and_the_forms_field_have_one_name(kind, model, field):
    # An officer who fills the template and then opens the form meets the same word.
    with translation.override("th"):
        label = str(model._meta.get_field(field).verbose_name)
    assert KINDS[kind].header(field) == label


@pytest.mark.parametrize("kind", list(MADE))
def test_every_kind_imports_the_example_row_of_its_own_template(kind, tmp_path, centers):
    if kind == "members":  # members join a recorded group: the groups' example makes it
        assert run("--district", CHAIYA, "--kind", "groups", str(template(tmp_path, "groups")))[1]
    before = {model: model.objects.count() for model in MADE[kind]}
    path = template(tmp_path, kind)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][0].endswith(" *")  # the first column is required
    assert sheet.max_row == 2

    result, ok = run("--district", CHAIYA, "--kind", kind, str(path))

    assert ok and result == {"ok": True, "rows": 1, "errors": []}, result
    for model in MADE[kind]:
        assert model.objects.count() == before[model] + 1, model


def test_dry_run_checks_and_writes_nothing(tmp_path, centers):
    result, ok = run(
        "--district", CHAIYA, "--kind", "meetings", "--dry-run", str(template(tmp_path, "meetings"))
    )
    assert ok and result["rows"] == 1
    assert Meeting.objects.count() == 0
    assert not AuditEvent.objects.exists()


def test_an_import_from_the_command_line_is_an_audit_event(tmp_path, centers):
    assert run("--district", CHAIYA, "--kind", "services", str(template(tmp_path, "services")))[1]
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.district) == (AuditEvent.Kind.IMPORTED, None, CHAIYA)
    assert event.persons == 1  # the example row names the person who came
    assert event.detail == {
        "import_kind": "services", "rows": 1, "records": 1, "file": "services.xlsx", "via": "command"
    }  # fmt: skip


def test_a_file_is_written_in_bulk_and_renews_the_provinces_kept_results_once(tmp_path, centers):
    headers = [c.header for c in SPECS["expenses"]]
    rows = [[f"0{day}/01/2563", f"ของที่ {day}", "จัดซื้อ", "ร้านค้า", 100] for day in range(1, 10)]
    path = tmp_path / "expenses.xlsx"
    path.write_bytes(workbook(headers, rows))
    stamps = (RulesStamp, FiguresStamp)
    before = {
        s: s.objects.filter(province="84").values_list("token", flat=True).first() for s in stamps
    }

    with CaptureQueriesContext(connection) as queries:
        assert run("--district", PHUNPHIN, "--kind", "expenses", str(path))[1]

    assert Expense.objects.filter(center__district=PHUNPHIN).count() == 9
    assert Expense.history.filter(center__district=PHUNPHIN).count() == 9
    inserts = Counter(
        re.match(r'INSERT INTO "(\w+)"', q["sql"]).group(1)
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT")
    )
    assert inserts["centers_expense"] == inserts["centers_historicalexpense"] == 1
    # Every kind of kept result of the province, renewed once: the rules' and the dashboards'.
    assert inserts["rules_rulesstamp"] == inserts["dashboards_figuresstamp"] == 1
    for stamp in stamps:
        assert stamp.objects.get(province="84").token != before[stamp]


def test_plans_and_their_items_are_each_written_at_once(tmp_path, centers):
    columns = SPECS["plans"]
    example = [c.example for c in columns]
    rows = []
    for n in range(1, 4):
        for item in ("อบรม", "ศึกษาดูงาน"):
            row = list(example)
            row[0], row[6] = f"แผนที่ {n} ปี 2563", f"{item} {n}"
            rows.append(row)
    path = tmp_path / "plans.xlsx"
    path.write_bytes(workbook([c.header for c in columns], rows))

    with CaptureQueriesContext(connection) as queries:
        assert run("--district", PHUNPHIN, "--kind", "plans", str(path))[1]

    plans = Plan.objects.filter(center__district=PHUNPHIN).order_by("title")
    assert [p.title for p in plans] == ["แผนที่ 1 ปี 2563", "แผนที่ 2 ปี 2563", "แผนที่ 3 ปี 2563"]
    assert [sorted(i.title for i in p.items.all()) for p in plans] == [
        [f"ศึกษาดูงาน {n}", f"อบรม {n}"] for n in (1, 2, 3)
    ]
    assert Plan.history.filter(center__district=PHUNPHIN).count() == 3
    inserts = Counter(
        re.match(r'INSERT INTO "(\w+)"', q["sql"]).group(1)
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT")
    )
    for table in ("centers_plan", "centers_historicalplan", "centers_planitem"):
        assert inserts[table] == 1, (table, inserts)


def inserts_of(queries) -> Counter:
    return Counter(
        re.match(r'INSERT INTO "(\w+)"', q["sql"]).group(1)
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT")
    )


def test_groups_their_members_and_first_stages_are_each_written_at_once(tmp_path, centers):
    columns = SPECS["groups"]
    rows = [
        [f"กลุ่มทอผ้าบ้านที่ {g}", "01/06/2545", "", "", f"นางสมศรี {g}{m}", "", "", "สมาชิก"]
        for g in range(1, 4)
        for m in range(2)
    ]
    path = tmp_path / "groups.xlsx"
    path.write_bytes(workbook([c.header for c in columns], rows))

    with CaptureQueriesContext(connection) as queries:
        assert run("--district", PHUNPHIN, "--kind", "groups", str(path))[1]

    groups = Group.objects.filter(district=PHUNPHIN).order_by("name")
    assert [(g.name, g.members.count(), g.stage) for g in groups] == [
        (f"กลุ่มทอผ้าบ้านที่ {g}", 2, Stage.GROUP) for g in (1, 2, 3)
    ]
    # Each as a save would leave it: found by search, its first stage from its founding.
    assert all("ทอผ้า" in g.search_title for g in groups)
    assert [list(g.stage_changes.values_list("stage", "date")) for g in groups] == [
        [(Stage.GROUP, dt.date(2002, 6, 1))]
    ] * 3
    assert Group.history.filter(district=PHUNPHIN).count() == 3
    inserts = inserts_of(queries)
    for table in ("producers_group", "producers_historicalgroup", "producers_member"):
        assert inserts[table] == 1, (table, inserts)
    assert inserts["producers_stagechange"] == 1


def test_services_are_written_at_once_with_a_known_producers_target_group(tmp_path, centers):
    producer = Producer.objects.create(district_id=PHUNPHIN, name="กลุ่มแม่บ้านไข่เค็ม", kind="community")
    columns = SPECS["services"]
    rows = [
        ["10/02/2563", "กลุ่ม", "กลุ่มแม่บ้านไข่เค็ม", "", "ให้คำปรึกษาและข้อมูล", "", ""],
        ["11/02/2563", "บุคคล", "นายมานะ ขยันดี", "ประเภท 1", "การตลาดและช่องทางการจำหน่าย", "", ""],
    ]
    path = tmp_path / "services.xlsx"
    path.write_bytes(workbook([c.header for c in columns], rows))

    with CaptureQueriesContext(connection) as queries:
        assert run("--district", PHUNPHIN, "--kind", "services", str(path))[1]

    known, person = Service.objects.filter(district=PHUNPHIN).order_by("date")
    assert (known.producer, known.visitor_name, known.target_group) == (
        producer,
        producer.name,
        producer.target_group,
    )
    assert (person.producer, person.visitor_name, person.target_group) == (
        None,
        "นายมานะ ขยันดี",
        "1",
    )
    # Services name persons: they stay out of the search, as when saved one by one.
    assert (person.search_title, person.search_body) == ("", "")
    inserts = inserts_of(queries)
    assert inserts["producers_service"] == inserts["producers_historicalservice"] == 1


def test_a_real_date_cell_and_a_thai_digit_amount_are_read(tmp_path, centers):
    headers = [c.header for c in SPECS["expenses"]]
    rows = [
        [date_cell(2020, 1, 25), "ป้ายไวนิล", "จัดจ้าง", "ร้านพุนพินการพิมพ์", "๑,๕๐๐.๕๐ บาท"],
        # A B.E. year typed into a date cell, and a text date in Thai digits.
        [date_cell(2563, 2, 3), "กระดาษ", "จัดซื้อ", "ร้านเครื่องเขียน", 1200],
        ["๑๐/๐๓/๒๕๖๓", "หมึกพิมพ์", "จัดซื้อ", "ร้านเครื่องเขียน", "2,000"],
    ]
    path = tmp_path / "expenses.xlsx"
    path.write_bytes(workbook(headers, rows))

    result, ok = run("--district", PHUNPHIN, "--kind", "expenses", str(path))

    assert ok, result
    got = {(e.date, e.amount) for e in Expense.objects.filter(center__district=PHUNPHIN)}
    assert got == {
        (dt.date(2020, 1, 25), Decimal("1500.50")),
        (dt.date(2020, 2, 3), Decimal("1200")),
        (dt.date(2020, 3, 10), Decimal("2000")),
    }


def test_one_bad_row_writes_nothing_and_names_row_and_column_in_thai(tmp_path, centers):
    headers = [c.header for c in SPECS["activities"]]
    good = [
        "15/01/2563",
        "อบรมบรรจุภัณฑ์",
        "การจัดหาช่องทางจำหน่ายผลิตภัณฑ์ OTOP",
        "การตลาด",
        1,
        2,
        3,
        "",
        "1,500",
        "",
    ]
    bad = [*good[:8], "-500", ""]
    path = tmp_path / "activities.xlsx"
    path.write_bytes(workbook(headers, [good, good, bad, good]))

    result, ok = run("--district", PHUNPHIN, "--kind", "activities", str(path))

    assert not ok
    assert result == {
        "ok": False,
        "rows": 4,
        "errors": [{"row": 4, "column": "ค่าใช้จ่าย (บาท)", "message": "จำนวนเงินต้องไม่ติดลบ"}],
    }
    assert Activity.objects.count() == 0


def test_a_meeting_dated_in_a_day_to_come_or_a_mistyped_year_is_refused_as_on_its_form(
    tmp_path, centers
):
    from django.utils import timezone

    from thanrak.core.thai import format_date_numeric

    headers = [c.header for c in SPECS["meetings"]]
    tomorrow = format_date_numeric(timezone.localdate() + dt.timedelta(days=1))
    rows = [
        ["20/12/2469", "ครั้งที่ 1/2563", ""][: len(headers)],
        [tomorrow, "ครั้งที่ 2/2563", ""][: len(headers)],
    ]
    path = tmp_path / "meetings.xlsx"
    path.write_bytes(workbook(headers, rows))
    result, ok = run("--district", PHUNPHIN, "--kind", "meetings", str(path))
    assert not ok
    messages = [error["message"] for error in result["errors"]]
    assert messages[0] == "ปี 2469 น่าจะพิมพ์ผิด กรุณาตรวจสอบวันที่"
    assert messages[1].startswith(f"วันที่ {tomorrow} ยังมาไม่ถึง")
    assert Meeting.objects.count() == 0


def test_without_json_the_errors_are_printed_as_thai_sentences_and_the_exit_is_not_zero(
    tmp_path, centers
):
    headers = [c.header for c in SPECS["referrals"]]
    path = tmp_path / "referrals.csv"
    path.write_text(",".join(headers) + "\n20/08/2020,นายหนึ่ง,เงินทุน,ธ.ก.ส.,\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_records", "--district", PHUNPHIN, "--kind", "referrals", str(path), stdout=out
        )
    assert "แถวที่ 2 คอลัมน์ “วันที่”: ปี 2020 น่าจะเป็นปีคริสต์ศักราช" in out.getvalue()
    assert Referral.objects.count() == 0


def test_a_committee_is_one_term_with_a_row_per_member(tmp_path, centers):
    headers = [c.header for c in SPECS["committee"]]
    rows = [
        ["12/2563", "01/11/2562", "01/11/2562", "", "นายหนึ่ง", "อำเภอ", "ประธาน", "ประธาน"],
        ["12/2563", "", "", "", "นายสอง", "สำนักงานพัฒนาชุมชนอำเภอ", "เลขานุการ", "เลขานุการ"],
        ["12/2563", "", "", "", "นางสาม", "กลุ่มทอผ้า", "ผู้นำกลุ่ม", "ฝ่ายส่งเสริมการตลาด"],
    ]
    path = tmp_path / "committee.xlsx"
    path.write_bytes(workbook(headers, rows))
    assert run("--district", PHUNPHIN, "--kind", "committee", str(path))[1]
    term = CommitteeTerm.objects.get(center__district=PHUNPHIN)
    assert term.starts_on == dt.date(2019, 11, 1)
    assert [(m.name, m.category, m.position.name) for m in term.members.all()] == [
        ("นายหนึ่ง", "chair", "ประธาน"),
        ("นายสอง", "secretary", "เลขานุการ"),
        ("นางสาม", "leader", "ฝ่ายส่งเสริมการตลาด"),
    ]
    # The same order again is refused, and so are rows of one term that disagree.
    rows[1][1] = "02/11/2562"
    path.write_bytes(
        workbook(
            headers,
            [[*rows[0][:0], "13/2563", *rows[0][1:]], [*rows[1][:0], "13/2563", *rows[1][1:]]],
        )
    )
    result, ok = run("--district", PHUNPHIN, "--kind", "committee", str(path))
    assert not ok and [(e["row"], e["column"]) for e in result["errors"]] == [(3, "วันที่คำสั่ง")]
    assert CommitteeTerm.objects.count() == 1


def test_only_the_districts_own_records_are_read_and_written(tmp_path, centers):
    """A member names a group of the district imported into; another district's is unknown."""
    run("--district", CHAIYA, "--kind", "groups", str(template(tmp_path, "groups")))
    result, ok = run(
        "--district", PHUNPHIN, "--kind", "members", str(template(tmp_path, "members"))
    )
    assert not ok and result["errors"][0]["column"] == "ชื่อกลุ่ม"
    assert Member.objects.filter(group__district=PHUNPHIN).count() == 0


@override_settings(TASKS=IMMEDIATE)
def test_the_import_page_takes_any_kind_and_links_back_to_its_list(client, phunphin_officer):
    client.force_login(phunphin_officer)
    page = client.get(reverse("producers:import_new", args=[PHUNPHIN]), {"kind": "meetings"})
    assert '<option value="meetings" selected>' in page.text
    for kind in ("committee", "services", "members"):
        assert f"?kind={kind}" in page.text
    assert '<option value="budget"' not in page.text  # the province records allocations
    headers = [c.header for c in SPECS["meetings"]]
    data = workbook(headers, [[date_cell(2020, 12, 20), "ครั้งที่ 1/2564", "", ""]])
    response = client.post(
        reverse("producers:import_new", args=[PHUNPHIN]),
        {"kind": "meetings", "file": SimpleUploadedFile("m.xlsx", data)},
        follow=True,
    )
    assert "20/12/2563" in response.text  # the date cell previewed in B.E.
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY, job.errors
    response = client.post(
        reverse("producers:import_confirm", args=[PHUNPHIN, job.pk]), follow=True
    )
    assert Meeting.objects.get().date == dt.date(2020, 12, 20)
    assert 'href="/districts/8417/meetings/"' in response.text


def test_every_importable_list_links_to_the_import_page(client, phunphin_officer):
    client.force_login(phunphin_officer)
    for name, kind in (
        ("centers:meeting_list", "meetings"),
        ("centers:term_list", "committee"),
        ("producers:service_list", "services"),
    ):
        page = client.get(reverse(name, args=[PHUNPHIN]))
        assert f'/districts/8417/imports/?kind={kind}"' in page.text, name
        assert "นำเข้าจาก Excel" in page.text
    # Materials are not imported; budget allocations are the province officer's to import.
    for name in ("centers:material_list", "centers:allocation_list"):
        page = client.get(reverse(name, args=[PHUNPHIN]))
        assert page.status_code == 200 and "นำเข้าจาก Excel" not in page.text, name


def test_every_template_downloads_with_its_notes(client, phunphin_officer):
    client.force_login(phunphin_officer)
    for kind in KINDS:
        response = client.get(reverse("producers:import_template"), {"kind": kind})
        book = load_workbook(io.BytesIO(response.content))
        # The lists of a kind's drop-downs (when it has a choice column) come last, hidden.
        assert book.sheetnames[:2] == ["ข้อมูล", "คำอธิบาย"], kind
        assert book.sheetnames[2:] in ([], ["รายการ"]), kind
        assert all(book[name].sheet_state == "hidden" for name in book.sheetnames[2:]), kind
        assert book.active.page_setup.paperSize == 9  # A4


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "nav", "current"),
    [
        ("meetings", "ข้อมูลของศูนย์ฯ", "centers:meeting_list"),
        ("producers", "ภูมิปัญญา กลุ่มอาชีพ และผู้ผลิต", "producers:producer_list"),
        ("", "ภูมิปัญญา กลุ่มอาชีพ และผู้ผลิต", None),
    ],
)
def test_the_import_page_sits_under_the_list_it_fills(client, phunphin_officer, kind, nav, current):
    client.force_login(phunphin_officer)
    with translation.override("th"):
        html = client.get(reverse("producers:import_new", args=[PHUNPHIN]), {"kind": kind}).text
    shown = re.search(r'<nav class="record-nav[^"]*" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert shown.group(1) == nav
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>', shown.group(2))
    assert [href for href, is_current in links if is_current] == (
        [reverse(current, args=[PHUNPHIN])] if current else []
    )
