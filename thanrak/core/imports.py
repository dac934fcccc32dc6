"""The import engine: a kind of record declared as data, read from Excel or CSV.

An app declares each kind it can import as an ``ImportKind``: its columns (Thai header,
required or not, an example, a cleaner), how to write the cleaned rows, and optional
lookups and checks across rows. This module reads a file, checks every row and column
before anything is written (one bad row: nothing is written, and the row and column are
named in Thai), previews it and hands the clean rows to the kind's writer.

The Thai headers of a template are the contract of the file (data, like the guideline's
terms), so they are written in Thai by the kinds rather than translated. This module
imports no app: the district is passed through to the kind's own functions.
"""

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from thanrak.core import thai
from thanrak.core.forms import check_happened
from thanrak.core.spreadsheets import Workbook, print_setup, workbook_bytes
from thanrak.core.validators import validate_be_year_passed

BATCH = 1000
MAX_ERRORS = 200
PREVIEW_ROWS = 20


class RowError(Exception):
    """A value refused: the message is shown in Thai with the row and column."""


Cleaner = Callable[[Any, dict], Any]


@dataclass(frozen=True)
class Column:
    header: str  # Thai, as in the template
    name: str  # the key of the cleaned row
    required: bool = False
    example: Any = ""
    clean: Cleaner | None = None  # (raw cell value, lookups) -> value; plain text if None
    # A person's name, phone or citizen ID (counted for the audit trail).
    personal: bool = False
    # How a typed value is kept in the preview (a citizen ID only ever masked).
    shown: Callable[[str], str] | None = None
    width: int = 0  # of the template's column; from the header when 0
    # Marked * in the template though a row may leave it empty: a field of a record made
    # of several rows (a term's order date), required on its first row (``same_within``).
    first_row: bool = False

    @property
    def starred(self) -> bool:
        return self.required or self.first_row


@dataclass(frozen=True)
class ImportKind:
    key: str  # committee, meetings, producers, …
    columns: tuple[Column, ...]
    # (clean rows, district, user) -> how many records were made; runs in a transaction.
    write: Callable[[list[dict], Any, Any], int]
    # district -> lookups the cleaners and checks read (subdistricts, groups, positions, …).
    prepare: Callable[[Any], dict] | None = None
    # (checked, district, lookups): checks across rows (duplicates, a term's rows agree).
    check: Callable[["Checked", Any, dict], None] | None = None
    notes: tuple[str, ...] = ()  # the template's explanation sheet, in Thai
    list_url: str = ""  # URL name of the records' list, reversed with the district code
    writer: str = "district"  # who writes these records: "district" or "province"

    def header(self, name: str) -> str:
        return next(c.header for c in self.columns if c.name == name)


# --- Cleaners -------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return thai.format_date_numeric(value)
    return str(value).strip()


def text(max_length: int | None = None) -> Cleaner:
    def clean(value: object, lookups: dict) -> str:
        typed = _text(value)
        if max_length and len(typed) > max_length:
            raise RowError(_("Too long: at most %(count)s characters.") % {"count": max_length})
        return typed

    return clean


