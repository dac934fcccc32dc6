"""The operating guideline as rules R1–R10 (SPEC §4): data plus one small function per rule.

Every rule reads one district's ``Facts`` (its records of one fiscal year, loaded for
many districts at once by ``load_facts``) and a ``core.periods.Period`` (a fiscal year,
or one of its quarters), and returns a ``Result``: held, not held or not yet due, a whole Thai
sentence saying why, the records behind it, and what to do next.

A quarter or month that has not ended on ``today`` is never counted against a
district; it counts for it once it is already met.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy, pgettext_lazy

from thanrak.areas.models import District
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    CompositionException,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    Publicity,
    Report,
)
from thanrak.core import thai
from thanrak.core.periods import Period
from thanrak.evidence.models import Evidence, Purpose
from thanrak.rules import cache, text
from thanrak.rules.models import RuleSettings

HELD = "held"
NOT_HELD = "not_held"
NOT_DUE = "not_due"
STATUSES = (HELD, NOT_HELD, NOT_DUE)

# Never colour alone: every status is shown with its symbol and its word.
STATUS_SYMBOLS = {HELD: "✓", NOT_HELD: "✗", NOT_DUE: "–"}
STATUS_LABELS = {
    HELD: gettext_lazy("Met"),
    NOT_HELD: gettext_lazy("Not met"),
    NOT_DUE: gettext_lazy("Not due yet"),
}


# --- What the rules read and return -----------------------------------------------


@dataclass(frozen=True)
class Tally:
    """The records of one month: how many, and how many of them with evidence."""

    total: int = 0
    with_evidence: int = 0


@dataclass
class Facts:
    """One district's records of one fiscal year; each record knows ``with_evidence``.

    Activities, by far the most numerous records, come as a ``Tally`` per month; the
    activities themselves are loaded only when asked for (``load_facts(detail=True)``: the
    page that explains one district's rule lists them).
    """

    district: District
    center: Center | None = None
    terms: list[CommitteeTerm] = field(default_factory=list)
    exceptions: list[CompositionException] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    activity_months: dict[tuple[int, int], Tally] = field(default_factory=dict)
    # Per committee term: its members by category; the members themselves with ``detail``.
    member_counts: dict[int, Counter[str]] = field(default_factory=dict)
    members: dict[int, list[CommitteeMember]] = field(default_factory=dict)
    activities: list[Activity] = field(default_factory=list)
    publicity: list[Publicity] = field(default_factory=list)
    allocation: BudgetAllocation | None = None
    expenses: list[Expense] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    lessons: LessonsLearned | None = None


@dataclass
class Result:
    rule: str
    status: str
    explanation: str
    records: list[Any] = field(default_factory=list)
    todo: str = ""

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def definition(self) -> "Rule":
        return RULES_BY_ID[self.rule]


Check = Callable[[Facts, Period, RuleSettings, dt.date], Result]


@dataclass(frozen=True)
class Rule:
    """A rule of the guideline, declared on its check (``@rule``).

    ``quote`` is the guideline's own words (Thai, as the department wrote them);
    ``reading`` says how the check reads them where the words leave room (English, for
    whoever maintains the check); ``held_when`` is the legend, with the province's
    thresholds filled in by ``describe``.
    """

    id: str
    title: Promise
    source: Promise
    quote: str
    reading: str
    held_when: Promise
    check: Check

    def describe(self, rs: RuleSettings | None = None) -> str:
        """When the rule holds, with the province's thresholds (the guideline's without)."""
        return str(self.held_when) % thresholds(rs or RuleSettings())


_DECLARED: list[Rule] = []


def rule(
    id: str, *, title, source, quote: str, reading: str, held_when
) -> Callable[[Check], Check]:
    """Declare the decorated check as rule ``id``, with the guideline's words it checks."""

    def declare(check: Check) -> Check:
        _DECLARED.append(Rule(id, title, source, quote, reading, held_when, check))
        return check

    return declare


def thresholds(rs: RuleSettings) -> dict[str, str]:
    """The province's thresholds as they are written inside sentences."""
    return {
        "min": text.num(rs.committee_min),
        "max": text.num(rs.committee_max),
        "chairs": text.num(rs.chairs),
        "secretaries": text.num(rs.secretaries),
        "agency": text.num(rs.agency_representatives),
        "leaders_min": text.num(rs.leaders_min),
        "leaders_max": text.num(rs.leaders_max),
        "meetings": text.num(rs.meetings_per_quarter),
        "activities": text.num(rs.activities_per_month),
        "publicity": text.num(rs.publicity_per_quarter),
    }


# --- Helpers shared by the rules ----------------------------------------------------


def has_evidence(record: Any, purpose: str | None = None) -> bool:
    """Whether a file (of the purpose, if given) is attached; annotated by load_facts as
    ``with_evidence`` and ``with_<purpose>``."""
    found = getattr(record, f"with_{purpose}" if purpose else "with_evidence", None)
    if found is None:
        files = record.evidence.all()
        found = (files.filter(purpose=purpose) if purpose else files).exists()
    return bool(found)


def _as_of(period: Period, today: dt.date) -> dt.date:
    """The day a state rule looks at: the period's end, or today if that is earlier."""
    return min(period.end, today)


def _not_started(rule: str, period: Period, today: dt.date) -> Result | None:
    if today < period.start:
        return Result(
            rule,
            NOT_DUE,
            _("Not due yet: the period starts on %(date)s.") % {"date": text.date(period.start)},
        )
    return None


def _current_term(facts: Facts, day: dt.date) -> CommitteeTerm | None:
    current = [t for t in facts.terms if t.is_current_on(day)]
    return max(current, key=lambda t: (t.starts_on, t.pk), default=None)


def _committee(facts: Facts, term: CommitteeTerm) -> tuple[Counter[str], list[CommitteeMember]]:
    """The term's members by category, and the members themselves when loaded."""
    if term.pk in facts.member_counts:
        return facts.member_counts[term.pk], facts.members.get(term.pk, [])
    members = list(term.members.all())  # Facts built by hand, without load_facts
    return Counter(m.category for m in members), members


def _waiver(facts: Facts, day: dt.date) -> CompositionException | None:
    """The department's approval of the former structure (§6.2 หมายเหตุ) in hand on the
    day: approved, dated by then and its letter on file."""
    letters = [e for e in facts.exceptions if e.approved and e.letter_date <= day]
    on_file = [e for e in letters if has_evidence(e)]
    return max(on_file, key=lambda e: e.letter_date, default=None)


