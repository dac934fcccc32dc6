"""Turn document content into files: PDF through WeasyPrint, Excel through openpyxl.

Official documents are always Thai, whatever language the screen uses. Fonts: the
system's Laksaman (fonts-thai-tlwg, "based on TH Sarabun New").
"""

import datetime as dt
import functools
import hashlib
import importlib.metadata
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from thanrak.core.spreadsheets import (
    AMOUNT,
    BE_DATE,
    BE_DATE_THAI,
    COUNT,
    Workbook,
    print_setup,
    workbook_bytes,
)
from thanrak.core.thai import be_year, format_date_long, thai_digits
from thanrak.documents.columns import COLUMNS
from thanrak.documents.pdftext import GlyphFonts, mark_sara_am
from thanrak.documents.selectors import ReportContent

FONT = "TH Sarabun New"
REPORT_TITLE = "แบบรายงานผลการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"
SCHEDULE_HEADERS = ["วันที่", "เวลา", "สถานที่", "ทีม", "หมายเหตุ"]


_local = threading.local()


def _url_fetcher():
    """This thread's WeasyPrint fetcher: making one per document costs a TLS context."""
    if not hasattr(_local, "fetcher"):
        from weasyprint.urls import URLFetcher

        _local.fetcher = URLFetcher()
    return _local.fetcher


# A PDF made is kept in the cache for PDF_CACHE_SECONDS under a digest of its HTML: the
# same document asked for again (a second click, the next officer) is not laid out again.
# The HTML is all a PDF is made from (images are data: URIs; the styles are in the HTML,
# the fonts the system's); the digest also covers WeasyPrint's version and the code that
# draws the PDF, so a new release never serves an old drawing.
PDF_MAX_KEPT_BYTES = 4 * 1024 * 1024


@functools.cache
def _drawing_version() -> str:
    h = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    for module in (__file__, Path(__file__).with_name("pdftext.py")):
        h.update(Path(module).read_bytes())
    return h.hexdigest()


def pdf_cache_key(parts: list[str]) -> str:
    h = hashlib.sha256(_drawing_version().encode())
    for part in parts:
        h.update(b"\0" + part.encode())
    return f"documents:pdf:{h.hexdigest()}"


def html_to_pdf(html: str | list[str], on_part: Callable[[int, int], None] | None = None) -> bytes:
    """Render HTML to PDF with a text layer that reads back as the Thai that was written.

    A list of HTML documents is rendered part by part (each with its own page numbers)
    into one PDF; ``on_part(done, total)`` is told after each part, for progress bars.

    Each glyph reads back as its own character, and each sara am (drawn as nikhahit +
    sara aa) as ำ: see ``pdftext``. The same HTML again within PDF_CACHE_SECONDS gives the
    PDF kept from before.
    """
    parts = [html] if isinstance(html, str) else html
    key = pdf_cache_key(parts)
    if settings.PDF_CACHE_SECONDS and (kept := cache.get(key)) is not None:
        if on_part:
            on_part(len(parts), len(parts))
        return kept
    pdf = _draw_pdf(parts, on_part)
    if settings.PDF_CACHE_SECONDS and len(pdf) <= PDF_MAX_KEPT_BYTES:
        cache.set(key, pdf, settings.PDF_CACHE_SECONDS)
    return pdf


def _draw_pdf(parts: list[str], on_part: Callable[[int, int], None] | None) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    documents = []
    for i, part in enumerate(parts):
        documents.append(HTML(string=part, base_url="/", url_fetcher=_url_fetcher()).render())
        if on_part:
            on_part(i + 1, len(parts))
    document = (
        documents[0]
        if len(documents) == 1
        else documents[0].copy([page for doc in documents for page in doc.pages])
    )
    document.fonts = GlyphFonts()
    return document.write_pdf(finisher=mark_sara_am, pdf_tags=True)


