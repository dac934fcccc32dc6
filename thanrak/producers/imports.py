"""What can be imported from Excel or CSV: this app's kinds, and the registry of every kind.

The engine is ``thanrak.core.imports``; ``thanrak.centers.imports`` declares the center's
records (committee, meetings, plans, …) and this module OTOP producers, groups with their
members, members of recorded groups, local wisdom and the service log. ``KINDS`` holds them
all, in the order offered to the officer; the pages, the background tasks and
``manage.py import_records`` go through it.
"""

import datetime as dt
import re
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from thanrak.areas.models import District, Subdistrict
from thanrak.areas.stamps import ProvinceStamp
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event
from thanrak.centers import imports as center_imports
from thanrak.core import imports as engine
from thanrak.core.imports import (
    Checked,
    Column,
    ImportKind,
    Refused,
    RowError,
    be_year_passed,
    check_limits,
    choice,
    date,
    happened_date,
    integer,
    lookup,
    text,
    write_grouped,
)
from thanrak.core.thai import (
    ce_year,
    citizen_id_is_valid,
    mask_citizen_id,
    normalize_citizen_id,
)
from thanrak.producers.models import (
    Group,
    ImportJob,
    Member,
    Producer,
    Service,
    Stage,
    StageChange,
    TargetGroup,
    Wisdom,
    WisdomBranch,
)
from thanrak.producers.services import service_derive_target_group

__all__ = ["KINDS", "Checked", "Refused", "check_file", "check_limits", "write_records"]

BATCH = engine.BATCH


def _subdistricts(district: District) -> dict:
    return {
        "subdistricts": {s.name_th: s.pk for s in Subdistrict.objects.filter(district=district)}
    }


def _subdistrict(value: object, lookups: dict) -> int:
    typed = str(value).strip()
    bare = re.sub(r"^(ตำบล|ต\.)\s*", "", typed)
    if bare not in lookups["subdistricts"]:
        raise RowError(_("No subdistrict “%(value)s” in this district.") % {"value": typed})
    return lookups["subdistricts"][bare]


def _citizen_id(value: object, lookups: dict) -> str:
    typed = str(value).strip()
    if not citizen_id_is_valid(typed):
        raise RowError(_("The citizen ID must have 13 digits with a correct check digit."))
    return normalize_citizen_id(typed)


def _village(value: object, lookups: dict) -> int:
    try:
        return integer(1, 99)(value, lookups)
    except RowError:
        raise RowError(_("The village number must be a number from 1 to 99.")) from None


def _citizen_column(example: str = "") -> Column:
    return Column(
        "เลขประจำตัวประชาชน",
        "citizen_id",
        False,
        example,
        _citizen_id,
        personal=True,
        shown=mask_citizen_id,
    )


# --- OTOP producers -------------------------------------------------------------------


def _check_producers(checked: Checked, district: District, lookups: dict) -> None:
    header = PRODUCERS.header("registration_number")
    numbers = [r["registration_number"] for r in checked.records if r.get("registration_number")]
    existing = set(
        Producer.objects.filter(district=district, registration_number__in=numbers).values_list(
            "registration_number", flat=True
        )
    )
    seen = set()
    for record in checked.records:
        number = record.get("registration_number")
        if not number:
            continue
        if number in existing or number in seen:
            checked.error(
                record["_row"],
                header,
                _("The registration number %(number)s is already recorded.") % {"number": number},
            )
        seen.add(number)


def _batches(items: list, size: int = BATCH):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _write_producers(records: list[dict], district: District, user) -> int:
    today = timezone.localdate()
    made = 0
    for batch in _batches(records):
        producers = []
        for r in batch:
            producer = Producer(
                district=district,
                created_by=user,
                name=r["name"],
                kind=r["kind"],
                name_public=r["kind"] != Producer.Kind.SOLE,
                registration_number=r.get("registration_number") or "",
                registration_year=r.get("registration_year"),
                address=r.get("address") or "",
                sales_channels=r.get("sales_channels") or "",
                description=r.get("description") or "",
                stage=Stage.REGISTERED,
            )
            producer.index_search()
            producers.append(producer)
        created = bulk_create_with_history(producers, Producer, default_user=user)
        if any(p.pk is None for p in created):
            created = list(
                Producer.objects.filter(district=district).order_by("-id")[: len(batch)]
            )[::-1]
        StageChange.objects.bulk_create(
            StageChange(
                district=district,
                producer=p,
                stage=Stage.REGISTERED,
                date=_registered_on(p.registration_year, today),
            )
            for p in created
        )
        made += len(created)
    return made


def _registered_on(year_be: int | None, today: dt.date) -> dt.date:
    if not year_be:
        return today
    return min(dt.date(ce_year(year_be), 1, 1), today)


