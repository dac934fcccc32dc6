"""Files made from a round: the iCalendar feed of a team and the summary in Excel."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from openpyxl.styles import Alignment, Font, PatternFill

from thanrak.core.spreadsheets import Workbook, print_setup, workbook_bytes
from thanrak.monitoring.models import Result, Team
from thanrak.monitoring.selectors import RoundSummary, travel_settings


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
        start = visit.starts_at
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
    """One sheet of findings per district and item, one of counts per item; Thai headers.

    Dates are date cells (shown in B.E.); both sheets print on A4, one page wide.
    """
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
    now = timezone.localtime()
    for n, row in enumerate(summary.rows, 1):
        visit = row.visit
        finding = getattr(visit, "finding", None) if visit else None
        sheet.append(
            [
                n,
                row.district.full_name,
                visit.date if visit else None,
                visit.team.name if visit else "",
                *[
                    f"{RESULT_SYMBOLS[Result(f.result)]} {Result(f.result).label}"
                    if f and f.result
                    else ""
                    for f in row.results
                ],
                finding.overall if finding else "",
                finding.recommendations if finding else "",
                status_text(row, now),
            ]
        )
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = wrap
    # As narrow as the cells allow, so that the sheet prints as large as it can on one A4
    # width: an item's heading must fit its longest word («ประชาสัมพันธ์»: narrower, it is
    # broken inside the word), a B.E. date needs 13 (narrower, it prints as ####), a status
    # one line; the free text wraps.
    widths = [5, 20, 13, 10, *[12] * len(summary.items), 26, 26, 16]
    print_setup(sheet, header_rows=2, widths=widths, freeze_columns=2)

    counts = book.create_sheet(_("Per item"))
    counts.append([_("Item"), *[str(r.label) for r in Result]])
    for cell in counts[1]:
        cell.font, cell.fill = bold, fill
    for item, tally in zip(summary.items, summary.per_item, strict=True):
        counts.append([item.text, *[tally[r.value] for r in Result]])
        counts.cell(counts.max_row, 1).alignment = wrap
    print_setup(counts, header_rows=1, widths=[48, *[16] * len(Result)])
    return workbook_bytes(book)


def status_text(row, now: dt.datetime) -> str:
    if row.visit is None:
        return _("No visit scheduled")
    if not row.visited(now):
        return _("Not visited yet")
    if row.complete:
        return _("Recorded")
    return _("Not recorded yet")