def render_pdf(template: str, context: dict) -> bytes:
    with translation.override("th"):
        return html_to_pdf(render_to_string(template, context))


# --- The report form --------------------------------------------------------------


def report_pdf(contents: list[ReportContent], title: str = REPORT_TITLE) -> bytes:
    """One report form per district, each starting on a new page."""
    return render_pdf("documents/pdf/report.html", {"contents": contents, "title": title})


_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="EEEEEE")


def document_headings() -> list[str]:
    """The report form's column headings as the documents print them (in Thai)."""
    with translation.override("th"):
        return [str(column.heading) for column in COLUMNS]


def _sheet_report(ws, content: ReportContent) -> None:
    width = len(COLUMNS)
    ws.append([REPORT_TITLE])
    ws.append([f"{content.heading} {content.period.label}"])
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).font = Font(name=FONT, size=16, bold=True)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
    ws.append(document_headings())
    for col in range(1, width + 1):
        cell = ws.cell(3, col)
        cell.font = Font(name=FONT, size=14, bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    ws.append(content.summary_cells)
    for row in content.rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=4, max_row=ws.max_row):
        for cell in row:
            cell.font = Font(name=FONT, size=14)
            cell.alignment = WRAP
            cell.border = BORDER
    # The title and the header repeat on every printed page.
    print_setup(ws, header_rows=3, widths=[c.xlsx_width for c in COLUMNS], landscape=True)
    _sheet_signature(ws, content)


def _sheet_signature(ws, content: ReportContent) -> None:
    end = ws.max_row + 2
    signer = content.signer
    lines = [
        "ลงชื่อ..................................................ผู้รายงาน",
        f"({signer.name or '..................................................'})",
        f"ตำแหน่ง {signer.position or '..................................................'}",
        # Undated, the year is the period's, as the PDF writes it.
        f"วันที่ {format_date_long(signer.date)}"
        if signer.date
        else f"วันที่.........เดือน........................พ.ศ. {thai_digits(be_year(content.period.end.year))}",
    ]
    if content.lessons:
        ws.cell(end, 2, f"สรุปบทเรียน {content.lessons}").font = Font(name=FONT, size=14)
        end += 2
    for i, text in enumerate(lines):
        cell = ws.cell(end + i, 5, text)
        cell.font = Font(name=FONT, size=14)


def _sheet_title(content: ReportContent) -> str:
    # Excel forbids some characters in sheet titles and caps them at 31 characters.
    return content.center.district.name_th[:31]


def report_xlsx(contents: list[ReportContent]) -> bytes:
    """One report form per district, one sheet each (made with Thai active, as the views
    make their documents)."""
    wb = Workbook()
    for i, content in enumerate(contents):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = _sheet_title(content)
        _sheet_report(ws, content)
    return workbook_bytes(wb)


# --- The province's consolidated report -------------------------------------------------

CONSOLIDATED_TITLE = "สรุปผลการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"
ACTIVITY_HEADERS = [
    "อำเภอ",
    "วันที่",
    "กิจกรรม",
    "ประเภทกิจกรรม",
    "กลุ่มเป้าหมาย ประเภท 1 (คน)",
    "ประเภท 2 (คน)",
    "ประเภท 3 (คน)",
    "ค่าใช้จ่าย (บาท)",
    "รายการตามแผน",
]
SUMMARY_HEADERS = [
    "อำเภอ",
    "กิจกรรม",
    "กลุ่มเป้าหมาย ประเภท 1 (คน)",
    "ประเภท 2 (คน)",
    "ประเภท 3 (คน)",
    "ผู้มารับบริการรวม (คน)",
    "งบประมาณที่ได้รับจัดสรร (บาท)",
    "ใช้จ่าย (บาท)",
    "กรรมการ (คน)",
    "ประชุม (ครั้ง)",
    "ผ่านเกณฑ์ (ข้อ)",
    "ถึงกำหนดพิจารณา (ข้อ)",
    "สถานะรายงาน",
]