def date(value: object, lookups: dict) -> dt.date:
    """A real date cell, or a date typed in B.E. (Thai digits too)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        # A B.E. year typed into a Gregorian date cell (2563-08-20): read it as B.E.
        if value.year >= thai.BE_YEAR_MIN:
            try:
                return value.replace(year=thai.ce_year(value.year))
            except ValueError:
                raise RowError(_("There is no such date.")) from None
        return value
    if isinstance(value, int | float):
        raise RowError(_("Enter the date as day/month/B.E. year, for example 20/08/2563."))
    try:
        return thai.parse_be_date(_text(value).split(" ")[0])
    except ValidationError as error:
        raise RowError(" ".join(error.messages)) from None


def happened_date(value: object, lookups: dict) -> dt.date:
    """The date of something done, as the record forms take it: not a day to come, nor a
    mistyped year (``core.forms.check_happened``)."""
    day = date(value, lookups)
    _checked_by(check_happened, day)
    return day


def _checked_by(check: Callable[[Any], None], value: object) -> None:
    """The form's check of a value, its refusal said in the file's row."""
    try:
        check(value)
    except ValidationError as error:
        raise RowError(" ".join(error.messages)) from None


def amount(value: object, lookups: dict) -> Decimal:
    """Baht as people type them: ``1,500``, ``๑,๕๐๐``, ``1500 บาท``; never negative."""
    try:
        money = thai.parse_amount(value)
    except ValidationError as error:
        raise RowError(" ".join(error.messages)) from None
    if money.as_tuple().exponent < -2:
        raise RowError(_("An amount has at most two decimal places (satang)."))
    if money >= Decimal("10000000000"):
        raise RowError(_("The amount is too large."))
    return money


def integer(low: int, high: int) -> Cleaner:
    def clean(value: object, lookups: dict) -> int:
        typed = thai.arabic_digits(_text(value)).replace(",", "")
        if not typed.isdigit() or not low <= int(typed) <= high:
            raise RowError(
                _("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
            )
        return int(typed)

    return clean


def be_year(value: object, lookups: dict) -> int:
    typed = thai.arabic_digits(_text(value))
    if not re.fullmatch(r"\d{4}", typed) or not 2500 <= int(typed) <= thai.BE_YEAR_MAX:
        raise RowError(_("The year must be a B.E. year of four digits, e.g. 2563."))
    return int(typed)


def be_year_passed(value: object, lookups: dict) -> int:
    """A B.E. year that has come (a registration), as the form refuses one to come."""
    year = be_year(value, lookups)
    _checked_by(validate_be_year_passed, year)
    return year


def url(value: object, lookups: dict) -> str:
    typed = _text(value)
    try:
        URLValidator()(typed)
    except ValidationError:
        raise RowError(_("Enter a full web address, starting with https://")) from None
    if len(typed) > 200:
        raise RowError(_("Too long: at most %(count)s characters.") % {"count": 200})
    return typed


def _key(value: str) -> str:
    return " ".join(value.lower().split())


def thai_labels(choices: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    """(value, Thai label) of model choices."""
    with translation.override("th"):
        return [(value, str(label)) for value, label in choices]


def _accepted(choices: Iterable[tuple[str, object]], extra: Mapping[str, str]) -> dict[str, str]:
    """What may be typed for each choice: its Thai label, the label before a bracket or a
    colon («ระยะสั้น» for «ระยะสั้น (หนึ่งปีงบประมาณ)»), its code, and the extra words."""
    accepted: dict[str, str] = {}
    labels = thai_labels(choices)
    for value, label in labels:
        for typed in (label, label.split(" (")[0], label.split(":")[0], value):
            accepted.setdefault(_key(typed), value)
    valid = {value for value, _label in labels}
    accepted.update({_key(typed): value for typed, value in extra.items() if value in valid})
    return accepted


class Choice:
    """A cleaner of one of a model's choices, typed as its Thai label (or its short form).
    The template offers its Thai labels as the column's drop-down list (``labels``)."""

    def __init__(
        self, choices: Iterable[tuple[str, object]], extra: Mapping[str, str] | None = None
    ) -> None:
        self.choices = list(choices)
        self.extra = extra or {}
        self.table: dict[str, str] = {}

    def __call__(self, value: object, lookups: dict) -> str:
        if not self.table:
            self.table.update(_accepted(self.choices, self.extra))
        typed = _key(_text(value))
        if typed not in self.table:
            raise RowError(
                _("Unknown value “%(value)s”: use one of %(options)s.")
                % {"value": _text(value), "options": choice_list(self.choices)}
            )
        return self.table[typed]

    @property
    def labels(self) -> list[str]:
        return [label for _value, label in thai_labels(self.choices)]


def choice(choices: Iterable[tuple[str, object]], extra: Mapping[str, str] | None = None) -> Choice:
    """One of a model's choices, typed as its Thai label (or its short form)."""
    return Choice(choices, extra)


def choices_of(
    choices: Iterable[tuple[str, object]], extra: Mapping[str, str] | None = None
) -> Cleaner:
    """Several of a model's choices, separated by commas."""
    one = choice(choices, extra)

    def clean(value: object, lookups: dict) -> list[str]:
        picked = []
        for part in re.split(r"[,;]", _text(value)):
            if part.strip():
                code = one(part.strip(), lookups)
                if code not in picked:
                    picked.append(code)
        return picked

    return clean


def choice_list(choices: Iterable[tuple[str, object]]) -> str:
    """«ระยะสั้น, ระยะยาว»: the short Thai labels, for messages and the template's notes."""
    return ", ".join(f"“{label.split(' (')[0]}”" for _v, label in thai_labels(choices))


def lookup(name: str, message: str) -> Cleaner:
    """A name found in ``lookups[name]`` (a dict of name -> id), else ``message``."""

    def clean(value: object, lookups: dict) -> Any:
        typed = " ".join(_text(value).split())
        found = lookups[name].get(typed)
        if found is None:
            raise RowError(message % {"value": typed})
        return found

    return clean


# --- The template -----------------------------------------------------------------------