# The kinds are data, alike in shape (key, columns, checks, writer, notes) here and in
# centers.imports by design: each column one line to check against its template.
PRODUCERS = ImportKind(
    key="producers",
    columns=(
        Column("ชื่อผู้ผลิต", "name", True, "กลุ่มแม่บ้านไข่เค็มไชยา", text(300), width=28),
        Column(
            "ประเภท",
            "kind",
            True,
            "กลุ่มผู้ผลิตชุมชน",
            choice(Producer.Kind.choices, {"smes": "sme", "sme": "sme"}),
            width=24,
        ),
        Column("เลขทะเบียน OTOP", "registration_number", False, "8406-0001", text(60)),
        Column("ปีที่ลงทะเบียน (พ.ศ.)", "registration_year", False, "2562", be_year_passed),
        Column("ที่อยู่", "address", False, "12 หมู่ 3 ตำบลตลาดไชยา", text(300)),
        Column("ช่องทางการจำหน่าย", "sales_channels", False, "ร้าน OTOP อำเภอ; เพจเฟซบุ๊ก"),
        Column("รายละเอียด", "description", False, "ไข่เค็มดินจอมปลวก"),
    ),
    check=_check_producers,
    write=_write_producers,
    notes=("ประเภท: กลุ่มผู้ผลิตชุมชน, ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว, ผู้ผลิตที่เป็น SMEs",),
    list_url="producers:producer_list",
)


# --- Groups with their members ---------------------------------------------------------


def _check_groups(checked: Checked, district: District, lookups: dict) -> None:
    engine.same_within(checked, GROUPS, "name", ("founded_on", "subdistrict", "village_no"))
    recorded = set(Group.objects.filter(district=district).values_list("name", flat=True))
    for record in checked.records:
        if record["name"] in recorded:
            checked.error(
                record["_row"],
                GROUPS.header("name"),
                _(
                    "The group “%(name)s” is already recorded: add its members with the "
                    "template of members."
                )
                % {"name": record["name"]},
            )


def _member(group: Group, r: dict) -> Member:
    return Member(
        group=group,
        name=r["member_name"],
        citizen_id=r.get("citizen_id") or "",
        phone=r.get("phone") or "",
        role=r.get("role") or "",
    )


def _write_groups(records: list[dict], district: District, user) -> int:
    """Groups, their members and each group's first stage, all in bulk (the search words
    made as a save would make them)."""
    groups: list[Group] = []

    def group(r: dict) -> Group:
        made = Group(
            district=district,
            created_by=user,
            name=r["name"],
            founded_on=r.get("founded_on"),
            subdistrict_id=r.get("subdistrict"),
            village_no=r.get("village_no"),
        )
        made.index_search()
        groups.append(made)
        return made

    def member(group: Group, r: dict, _order: int) -> Member | None:
        return _member(group, r) if r.get("member_name") else None

    made = write_grouped(
        records, by="name", head=group, row=member, row_model=Member, user=user, head_model=Group
    )
    today = timezone.localdate()
    StageChange.objects.bulk_create(
        (
            StageChange(district=district, group=g, stage=Stage.GROUP, date=g.founded_on or today)
            for g in groups
        ),
        batch_size=BATCH,
    )
    return made


MEMBER_COLUMNS = (
    Column("ชื่อสมาชิก", "member_name", False, "นางสมศรี ใจดี", text(200), personal=True),
    _citizen_column("1999990000018"),
    Column("โทรศัพท์", "phone", False, "081-234-5678", text(40), personal=True),
    Column("บทบาทในกลุ่ม", "role", False, "ประธาน", text(100)),
)

GROUPS = ImportKind(
    key="groups",
    columns=(
        Column("ชื่อกลุ่ม", "name", True, "กลุ่มทอผ้าพุมเรียง", text(300), width=24),
        Column("วันที่จัดตั้ง", "founded_on", False, "01/06/2545", date),
        Column("ตำบล", "subdistrict", False, "พุมเรียง", _subdistrict),
        Column("หมู่ที่", "village_no", False, "2", _village),
        *MEMBER_COLUMNS,
    ),
    prepare=_subdistricts,
    check=_check_groups,
    write=_write_groups,
    notes=(
        "หนึ่งแถวต่อสมาชิกหนึ่งคน แถวที่ชื่อกลุ่มเดียวกันเป็นกลุ่มเดียวกัน",
        "ตำบลต้องเป็นตำบลในอำเภอนี้",
    ),
    list_url="producers:group_list",
)


# --- Members of recorded groups ----------------------------------------------------------


def _groups(district: District) -> dict:
    return {"groups": {g.name: g.pk for g in Group.objects.filter(district=district)}}