def consolidated_pdf(summary) -> bytes:
    """The province's summary per district, a few landscape pages (``consolidated.summary``)."""
    return render_pdf("documents/pdf/consolidated.html", {"s": summary})


def _cells(ws, values, *, bold: bool = False, size: int = 14, formats=None, head=False):
    """A row of a streamed sheet: the document's font, borders, number formats by column."""
    formats = formats or {}
    row = []
    for i, value in enumerate(values):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = Font(name=FONT, size=size, bold=bold or head)
        if head:
            cell.fill = HEAD_FILL
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if head or size == 14:
            cell.border = BORDER
        if i in formats and value is not None:
            cell.number_format = formats[i]
        if i in formats.get("wrap", ()):
            cell.alignment = WRAP
        row.append(cell)
    ws.append(row)


def _sheet_consolidated_summary(ws, summary) -> None:
    widths = (18, 9, 11, 11, 11, 12, 15, 15, 10, 10, 10, 12, 16)
    print_setup(ws, header_rows=3, widths=widths, landscape=True, freeze_columns=1)
    today = format_date_long(summary.today, digits=False)
    _cells(ws, [f"{CONSOLIDATED_TITLE} {summary.province.full_name}"], bold=True, size=16)
    _cells(ws, [f"{summary.period.name} ข้อมูล ณ วันที่ {today}"], bold=True, size=16)
    _cells(ws, SUMMARY_HEADERS, head=True)
    formats = dict.fromkeys(range(1, 12), COUNT) | {6: AMOUNT, 7: AMOUNT}
    for line in [*summary.lines, summary.total]:
        _cells(
            ws,
            [
                line.name,
                line.activities,
                *line.people,
                line.served,
                float(line.allocated),
                float(line.spent),
                line.members if (line.has_committee or line.center is None) else None,
                line.meetings,
                line.rules_held,
                line.rules_due,
                line.report.get_status_display() if line.report else "",
            ],
            bold=line.center is None,
            formats=formats,
        )
    signer = summary.signer
    ws.append([])
    for text in (
        "ลงชื่อ..................................................ผู้รายงาน",
        f"({signer.name or '..................................................'})",
        f"ตำแหน่ง {signer.position}",
        f"วันที่ {today}",
    ):
        _cells(ws, [None] * 7 + [text], size=15)


def _sheet_months(ws, summary) -> None:
    columns = 2 * len(summary.month_labels) + 3
    widths = (18, *[9] * (columns - 1))
    print_setup(ws, header_rows=2, widths=widths, landscape=True, freeze_columns=1)
    title = f"กิจกรรมและผู้มารับบริการรายเดือน {summary.province.full_name} {summary.period.name}"
    _cells(ws, [title], bold=True, size=16)
    months = [*summary.month_labels, "รวม"]
    _cells(ws, ["อำเภอ", *(f"{m}\n{t}" for m in months for t in ("กิจกรรม", "คน"))], head=True)
    formats = dict.fromkeys(range(1, columns), COUNT)
    for line in [*summary.lines, summary.total]:
        numbers = [n for pair in line.months for n in pair]
        _cells(
            ws,
            [line.name, *numbers, line.activities, line.served],
            bold=line.center is None,
            formats=formats,
        )


def _sheet_activities(ws, summary, activities) -> None:
    """Every activity of the period, streamed: any number of rows."""
    print_setup(ws, header_rows=2, widths=(16, 14, 48, 18, 12, 12, 12, 14, 30), landscape=True)
    title = f"รายการกิจกรรม {summary.province.full_name} {summary.period.name}"
    _cells(ws, [title], bold=True, size=16)
    _cells(ws, ACTIVITY_HEADERS, head=True)
    formats = {1: BE_DATE, 4: COUNT, 5: COUNT, 6: COUNT, 7: AMOUNT, "wrap": (2, 3, 8)}
    for district, date, title, kind, t1, t2, t3, cost, item in activities:
        _cells(
            ws, [district, date, title, kind, t1, t2, t3, float(cost), item or ""], formats=formats
        )