@dataclass
class _Quarter:
    """One quarter's committee, as judged on ``day`` (its end, or today while it runs)."""

    quarter: int
    day: dt.date
    waiver: CompositionException | None = None
    term: CommitteeTerm | None = None
    counts: Counter[str] = field(default_factory=Counter)
    members: list[CommitteeMember] = field(default_factory=list)
    problem: str = ""  # a whole sentence; empty when the quarter holds
    todo: str = ""


# Judge a committee's members by category: (problem, todo), both empty when it holds.
Judge = Callable[[CommitteeTerm, Counter[str], RuleSettings], tuple[str, str]]


def _judge_quarters(
    rule_id: str, facts: Facts, period: Period, rs: RuleSettings, today: dt.date, judge: Judge
) -> list[_Quarter]:
    """The committee in force in each quarter of the period that has started."""
    judged = []
    for quarter in period.quarters:
        start, end = thai.fiscal_quarter_range(period.fiscal_year, quarter)
        if start > today:
            continue
        day = min(end, today)
        unit = _Quarter(quarter, day, waiver=_waiver(facts, day))
        if unit.waiver is None:
            unit.term = _current_term(facts, day)
            if unit.term is None:
                unit.problem = _("No committee appointed by district order was in force.")
                unit.todo = _(
                    "Record the district order appointing the committee in force in those "
                    "quarters, with its members and the order's file."
                )
            else:
                unit.counts, unit.members = _committee(facts, unit.term)
                unit.problem, unit.todo = judge(unit.term, unit.counts, rs)
        judged.append(unit)
    return judged


def _committee_result(rule_id: str, period: Period, judged: list[_Quarter], held: str) -> Result:
    """R1 and R2 from their quarters: which quarters failed and why, or ``held``."""
    records: list[Any] = []
    for unit in judged:
        for record in (unit.waiver, unit.term, *unit.members):
            if record is not None and record not in records:
                records.append(record)
    failing: dict[str, list[_Quarter]] = {}
    for unit in judged:
        if unit.problem:
            failing.setdefault(unit.problem, []).append(unit)
    if not failing:
        return Result(rule_id, HELD, held, records)
    sentences = []
    year = text.num(period.fiscal_year)
    for problem, units in failing.items():
        if len(units) == 1:
            sentence = _("Quarter %(quarter)s of fiscal year %(year)s (%(months)s): %(problem)s")
            sentence %= {
                "quarter": text.num(units[0].quarter),
                "year": year,
                "months": text.quarter_months(period.fiscal_year, units[0].quarter),
                "problem": problem,
            }
        else:
            sentence = _("Quarters %(quarters)s of fiscal year %(year)s: %(problem)s") % {
                "quarters": text.listing(text.num(u.quarter) for u in units),
                "year": year,
                "problem": problem,
            }
        sentences.append(sentence)
    todo = " ".join(dict.fromkeys(u.todo for units in failing.values() for u in units if u.todo))
    return Result(rule_id, NOT_HELD, " ".join(sentences), records, todo=todo)


def _held_committee(period: Period, judged: list[_Quarter], sentence: str) -> str:
    """The held explanation: the latest quarter's committee (or the approval letter)."""
    latest = judged[-1]
    if latest.waiver is not None:
        waiver = latest.waiver
        return _(
            "The department approved keeping the former structure by letter %(letter)s of %(date)s."
        ) % {"letter": text.num(waiver.letter_number), "date": text.date(waiver.letter_date)}
    if len(judged) > 1:
        return _(
            "The committee in force met the criteria in every quarter due of fiscal year "
            "%(year)s. %(latest)s"
        ) % {"year": text.num(period.fiscal_year), "latest": sentence}
    return sentence


@dataclass
class _Unit:
    """One quarter or month of a period, and the records that meet the rule in it."""

    key: int | tuple[int, int]
    start: dt.date
    end: dt.date
    found: list[Any]
    count: int
    ok: bool


def _tally(units: list[_Unit], today: dt.date) -> tuple[list[_Unit], list[_Unit]]:
    """Return the units counted (ended, or already met) and those of them not met."""
    counted = [u for u in units if u.ok or u.end < today]
    return counted, [u for u in counted if not u.ok]


def _quarter_units(
    period: Period, records: list[Any], required: int, qualifies: Callable[[Any], bool]
) -> list[_Unit]:
    units = []
    for quarter in period.quarters:
        start, end = thai.fiscal_quarter_range(period.fiscal_year, quarter)
        found = [r for r in records if start <= r.date <= end]
        count = sum(1 for r in found if qualifies(r))
        units.append(_Unit(quarter, start, end, found, count, count >= required))
    return units


def _not_counted_yet(rule: str, units: list[_Unit], records: list[Any]) -> Result:
    return Result(
        rule,
        NOT_DUE,
        _("Not due yet: the first count is at the end of %(date)s.")
        % {"date": text.date(units[0].end)},
        records,
    )


@dataclass(frozen=True)
class _Quarterly:
    """The sentences of a rule counted per fiscal quarter (R3, R6)."""

    short: Promise  # a quarter that fell short: count, quarter, year, months, required
    todo: Promise  # the quarters to record
    in_quarter: Promise  # held in one quarter: count (plural on "total"), period
    in_year: Promise  # held in every quarter due: count (plural on "total"), year


def _quarterly_result(
    rule_id: str,
    period: Period,
    today: dt.date,
    units: list[_Unit],
    records: list[Any],
    words: _Quarterly,
    required: int,
    also: Callable[[list[_Unit]], list[str]] = lambda failing: [],
) -> Result:
    """A rule counted per quarter: the quarters that fell short, or how many in all."""
    counted, failing = _tally(units, today)
    fy = text.num(period.fiscal_year)
    if failing:
        sentences = [
            words.short
            % {
                "count": text.num(u.count),
                "quarter": text.num(u.key),
                "year": fy,
                "months": text.quarter_months(period.fiscal_year, u.key),
                "required": text.num(required),
            }
            for u in failing
        ]
        return Result(
            rule_id,
            NOT_HELD,
            " ".join([*sentences, *also(failing)]),
            records,
            todo=words.todo % {"quarters": text.listing(text.num(u.key) for u in failing)},
        )
    if not counted:
        return _not_counted_yet(rule_id, units, records)
    total = sum(u.count for u in counted)
    count = {"total": total, "count": text.num(total)}
    if period.quarter:
        explanation = words.in_quarter % {**count, "period": text.period(period)}
    else:
        explanation = words.in_year % {**count, "year": fy}
    return Result(rule_id, HELD, explanation, records)