def _write_members(records: list[dict], district: District, user) -> int:
    groups = Group.objects.in_bulk({r["group"] for r in records})
    members = [_member(groups[r["group"]], r) for r in records]
    bulk_create_with_history(members, Member, default_user=user)
    return len(members)


MEMBERS = ImportKind(
    key="members",
    columns=(
        Column(
            "ชื่อกลุ่ม",
            "group",
            True,
            "กลุ่มทอผ้าพุมเรียง",
            lookup("groups", gettext_lazy("No group “%(value)s” is recorded in this district.")),
            width=24,
        ),
        Column("ชื่อสมาชิก", "member_name", True, "นางสมใจ รักถิ่น", text(200), personal=True),
        _citizen_column(),
        Column("โทรศัพท์", "phone", False, "081-234-5679", text(40), personal=True),
        Column("บทบาทในกลุ่ม", "role", False, "สมาชิก", text(100)),
    ),
    prepare=_groups,
    write=_write_members,
    notes=("ชื่อกลุ่มต้องตรงกับกลุ่มที่บันทึกไว้แล้วในอำเภอนี้",),
    list_url="producers:group_list",
)


# --- Local wisdom -----------------------------------------------------------------------


def _write_wisdom(records: list[dict], district: District, user) -> int:
    entries = []
    for r in records:
        entry = Wisdom(
            district=district,
            created_by=user,
            title=r["title"],
            branch=r["branch"],
            holder=r.get("holder") or "",
            subdistrict_id=r.get("subdistrict"),
            village_no=r.get("village_no"),
            description=r.get("description") or "",
        )
        entry.index_search()
        entries.append(entry)
    bulk_create_with_history(entries, Wisdom, default_user=user)
    return len(entries)


WISDOM = ImportKind(
    key="wisdom",
    columns=(
        Column("ชื่อภูมิปัญญา", "title", True, "การทอผ้ายกดอกพุมเรียง", text(300), width=28),
        Column(
            "สาขา",
            "branch",
            True,
            "อุตสาหกรรมและหัตถกรรม",
            choice(WisdomBranch.choices),
            width=24,
        ),
        Column("ปราชญ์ชาวบ้าน", "holder", False, "นางสมศรี ใจดี", text(200), personal=True),
        Column("ตำบล", "subdistrict", False, "พุมเรียง", _subdistrict),
        Column("หมู่ที่", "village_no", False, "2", _village),
        Column("รายละเอียด", "description", False, ""),
    ),
    prepare=_subdistricts,
    write=_write_wisdom,
    notes=(
        "สาขา: เกษตรกรรม, อุตสาหกรรมและหัตถกรรม, การแพทย์แผนไทย, "
        "การจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม, กองทุนและธุรกิจชุมชน, สวัสดิการ, ศิลปกรรม, "
        "การจัดการองค์กร, ภาษาและวรรณกรรม, ศาสนาและประเพณี, โภชนาการ",
    ),
    list_url="producers:wisdom_list",
)


# --- The service log --------------------------------------------------------------------


def _known(district: District) -> dict:
    return {
        "groups": {g.name: g.pk for g in Group.objects.filter(district=district)},
        "producers": {p.name: p.pk for p in Producer.objects.filter(district=district)},
    }


def _check_services(checked: Checked, district: District, lookups: dict) -> None:
    for record in checked.records:
        name = record["visitor_name"]
        record["group"] = record["producer"] = None
        if record["visitor"] == Service.Visitor.GROUP:
            record["producer"] = lookups["producers"].get(name)
            if record["producer"] is None:
                record["group"] = lookups["groups"].get(name)
        known = record["group"] or record["producer"]
        if not known and not record.get("target_group"):
            checked.error(
                record["_row"],
                SERVICES.header("target_group"),
                _(
                    "Fill in the target group: “%(name)s” is not a recorded group or producer "
                    "of this district."
                )
                % {"name": name},
            )


def _write_services(records: list[dict], district: District, user) -> int:
    """Services in bulk, each known group's or producer's target group and name taken from
    it as the form takes them (``service_derive_target_group``)."""
    groups = Group.objects.in_bulk({r["group"] for r in records if r["group"]})
    producers = Producer.objects.in_bulk({r["producer"] for r in records if r["producer"]})
    services = []
    for r in records:
        service = Service(
            district=district,
            created_by=user,
            date=r["date"],
            visitor=r["visitor"],
            visitor_name="" if (r["group"] or r["producer"]) else r["visitor_name"],
            group=groups.get(r["group"]),
            producer=producers.get(r["producer"]),
            target_group=r.get("target_group") or "",
            kind=r["kind"],
            detail=r.get("detail") or "",
            officer=r.get("officer") or "",
        )
        service_derive_target_group(service=service)
        service.index_search()
        services.append(service)
    bulk_create_with_history(services, Service, batch_size=BATCH, default_user=user)
    return len(services)


