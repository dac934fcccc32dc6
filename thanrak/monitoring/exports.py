"""Files made from a round: the iCalendar feed of a team and the summary in Excel."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thanrak.core.spreadsheets import Workbook, workbook_bytes
from thanrak.core.thai import format_date_short
from thanrak.monitoring.models import Result, Team
from thanrak.monitoring.selectors import RoundSummary, travel_settings

BANGKOK = ZoneInfo("Asia/Bangkok")


def team_ics(team: Team) -> bytes:
    """The team's visits as VEVENTs in Asia/Bangkok (with its VTIMEZONE), RFC 5545."""
    calendar = Calendar()
    calendar.add("prodid", "-//Thanrak//Monitoring schedule//TH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{team.round.title} · {team.name}")
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    stamp = timezone.now()
    visit_minutes = travel_settings(team.round.province_id).visit_minutes
    for visit in team.visits.select_related("district").order_by("date", "time"):
        start = dt.datetime.combine(visit.date, visit.time, tzinfo=BANGKOK)
        event = Event()
        event.add("uid", f"visit-{visit.pk}@{settings.SITE_NAME.lower()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=visit_minutes))
        event.add(
            "summary", _("Monitoring visit: %(district)s") % {"district": visit.district.full_name}
        )
        event.add("location", visit.place)
        if visit.note:
            event.add("description", visit.note)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


RESULT_SYMBOLS = {Result.FOUND: "✓", Result.PARTLY: "◐", Result.NOT_FOUND: "✗"}


def summary_xlsx(summary: RoundSummary) -> bytes:
    """One sheet of findings per district and item, one of counts per item; Thai headers."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Findings")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEFE3")
    sheet.append([summary.round.title])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = [_("No."), _("District"), _("Date"), _("Team")]
    headers += [item.text for item in summary.items]
    headers += [_("Overall finding"), _("Recommendations"), _("Status")]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    today = timezone.localdate()
    for n, row in enumerate(summary.rows, 1):
        visit = row.visit
        finding = getattr(visit, "finding", None) if visit else None
        sheet.append(
            [
                n,
                row.district.full_name,
                format_date_short(visit.date) if visit else "",
                visit.team.name if visit else "",
                *[
                    f"{RESULT_SYMBOLS[Result(f.result)]} {Result(f.result).label}"
                    if f and f.result
                    else ""
                    for f in row.results
                ],
                finding.overall if finding else "",
                finding.recommendations if finding else "",
                status_text(row, today),
            ]
        )
    widths = [6, 24, 14, 14, *[18] * len(summary.items), 40, 40, 22]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    counts = book.create_sheet(_("Per item"))
    counts.append([_("Item"), *[str(r.label) for r in Result]])
    for cell in counts[1]:
        cell.font, cell.fill = bold, fill
    for item, tally in zip(summary.items, summary.per_item, strict=True):
        counts.append([item.text, *[tally[r.value] for r in Result]])
    counts.column_dimensions["A"].width = 48
    return workbook_bytes(book)


def status_text(row, today: dt.date) -> str:
    if row.visit is None:
        return _("No visit scheduled")
    if not row.visited(today):
        return _("Not visited yet")
    if row.complete:
        return _("Recorded")
    return _("Not recorded yet")