def consolidated_xlsx(summary, activities: Iterable[tuple]) -> bytes:
    """The summary, the months, and every activity of the period (``activity_rows``).

    Streamed (write-only): a province's tens of thousands of activities never sit in
    memory as cells. The totals line is written as values.
    """
    wb = Workbook(write_only=True)
    _sheet_consolidated_summary(wb.create_sheet("สรุป"), summary)
    _sheet_months(wb.create_sheet("รายเดือน"), summary)
    _sheet_activities(wb.create_sheet("กิจกรรม"), summary, activities)
    return workbook_bytes(wb)


# --- The monitoring schedule --------------------------------------------------------


@dataclass
class ScheduleRow:
    """A printed row of the schedule: the date on a day's first row, the team on its first.

    ``day`` and ``team_name`` are the row's own date and team, on every row (the workbook,
    which is sorted and filtered, prints them on each row).
    """

    date: str
    time: str
    place: str
    team: str
    note: str
    day: dt.date | None = None
    team_name: str = ""


@dataclass
class Slot:
    team_key: object
    team: str
    date: dt.date
    time: dt.time | None
    place: str
    note: str = ""


def format_time(value: dt.time | None) -> str:
    """«๐๙.๐๐ น.»"""
    return thai_digits(f"{value:%H.%M} น.") if value else ""


def schedule_rows(slots: Iterable[Slot]) -> list[ScheduleRow]:
    """The seed's table: teams in order, each team's visits by date and time.

    The date is printed on the first row of each day of a team; the team's name on its
    first row only.
    """
    rows: list[ScheduleRow] = []
    last_team = object()
    last_date = None
    for slot in slots:
        new_team = slot.team_key != last_team
        new_day = new_team or slot.date != last_date
        rows.append(
            ScheduleRow(
                date=format_date_long(slot.date) if new_day else "",
                time=format_time(slot.time),
                place=slot.place,
                team=slot.team if new_team else "",
                note=slot.note,
                day=slot.date,
                team_name=slot.team,
            )
        )
        last_team, last_date = slot.team_key, slot.date
    return rows


def schedule_pdf(title: str, subtitle: str, rows: list[ScheduleRow]) -> bytes:
    return render_pdf(
        "documents/pdf/schedule.html", {"title": title, "subtitle": subtitle, "rows": rows}
    )


def schedule_xlsx(title: str, subtitle: str, rows: list[ScheduleRow]) -> bytes:
    """The schedule as a list: every row carries its date (a date cell, in Thai digits as
    the letter prints it) and its team, so that it can be sorted and filtered."""
    wb = Workbook()
    ws = wb.active
    ws.title = "กำหนดการ"
    ws.append([title])
    ws.append([subtitle])
    ws.append(SCHEDULE_HEADERS)
    for r in rows:
        ws.append([r.day, r.time, r.place, r.team_name, r.note])
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            cell.font = Font(name=FONT, size=16, bold=cell.row <= 3)
            if cell.row >= 3:
                cell.border = BORDER
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row[0].row > 3:
            # A date is a number, which a sheet sets to the right, against the time beside
            # it («…๒๕๗๐๐๙.๐๐ น.»): to the left, as the printed schedule has it.
            row[0].number_format = BE_DATE_THAI
            row[0].alignment = Alignment(horizontal="left", wrap_text=True, vertical="top")
    print_setup(ws, header_rows=3, widths=(25, 14, 36, 18, 18), landscape=False)
    return workbook_bytes(wb)


# --- Official letters ----------------------------------------------------------------


def letter_pdf(context: dict) -> bytes:
    """The letter, with the round's schedule (if any) appended as its attachment."""
    return render_pdf("documents/pdf/letter.html", context)