def template_workbook(kind: ImportKind) -> bytes:
    """The template to fill in: Thai headers (* = required), one example row, notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ข้อมูล"
    sheet.append([c.header + (" *" if c.starred else "") for c in kind.columns])
    sheet.append([c.example for c in kind.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [c.width or max(14, len(c.header) + 4) for c in kind.columns]
    print_setup(sheet, widths=widths)
    for index, column in enumerate(kind.columns, start=1):
        if column.clean is date:
            # Typed dates stay as typed (B.E.); a pasted date cell is read as well.
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"
    notes = workbook.create_sheet("คำอธิบาย")
    _drop_down_lists(workbook, sheet, kind)
    notes.append(["คำอธิบาย"])
    for line in (
        "หัวคอลัมน์ที่มี * ต้องกรอก ลบแถวตัวอย่างก่อนนำเข้า",
        "วันที่พิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 20/08/2563 (เลขไทยได้) หรือใช้เซลล์วันที่ของ Excel",
        "จำนวนเงินพิมพ์ได้ทั้ง 1,500 หรือ ๑,๕๐๐ หรือ 1500 บาท ไม่รับจำนวนติดลบ",
        *kind.notes,
    ):
        notes.append([line])
    notes["A1"].font = Font(bold=True)
    print_setup(notes, widths=[100])
    return workbook_bytes(workbook)


# Rows of the template a drop-down list covers (a district's file has far fewer).
LISTED_ROWS = 5000


def _drop_down_lists(workbook, sheet, kind: ImportKind) -> None:
    """A choice column offers its Thai labels as a drop-down list, read from a hidden sheet
    («รายการ», after the others: the import reads the first). Typing stays free (the list
    warns of nothing): a short form such as «ระยะสั้น» is taken too, and the check says what
    it does not know."""
    listed = [
        (i, c.clean.labels) for i, c in enumerate(kind.columns, 1) if isinstance(c.clean, Choice)
    ]
    if not listed:
        return
    lists = workbook.create_sheet("รายการ")
    lists.sheet_state = "hidden"
    for number, (index, labels) in enumerate(listed, start=1):
        letter = get_column_letter(number)
        for row, label in enumerate(labels, start=1):
            lists.cell(row=row, column=number, value=label)
        validation = DataValidation(
            type="list",
            formula1=f"'รายการ'!${letter}$1:${letter}${len(labels)}",
            allow_blank=True,
            showErrorMessage=False,
        )
        column = get_column_letter(index)
        validation.add(f"{column}2:{column}{LISTED_ROWS}")
        sheet.add_data_validation(validation)


# --- Limits -----------------------------------------------------------------------


class Refused(Exception):
    """A file refused before it is read: too large, or too many rows."""


# An .xlsx is a zip of XML: a real workbook unpacks to about 15 times its size. Far more
# is a file built to exhaust the server's memory when it is read.
UNPACK_RATIO = 30
# The parts of a workbook that are not its cells (names, styles, its list of parts) are
# small in a real file: a few hundred KB at most. Read whole, one of tens of MB built to
# be read would cost hundreds of MB of memory, so each is held to a limit of its own.
CELL_PARTS = re.compile(r"xl/(worksheets/[^/]+|sharedStrings)\.xml")
PART_LIMITS = {"[Content_Types].xml": 2 * 1024 * 1024, "xl/workbook.xml": 2 * 1024 * 1024}
OTHER_PART_LIMIT = 10 * 1024 * 1024
# Columns read from each row: a template has a few dozen; a sheet that declares 16,384
# (Excel's last column, XFD) would otherwise give rows of 16,384 cells each.
MAX_COLUMNS = 100
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
        _check_parts(archive.infolist())
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


def _check_parts(parts) -> None:
    """Refuse a workbook whose parts besides its cells are far larger than a real file's."""
    for info in parts:
        if CELL_PARTS.fullmatch(info.filename):
            continue
        if info.file_size > PART_LIMITS.get(info.filename, OTHER_PART_LIMIT):
            raise Refused(
                _(
                    "The file holds more than a table (its part %(part)s is %(size)s MB). "
                    "Copy the table into a new workbook in Excel and import that."
                )
                % {"part": info.filename, "size": _megabytes(info.file_size, up=True)}
            )


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


# --- Reading and checking -------------------------------------------------------------


def read_rows(data: bytes, name: str) -> Iterator[list[object]]:
    """Every row of the first sheet (xlsx) or of the file (csv), headers first, of at most
    MAX_COLUMNS cells; cells keep their type (a date cell is a datetime, a number a number).

    More rows than the limit is refused here too, whatever the sheet declared.
    """
    for count, row in enumerate(_rows(data, name), start=1):
        if count > settings.IMPORT_MAX_ROWS + 1:
            raise Refused(_too_many_rows())
        yield row


