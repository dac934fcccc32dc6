import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from thanrak.areas.models import Province
from thanrak.demo.monitoring import load_monitoring
from thanrak.documents.tests.helpers import norm, pdf_text
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("document", *args, stdout=out)
    return out.getvalue()


def test_report_and_consolidated_from_the_command_line(tmp_path, centers):
    pdf = tmp_path / "r.pdf"
    run(
        "report",
        "--district",
        "8417",
        "--fy",
        "2563",
        "--quarter",
        "2",
        "--format",
        "pdf",
        "-o",
        str(pdf),
    )
    assert norm("ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๓") in pdf_text(pdf.read_bytes())
    xlsx = tmp_path / "c.xlsx"
    run("consolidated", "--province", "84", "--fy", "2563", "--format", "xlsx", "-o", str(xlsx))
    assert load_workbook(xlsx).sheetnames[0] == "สรุป"
    with pytest.raises(CommandError):
        run("report", "--district", "9999", "--fy", "2563", "-o", str(pdf))


def test_letter_and_schedule_of_a_round_from_the_command_line(tmp_path, centers, province_officer):
    seed_team_users()
    with translation.override("th"):
        rnd = load_monitoring(Province.objects.get(pk="84"), province_officer)
    letter = tmp_path / "l.pdf"
    run("letter", "--round", str(rnd.pk), "-o", str(letter))
    assert norm("ขอแสดงความนับถือ") in pdf_text(letter.read_bytes())
    schedule = tmp_path / "s.xlsx"
    run("schedule", "--round", str(rnd.pk), "--format", "xlsx", "-o", str(schedule))
    assert load_workbook(schedule).active["C4"].value == "ที่ว่าการอำเภอพุนพิน"