_MEETINGS = _Quarterly(
    short=gettext_lazy(
        "The committee met %(count)s times in quarter %(quarter)s of fiscal year "
        "%(year)s (%(months)s), counting only meetings with minutes attached; the "
        "criteria require at least %(required)s a quarter."
    ),
    todo=gettext_lazy("Record the committee meeting of quarter %(quarters)s with its minutes."),
    in_quarter=ngettext_lazy(
        "The committee met %(count)s time with minutes in %(period)s.",
        "The committee met %(count)s times with minutes in %(period)s.",
        "total",
    ),
    in_year=ngettext_lazy(
        "The committee met with minutes in every quarter due of fiscal year %(year)s: "
        "%(count)s meeting in all.",
        "The committee met with minutes in every quarter due of fiscal year %(year)s: "
        "%(count)s meetings in all.",
        "total",
    ),
)

_PUBLICITY = _Quarterly(
    short=gettext_lazy(
        "Results were published %(count)s times in quarter %(quarter)s of fiscal "
        "year %(year)s (%(months)s); the criteria require at least %(required)s "
        "a quarter."
    ),
    todo=gettext_lazy("Record publicity of the center's results for quarter %(quarters)s."),
    in_quarter=ngettext_lazy(
        "Results were published %(count)s time in %(period)s.",
        "Results were published %(count)s times in %(period)s.",
        "total",
    ),
    in_year=ngettext_lazy(
        "Results were published in every quarter due of fiscal year %(year)s: "
        "%(count)s time in all.",
        "Results were published in every quarter due of fiscal year %(year)s: "
        "%(count)s times in all.",
        "total",
    ),
)


def _dated(record: Any) -> str:
    return _("%(what)s of %(date)s") % {"what": str(record), "date": text.date(record.date)}


# --- The rules ----------------------------------------------------------------------
#
# Each rule is declared on its check: the guideline's words (quote), how they are read
# (reading) and the legend (held_when, with the province's thresholds).


