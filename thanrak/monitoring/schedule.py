"""The visit schedule: travel times, the constraint checker and the generator.

A day of a team: leave the base (the provincial office) at ``day_starts_at``, a morning
visit from 09.00, an afternoon visit from 13.00 — later when travel from the previous
place needs it, rounded up to the half hour — and back to the base. Its travel is
base → first → second → base. Travel time between offices is the straight-line
distance × the road factor ÷ the speed, and ferries where an office is on an island
(shortest path over roads and ferries).

The generator is exact: it chooses, with OR-Tools CP-SAT, which districts share a day
(a pair or alone) and which team takes each day, minimising the total travel under
every constraint the checker applies. See README.md for why.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from itertools import combinations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thanrak.core.thai import format_date_short, format_time

MINUTES_PER_DAY = 24 * 60


def minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def as_time(value: int) -> dt.time:
    return dt.time(value // 60, value % 60)


def clock(value: int | dt.time) -> str:
    """``09.30``, as the seed's table writes times (Arabic digits: a printed document makes
    its own Thai digits)."""
    if isinstance(value, dt.time):
        value = minutes(value)
    return f"{value // 60:02d}.{value % 60:02d}"


def clock_text(value: int | dt.time) -> str:
    """A time of day on a page, in the active language: ``09.30 น.``, ``09:30``."""
    if not isinstance(value, dt.time):
        value = dt.time(value // 60, value % 60)
    return format_time(value)


def duration_text(total: int) -> str:
    """A length of time in minutes, in hours and minutes: «25 ชั่วโมง 57 นาที»."""
    hours, rest = divmod(total, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(hours)s hour", "%(hours)s hours", hours) % {"hours": hours})
    if rest or not hours:
        parts.append(
            ngettext("%(minutes)s minute", "%(minutes)s minutes", rest) % {"minutes": rest}
        )
    return " ".join(parts)


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    latitude: float
    longitude: float
    island: bool = False


@dataclass
class Rules:
    """The times and speeds of TravelSettings, in minutes from midnight."""

    day_start: int = 7 * 60
    morning_from: int = 9 * 60
    morning_until: int = 11 * 60 + 30
    afternoon_from: int = 13 * 60
    afternoon_until: int = 15 * 60
    visit_minutes: int = 150
    round_to: int = 30
    road_factor: float = 1.3
    speed_kmh: float = 60.0

    def round_up(self, value: int) -> int:
        return -(-value // self.round_to) * self.round_to


def haversine_km(a: Office, b: Office) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def travel_matrix(
    offices: dict[str, Office], ferries: list[tuple[str, str, int]], rules: Rules
) -> dict[tuple[str, str], int]:
    """Whole minutes between every two offices: roads between mainland offices, ferries, then
    the shortest path (Floyd–Warshall; a province has a few dozen offices)."""
    codes = list(offices)
    inf = math.inf
    dist = {(a, b): (0 if a == b else inf) for a in codes for b in codes}
    for a, b in combinations(codes, 2):
        if not offices[a].island and not offices[b].island:
            road = haversine_km(offices[a], offices[b]) * rules.road_factor / rules.speed_kmh * 60
            dist[a, b] = dist[b, a] = road
    for a, b, ferry in ferries:
        if a in offices and b in offices:
            dist[a, b] = dist[b, a] = min(dist[a, b], ferry)
    for k in codes:
        for i in codes:
            dik = dist[i, k]
            if dik == inf:
                continue
            for j in codes:
                if dik + dist[k, j] < dist[i, j]:
                    dist[i, j] = dik + dist[k, j]
    return {key: math.ceil(value) for key, value in dist.items() if value != inf}


@dataclass
class Problem:
    """What a round's schedule must satisfy."""

    districts: list[str]
    names: dict[str, str]
    teams: list[int]
    team_names: dict[int, str]
    days: list[dt.date]
    base: str
    travel: dict[tuple[str, str], int]
    rules: Rules = field(default_factory=Rules)
    ties: list[frozenset[str]] = field(default_factory=list)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    # Working days left out of ``days``, each with why: Thailand's holidays by name, and the
    # days the province marked as no visits with its reason.
    holidays: dict[dt.date, str] = field(default_factory=dict)
    unavailable: dict[dt.date, str] = field(default_factory=dict)

    def t(self, a: str, b: str) -> int | None:
        return self.travel.get((a, b))

    # --- Times of one day ---------------------------------------------------------

    def earliest_morning(self, code: str) -> int | None:
        go = self.t(self.base, code)
        if go is None:
            return None
        return self.rules.round_up(max(self.rules.morning_from, self.rules.day_start + go))

    def earliest_afternoon(
        self, code: str, previous: str | None, previous_time: int | None
    ) -> int | None:
        if previous is None:
            go = self.t(self.base, code)
            ready = None if go is None else self.rules.day_start + go
        else:
            go = self.t(previous, code)
            ready = None if go is None else previous_time + self.rules.visit_minutes + go
        if ready is None:
            return None
        return self.rules.round_up(max(self.rules.afternoon_from, ready))

    def day_times(self, group: tuple[str, ...]) -> tuple[int, ...] | None:
        """The earliest times of a day's visits in this order, or None if the day cannot work."""
        if len(group) == 1:
            morning = self.earliest_morning(group[0])
            if morning is not None and morning <= self.rules.morning_until:
                return (morning,)
            afternoon = self.earliest_afternoon(group[0], None, None)
            if afternoon is not None and afternoon <= self.rules.afternoon_until:
                return (afternoon,)
            return None
        first, second = group
        morning = self.earliest_morning(first)
        if morning is None or morning > self.rules.morning_until:
            return None
        afternoon = self.earliest_afternoon(second, first, morning)
        if afternoon is None or afternoon > self.rules.afternoon_until:
            return None
        return (morning, afternoon)

    def day_travel(self, group: tuple[str, ...]) -> int | None:
        stops = [self.base, *group, self.base]
        legs = [self.t(a, b) for a, b in zip(stops, stops[1:], strict=False)]
        return None if None in legs else sum(legs)

    def name(self, code: str) -> str:
        return self.names.get(code, code)


