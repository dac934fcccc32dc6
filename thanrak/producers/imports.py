"""Importing producers, groups with members and wisdom entries from Excel or CSV.

A file is read whole and every row checked before anything is written; one bad row
means nothing is written and the row and column are reported in Thai. The headers of
the Thai template are the contract of the file (data, like the guideline's terms), so
they are written in Thai here rather than translated.
"""

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.reader.excel import ExcelReader
from simple_history.utils import bulk_create_with_history

from thanrak.areas.models import District, Subdistrict
from thanrak.core.spreadsheets import Workbook, workbook_bytes
from thanrak.core.thai import (
    citizen_id_is_valid,
    mask_citizen_id,
    normalize_citizen_id,
    parse_be_date,
)
from thanrak.producers.models import (
    Group,
    ImportJob,
    Member,
    Producer,
    Stage,
    StageChange,
    Wisdom,
    WisdomBranch,
)
from thanrak.producers.search import index_text

BATCH = 1000


class RowError(Exception):
    pass


@dataclass(frozen=True)
class Column:
    header: str
    name: str
    required: bool = False
    example: str = ""


SPECS: dict[str, list[Column]] = {
    ImportJob.Kind.PRODUCERS: [
        Column("ชื่อผู้ผลิต", "name", True, "กลุ่มแม่บ้านไข่เค็มไชยา"),
        Column("ประเภท", "kind", True, "กลุ่มผู้ผลิตชุมชน"),
        Column("เลขทะเบียน OTOP", "registration_number", False, "8406-0001"),
        Column("ปีที่ลงทะเบียน (พ.ศ.)", "registration_year", False, "2562"),
        Column("ที่อยู่", "address", False, "12 หมู่ 3 ตำบลตลาดไชยา"),
        Column("ช่องทางการจำหน่าย", "sales_channels", False, "ร้าน OTOP อำเภอ; เพจเฟซบุ๊ก"),
        Column("รายละเอียด", "description", False, "ไข่เค็มดินจอมปลวก"),
    ],
    ImportJob.Kind.GROUPS: [
        Column("ชื่อกลุ่ม", "name", True, "กลุ่มทอผ้าพุมเรียง"),
        Column("วันที่จัดตั้ง", "founded_on", False, "01/06/2545"),
        Column("ตำบล", "subdistrict", False, "พุมเรียง"),
        Column("หมู่ที่", "village_no", False, "2"),
        Column("ชื่อสมาชิก", "member_name", False, "นางสมศรี ใจดี"),
        Column("เลขประจำตัวประชาชน", "citizen_id", False, "1101700203451"),
        Column("โทรศัพท์", "phone", False, "081-234-5678"),
        Column("บทบาทในกลุ่ม", "role", False, "ประธาน"),
    ],
    ImportJob.Kind.WISDOM: [
        Column("ชื่อภูมิปัญญา", "title", True, "การทอผ้ายกดอกพุมเรียง"),
        Column("สาขา", "branch", True, "อุตสาหกรรมและหัตถกรรม"),
        Column("ปราชญ์ชาวบ้าน", "holder", False, "นางสมศรี ใจดี"),
        Column("ตำบล", "subdistrict", False, "พุมเรียง"),
        Column("หมู่ที่", "village_no", False, "2"),
        Column("รายละเอียด", "description", False, ""),
    ],
}

PRODUCER_KINDS = {
    "กลุ่มผู้ผลิตชุมชน": Producer.Kind.COMMUNITY,
    "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว": Producer.Kind.SOLE,
    "ผู้ผลิตที่เป็น smes": Producer.Kind.SME,
    "smes": Producer.Kind.SME,
    "sme": Producer.Kind.SME,
    **{k.value: k for k in Producer.Kind},
}

WISDOM_BRANCHES = {
    "เกษตรกรรม": WisdomBranch.AGRICULTURE,
    "อุตสาหกรรมและหัตถกรรม": WisdomBranch.INDUSTRY,
    "การแพทย์แผนไทย": WisdomBranch.MEDICINE,
    "การจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม": WisdomBranch.NATURE,
    "กองทุนและธุรกิจชุมชน": WisdomBranch.FUNDS,
    "สวัสดิการ": WisdomBranch.WELFARE,
    "ศิลปกรรม": WisdomBranch.ARTS,
    "การจัดการองค์กร": WisdomBranch.ORGANISATION,
    "ภาษาและวรรณกรรม": WisdomBranch.LANGUAGE,
    "ศาสนาและประเพณี": WisdomBranch.RELIGION,
    "โภชนาการ": WisdomBranch.NUTRITION,
    **{b.value: b for b in WisdomBranch},
}