@rule(
    "R1",
    title=pgettext_lazy("rule", "Committee size"),
    source=gettext_lazy("Guideline §6.1 and §6.2 note"),
    quote="๖.๑ คณะกรรมการบริหารศูนย์บริการส่งเสริมเศรษฐกิจฐานราก จำนวน ๑๑ - ๑๕ คน "
    "โดยมีองค์ประกอบดังนี้ … หมายเหตุ : กรณีพื้นที่ใดเห็นว่ากลไกกลขับเคลื่อนศูนย์ฯ "
    "ที่ใช้อยู่ตามแนวทางเดิม มีประสิทธิภาพดีแล้ว ให้ทำหนังสือถึงกรมการพัฒนาชุมชน "
    "เพื่อขอใช้กลไกการขับเคลื่อนศูนย์ฯตามแนวทางเดิม เป็นรายการณไป",
    reading="The committee in force in each quarter of the period (at the quarter's end, or "
    "today while it runs) has committee_min–committee_max members. The department's "
    "approval to keep the former mechanism waives the size as it waives the composition "
    "(R2): approved, dated by the day judged, its letter on file.",
    held_when=gettext_lazy(
        "The committee in force in every quarter has %(min)s–%(max)s members, or the "
        "department's approval of the former structure is on file."
    ),
)
def committee_size(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R1 — guideline §6.1: «จำนวน ๑๑ - ๑๕ คน»; waived by §6.2 หมายเหตุ."""
    if result := _not_started("R1", period, today):
        return result

    def judge(term: CommitteeTerm, counts: Counter[str], rs: RuleSettings) -> tuple[str, str]:
        size = sum(counts.values())
        if rs.committee_min <= size <= rs.committee_max:
            return "", ""
        params = {**thresholds(rs), "order": text.num(term.order_number), "count": text.num(size)}
        return (
            _(
                "The committee appointed by district order %(order)s has %(count)s members; "
                "the criteria require %(min)s–%(max)s."
            )
            % params,
            _("Bring the committee to %(min)s–%(max)s members (it has %(count)s now).") % params,
        )

    judged = _judge_quarters("R1", facts, period, rs, today, judge)
    latest = judged[-1]
    sentence = ""
    if latest.term is not None:
        sentence = _(
            "The committee appointed by district order %(order)s has %(count)s members, "
            "within the required %(min)s–%(max)s."
        ) % {
            **thresholds(rs),
            "order": text.num(latest.term.order_number),
            "count": text.num(sum(latest.counts.values())),
        }
    return _committee_result("R1", period, judged, _held_committee(period, judged, sentence))


# guideline §6.1 ๑)–๔): the only seats of the committee.
SEATS = (
    CommitteeMember.Category.CHAIR,
    CommitteeMember.Category.SECRETARY,
    CommitteeMember.Category.AGENCY,
    CommitteeMember.Category.LEADER,
)


@rule(
    "R2",
    title=pgettext_lazy("rule", "Committee composition"),
    source=gettext_lazy("Guideline §6.1 and §6.2 note"),
    quote="๑) นายอำเภอหรือผู้ที่นายอำเภอมอบหมาย เป็นประธานคณะกรรมการ ๒) พัฒนาการอำเภอ เป็น "
    "เลขานุการ ๓) ผู้แทนหน่วยงาน/องค์กร และสถาบันการศึกษาในพื้นที่ ที่นายอำเภอคัดเลือก จำนวน ๕ คน "
    "๔) ผู้แทนผู้นำกลุ่ม/องค์กร/เครือข่าย ที่เกี่ยวข้องในการพัฒนาผู้ผลิต ผู้ประกอบการ OTOP "
    "ที่นายอำเภอคัดเลือก จำนวน ๔ - ๘ คน … หมายเหตุ : … ให้ทำหนังสือถึงกรมการพัฒนาชุมชน "
    "เพื่อขอใช้กลไกการขับเคลื่อนศูนย์ฯตามแนวทางเดิม เป็นรายการณไป",
    reading="The four seats of §6.1 are the only seats: exactly the chairs, secretaries and "
    "agency representatives set, leaders within their range, and no member outside them "
    "(category 'other'). §6.2's 'other positions' are roles inside the committee "
    "(StructurePosition), not seats. Judged per quarter as R1; the department's approval "
    "of the former mechanism, on file by the day judged, holds the rule.",
    held_when=gettext_lazy(
        "Only the guideline's seats, in every quarter: %(chairs)s chair, %(secretaries)s "
        "secretary, %(agency)s agency or education representatives and "
        "%(leaders_min)s–%(leaders_max)s group or network leaders; or the department's "
        "approval of the former structure on file."
    ),
)
def committee_composition(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R2 — guideline §6.1 ๑)–๔), or the department's approval of the former structure (§6.2 หมายเหตุ)."""
    if result := _not_started("R2", period, today):
        return result
    judged = _judge_quarters("R2", facts, period, rs, today, _judge_seats)
    latest = judged[-1]
    sentence = ""
    if latest.term is not None:
        sentence = _(
            "The committee has %(chair_count)s chair, %(secretary_count)s secretary, "
            "%(agency_count)s agency or education representatives and %(leader_count)s "
            "group or network leaders, as the criteria require."
        ) % _seat_params(rs, latest.term, latest.counts)
    result = _committee_result("R2", period, judged, _held_committee(period, judged, sentence))
    if result.status == NOT_HELD:
        _name_a_letter_without_its_file(result, facts, _as_of(period, today))
    return result


def _seat_params(rs: RuleSettings, term: CommitteeTerm, counts: Counter[str]) -> dict[str, str]:
    Category = CommitteeMember.Category
    return {
        **thresholds(rs),
        "order": text.num(term.order_number),
        "chair_count": text.num(counts[Category.CHAIR]),
        "secretary_count": text.num(counts[Category.SECRETARY]),
        "agency_count": text.num(counts[Category.AGENCY]),
        "leader_count": text.num(counts[Category.LEADER]),
    }


def _judge_seats(term: CommitteeTerm, counts: Counter[str], rs: RuleSettings) -> tuple[str, str]:
    """R2's judge: only the guideline's seats, in their numbers."""
    Category = CommitteeMember.Category
    sentences = []
    seated = (
        counts[Category.CHAIR] == rs.chairs
        and counts[Category.SECRETARY] == rs.secretaries
        and counts[Category.AGENCY] == rs.agency_representatives
        and rs.leaders_min <= counts[Category.LEADER] <= rs.leaders_max
    )
    if not seated:
        sentences.append(
            _(
                "The committee appointed by district order %(order)s has chairs: "
                "%(chair_count)s, secretaries: %(secretary_count)s, agency or education "
                "representatives: %(agency_count)s, group or network leaders: "
                "%(leader_count)s; the criteria require %(chairs)s, %(secretaries)s, "
                "%(agency)s and %(leaders_min)s–%(leaders_max)s."
            )
            % _seat_params(rs, term, counts)
        )
    outside = sum(n for category, n in counts.items() if category not in SEATS)
    if outside:
        sentences.append(
            ngettext(
                "%(count)s member sits outside the guideline's seats (chair, secretary, "
                "agency or education representatives, group or network leaders).",
                "%(count)s members sit outside the guideline's seats (chair, secretary, "
                "agency or education representatives, group or network leaders).",
                outside,
            )
            % {"count": text.num(outside)}
        )
    if not sentences:
        return "", ""
    todo = _(
        "Adjust the committee's composition to the guideline, or attach the department's "
        "approval to keep the former structure."
    )
    return " ".join(sentences), todo


def _name_a_letter_without_its_file(result: Result, facts: Facts, day: dt.date) -> None:
    """An approval recorded without its letter's file does not count yet: say so."""
    letters = [
        e for e in facts.exceptions if e.approved and e.letter_date <= day and not has_evidence(e)
    ]
    if letters:
        letter = max(letters, key=lambda e: e.letter_date)
        number = {"letter": text.num(letter.letter_number)}
        result.explanation += " " + (
            _("The department's approval letter %(letter)s is recorded but its file is missing.")
            % number
        )
        result.todo = _("Attach the file of the department's approval letter %(letter)s.") % number
        if letter not in result.records:
            result.records.append(letter)


@rule(
    "R3",
    title=pgettext_lazy("rule", "Quarterly meetings"),
    source=gettext_lazy("Guideline §6.3 (1)"),
    quote="๑) จัดให้มีการประชุมคณะกรรมการบริหารศูนย์ฯ อย่างน้อยไตรมาสละ ๑ ครั้ง",
    reading="A meeting counts when its minutes are attached: an evidence file of purpose "
    "'minutes' (a photo of the meeting is not its minutes). Fiscal quarters; a quarter "
    "that has not ended counts only once met.",
    held_when=gettext_lazy(
        "At least %(meetings)s committee meeting with its minutes attached in every fiscal quarter."
    ),
)
def quarterly_meetings(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R3 — guideline §6.3 ๑): «ประชุมคณะกรรมการบริหารศูนย์ฯ อย่างน้อยไตรมาสละ ๑ ครั้ง»."""
    if result := _not_started("R3", period, today):
        return result
    meetings = [m for m in facts.meetings if period.contains(m.date)]
    with_minutes = lambda m: has_evidence(m, Purpose.MINUTES)  # noqa: E731
    units = _quarter_units(period, meetings, rs.meetings_per_quarter, with_minutes)

    def without_minutes(failing: list[_Unit]) -> list[str]:
        bare = [m for u in failing for m in u.found if not with_minutes(m)]
        if not bare:
            return []
        return [
            _("Meetings without minutes attached: %(meetings)s.")
            % {"meetings": text.listing(_dated(m) for m in bare)}
        ]

    return _quarterly_result(
        "R3", period, today, units, meetings, _MEETINGS, rs.meetings_per_quarter, without_minutes
    )


@rule(
    "R4",
    title=pgettext_lazy("rule", "Plans"),
    source=gettext_lazy("Guideline §6.3 (2)"),
    quote="๒) จัดทำแผนในการส่งเสริมความเข้มแข็งของกลุ่มอาชีพ และผู้ผลิต ผู้ประกอบการ OTOP ทั้งในระยะสั้นและระยะยาว",
    reading="A short-term plan covering the fiscal year, and a long-term plan covering it "
    "that spans more than one fiscal year (last_year > first_year) with the plan itself "
    "attached (an evidence file of purpose 'plan').",
    held_when=gettext_lazy(
        "A short-term plan for the fiscal year, and a long-term plan covering it that spans "
        "more than one fiscal year, with the plan's file attached."
    ),
)
def plans(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R4 — guideline §6.3 ๒): «จัดทำแผน … ทั้งในระยะสั้นและระยะยาว»."""
    if result := _not_started("R4", period, today):
        return result
    fy = period.fiscal_year
    covering = [p for p in facts.plans if p.covers(fy)]
    short = next((p for p in covering if p.kind == Plan.Kind.SHORT), None)
    longs = [p for p in covering if p.kind == Plan.Kind.LONG]
    spanning = [p for p in longs if p.last_year > p.first_year]
    filed = [p for p in spanning if has_evidence(p, Purpose.PLAN)]
    long = filed[0] if filed else None
    params = {"year": text.num(fy)}
    if short and long:
        return Result(
            "R4",
            HELD,
            _(
                "The short-term plan “%(short)s” and the long-term plan “%(long)s” "
                "cover fiscal year %(year)s."
            )
            % {**params, "short": short.title, "long": long.title},
            covering,
        )
    sentences, todos = [], []
    if short is None:
        sentences.append(_("No short-term plan covers fiscal year %(year)s.") % params)
        todos.append(_("Record the short-term plan for fiscal year %(year)s.") % params)
    if long is None:
        if spanning:
            sentences.append(
                _("The long-term plan “%(title)s” has no file of the plan attached.")
                % {"title": spanning[0].title}
            )
            todos.append(
                _("Attach the file of the long-term plan “%(title)s”.")
                % {"title": spanning[0].title}
            )
        elif longs:
            sentences.append(
                _(
                    "The long-term plan “%(title)s” covers fiscal year %(first)s only; a "
                    "long-term plan spans more than one fiscal year."
                )
                % {"title": longs[0].title, "first": text.num(longs[0].first_year)}
            )
            todos.append(
                _("Record a long-term plan of several fiscal years covering %(year)s.") % params
            )
        else:
            sentences.append(_("No long-term plan covers fiscal year %(year)s.") % params)
            todos.append(_("Record a long-term plan covering fiscal year %(year)s.") % params)
    return Result("R4", NOT_HELD, " ".join(sentences), covering, todo=" ".join(todos))


@rule(
    "R5",
    title=pgettext_lazy("rule", "Monthly activities"),
    source=gettext_lazy("Guideline §6.3 (3)"),
    quote="๓) จัดให้มีกิจกรรมส่งเสริมความเข้มแข็งของกลุ่มอาชีพ และผู้ผลิต ผู้ประกอบการ OTOP "
    "ที่เป็นรูปธรรมอย่างน้อยเดือนละ ๑ ครั้ง",
    reading="'Concrete' (รูปธรรม) is read as shown by evidence: an activity counts with any "
    "file attached (photos, a list of participants …). Calendar months of the period; a "
    "month that has not ended counts only once met.",
    held_when=gettext_lazy("At least %(activities)s activity with evidence in every month."),
)
def monthly_activities(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R5 — guideline §6.3 ๓): «กิจกรรม … ที่เป็นรูปธรรมอย่างน้อยเดือนละ ๑ ครั้ง»."""
    if result := _not_started("R5", period, today):
        return result
    activities = [a for a in facts.activities if period.contains(a.date)]
    units = _month_units(facts, period, activities, rs.activities_per_month)
    counted, failing = _tally(units, today)
    if failing:
        months = text.listing(text.month(*u.key) for u in failing)
        return Result(
            "R5",
            NOT_HELD,
            " ".join(_months_missed(facts, failing, months, rs)),
            activities,
            todo=_("Record an activity with photos or other evidence for %(months)s.")
            % {"months": months},
        )
    if not counted:
        return _not_counted_yet("R5", units, activities)
    total = sum(u.count for u in counted)
    return Result(
        "R5",
        HELD,
        ngettext(
            "Activities with evidence were recorded in every month due of %(period)s: "
            "%(count)s activity in all.",
            "Activities with evidence were recorded in every month due of %(period)s: "
            "%(count)s activities in all.",
            total,
        )
        % {"period": text.period(period), "count": text.num(total)},
        activities,
    )


def _month_units(
    facts: Facts, period: Period, activities: list[Activity], required: int
) -> list[_Unit]:
    """R5's months: the activities of each, and how many of them have evidence."""
    units = []
    for year, month in period.months:
        found = [a for a in activities if (a.date.year, a.date.month) == (year, month)]
        count = facts.activity_months.get((year, month), Tally()).with_evidence
        start, end = dt.date(year, month, 1), thai.month_end(year, month)
        units.append(_Unit((year, month), start, end, found, count, count >= required))
    return units


def _months_missed(facts: Facts, failing: list[_Unit], months: str, rs: RuleSettings) -> list[str]:
    """R5's sentences for the months without enough activities with evidence."""
    if rs.activities_per_month == 1:
        sentences = [
            _(
                "No activity with evidence was recorded in %(months)s; the criteria "
                "require at least one a month."
            )
            % {"months": months}
        ]
    else:
        sentences = [
            _(
                "Fewer than %(required)s activities with evidence were recorded in "
                "%(months)s; the criteria require at least %(required)s a month."
            )
            % {"months": months, "required": text.num(rs.activities_per_month)}
        ]
    bare = sum(facts.activity_months.get(u.key, Tally()).total - u.count for u in failing)
    if bare:
        sentences.append(
            ngettext(
                "%(count)s activity in those months has no evidence yet.",
                "%(count)s activities in those months have no evidence yet.",
                bare,
            )
            % {"count": text.num(bare)}
        )
    return sentences


@rule(
    "R6",
    title=pgettext_lazy("rule", "Publicity"),
    source=gettext_lazy("Guideline §6.3 (4)"),
    quote="๔) เผยแพร่และประชาสัมพันธ์ผลการดำเนินงานอย่างต่อเนื่อง",
    reading="'Continuously' (อย่างต่อเนื่อง) is read as at least publicity_per_quarter "
    "publicity records in every fiscal quarter (the province's threshold).",
    held_when=gettext_lazy("At least %(publicity)s publicity record in every quarter."),
)
def quarterly_publicity(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R6 — guideline §6.3 ๔): «เผยแพร่และประชาสัมพันธ์ผลการดำเนินงานอย่างต่อเนื่อง»,
    which the province counts as at least once a quarter."""
    if result := _not_started("R6", period, today):
        return result
    records = [p for p in facts.publicity if period.contains(p.date)]
    units = _quarter_units(period, records, rs.publicity_per_quarter, lambda p: True)
    return _quarterly_result(
        "R6", period, today, units, records, _PUBLICITY, rs.publicity_per_quarter
    )


@rule(
    "R7",
    title=pgettext_lazy("rule", "Budget and receipts"),
    source=gettext_lazy("The province's letter on the allocation"),
    quote="หลักฐานการจัดซื้อจัดจ้าง",
    reading="The province's letter asks for the procurement evidence of the allocation: the "
    "expenses of the fiscal year up to the period's end stay within the year's allocation "
    "and each has a file of purpose 'receipt' (a receipt or another procurement document).",
    held_when=gettext_lazy(
        "Expenses within the allocation, each with its receipt or procurement document attached."
    ),
)
def budget(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R7 — the province's letter (สฎ ๐๐๑๙.๐๓/ว.๖๕๕๕): the allocation (๑,๕๐๐ บาท in ๒๕๖๓)
    is spent with procurement evidence (หลักฐานการจัดซื้อจัดจ้าง) for every expense."""
    if result := _not_started("R7", period, today):
        return result
    # Expenses of the fiscal year up to the period's end: the allocation is yearly.
    expenses = [e for e in facts.expenses if e.date <= period.end]
    spent = sum((e.amount for e in expenses), Decimal(0))
    allocation = facts.allocation
    year = {"year": text.num(period.fiscal_year)}
    if allocation is None:
        return _no_allocation(expenses, spent, year)
    records = [allocation, *expenses]
    params = {**year, "spent": text.baht(spent), "allocated": text.baht(allocation.amount)}
    sentences, todos = _spending_problems(expenses, spent, allocation, params)
    if sentences:
        return Result("R7", NOT_HELD, " ".join(sentences), records, todo=" ".join(todos))
    return Result(
        "R7",
        HELD,
        _(
            "Expenses of %(spent)s baht are within the allocation of %(allocated)s baht for "
            "fiscal year %(year)s, and every expense has its receipt."
        )
        % params,
        records,
    )


def _no_allocation(expenses: list[Expense], spent: Decimal, year: dict[str, str]) -> Result:
    """R7 before the province records the year's allocation."""
    if not expenses:
        return Result(
            "R7",
            NOT_DUE,
            _("No allocation for fiscal year %(year)s is recorded and nothing has been spent.")
            % year,
        )
    return Result(
        "R7",
        NOT_HELD,
        _(
            "Expenses of %(spent)s baht are recorded, but no allocation for fiscal year "
            "%(year)s is recorded."
        )
        % {**year, "spent": text.baht(spent)},
        expenses,
        todo=_("Ask the province office to record the allocation for fiscal year %(year)s.") % year,
    )


def _spending_problems(
    expenses: list[Expense], spent: Decimal, allocation: BudgetAllocation, params: dict[str, str]
) -> tuple[list[str], list[str]]:
    """R7's sentences and to-dos: spent over the allocation, expenses without receipts."""
    sentences, todos = [], []
    if spent > allocation.amount:
        over = text.baht(spent - allocation.amount)
        sentences.append(
            _(
                "Expenses of %(spent)s baht exceed the allocation of %(allocated)s baht for "
                "fiscal year %(year)s by %(over)s baht."
            )
            % {**params, "over": over}
        )
        todos.append(
            _("Check the expenses: they exceed the allocation by %(over)s baht.") % {"over": over}
        )
    bare = [e for e in expenses if not has_evidence(e, Purpose.RECEIPT)]
    if bare:
        count = {"count": text.num(len(bare))}
        sentences.append(
            ngettext(
                "%(count)s expense has no receipt: %(items)s.",
                "%(count)s expenses have no receipt: %(items)s.",
                len(bare),
            )
            % {**count, "items": text.listing(_dated(e) for e in bare)}
        )
        todos.append(
            ngettext(
                "Attach the receipt of %(count)s expense.",
                "Attach the receipts of %(count)s expenses.",
                len(bare),
            )
            % count
        )
    return sentences, todos


@rule(
    "R8",
    title=pgettext_lazy("rule", "Center location"),
    source=gettext_lazy("Guideline §7"),
    quote="สถานที่ตั้งของศูนย์บริการส่งเสริมเศรษฐกิจฐานราก ให้พิจารณาใช้สำนักงานพัฒนาชุมชนอำเภอ "
    "เป็นลำดับแรก โดยต้องแบ่งพื้นที่ให้ชัดเจนเป็นสัดส่วน และจัดให้มีวัสดุอุปกรณ์/สื่อการเรียนรู้/ข้อมูล "
    "เพียงพอในการให้บริการ ในกรณีที่จำเป็นต้องใช้สถานที่อื่น จะต้องเป็นพื้นที่ศูนย์กลางของอำเภอ "
    "มีเจ้าหน้าที่ประจำ และกลุ่มเป้าหมายมาขอรับบริการได้สะดวก",
    reading="What §7 names and the center's profile records: the location typed in (the "
    "default office is a display fallback), a dedicated space, at least one material, "
    "staff on duty and opening hours (how the target groups can come for service). Staff "
    "on duty is asked of every center, in the district office as elsewhere: a center "
    "without anyone serving visitors serves no one. Whether another place is central to "
    "the district is not recorded and not checked.",
    held_when=gettext_lazy(
        "The location recorded, a dedicated space, staff on duty and opening hours recorded, "
        "and materials listed."
    ),
)
def location(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R8 — guideline §7: «แบ่งพื้นที่ให้ชัดเจนเป็นสัดส่วน และจัดให้มีวัสดุอุปกรณ์/สื่อการเรียนรู้/ข้อมูล … มีเจ้าหน้าที่ประจำ»."""
    if result := _not_started("R8", period, today):
        return result
    center = facts.center
    if center is None:
        return Result(
            "R8",
            NOT_HELD,
            _("No center is recorded for this district."),
            todo=_(
                "Complete the center's profile: its location, its dedicated space and the "
                "materials on offer."
            ),
        )
    # "Recorded" means typed in: the default office is a fallback for display only.
    sentences, todos = [], []
    if not center.location.strip():
        sentences.append(_("The center's location is not recorded."))
        todos.append(_("Record the center's location."))
    if not center.has_dedicated_space:
        sentences.append(_("The center is not recorded as having a dedicated space."))
        todos.append(_("Set aside a dedicated space for the center and record it."))
    if not facts.materials:
        sentences.append(_("No media or materials on offer in the center are listed."))
        todos.append(_("List the media and materials on offer in the center."))
    if not center.staff_on_duty.strip():
        sentences.append(_("No staff on duty at the center is recorded."))
        todos.append(_("Record who is on duty at the center to serve visitors, and when."))
    if not center.opening_hours.strip():
        sentences.append(_("The center's opening hours are not recorded."))
        todos.append(_("Record the center's opening hours."))
    records = [center, *facts.materials]
    if sentences:
        return Result("R8", NOT_HELD, " ".join(sentences), records, todo=" ".join(todos))
    return Result(
        "R8",
        HELD,
        ngettext(
            "The center is at %(location)s, has a dedicated space, staff on duty "
            "(%(staff)s), opening hours (%(hours)s) and lists %(count)s material.",
            "The center is at %(location)s, has a dedicated space, staff on duty "
            "(%(staff)s), opening hours (%(hours)s) and lists %(count)s materials.",
            len(facts.materials),
        )
        % {
            "location": center.location,
            "staff": center.staff_on_duty,
            "hours": center.opening_hours,
            "count": text.num(len(facts.materials)),
        },
        records,
    )


@rule(
    "R9",
    title=pgettext_lazy("rule", "Report submitted"),
    source=gettext_lazy("The report form"),
    quote="แบบรายงานผลการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก",
    reading="The period's report (quarter 0 for the year) is submitted or accepted; due once "
    "the period has ended.",
    held_when=gettext_lazy("The period's report is submitted or accepted."),
)
def report_submitted(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R9 — the report form (แบบรายงานผลการดำเนินงาน) of the period is submitted."""
    quarter = period.quarter or 0
    report = next((r for r in facts.reports if r.quarter == quarter), None)
    params = {"period": text.period(period)}
    if report is not None and report.is_done:
        return Result(
            "R9",
            HELD,
            _("The report for %(period)s has been submitted (status: %(status)s).")
            % {**params, "status": report.get_status_display()},
            [report],
        )
    records = [report] if report else []
    if today <= period.end:
        return Result(
            "R9",
            NOT_DUE,
            _("The report for %(period)s is due once the period ends on %(date)s.")
            % {**params, "date": text.date(period.end)},
            records,
        )
    todo = _("Submit the report for %(period)s.") % params
    if report is None:
        explanation = _("No report for %(period)s has been prepared.") % params
    else:
        explanation = _("The report for %(period)s has not been submitted (status: %(status)s).")
        explanation %= {**params, "status": report.get_status_display()}
    return Result("R9", NOT_HELD, explanation, records, todo=todo)


@rule(
    "R10",
    title=pgettext_lazy("rule", "Lessons learned"),
    source=gettext_lazy("Guideline §4"),
    quote="จะต้องจัดให้มีการสรุปบทเรียนผลการดำเนินงาน ปัญหา และอุปสรรค",
    reading="Lessons learned are recorded once for each fiscal year; due once it has ended.",
    held_when=gettext_lazy("Lessons learned are recorded for the ended fiscal year."),
)
def lessons_learned(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Result:
    """R10 — guideline §4: «จัดให้มีการสรุปบทเรียนผลการดำเนินงาน ปัญหา และอุปสรรค»."""
    year_end = thai.fiscal_year_range(period.fiscal_year)[1]
    params = {"year": text.num(period.fiscal_year), "date": text.date(year_end)}
    if facts.lessons is not None:
        return Result(
            "R10",
            HELD,
            _("The lessons learned of fiscal year %(year)s are recorded.") % params,
            [facts.lessons],
        )
    if today <= year_end:
        return Result(
            "R10",
            NOT_DUE,
            _("The lessons learned of fiscal year %(year)s are due once it ends on %(date)s.")
            % params,
        )
    return Result(
        "R10",
        NOT_HELD,
        _("No lessons learned are recorded for fiscal year %(year)s, which ended on %(date)s.")
        % params,
        todo=_("Record the lessons learned of fiscal year %(year)s.") % params,
    )


RULES: tuple[Rule, ...] = tuple(sorted(_DECLARED, key=lambda r: int(r.id[1:])))
RULES_BY_ID = {rule.id: rule for rule in RULES}


# --- Evaluating many districts at once ----------------------------------------------


@dataclass
class Row:
    """One district's results, in the order of RULES."""

    district: District
    center: Center | None
    results: dict[str, Result]

    @property
    def cells(self) -> list[Result]:
        return list(self.results.values())

    @property
    def held(self) -> int:
        """How many rules the district holds."""
        return sum(r.status == HELD for r in self.cells)

    @property
    def due(self) -> int:
        """How many rules are due for the district so far (held or not)."""
        return sum(r.status != NOT_DUE for r in self.cells)

    @property
    def not_held(self) -> int:
        """How many rules due for the district it does not hold."""
        return sum(r.status == NOT_HELD for r in self.cells)

    @property
    def todo(self) -> list[str]:
        """What to do next: one line per rule not held."""
        return [r.todo for r in self.cells if r.status == NOT_HELD and r.todo]


@dataclass
class Matrix:
    period: Period
    today: dt.date
    rows: list[Row]
    rules: tuple[Rule, ...] = RULES

    def worst_first(self) -> None:
        """Put the districts that fall short of the most rules first; the others keep their
        order (Thai alphabetical, as the view asks for them)."""
        self.rows.sort(key=lambda row: -row.not_held)

    def totals(self) -> list[dict[str, int]]:
        """Per rule, how many districts hold it, fail it, or are not yet due, and how many
        it is due for (``due``)."""
        totals = []
        for rule in self.rules:
            counts = {
                status: sum(1 for row in self.rows if row.results[rule.id].status == status)
                for status in STATUSES
            }
            totals.append({**counts, "due": counts[HELD] + counts[NOT_HELD]})
        return totals


def _with_evidence(queryset, *purposes: str):
    """Annotate each record with whether a file is attached (``with_evidence``) and, for
    each purpose named, a file of that purpose (``with_<purpose>``): index probes on
    (content type, record, purpose)."""
    files = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
    )
    of_purpose = {f"with_{p}": Exists(files.filter(purpose=p)) for p in purposes}
    return queryset.annotate(with_evidence=Exists(files), **of_purpose)


def _activity_months(center_ids: list[int], start: dt.date, end: dt.date):
    """Per center and month: the activities, and those with evidence (one aggregate query)."""
    files = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(Activity), object_id=OuterRef("pk")
    )
    return (
        Activity.objects.filter(center__in=center_ids, date__range=(start, end))
        .annotate(month=TruncMonth("date"))
        .values("center_id", "month")
        .annotate(total=Count("pk"), with_evidence=Count("pk", filter=Q(Exists(files))))
        .order_by()
    )


def _load_members(facts: Iterable[Facts], *, detail: bool) -> None:
    """Count each term's members by category (one query); with ``detail``, load them too."""
    of_term = {term.pk: fact for fact in facts for term in fact.terms}
    for term_id, fact in of_term.items():
        fact.member_counts[term_id] = Counter()
    members = CommitteeMember.objects.filter(term__in=list(of_term))
    counts = members.values("term_id", "category").annotate(n=Count("pk")).order_by()
    for row in counts:
        of_term[row["term_id"]].member_counts[row["term_id"]][row["category"]] = row["n"]
    if detail:
        for member in members.select_related("position"):
            of_term[member.term_id].members.setdefault(member.term_id, []).append(member)


def load_facts(
    districts: Sequence[District], fiscal_year: int, *, detail: bool = False
) -> dict[str, Facts]:
    """Load the records of one fiscal year for all the districts, one query per kind.

    Activities are counted per month in the database; ``detail`` also loads them one by
    one, for a page that lists them.
    """
    facts = {d.pk: Facts(d) for d in districts}
    start, end = thai.fiscal_year_range(fiscal_year)
    by_center: dict[int, Facts] = {}
    for center in Center.objects.filter(district__in=list(facts)):
        fact = facts[center.district_id]
        center.district = fact.district
        fact.center = center
        by_center[center.pk] = fact
    ids = list(by_center)

    def spread(queryset, attr: str) -> None:
        for record in queryset.filter(center__in=ids):
            getattr(by_center[record.center_id], attr).append(record)

    spread(
        _with_evidence(
            CommitteeTerm.objects.filter(starts_on__lte=end).filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=start)
            )
        ),
        "terms",
    )
    _load_members(by_center.values(), detail=detail)
    spread(_with_evidence(CompositionException.objects.filter(approved=True)), "exceptions")
    dated = {"date__range": (start, end)}
    spread(
        _with_evidence(Meeting.objects.filter(**dated), Purpose.MINUTES).order_by("date", "id"),
        "meetings",
    )
    covering = {"first_year__lte": fiscal_year, "last_year__gte": fiscal_year}
    spread(_with_evidence(Plan.objects.filter(**covering), Purpose.PLAN), "plans")
    for row in _activity_months(ids, start, end):
        month = (row["month"].year, row["month"].month)
        by_center[row["center_id"]].activity_months[month] = Tally(
            row["total"], row["with_evidence"]
        )
    if detail:
        spread(
            _with_evidence(Activity.objects.filter(**dated)).order_by("date", "id"), "activities"
        )
    spread(_with_evidence(Publicity.objects.filter(**dated)).order_by("date", "id"), "publicity")
    spread(
        _with_evidence(Expense.objects.filter(**dated), Purpose.RECEIPT).order_by("date", "id"),
        "expenses",
    )
    spread(Material.objects.all(), "materials")
    spread(Report.objects.filter(fiscal_year=fiscal_year), "reports")
    for allocation in BudgetAllocation.objects.filter(center__in=ids, fiscal_year=fiscal_year):
        by_center[allocation.center_id].allocation = allocation
    for lessons in LessonsLearned.objects.filter(center__in=ids, fiscal_year=fiscal_year):
        by_center[lessons.center_id].lessons = lessons
    return facts