SERVICES = ImportKind(
    key="services",
    columns=(
        Column("วันที่", "date", True, "10/02/2563", happened_date),
        Column(
            "ผู้มารับบริการเป็น",
            "visitor",
            True,
            "บุคคล",
            choice(Service.Visitor.choices, {"หน่วยงาน": "organisation", "องค์กร": "organisation"}),
        ),
        Column("ชื่อผู้มารับบริการ", "visitor_name", True, "นายมานะ ขยันดี", text(300), personal=True),
        Column(
            "กลุ่มเป้าหมาย",
            "target_group",
            False,
            "ประเภท 1",
            choice(TargetGroup.choices[:3], center_imports.TARGET_WORDS),
        ),
        Column(
            "ประเภทบริการ",
            "kind",
            True,
            "ให้คำปรึกษาและข้อมูล",
            choice(Service.Kind.choices),
            width=28,
        ),
        Column("รายละเอียด", "detail", False, "ปรึกษาการขอเลขทะเบียน OTOP"),
        Column("เจ้าหน้าที่ผู้ให้บริการ", "officer", False, "นางสาวศิริพร บริการดี", text(200)),
    ),
    prepare=_known,
    check=_check_services,
    write=_write_services,
    notes=(
        "ผู้มารับบริการเป็น: บุคคล, กลุ่ม หรือ หน่วยงาน/องค์กร",
        "ถ้าเป็นกลุ่มหรือผู้ผลิตที่บันทึกไว้แล้ว ให้พิมพ์ชื่อให้ตรง ระบบหากลุ่มเป้าหมายให้เอง "
        "มิฉะนั้นต้องกรอกกลุ่มเป้าหมาย (ประเภท 1, 2 หรือ 3)",
        "ประเภทบริการ: ให้คำปรึกษาและข้อมูล, ถ่ายทอดความรู้และฝึกอบรม, "
        "การพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์, บรรจุภัณฑ์และการออกแบบ, "
        "การตลาดและช่องทางการจำหน่าย, การเข้าถึงแหล่งทุน, การลงทะเบียน OTOP, อื่น ๆ",
    ),
    list_url="producers:service_list",
)


# --- Every kind -------------------------------------------------------------------------

_OWN = {kind.key: kind for kind in (PRODUCERS, GROUPS, WISDOM, MEMBERS, SERVICES)}
KINDS: dict[str, ImportKind] = {
    key: (center_imports.KINDS | _OWN)[key] for key in ImportJob.Kind.values
}

# The columns of each kind (headers and names), as the tests and the benchmark read them.
SPECS: dict[str, list[Column]] = {key: list(kind.columns) for key, kind in KINDS.items()}


def template_workbook(kind: str) -> bytes:
    """The template of a kind: Thai headers (* = required), one example row, notes."""
    return engine.template_workbook(KINDS[kind])


def check_file(
    data: bytes,
    name: str,
    kind: str,
    district: District,
    progress: Callable[[int, int], None] | None = None,
) -> Checked:
    """Read and check every row of a file of the kind; nothing is written."""
    return engine.check_file(data, name, KINDS[kind], district, progress)


@transaction.atomic
def write_records(
    checked: Checked,
    kind: str,
    district: District,
    user,
    progress: Callable[[int, int], None] | None = None,
    *,
    job=None,
    file_name: str = "",
) -> int:
    """Write every checked row, all or nothing; returns how many records were made.

    The import is one audit event, in the same transaction: who (``user``; none from the
    command line), the district, the file, and how many rows name a person. ``job`` is the
    import page's ImportJob, the event's object; without it the import came from
    ``manage.py import_records``.
    """
    if checked.errors:
        raise ValueError("a file with errors is never written")
    # The province's kept results (the rules', the dashboards') are renewed once for the
    # whole file: most kinds are written in bulk, which no signal reports.
    with ProvinceStamp.deferred():
        made = KINDS[kind].write(checked.records, district, user)
        ProvinceStamp.touch_every([district.province_id])
    record_event(
        AuditEvent.Kind.IMPORTED,
        user=user,
        obj=job,
        district=district.code,
        persons=_persons(KINDS[kind], checked.records),
        import_kind=kind,
        rows=checked.total,
        records=made,
        file=(job.original_name if job is not None else file_name)[:255],
        via="page" if job is not None else "command",
    )
    if progress:
        progress(len(checked.records), len(checked.records))
    return made


def _persons(kind: engine.ImportKind, records: list[dict]) -> int:
    """Rows that name a person (a name, phone or citizen ID in a personal column)."""
    personal = [column.name for column in kind.columns if column.personal]
    return sum(1 for record in records if any(record.get(name) for name in personal))
