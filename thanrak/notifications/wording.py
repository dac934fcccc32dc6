"""What a notification says, in the language of whoever reads it.

The scan keeps each event's facts with its notification: codes, years, ISO dates and times,
and what people typed (a comment, a letter's number and subject, a team's name). The inbox
words them in the reader's language; the scan words them in Thai once, for the e-mails and
the admin site (``Notification.title`` and ``body``). A notification kept without facts
shows that Thai wording.
"""

import datetime as dt
from collections.abc import Mapping

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from thanrak.areas.models import District
from thanrak.core.periods import Period
from thanrak.core.thai import format_date_text
from thanrak.monitoring.schedule import clock_text
from thanrak.notifications.models import Notification

Kind = Notification.Kind


def words(kind: str, facts: Mapping, districts: Mapping[str, District]) -> tuple[str, str]:
    """The (title, body) of a notification in the active language.

    ``districts`` holds the districts the facts name, by code. Raises KeyError when the
    facts lack what the kind needs.
    """
    if kind in (Kind.REPORT_SUBMITTED, Kind.REPORT_RETURNED, Kind.REPORT_ACCEPTED):
        return _report_words(kind, facts, districts)
    if kind in (Kind.REPORT_DUE, Kind.REPORT_LATE):
        params = {
            "period": _period(facts).name,
            "date": format_date_text(dt.date.fromisoformat(facts["due"])),
        }
        if kind == Kind.REPORT_LATE:
            title = _("The report of %(period)s was due on %(date)s and has not been submitted.")
        else:
            title = _("The report of %(period)s is due on %(date)s.")
        return title % params, ""
    if kind == Kind.VISIT:
        title = _("Monitoring visit to %(district)s on %(date)s at %(time)s, team %(team)s.") % {
            "district": districts[facts["district"]].full_name,
            "date": format_date_text(dt.date.fromisoformat(facts["date"])),
            "time": clock_text(dt.time.fromisoformat(facts["time"])),
            "team": facts["team"],
        }
        return title, facts["place"]
    if kind == Kind.LETTER:
        title = _("The province issued letter %(number)s: %(subject)s") % {
            "number": facts["number"],
            "subject": Truncator(facts["subject"]).chars(200),
        }
        return title, _("To: %(to)s") % {"to": facts["to"]}
    raise KeyError(kind)


def _period(facts: Mapping) -> Period:
    return Period(facts["fiscal_year"], facts["quarter"])


def _report_words(kind: str, facts: Mapping, districts: Mapping[str, District]):
    params = {"period": _period(facts).name}
    if kind == Kind.REPORT_SUBMITTED:
        params["district"] = districts[facts["district"]].full_name
        title = _("%(district)s submitted the report of %(period)s: it waits for your review.")
        return title % params, ""
    if kind == Kind.REPORT_RETURNED:
        comment = Truncator(facts["comment"]).chars(2000)
        return (
            _("The province returned the report of %(period)s for correction.") % params,
            _("The province's comment: %(comment)s") % {"comment": comment},
        )
    return _("The province accepted the report of %(period)s.") % params, ""


def shown(notifications: list[Notification]) -> list[tuple[Notification, str, str]]:
    """Each notification with its title and body in the active language (one query for
    the districts they name, whatever their number)."""
    codes = {n.facts["district"] for n in notifications if "district" in n.facts}
    districts = District.objects.in_bulk(codes) if codes else {}
    items = []
    for n in notifications:
        try:
            title, body = words(n.kind, n.facts, districts)
        except KeyError:
            title, body = n.title, n.body
        items.append((n, title, body))
    return items
