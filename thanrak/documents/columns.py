"""The report form's columns: the one place a new column goes.

``COLUMNS`` lists them in the order they are printed. Each has its key (the narrative's
key, when the officer words its summary), its heading (translated: the page in the
reader's language, the PDF and the workbook in Thai), its widths in the PDF and in the
workbook, and a builder that turns one center's records (``Records``, read once for all
the districts by ``selectors.report_contents``) into the column's cells, one per row, and
its summary. The page (``_report_table.html``), the PDF (``pdf/_report_body.html``), the
workbook (``render.report_xlsx``) and the narrative form (``forms.NarrativeForm``) all
iterate over it. The cells are in the language active when they are built: in Thai (the
PDF, the workbook, a submitted report, the Thai page) with Thai digits and the document's
dates, as the form prints them; on the English page with Arabic digits, the page's dates
and English plurals.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext

from thanrak.centers.models import (
    Activity,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    Material,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Referral,
)
from thanrak.core.periods import Period
from thanrak.core.thai import (
    arabic_digits,
    english_active,
    format_baht,
    format_date_long,
    format_date_text,
    thai_digits,
)
from thanrak.evidence.models import Evidence


@dataclass
class Records:
    """One center's records for one period: what every column's builder reads."""

    period: Period
    # The evidence files of a record: files(Model, pk).
    files: Callable[[type, int], list[Evidence]]
    activities: list[Activity] = field(default_factory=list)
    term: CommitteeTerm | None = None
    members: list[CommitteeMember] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    publicity: list[Publicity] = field(default_factory=list)
    expenses: list[Expense] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    items: dict[int, list[PlanItem]] = field(default_factory=dict)
    referrals: list[Referral] = field(default_factory=list)
    served: dict[str, int] = field(default_factory=dict)  # §5.3 type → people served
    logged: dict[str, int] = field(default_factory=dict)  # §5.3 type → logged services


@dataclass
class Built:
    """A column of one center's form: its cells (one per row) and its summary."""

    cells: list[str]
    summary: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    heading: Promise  # translated; the documents print it in Thai
    build: Callable[[Records], Built]
    pdf_width: str  # the share of the PDF's width
    xlsx_width: int  # characters in the workbook
    # Whether the officer words the column's summary (the narrative).
    narrative: bool = True
    # The PDF breaks its Thai heading after this text (the headings are long, the
    # columns narrow).
    break_after: str = ""
    # Whether its first cells are the activities' (a cell per activity, on the activity's
    # row), followed by cells of its own: a phone shows them under their activity
    # (``by_column``).
    of_activities: bool = False

    def printed_lines(self) -> list[str]:
        """The heading as the PDF prints it, line by line (call under Thai)."""
        heading = str(self.heading)
        if self.break_after and heading.startswith(self.break_after):
            return [self.break_after, heading[len(self.break_after) :]]
        return [heading]


# --- Texts shared by the builders ----------------------------------------------------


def _digits(value: object) -> str:
    """A number or a text in the form's digits: Thai digits in Thai, as written in English."""
    return str(value) if english_active() else thai_digits(value)


def _counted(phrase: str, count: int) -> str:
    """A phrase of ``count`` things, chosen by ngettext for it, with the count in the form's
    digits («คณะกรรมการ ๑๓ คน», «1 meeting»)."""
    return phrase % {"count": _digits(count)}


def _date(value) -> str:
    """A date as the form writes it: «๒๐ สิงหาคม ๒๕๖๓»; «20 Aug 2563» on the English page."""
    return format_date_text(value) if english_active() else format_date_long(value)


def target_groups_text(t1: int, t2: int, t3: int) -> str:
    return _("type 1: %(t1)s, type 2: %(t2)s, type 3: %(t3)s, in all %(total)s people") % {
        "t1": _digits(t1),
        "t2": _digits(t2),
        "t3": _digits(t3),
        "total": _digits(t1 + t2 + t3),
    }


def _services_text(logged: dict[str, int]) -> str:
    return _(
        "Services given at the center: type 1: %(t1)s, type 2: %(t2)s, type 3: %(t3)s, "
        "%(total)s services in all"
    ) % {
        "t1": _digits(logged["1"]),
        "t2": _digits(logged["2"]),
        "t3": _digits(logged["3"]),
        "total": _digits(sum(logged.values())),
    }


def _meeting_text(meeting: Meeting, files: int) -> str:
    """A meeting in the committee column, named once («การประชุม» only when the title
    does not say it already: titles are «ครั้งที่ 1/2563» or «ประชุมคณะกรรมการ ครั้งที่ 1/2563»)."""
    values = {"title": meeting.title, "date": _date(meeting.date), "files": _digits(files)}
    if not files:  # «(หลักฐาน ๐ ไฟล์)» read as a count of nothing
        if "ประชุม" in meeting.title:
            return _("%(title)s on %(date)s (no files yet)") % values
        return _("Meeting %(title)s on %(date)s (no files yet)") % values
    if "ประชุม" in meeting.title:
        return (
            ngettext(
                "%(title)s on %(date)s (%(files)s file)",
                "%(title)s on %(date)s (%(files)s files)",
                files,
            )
            % values
        )
    return (
        ngettext(
            "Meeting %(title)s on %(date)s (%(files)s file)",
            "Meeting %(title)s on %(date)s (%(files)s files)",
            files,
        )
        % values
    )