def _rows(data: bytes, name: str) -> Iterator[list[object]]:
    if name.lower().endswith(".csv"):
        text_ = data.decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text_)):
            yield row[:MAX_COLUMNS]
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_parts(archive.infolist())  # as the upload was, in case the limits changed
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            # openpyxl pads a row to the sheet's width: the empty cells past the last one
            # typed are dropped, as a CSV row has none.
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            yield cells
    finally:
        workbook.close()


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


def refused(kind: ImportKind, message: str) -> Checked:
    """A file refused as a whole: one error on its first row."""
    checked = Checked(headers=[c.header for c in kind.columns])
    checked.error(1, "-", message)
    return checked


def check_file(
    data: bytes,
    name: str,
    kind: ImportKind,
    district: Any,
    progress: Callable[[int, int], None] | None = None,
) -> Checked:
    """Read and check every row; nothing is written."""
    result = Checked(headers=[c.header for c in kind.columns])
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
    for column in kind.columns:
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
    lookups = kind.prepare(district) if kind.prepare else {}
    for index, (number, row) in enumerate(body, start=1):
        values = {name: row[pos] if pos < len(row) else None for name, pos in positions.items()}
        record: dict[str, Any] = {"_row": number}
        for column in kind.columns:
            value = values.get(column.name)
            try:
                record[column.name] = _clean(column, value, lookups)
            except RowError as error:
                result.error(number, column.header, str(error))
        result.records.append(record)
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append([_shown(c, values.get(c.name)) for c in kind.columns])
        if len(result.errors) >= MAX_ERRORS:
            break
        if progress and index % BATCH == 0:
            progress(index, result.total)
    if not body:
        result.error(2, "-", _("The file has no rows of data."))
    if kind.check and not result.errors:
        kind.check(result, district, lookups)
    return result


def _clean(column: Column, value: object, lookups: dict) -> object:
    if _text(value) == "":
        if column.required:
            raise RowError(_("This column must be filled in."))
        return None
    return (column.clean or text())(value, lookups)


def _shown(column: Column, value: object) -> str:
    typed = _text(value)
    return column.shown(typed) if column.shown and typed else typed


def same_within(checked: Checked, kind: ImportKind, by: str, fields: Iterable[str]) -> None:
    """Rows of one record (one term, one plan: the same ``by``) must not disagree on the
    record's own fields; a row may leave them empty. The first row's values are kept, and
    a ``first_row`` column must be filled in on the record's first row."""
    fields = tuple(fields)
    first: dict[object, dict] = {}
    for record in checked.records:
        if record.get(by) not in first:
            first[record.get(by)] = record
            for column in kind.columns:
                if column.first_row and column.name in fields and record.get(column.name) is None:
                    checked.error(
                        record["_row"],
                        column.header,
                        _("This column must be filled in on the first row of “%(value)s”.")
                        % {"value": record.get(by)},
                    )
    first = {}
    for record in checked.records:
        key = record.get(by)
        if key not in first:
            first[key] = record
            continue
        for name in fields:
            value, kept = record.get(name), first[key].get(name)
            if value is None or value == "":
                record[name] = kept
            elif kept is not None and kept != "" and value != kept:
                checked.error(
                    record["_row"],
                    kind.header(name),
                    _("Differs from row %(row)s of the same “%(value)s”.")
                    % {"row": first[key]["_row"], "value": key},
                )
            elif kept is None or kept == "":
                first[key][name] = value


# --- Writing ------------------------------------------------------------------------


def write_grouped(
    records: list[dict],
    *,
    by: str,
    head: Callable[[dict], Any],
    head_model: type,
    row: Callable[[Any, dict, int], Any],
    row_model: type,
    user: Any,
) -> int:
    """Write the records of a kind with one row per part (a term and its members, a plan
    and its items): ``head`` makes the record of each new ``by`` from its first row, unsaved,
    ``row`` the part of each row (its head, the row, its order from 1; None for none). Every
    head is written at once, then every part, each with its history row. Returns how many
    heads were made."""
    heads: dict[object, Any] = {}
    for record in records:
        if record[by] not in heads:
            heads[record[by]] = head(record)
    bulk_create_with_history(list(heads.values()), head_model, batch_size=BATCH, default_user=user)
    parts = []
    for record in records:
        part = row(heads[record[by]], record, len(parts) + 1)
        if part is not None:
            parts.append(part)
    bulk_create_with_history(parts, row_model, batch_size=BATCH, default_user=user)
    return len(heads)