@dataclass
class PlannedVisit:
    district: str
    date: dt.date
    time: dt.time
    team: int


@dataclass
class Outcome:
    ok: bool
    visits: list[PlannedVisit]
    violations: list[str]
    travel_minutes: int

    @property
    def travel_text(self) -> str:
        return duration_text(self.travel_minutes)

    def as_json(self, problem: Problem, with_visits: bool = False) -> dict:
        data = {
            "ok": self.ok,
            "visits": len(self.visits),
            "violations": self.violations,
            "travel_minutes": self.travel_minutes,
        }
        if with_visits:
            data["schedule"] = [
                {
                    "district": v.district,
                    "name": problem.name(v.district),
                    "date": v.date.isoformat(),
                    "time": v.time.strftime("%H:%M"),
                    "team": problem.team_names.get(v.team, str(v.team)),
                }
                for v in sorted(self.visits, key=lambda v: (v.team, v.date, v.time))
            ]
        return data


# --- The checker --------------------------------------------------------------------------


def check(problem: Problem, visits: list[PlannedVisit]) -> Outcome:
    """Every constraint of the schedule, each broken one as a Thai sentence."""
    violations: list[str] = []
    say = violations.append
    _check_districts(problem, visits, say)
    days: dict[tuple[int, dt.date], list[PlannedVisit]] = {}
    for visit in visits:
        _check_date(problem, visit, say)
        days.setdefault((visit.team, visit.date), []).append(visit)
    total = 0
    for (team, date), day in sorted(days.items(), key=lambda item: (item[0][1], item[0][0])):
        day.sort(key=lambda v: v.time)
        total += _check_day(problem, team, date, day, say) or 0
    _check_ties(problem, visits, say)
    loads = [sum(1 for v in visits if v.team == team) for team in problem.teams]
    if loads and max(loads) - min(loads) > 1:
        say(
            _("The workload is not balanced: the teams have %(loads)s visits.")
            % {"loads": ", ".join(str(n) for n in loads)}
        )
    return Outcome(not violations, visits, violations, total)


def _check_districts(problem: Problem, visits: list[PlannedVisit], say) -> None:
    """Every district of the round visited once, none outside it, each reachable."""
    counts: dict[str, int] = {}
    for visit in visits:
        counts[visit.district] = counts.get(visit.district, 0) + 1
    for code in problem.districts:
        if code not in counts:
            say(_("%(district)s has no visit.") % {"district": problem.name(code)})
        elif counts[code] > 1:
            say(_("%(district)s is visited more than once.") % {"district": problem.name(code)})
    for code in counts:
        if code not in problem.districts:
            say(_("%(district)s is not in the round.") % {"district": problem.name(code)})
    for code in problem.districts:
        if problem.t(problem.base, code) is None:
            say(
                _("%(district)s has no known position or way there: add its office's coordinates.")
                % {"district": problem.name(code)}
            )