def _plan_text(plan: Plan) -> str:
    """A plan with its kind and years, without brackets in brackets, and its years once:
    a title that already names them («… ประจำปีงบประมาณ 2563», «… ระยะ 3 ปี (2563–2565)»)
    is followed by the kind alone."""
    values = {"title": plan.title, "first": plan.first_year, "last": plan.last_year}
    years = {str(plan.first_year), str(plan.last_year)}
    names_years = all(year in arabic_digits(plan.title) for year in years)
    if plan.kind == Plan.Kind.LONG:
        if names_years:
            return _("%(title)s (long-term plan)") % values
        return _("%(title)s (long-term plan, fiscal years %(first)s–%(last)s)") % values
    if names_years:
        return _("%(title)s (one-year plan)") % values
    return _("%(title)s (one-year plan, fiscal year %(first)s)") % values


def _in_digits(cells: list[str]) -> list[str]:
    return [_digits(cell) for cell in cells]


# --- The builders, one per column ---------------------------------------------------


def number(r: Records) -> Built:
    return Built([_digits(i + 1) for i in range(len(r.activities))])


def activities(r: Records) -> Built:
    cells = [f"{_date(a.date)} {a.title}" for a in r.activities]
    count = len(r.activities)
    summary = ngettext(
        "%(count)s activity in %(period)s", "%(count)s activities in %(period)s", count
    ) % {"count": _digits(count), "period": _digits(r.period.in_sentence)}
    return Built(_in_digits(cells), summary)


def target_groups(r: Records) -> Built:
    cells = [
        target_groups_text(a.participants_type1, a.participants_type2, a.participants_type3)
        for a in r.activities
    ]
    if sum(r.logged.values()):
        cells.append(_services_text(r.logged))
    served = r.served
    return Built(_in_digits(cells), target_groups_text(served["1"], served["2"], served["3"]))


def committee(r: Records) -> Built:
    cells = []
    if r.term:
        cells.append(
            _("District order %(number)s dated %(date)s")
            % {
                "number": _digits(r.term.order_number),
                "date": _date(r.term.order_date),
            }
        )
        cells += [
            f"{m.name} – {m.position.name if m.position else m.get_category_display()}"
            for m in r.members
        ]
    cells += [_meeting_text(m, len(r.files(Meeting, m.pk))) for m in r.meetings]
    if not r.term:
        return Built(_in_digits(cells), _("No committee appointed"))
    members, meetings = len(r.members), len(r.meetings)
    summary = _("%(members)s; %(meetings)s") % {
        "members": _counted(
            npgettext(
                "report form", "%(count)s committee member", "%(count)s committee members", members
            ),
            members,
        ),
        "meetings": _counted(
            npgettext("report form", "%(count)s meeting", "%(count)s meetings", meetings), meetings
        ),
    }
    return Built(_in_digits(cells), summary)


def _material_text(material: Material) -> str:
    if not material.quantity:
        return material.title
    return _("%(title)s (quantity %(quantity)s)") % {
        "title": material.title,
        "quantity": _digits(material.quantity),
    }


def _publicity_text(publicity: Publicity) -> str:
    """A publicity record, named once («ประชาสัมพันธ์:» only when its title does not say it)."""
    values = {
        "title": publicity.title,
        "channel": publicity.get_channel_display(),
        "date": _date(publicity.date),
    }
    if "ประชาสัมพันธ์" in publicity.title:
        return _("%(title)s (%(channel)s, %(date)s)") % values
    return _("Publicity: %(title)s (%(channel)s, %(date)s)") % values


def materials(r: Records) -> Built:
    cells = [_material_text(m) for m in r.materials] + [_publicity_text(p) for p in r.publicity]
    materials, publicity = len(r.materials), len(r.publicity)
    summary = _("%(materials)s; %(publicity)s") % {
        "materials": _counted(
            npgettext(
                "report form",
                "%(count)s medium or material",
                "%(count)s media and materials",
                materials,
            ),
            materials,
        ),
        "publicity": _counted(
            npgettext(
                "report form", "%(count)s publicity item", "%(count)s publicity items", publicity
            ),
            publicity,
        ),
    }
    return Built(_in_digits(cells), summary)


def _files_text(files: list[Evidence]) -> str:
    # File names keep their own digits («photo28.png»): the only text of the form not
    # written in the form's digits.
    if not files:
        return _("no file yet")
    names = ", ".join(f.caption or f.original_name for f in files[:3])
    text = ngettext("%(count)s file: %(names)s", "%(count)s files: %(names)s", len(files))
    return _digits(text % {"count": len(files), "names": "{names}"}).replace("{names}", names)