def settings_for(provinces: Iterable[str], fiscal_year: int) -> dict[str, RuleSettings]:
    """Return each province's thresholds for the year (guideline defaults when none saved)."""
    codes = set(provinces)
    found = {
        s.province_id: s
        for s in RuleSettings.objects.filter(province__in=codes, fiscal_year=fiscal_year)
    }
    return {
        code: found.get(code) or RuleSettings(province_id=code, fiscal_year=fiscal_year)
        for code in codes
    }


def district_year(
    district: District, fiscal_year: int, *, request: Any = None
) -> tuple[Facts, RuleSettings]:
    """One district's facts and thresholds for a year, loaded once per request.

    The district's home shows both the compliance rows and the to-do list, each from its
    own template tag: with the request given, the second finds what the first loaded.
    """
    memo = request.__dict__.setdefault("_rule_facts", {}) if request is not None else {}
    key = (district.pk, fiscal_year)
    if key not in memo:
        facts = load_facts([district], fiscal_year)[district.pk]
        thresholds = settings_for([district.province_id], fiscal_year)[district.province_id]
        memo[key] = (facts, thresholds)
    return memo[key]


def check_district(facts: Facts, period: Period, rs: RuleSettings, today: dt.date) -> Row:
    """Apply every rule to one district's facts."""
    results = {rule.id: rule.check(facts, period, rs, today) for rule in RULES}
    return Row(facts.district, facts.center, results)


