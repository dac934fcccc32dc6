"""Official letters: the template that turns a monitoring round into its letter, the
round's printed schedule, and what the letter's PDF needs.

The wording is the province's own official Thai (the seed's letter), so it is kept here
as Thai text with named placeholders, not as translatable UI strings: a letter is Thai
whatever language the screen is in, and the officer edits it before printing.
"""

import base64
import datetime as dt
import io
from collections import Counter

from django.utils import timezone

from thanrak.accounts.models import Role, User
from thanrak.areas.models import Province
from thanrak.centers.models import BudgetAllocation, ProvinceOffice
from thanrak.core.thai import baht_text, format_baht, format_date_long
from thanrak.documents import render
from thanrak.documents.models import Letter, Letterhead

SUBJECT = "โครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"
TO_ALL = "นายอำเภอทุกอำเภอ"
GUIDELINE = "แนวทาง"
ENCLOSURES = "กำหนดการฯ\tจำนวน 1 ฉบับ\nแนวทางการดำเนินงานฯ\tจำนวน 1 ชุด"
REFERENCE = "หนังสือจังหวัด{province} ที่ {number} ลงวันที่ {date}"
BODY = (
    "ตามหนังสือที่อ้างถึง จังหวัด{province} ได้แจ้งจัดสรรงบประมาณให้อำเภอเพื่อดำเนินงาน"
    "โครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก อำเภอละ {amount} บาท ({amount_words}) "
    "โดยมีวัตถุประสงค์เพื่อสนับสนุนการจัดตั้งและพัฒนากลุ่มอาชีพที่มีพื้นฐานจากภูมิปัญญาท้องถิ่น "
    "และให้บริการผู้ผลิต ผู้ประกอบการ OTOP ในระดับอำเภอ เพื่อบูรณาการทุนชุมชน "
    "และความร่วมมือกับหน่วยงานภาคีในระดับอำเภอ ในการส่งเสริมความเข้มแข็งของเศรษฐกิจฐานรากระดับอำเภอ "
    "และเพื่อสร้างความมั่นคงทางด้านอาชีพและรายได้ให้กับประชาชนในชุมชน "
    "รายละเอียดตาม{reference} ความละเอียดแจ้งแล้ว นั้น"
    "\n\n"
    "จังหวัด{province} กำหนดแผนการติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก "
    "จึงขอให้อำเภอได้มอบหมายสำนักงานพัฒนาชุมชนอำเภอได้จัดเตรียมข้อมูลการดำเนินงานของศูนย์ฯ เช่น "
    "โครงสร้างการขับเคลื่อนศูนย์ฯ หลักฐานการประชุมคณะกรรมการบริหารศูนย์ฯ "
    "แผนการส่งเสริมความเข้มแข็งของกลุ่มอาชีพ กิจกรรมส่งเสริมความเข้มแข็งของกลุ่มอาชีพ "
    "การเผยแพร่และประชาสัมพันธ์ผลการดำเนินงาน หลักฐานการจัดซื้อจัดจ้าง "
    "ไว้สำหรับการติดตามของคณะติดตามรายละเอียดตามสิ่งที่ส่งมาด้วย"
)
SIGNER_POSITION = "{position} ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัด{province}"
DEFAULT_POSITION = "พัฒนาการจังหวัด{province}"


def _allocation(province: Province, fiscal_year: int) -> tuple[object, BudgetAllocation | None]:
    """The amount most districts were allocated in the year, and one allocation letter of it."""
    allocations = list(
        BudgetAllocation.objects.filter(
            center__district__province=province, fiscal_year=fiscal_year
        ).order_by("letter_date", "id")
    )
    if not allocations:
        return None, None
    amount = Counter(a.amount for a in allocations).most_common(1)[0][0]
    letter = next((a for a in allocations if a.amount == amount and a.letter_number), None)
    return amount, letter


def province_signer(province: Province) -> User | None:
    """The provincial CD chief, who signs on the governor's behalf."""
    return (
        User.objects.filter(
            province=province,
            is_active=True,
            position__startswith="พัฒนาการจังหวัด",
        )
        .exclude(role=Role.DISTRICT_OFFICER)
        .order_by("id")
        .first()
    )