def _check_date(problem: Problem, visit: PlannedVisit, say) -> None:
    """A visit only on a working day of the round: no holiday, no day the province marked."""
    where = {"district": problem.name(visit.district), "date": format_date_short(visit.date)}
    if visit.date in problem.holidays:
        say(
            _("The visit to %(district)s on %(date)s falls on a holiday: %(holiday)s.")
            % {**where, "holiday": problem.holidays[visit.date]}
        )
    elif visit.date in problem.unavailable:
        say(
            _(
                "The visit to %(district)s on %(date)s falls on a day the province "
                "marked as no visits: %(reason)s."
            )
            % {**where, "reason": problem.unavailable[visit.date]}
        )
    elif problem.days and not problem.days[0] <= visit.date <= problem.days[-1]:
        say(
            _(
                "The visit to %(district)s on %(date)s is outside the round: its working days "
                "run from %(first)s to %(last)s."
            )
            % {
                **where,
                "first": format_date_short(problem.days[0]),
                "last": format_date_short(problem.days[-1]),
            }
        )
    elif visit.date not in problem.days:
        say(
            _("The visit to %(district)s on %(date)s is not on a working day of the round.") % where
        )


def _check_ties(problem: Problem, visits: list[PlannedVisit], say) -> None:
    team_of = {v.district: (v.team, v.date) for v in visits}
    for tie in problem.ties:
        # A tied district with no visit is reported above already.
        members = [c for c in tie if c in problem.districts and c in team_of]
        placed = {team_of[c] for c in members}
        if len(placed) > 1:
            say(
                _("%(districts)s are tied: they must be visited on one day by one team.")
                % {"districts": ", ".join(problem.name(c) for c in sorted(members))}
            )


def _check_day(
    problem: Problem, team: int, date: dt.date, day: list[PlannedVisit], say
) -> int | None:
    """One team's visits of one day, in time order; return the day's travel."""
    team_name = problem.team_names.get(team, str(team))
    where = {"team": team_name, "date": format_date_short(date)}
    if len(day) > 2:
        say(_("Team %(team)s has more than two visits on %(date)s.") % where)
        return problem.day_travel(tuple(v.district for v in day))
    previous: PlannedVisit | None = None
    for visit in day:
        if minutes(visit.time) < problem.rules.afternoon_from:
            _check_morning(problem, visit, previous, where, say)
        else:
            _check_afternoon(problem, visit, previous, where, say)
        previous = visit
    return problem.day_travel(tuple(v.district for v in day))


def _check_morning(
    problem: Problem, visit: PlannedVisit, previous: PlannedVisit | None, where: dict, say
) -> None:
    rules = problem.rules
    at = minutes(visit.time)
    facts = {**where, "district": problem.name(visit.district), "time": clock(at)}
    if previous is not None:
        say(_("Team %(team)s has two morning visits on %(date)s.") % where)
    elif at < rules.morning_from or at > rules.morning_until:
        say(
            _(
                "The visit to %(district)s at %(time)s is outside the morning "
                "(%(start)s–%(end)s) or the afternoon (from %(afternoon)s)."
            )
            % {
                **facts,
                "start": clock(rules.morning_from),
                "end": clock(rules.morning_until),
                "afternoon": clock(rules.afternoon_from),
            }
        )
    else:
        _check_reach(problem.earliest_morning(visit.district), at, facts, say)


def _check_afternoon(
    problem: Problem, visit: PlannedVisit, previous: PlannedVisit | None, where: dict, say
) -> None:
    rules = problem.rules
    at = minutes(visit.time)
    facts = {**where, "district": problem.name(visit.district), "time": clock(at)}
    if previous is not None and minutes(previous.time) >= rules.afternoon_from:
        say(_("Team %(team)s has two afternoon visits on %(date)s.") % where)
    elif at > rules.afternoon_until:
        say(
            _("The visit to %(district)s at %(time)s starts after %(end)s.")
            % {**facts, "end": clock(rules.afternoon_until)}
        )
    else:
        earliest = problem.earliest_afternoon(
            visit.district,
            previous.district if previous else None,
            minutes(previous.time) if previous else None,
        )
        _check_reach(earliest, at, facts, say)


def _check_reach(earliest: int | None, at: int, facts: dict, say) -> None:
    """The team can be there by the visit's time, from the base or the morning's visit."""
    if earliest is not None and at < earliest:
        say(
            _(
                "Team %(team)s cannot reach %(district)s by %(time)s on %(date)s: "
                "the earliest is %(earliest)s."
            )
            % {**facts, "earliest": clock(earliest)}
        )


# --- The generator ----------------------------------------------------------------------


class Infeasible(Exception):
    """No schedule meets the constraints; the message says why, in Thai."""