def template_workbook(kind: str) -> bytes:
    """The template to fill in: Thai headers (* = required) and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ข้อมูล"
    spec = SPECS[kind]
    sheet.append([c.header + (" *" if c.required else "") for c in spec])
    sheet.append([c.example for c in spec])
    for i, column in enumerate(spec):
        sheet.column_dimensions[chr(ord("A") + i)].width = max(14, len(column.header) + 4)
    notes = workbook.create_sheet("คำอธิบาย")
    notes.append(["หัวคอลัมน์ที่มี * ต้องกรอก ลบแถวตัวอย่างก่อนนำเข้า วันที่เป็น วว/ดด/ปปปป พ.ศ."])
    if kind == ImportJob.Kind.PRODUCERS:
        notes.append(["ประเภท: " + ", ".join(list(PRODUCER_KINDS)[:3]) + ", ผู้ผลิตที่เป็น SMEs"])
    if kind == ImportJob.Kind.WISDOM:
        notes.append(["สาขา: " + ", ".join(list(WISDOM_BRANCHES)[:11])])
    if kind == ImportJob.Kind.GROUPS:
        notes.append(["หนึ่งแถวต่อสมาชิกหนึ่งคน แถวที่ชื่อกลุ่มเดียวกันเป็นกลุ่มเดียวกัน"])
    return workbook_bytes(workbook)


# --- Limits -----------------------------------------------------------------------


class Refused(Exception):
    """A file refused before it is read: too large, or too many rows."""


# An .xlsx is a zip of XML: a real workbook unpacks to about 15 times its size. Far more
# is a file built to exhaust the server's memory when it is read.
UNPACK_RATIO = 30
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"(?:[A-Z]+\d+:)?[A-Z]+(\d+)\"")
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _megabytes(size: int, *, up: bool = False) -> str:
    """«10», «10.5»: a size in MB; rounded up for a file over a limit, so it reads larger."""
    tenths = size * 10 / 1024 / 1024
    return f"{(math.ceil(tenths) if up else round(tenths)) / 10:,.1f}".removesuffix(".0")


def check_limits(file: File, name: str) -> None:
    """Refuse a file above the size or row limit without reading it whole.

    The size is the upload's; the rows are the sheet's declared dimension (or its row tags,
    counted while streaming) or the CSV's records, counted while streaming; either count
    stops as soon as it passes the limit.
    """
    limit = settings.IMPORT_MAX_BYTES
    if file.size > limit:
        raise Refused(
            _("The file is %(size)s MB; files of up to %(limit)s MB are accepted.")
            % {"size": _megabytes(file.size, up=True), "limit": _megabytes(limit)}
        )
    file.seek(0)
    try:
        rows = _csv_rows(file) if name.lower().endswith(".csv") else _xlsx_rows(file)
    finally:
        file.seek(0)
    if rows is not None and rows - 1 > settings.IMPORT_MAX_ROWS:
        raise Refused(_too_many_rows())


def _too_many_rows() -> str:
    return _(
        "The file has more than %(limit)s rows of data. Split it into files of at most "
        "%(limit)s rows and import them one by one."
    ) % {"limit": f"{settings.IMPORT_MAX_ROWS:,}"}


def _csv_rows(file: File) -> int | None:
    """The CSV's records, or None when it cannot be read as CSV."""
    lines = (line.decode("utf-8-sig", errors="replace") for line in file)
    rows = 0
    try:
        for rows, _row in enumerate(csv.reader(lines), start=1):  # noqa: B007 - the count
            if rows > settings.IMPORT_MAX_ROWS + 1:
                break
    except csv.Error:
        return None  # reported in Thai when the file is read
    return rows


def _xlsx_rows(file: File) -> int | None:
    """The rows of the first worksheet, or None when the file cannot be read as a workbook
    (which is reported in Thai when the file is read)."""
    try:
        reader = ExcelReader(file, read_only=True)
    except Exception:  # noqa: BLE001 - not a zip, or not one openpyxl opens
        return None
    with reader.archive as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > settings.IMPORT_MAX_BYTES * UNPACK_RATIO:
            raise Refused(
                _(
                    "The file unpacks to more than %(limit)s MB of data: it cannot be a plain "
                    "table. Save it again from Excel, or split it into smaller files."
                )
                % {"limit": _megabytes(settings.IMPORT_MAX_BYTES * UNPACK_RATIO)}
            )
        path = _first_worksheet(reader)
        if path is None:
            return None
        try:
            with archive.open(path) as sheet:
                head = sheet.read(64 * 1024)
                declared = DIMENSION.search(head)
                if declared:
                    return int(declared[1])
                return _count_row_tags(sheet, head)
        except Exception:  # noqa: BLE001 - a missing or corrupt sheet
            return None


