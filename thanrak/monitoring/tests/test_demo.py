"""The demo round is exactly the seed's schedule, and loading it twice changes nothing."""

import datetime as dt

from django.utils import translation

from thanrak.areas.models import Province
from thanrak.core.thai import arabic_digits
from thanrak.demo.monitoring import TITLE, load_monitoring
from thanrak.documents import letters
from thanrak.monitoring import selectors
from thanrak.monitoring.models import MonitoringRound, Visit

# The seed's กำหนดการติดตาม, row by row: วันที่ | เวลา | สถานที่ | ทีม (หมายเหตุ empty).
SEED_ROWS = [
    ("๗ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอพุนพิน", "ผอ.พิชัย"),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอเคียนซา", ""),
    ("๘ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอไชยา", ""),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอท่าชนะ", ""),
    ("๙ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอท่าฉาง", ""),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอวิภาวดี", ""),
    ("๑๐ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอคีรีรัฐนิคม", ""),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอบ้านตาขุน", ""),
    ("๑๑ กันยายน ๒๕๖๓", "๐๙.๓๐ น.", "ที่ว่าการอำเภอพนม", ""),
    ("๗ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอบ้านนาเดิม", "ผอ.ไพศิษฐ์"),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอบ้านนาสาร", ""),
    ("๘ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอเวียงสระ", ""),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอพระแสง", ""),
    ("๙ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอเมืองฯ", ""),
    ("", "๑๓.๓๐ น.", "ที่ว่าการอำเภอชัยบุรี", ""),
    ("๑๐ กันยายน ๒๕๖๓", "๐๙.๐๐ น.", "ที่ว่าการอำเภอกาญจนดิษฐ์", ""),
    ("", "๑๓.๐๐ น.", "ที่ว่าการอำเภอดอนสัก", ""),
    ("๑๑ กันยายน ๒๕๖๓", "๐๙.๓๐ น.", "ที่ว่าการอำเภอเกาะสมุย", ""),
    ("", "๑๔.๐๐ น.", "ที่ว่าการอำเภอเกาะพะงัน", ""),
]


def test_demo_round_equals_the_seeds_19_rows(demo_round):
    printed = [
        (r.date, r.time, r.place, r.team, r.note) for r in letters.round_schedule_rows(demo_round)
    ]
    assert printed == [(*row, "") for row in SEED_ROWS]
    # The page shows the same table with Arabic digits.
    rows = [
        (r.date_text, r.time_text, r.visit.place, r.team_text, r.visit.note)
        for r in selectors.schedule_rows(demo_round)
    ]
    assert rows == [(arabic_digits(d), arabic_digits(t), *rest, "") for d, t, *rest in SEED_ROWS]
    assert demo_round.title == TITLE
    assert (demo_round.starts_on, demo_round.ends_on) == (dt.date(2020, 9, 7), dt.date(2020, 9, 11))
    assert demo_round.districts.count() == 19
    teams = [
        (t.name, t.lead.username, [m.username for m in t.members.all()])
        for t in demo_round.teams.all()
    ]
    assert teams == [("ผอ.พิชัย", "pichai", ["pichai.team"]), ("ผอ.ไพศิษฐ์", "paisit", ["paisit.team"])]


def test_demo_round_has_the_default_checklist_and_some_findings(demo_round):
    assert [i.text for i in demo_round.checklist.all()] == [
        "โครงสร้างการขับเคลื่อนศูนย์ฯ",
        "หลักฐานการประชุมคณะกรรมการบริหารศูนย์ฯ",
        "แผนการส่งเสริมความเข้มแข็งของกลุ่มอาชีพ",
        "กิจกรรมส่งเสริมความเข้มแข็งของกลุ่มอาชีพ",
        "การเผยแพร่และประชาสัมพันธ์ผลการดำเนินงาน",
        "หลักฐานการจัดซื้อจัดจ้าง",
    ]
    recorded = Visit.objects.filter(round=demo_round, finding__isnull=False)
    assert sorted(recorded.values_list("district_id", flat=True)) == ["8413", "8414", "8417"]


def test_demo_round_passes_the_checker(demo_round):
    _problem, outcome = selectors.check_round(demo_round)
    assert outcome.ok, outcome.violations
    assert outcome.visits and len(outcome.visits) == 19


def test_loading_the_demo_twice_changes_nothing(demo_round):
    with translation.override("th"):
        again = load_monitoring(Province.objects.get(pk="84"))
    assert again == demo_round
    assert MonitoringRound.objects.count() == 1 and Visit.objects.count() == 19


def test_demo_findings_carry_a_photo(demo_round):
    finding = demo_round.visits.get(district="8417").item_findings.get(item__order=1)
    photo = finding.evidence.get()
    assert photo.kind == "image" and photo.district_id == "8417" and photo.thumbnail