def generate(problem: Problem, time_limit: float = 30.0) -> Outcome:
    """The schedule with the least total travel, or raise Infeasible."""
    from ortools.sat.python import cp_model

    _precheck(problem)
    groups = _candidate_groups(problem)
    model = cp_model.CpModel()
    teams, slots = problem.teams, len(problem.days)
    x = {(g, t): model.new_bool_var(f"x{g}_{t}") for g in range(len(groups)) for t in teams}
    by_district: dict[str, list] = {code: [] for code in problem.districts}
    for g, (group, _times, _cost) in enumerate(groups):
        for code in group:
            by_district[code].extend(x[g, t] for t in teams)
    for chosen in by_district.values():
        model.add_exactly_one(chosen)
    loads = []
    for t in teams:
        model.add(sum(x[g, t] for g in range(len(groups))) <= slots)
        loads.append(sum(len(groups[g][0]) * x[g, t] for g in range(len(groups))))
    for a, b in zip(loads, loads[1:], strict=False):
        # Teams are interchangeable: order them by load (breaks symmetry), at most one apart.
        model.add(a >= b)
    if len(loads) > 1:
        model.add(loads[0] - loads[-1] <= 1)
    model.minimize(sum(groups[g][2] * x[g, t] for g in range(len(groups)) for t in teams))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    # The same round gives the same schedule each time it is made: of schedules with the
    # same travel, parallel workers racing each other returned whichever came first. One
    # worker from a fixed seed is deterministic, and proves the largest province's optimum
    # sooner than eight did (`make bench`; monitoring/README.md).
    solver.parameters.num_search_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Infeasible(
            _(
                "No schedule meets every condition: each district once, at most two visits a "
                "team a day, the morning and afternoon times with travel, the ties and a "
                "balanced workload. Add days or a team, or loosen a tie."
            )
        )
    visits = []
    for t in teams:
        chosen = [groups[g] for g in range(len(groups)) if solver.value(x[g, t])]
        # Sweep round the base, so that consecutive days go to neighbouring areas.
        chosen.sort(key=lambda item: _bearing(problem, item[0][0]))
        for day, (group, times, _cost) in zip(problem.days, chosen, strict=False):
            for code, at in zip(group, times, strict=True):
                visits.append(PlannedVisit(code, day, as_time(at), t))
    return check(problem, visits)


def _precheck(problem: Problem) -> None:
    n, teams, days = len(problem.districts), len(problem.teams), len(problem.days)
    if not teams:
        raise Infeasible(_("The round has no team yet."))
    if not days:
        raise Infeasible(
            _(
                "The round has no day for visits between its dates: no working day (Monday to "
                "Friday) that is not a holiday or marked as no visits."
            )
        )
    if n > 2 * teams * days:
        raise Infeasible(
            _(
                "%(districts)s districts cannot be visited in %(days)s working days by "
                "%(teams)s teams: at two visits a team a day that is at most %(most)s visits. "
                "Add days or a team."
            )
            % {
                "districts": n,
                "days": days,
                "teams": teams,
                "most": 2 * teams * days,
            }
        )
    for code in problem.districts:
        if problem.t(problem.base, code) is None:
            raise Infeasible(
                _("%(district)s has no known position or way there: add its office's coordinates.")
                % {"district": problem.name(code)}
            )
    for tie in problem.ties:
        members = sorted(c for c in tie if c in problem.districts)
        if len(members) > 2:
            raise Infeasible(
                _("%(districts)s are tied, but a team visits at most two districts a day.")
                % {"districts": ", ".join(problem.name(c) for c in members)}
            )


def _candidate_groups(problem: Problem) -> list[tuple[tuple[str, ...], tuple[int, ...], int]]:
    """Every day a team could have: one district, or two in the better order; with times and travel."""
    tied_with: dict[str, str] = {}
    for tie in problem.ties:
        members = sorted(c for c in tie if c in problem.districts)
        if len(members) == 2:
            tied_with[members[0]], tied_with[members[1]] = members[1], members[0]
    groups = []
    for code in problem.districts:
        times = problem.day_times((code,))
        if times is not None and code not in tied_with:
            groups.append(((code,), times, problem.day_travel((code,))))
    for a, b in combinations(problem.districts, 2):
        if (a in tied_with or b in tied_with) and tied_with.get(a) != b:
            continue
        options = []
        for order in ((a, b), (b, a)):
            times = problem.day_times(order)
            if times is not None:
                options.append((problem.day_travel(order), times[-1], order, times))
        if options:
            cost, _end, order, times = min(options)
            groups.append((order, times, cost))
    for code, other in tied_with.items():
        if code < other and not any(set(g[0]) == {code, other} for g in groups):
            raise Infeasible(
                _("%(first)s and %(second)s are tied, but one team cannot visit both in one day.")
                % {"first": problem.name(code), "second": problem.name(other)}
            )
    return groups


def _bearing(problem: Problem, code: str) -> float:
    """The compass angle from the base to the office (days only, not travel)."""
    if code not in problem.positions or problem.base not in problem.positions:
        return 0.0
    lat0, lon0 = problem.positions[problem.base]
    lat, lon = problem.positions[code]
    return math.atan2(lon - lon0, lat - lat0) % (2 * math.pi)