def _count_row_tags(sheet, head: bytes) -> int:
    """Count ``<row`` tags while streaming the sheet (openpyxl's write-only files declare
    no dimension), stopping past the limit."""
    rows, chunk = 0, head
    while chunk:
        rows += len(ROW.findall(chunk))
        if rows > settings.IMPORT_MAX_ROWS + 1:
            break
        more = sheet.read(1024 * 1024)
        if not more:
            break
        # The end of this read is read again with the next, so that a tag cut in two is
        # counted; a tag wholly inside that end is taken off once.
        tail = chunk[-16:]
        rows -= len(ROW.findall(tail))
        chunk = tail + more
    return rows


def _first_worksheet(reader: ExcelReader) -> str | None:
    try:
        reader.read_manifest()
        reader.read_workbook()
        for _sheet, rel in reader.parser.find_sheets():
            if rel.Type == WORKSHEET:
                return rel.target
    except Exception:  # noqa: BLE001 - a broken workbook is reported when it is read
        return None
    return None


# --- Reading ----------------------------------------------------------------------


def read_rows(data: bytes, name: str) -> Iterator[list[object]]:
    """Every row of the first sheet (xlsx) or of the file (csv), headers first.

    More rows than the limit is refused here too, whatever the sheet declared.
    """
    for count, row in enumerate(_rows(data, name), start=1):
        if count > settings.IMPORT_MAX_ROWS + 1:
            raise Refused(_too_many_rows())
        yield row


def _rows(data: bytes, name: str) -> Iterator[list[object]]:
    if name.lower().endswith(".csv"):
        text = data.decode("utf-8-sig")
        yield from csv.reader(io.StringIO(text))
        return
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass
class Checked:
    """The outcome of checking a file: errors, the rows as records, and a preview."""

    total: int = 0
    errors: list[dict] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(
            {
                "row": row,
                "column": column,
                "message": message,
                "text": _("Row %(row)s, column “%(column)s”: %(message)s")
                % {"row": row, "column": column, "message": message},
            }
        )


MAX_ERRORS = 200
PREVIEW_ROWS = 20


def check_file(
    data: bytes,
    name: str,
    kind: str,
    district: District,
    progress: Callable[[int, int], None] | None = None,
) -> Checked:
    """Read and check every row; nothing is written."""
    spec = SPECS[kind]
    result = Checked(headers=[c.header for c in spec])
    try:
        rows = list(read_rows(data, name))
    except Refused as refusal:
        result.error(1, "-", str(refusal))
        return result
    except Exception:  # noqa: BLE001 - any unreadable file is one error for the user
        result.error(1, "-", _("The file cannot be read as Excel (.xlsx) or CSV."))
        return result
    if not rows:
        result.error(1, "-", _("The file is empty."))
        return result
    found = [_text(h).rstrip("*").strip() for h in rows[0]]
    positions = {}
    for column in spec:
        if column.header in found:
            positions[column.name] = found.index(column.header)
        elif column.required:
            result.error(
                1, column.header, _("The column is missing: use the headers of the template.")
            )
    if result.errors:
        return result
    body = [
        (number, row) for number, row in enumerate(rows[1:], start=2) if any(_text(v) for v in row)
    ]
    result.total = len(body)
    subdistricts = {s.name_th: s.pk for s in Subdistrict.objects.filter(district=district)}
    headers = {c.name: c.header for c in spec}
    for index, (number, row) in enumerate(body, start=1):
        values = {
            name: _text(row[pos]) if pos < len(row) else "" for name, pos in positions.items()
        }
        record = {"_row": number}
        for column in spec:
            value = values.get(column.name, "")
            try:
                record[column.name] = _clean(kind, column, value, subdistricts)
            except RowError as error:
                result.error(number, headers[column.name], str(error))
        result.records.append(record)
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append([_shown(c, values.get(c.name, "")) for c in spec])
        if len(result.errors) >= MAX_ERRORS:
            break
        if progress and index % BATCH == 0:
            progress(index, result.total)
    if not body:
        result.error(2, "-", _("The file has no rows of data."))
    if kind == ImportJob.Kind.PRODUCERS and not result.errors:
        _check_duplicates(result, district, headers)
    return result


def _shown(column: Column, value: str) -> str:
    """A value as kept in the preview: a citizen ID only ever masked."""
    if column.name == "citizen_id" and value:
        return mask_citizen_id(value)
    return value