def _receipt_text(expense: Expense, files: int) -> str:
    values = {
        "what": _digits(expense.description),
        "amount": format_baht(expense.amount, digits=not english_active()),
        "files": _digits(files),
    }
    return (
        ngettext(
            "Receipt: %(what)s %(amount)s baht (%(files)s file)",
            "Receipt: %(what)s %(amount)s baht (%(files)s files)",
            files,
        )
        % values
    )


def evidence(r: Records) -> Built:
    """Converted to the form's digits piece by piece: its file names keep their digits."""
    cells = [_files_text(r.files(Activity, a.pk)) for a in r.activities]
    cells += [_receipt_text(e, len(r.files(Expense, e.pk))) for e in r.expenses]
    files = sum(len(r.files(Activity, a.pk)) for a in r.activities)
    activities = len(r.activities)
    summary = _("%(files)s for %(activities)s") % {
        "files": _counted(
            npgettext("report form", "%(count)s file", "%(count)s files", files), files
        ),
        "activities": _counted(
            npgettext("report form", "%(count)s activity", "%(count)s activities", activities),
            activities,
        ),
    }
    return Built(cells, summary)


def plans(r: Records) -> Built:
    cells = []
    for plan in r.plans:
        cells.append(_plan_text(plan))
        cells += [f"– {item.title}" for item in r.items.get(plan.pk, [])]
    cells += [
        _("Referred to %(agency)s: %(need)s") % {"agency": ref.agency, "need": ref.need}
        for ref in r.referrals
    ]
    plans = len(r.plans)
    summary = _counted(
        ngettext("%(count)s plan in force", "%(count)s plans in force", plans), plans
    )
    return Built(_in_digits(cells), summary)


COLUMNS: tuple[Column, ...] = (
    Column("number", gettext_lazy("No."), number, "4%", 6, narrative=False, of_activities=True),
    Column(
        "activities",
        gettext_lazy("Activities carried out"),
        activities,
        "20%",
        40,
        of_activities=True,
    ),
    Column(
        "target_groups",
        gettext_lazy("Target groups served"),
        target_groups,
        "16%",
        30,
        break_after="กลุ่มเป้าหมาย",
        of_activities=True,
    ),
    Column(
        "committee",
        gettext_lazy("The center's committee"),
        committee,
        "16%",
        34,
        break_after="โครงสร้าง",
    ),
    Column(
        "materials",
        gettext_lazy("Media and printed materials"),
        materials,
        "14%",
        28,
        break_after="สื่อ/สิ่งพิมพ์",
    ),
    Column(
        "evidence",
        gettext_lazy("Evidence of the services"),
        evidence,
        "14%",
        28,
        break_after="เอกสารหลักฐาน",
        of_activities=True,
    ),
    Column(
        "plans",
        gettext_lazy("The center's plans"),
        plans,
        "16%",
        32,
        break_after="แผนการดำเนินงาน",
    ),
)
# The columns whose summary the officer words (the keys of ``Report.narrative``).
NARRATIVE_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.narrative)


def build_rows(records: Records) -> tuple[list[list[str]], dict[str, str]]:
    """The form's rows (cells in column order; at least one row) and the summaries."""
    built = [column.build(records) for column in COLUMNS]
    length = max([len(b.cells) for b in built] + [1])
    rows = [[b.cells[i] if i < len(b.cells) else "" for b in built] for i in range(length)]
    summary = {c.key: b.summary for c, b in zip(COLUMNS, built, strict=True) if c.narrative}
    return rows, summary


# --- The form read column by column, as a phone shows it -----------------------------


@dataclass
class ActivityRow:
    """An activity's row: its number, its text, and what the other columns of the
    activities say of it (heading, cell)."""

    number: str
    text: str
    details: list[tuple[Promise, str]]


@dataclass
class ColumnPart:
    """A column read on its own: its summary, its activities (the activities' column) and
    its cells below them."""

    column: Column
    summary: str
    activities: list[ActivityRow] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


def by_column(rows: list[list[str]], summary_cells: list[str]) -> list[ColumnPart]:
    """The form's rows and summary row read column by column: each column with its summary,
    the activities (number, text, then their target groups and files) in the activities'
    column, and each column's other cells after them. A seven-column table does not fit a
    phone; read so, nothing of it is left out."""
    index = {column.key: i for i, column in enumerate(COLUMNS)}
    count = sum(1 for row in rows if row[index["number"]])
    parts = []
    for column, summary in zip(COLUMNS, summary_cells, strict=True):
        if column.key == "number":
            continue
        i = index[column.key]
        below = rows[count:] if column.of_activities else rows
        part = ColumnPart(column, summary, cells=[row[i] for row in below if row[i]])
        if column.key == "activities":
            part.activities = [
                ActivityRow(
                    row[index["number"]],
                    row[i],
                    [
                        (other.heading, row[index[other.key]])
                        for other in COLUMNS
                        if other.of_activities
                        and other.key not in ("number", "activities")
                        and row[index[other.key]]
                    ],
                )
                for row in rows[:count]
            ]
        parts.append(part)
    return parts