def letter_from_round(
    rnd, *, number: str = "", date: dt.date | None = None, user: User | None = None
) -> Letter:
    """A new letter (not saved) announcing a monitoring round to the districts."""
    province = rnd.province
    office = ProvinceOffice.objects.filter(province=province).first()
    name = province.name_th
    amount, allocation = _allocation(province, rnd.fiscal_year)
    reference = (
        REFERENCE.format(
            province=name,
            number=allocation.letter_number,
            date=format_date_long(allocation.letter_date, digits=False)
            if allocation.letter_date
            else "",
        )
        if allocation
        else ""
    )
    body = BODY.format(
        province=name,
        amount=format_baht(amount or 0).removesuffix(".00"),
        amount_words=baht_text(amount or 0),
        reference=reference or f"หนังสือจังหวัด{name}",
    )
    all_districts = rnd.districts.count() == province.districts.count()
    to = (
        TO_ALL
        if all_districts
        else "นายอำเภอ" + " นายอำเภอ".join(d.name_th for d in rnd.districts.order_by("code"))
    )
    signer = province_signer(province)
    position = (
        signer.position if signer and signer.position else DEFAULT_POSITION.format(province=name)
    )
    office_name = office.name if office else ""
    return Letter(
        province=province,
        round=rnd,
        number=number or (f"{office.book_prefix}/ว." if office and office.book_prefix else ""),
        date=date or timezone.localdate(),
        subject=SUBJECT,
        to=to,
        reference=reference,
        enclosures=ENCLOSURES,
        body=body,
        signer_name=signer.get_full_name() if signer else "",
        signer_position=SIGNER_POSITION.format(position=position, province=name),
        # The seed prints the office without the province's name, then the unit.
        contact_unit="\n".join(
            line for line in (office_name.removesuffix(name), office.unit if office else "") if line
        ),
        contact_phone=office.phone if office else "",
        created_by=user,
    )


def round_schedule_rows(rnd) -> list[render.ScheduleRow]:
    """The round's visits as the seed prints them: team by team, then by date and time."""
    visits = rnd.visits.select_related("team", "district").order_by(
        "team__order", "team_id", "date", "time", "id"
    )
    from thanrak.monitoring.models import default_place

    return render.schedule_rows(
        render.Slot(
            team_key=v.team_id,
            team=v.team.name,
            date=v.date,
            time=v.time,
            place=v.place or default_place(v.district),
            note=v.note,
        )
        for v in visits
    )


def version_schedule_rows(version, district: str | None = None) -> list[render.ScheduleRow]:
    """The rows of a frozen schedule (monitoring.ScheduleVersion), printed the same way;
    with a district, only its visits."""
    return render.schedule_rows(
        render.Slot(
            team_key=row["team_key"],
            team=row["team"],
            date=dt.date.fromisoformat(row["date"]),
            time=dt.time.fromisoformat(row["time"]) if row["time"] else None,
            place=row["place"],
            note=row["note"],
        )
        for row in version.rows
        if district is None or row["district"] == district
    )


def schedule_titles(rnd, version=None) -> tuple[str, str]:
    """The printed schedule's two heading lines: «กำหนดการ» and the round's title
    (``MonitoringRound.schedule_heading``; a frozen version's own, which a letter issued with
    it keeps), then the province."""
    heading = (version.heading if version is not None else "") or rnd.schedule_heading
    return heading, rnd.province.full_name


def _emblem_uri(head: Letterhead | None) -> str:
    if not head or not head.emblem:
        return ""
    with head.emblem.open("rb") as f:
        data = f.read()
    kind = "png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def lists_guideline(letter: Letter) -> bool:
    """Whether the letter encloses the guideline: an enclosure named แนวทาง… (the template's
    second, «แนวทางการดำเนินงานฯ»)."""
    return any(what.startswith(GUIDELINE) for what, _qty in letter.enclosure_rows)


def letter_checks(letter: Letter, head: Letterhead | None = None) -> dict:
    """What the letter still lacks to be printed as it must: the emblem, the enclosed guideline."""
    if head is None:
        head = Letterhead.objects.filter(province_id=letter.province_id).first()
    listed = lists_guideline(letter)
    return {
        "emblem_missing": not (head and head.emblem),
        "guideline_missing": listed and not (head and head.guideline),
        "guideline_attached": listed and bool(head and head.guideline),
    }


def letter_context(letter: Letter) -> dict:
    office = ProvinceOffice.objects.filter(province=letter.province_id).first()
    head = Letterhead.objects.filter(province_id=letter.province_id).first()
    context = {
        "letter": letter,
        "office_address": office.address if office else "",
        "enclosures": letter.enclosure_rows,
        "signer_lines": [line for line in letter.signer_position.splitlines() if line.strip()],
        "emblem_uri": _emblem_uri(head),
        "head": head,
        **letter_checks(letter, head),
    }
    if letter.round_id:
        title, subtitle = schedule_titles(letter.round, letter.schedule_version)
        context |= {
            # A saved letter prints the schedule it was issued with, never the live one.
            "schedule_rows": version_schedule_rows(letter.schedule_version)
            if letter.schedule_version_id
            else round_schedule_rows(letter.round),
            "schedule_title": title,
            "schedule_subtitle": subtitle,
        }
    return context


def letter_pdf(letter: Letter) -> bytes:
    """The letter, its schedule (enclosure ๑) and, when it lists it, the province's guideline
    (enclosure ๒: the uploaded PDF's own pages, appended)."""
    context = letter_context(letter)
    data = render.letter_pdf(context)
    if not context["guideline_attached"]:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    with context["head"].guideline.open("rb") as f:
        writer.append(PdfReader(io.BytesIO(f.read())), import_outline=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