def _clean(kind: str, column: Column, value: str, subdistricts: dict[str, int]) -> object:
    if column.required and not value:
        raise RowError(_("This column must be filled in."))
    if not value:
        return None
    name = column.name
    if name == "kind":
        key = value.lower()
        if key not in PRODUCER_KINDS:
            raise RowError(
                _("Unknown producer type “%(value)s”: use one of the template's types.")
                % {"value": value}
            )
        return PRODUCER_KINDS[key]
    if name == "branch":
        if value not in WISDOM_BRANCHES:
            raise RowError(
                _("Unknown branch “%(value)s”: use one of the 11 branches of local wisdom.")
                % {"value": value}
            )
        return WISDOM_BRANCHES[value]
    if name == "registration_year":
        if not re.fullmatch(r"\d{4}", value) or not 2500 <= int(value) <= 2700:
            raise RowError(_("The year must be a B.E. year of four digits, e.g. 2563."))
        return int(value)
    if name == "village_no":
        if not value.isdigit() or not 1 <= int(value) <= 99:
            raise RowError(_("The village number must be a number from 1 to 99."))
        return int(value)
    if name == "founded_on":
        try:
            return parse_be_date(value.split(" ")[0])
        except Exception as error:  # noqa: BLE001 - the parser's message is shown
            raise RowError(_("The date must be day/month/B.E. year, e.g. 01/06/2545.")) from error
    if name == "subdistrict":
        bare = re.sub(r"^(ตำบล|ต\.)\s*", "", value)
        if bare not in subdistricts:
            raise RowError(_("No subdistrict “%(value)s” in this district.") % {"value": value})
        return subdistricts[bare]
    if name == "citizen_id":
        if not citizen_id_is_valid(value):
            raise RowError(_("The citizen ID must have 13 digits with a correct check digit."))
        return normalize_citizen_id(value)
    max_length = {"name": 300, "title": 300, "member_name": 200, "role": 100, "phone": 40}
    if name in max_length and len(value) > max_length[name]:
        raise RowError(_("Too long: at most %(count)s characters.") % {"count": max_length[name]})
    return value


def _check_duplicates(result: Checked, district: District, headers: dict[str, str]) -> None:
    numbers = [r["registration_number"] for r in result.records if r.get("registration_number")]
    existing = set(
        Producer.objects.filter(district=district, registration_number__in=numbers).values_list(
            "registration_number", flat=True
        )
    )
    seen = set()
    for record in result.records:
        number = record.get("registration_number")
        if not number:
            continue
        if number in existing or number in seen:
            result.error(
                record["_row"],
                headers["registration_number"],
                _("The registration number %(number)s is already recorded.") % {"number": number},
            )
        seen.add(number)


# --- Writing ------------------------------------------------------------------------


@transaction.atomic
def write_records(
    checked: Checked,
    kind: str,
    district: District,
    user,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every checked row, all or nothing; returns how many records were made."""
    if checked.errors:
        raise ValueError("a file with errors is never written")
    writer = {
        ImportJob.Kind.PRODUCERS: _write_producers,
        ImportJob.Kind.GROUPS: _write_groups,
        ImportJob.Kind.WISDOM: _write_wisdom,
    }[kind]
    return writer(checked.records, district, user, progress)


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _write_producers(records, district, user, progress) -> int:
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
            producer.search_title, producer.search_body = (
                index_text(producer.name),
                index_text(f"{producer.description} {producer.sales_channels}"),
            )
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
        if progress:
            progress(made, len(records))
    return made


def _registered_on(year_be: int | None, today: dt.date) -> dt.date:
    if not year_be:
        return today
    return min(dt.date(year_be - 543, 1, 1), today)


def _write_groups(records, district, user, progress) -> int:
    groups: dict[str, Group] = {}
    members = []
    for r in records:
        group = groups.get(r["name"])
        if group is None:
            group = Group(
                district=district,
                created_by=user,
                name=r["name"],
                founded_on=r.get("founded_on"),
                subdistrict_id=r.get("subdistrict"),
                village_no=r.get("village_no"),
            )
            group._history_user = user
            group.save()
            StageChange.objects.create(
                district=district,
                group=group,
                stage=Stage.GROUP,
                date=group.founded_on or timezone.localdate(),
            )
            groups[r["name"]] = group
        if r.get("member_name"):
            members.append(
                Member(
                    group=group,
                    name=r["member_name"],
                    citizen_id=r.get("citizen_id") or "",
                    phone=r.get("phone") or "",
                    role=r.get("role") or "",
                )
            )
    bulk_create_with_history(members, Member, default_user=user)
    if progress:
        progress(len(records), len(records))
    return len(groups)


def _write_wisdom(records, district, user, progress) -> int:
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
        entry.search_title = index_text(entry.title)
        entry.search_body = index_text(entry.description)
        entries.append(entry)
    bulk_create_with_history(entries, Wisdom, default_user=user)
    if progress:
        progress(len(records), len(records))
    return len(entries)