def evaluate(
    districts: Iterable[District],
    fiscal_year: int,
    quarter: int | None = None,
    today: dt.date | None = None,
    *,
    detail: bool = False,
) -> Matrix:
    """Evaluate every rule for every district, in the order given.

    The number of queries does not grow with the number of districts. Without
    ``detail`` the results carry no records and are kept per province (``rules.cache``).
    """
    today = today or timezone.localdate()
    period = Period(fiscal_year, quarter or 0)
    districts = list(districts)

    def compute(chosen: list[District]) -> list[Row]:
        facts = load_facts(chosen, fiscal_year, detail=detail)
        thresholds = settings_for((d.province_id for d in chosen), fiscal_year)
        rows = [
            check_district(facts[d.pk], period, thresholds[d.province_id], today) for d in chosen
        ]
        if not detail:  # the records behind a result are for the page that explains it
            for row in rows:
                for result in row.cells:
                    result.records = []
        return rows

    if detail:
        return Matrix(period, today, compute(districts))
    kept = cache.Kept(districts, (fiscal_year, quarter, today))
    computed = {row.district.pk: row for row in compute(kept.missing)} if kept.missing else {}
    kept.keep({code: _pack(row) for code, row in computed.items()})
    centers = _centers_of([d for d in districts if d.pk in kept.found])
    rows = [
        computed.get(d.pk) or _unpack(d, centers.get(d.pk), kept.found[d.pk]) for d in districts
    ]
    return Matrix(period, today, rows)


def _pack(row: Row) -> list[tuple[str, str, str, str]]:
    return [(r.rule, r.status, r.explanation, r.todo) for r in row.cells]


def _unpack(district: District, center: Center | None, packed) -> Row:
    results = {rule: Result(rule, status, why, todo=todo) for rule, status, why, todo in packed}
    return Row(district, center, results)


def _centers_of(districts: list[District]) -> dict[str, Center]:
    """The districts' centers, each with its district object (one query, none when empty)."""
    if not districts:
        return {}
    by_code = {d.pk: d for d in districts}
    centers = Center.objects.filter(district__in=list(by_code))
    for center in centers:
        center.district = by_code[center.district_id]
    return {c.district_id: c for c in centers}


def evaluate_district(
    district: District,
    fiscal_year: int,
    quarter: int | None = None,
    today: dt.date | None = None,
) -> Row:
    """One district's results, with every record behind them (the explaining page)."""
    return evaluate([district], fiscal_year, quarter, today, detail=True).rows[0]
