"""The fiscal years the demo fills: the seed's 2563, whole, and the current one up to today.

Each year says which days it covers and, as data, where its districts fall short, so
the generators stay the same for both years and every designed gap is listed here.
"""

import datetime as dt
from dataclasses import dataclass

from thanrak.core.thai import fiscal_quarter, fiscal_year, fiscal_year_range


@dataclass(frozen=True)
class DemoYear:
    fy: int
    until: dt.date  # the last day with records: the year's end, or today
    allocation_letter: tuple[str, dt.date]
    expense_dates: tuple[dt.date, ...]
    seed: int = 0  # added to each district's random seed; 0 keeps 2563 as it always was
    missed_meetings: frozenset[tuple[str, int]] = frozenset()  # (district, meeting number)
    missed_activities: frozenset[tuple[str, int]] = frozenset()  # (district, month)
    missed_publicity: frozenset[tuple[str, int]] = frozenset()  # (district, quarter)
    no_long_plan: frozenset[str] = frozenset()
    unfiled_receipts: frozenset[str] = frozenset()  # the second expense has no receipt
    overspent: frozenset[str] = frozenset()

    def date(self, month: int, day: int) -> dt.date:
        """The day of this fiscal year in the given month (October belongs to its start)."""
        start, _end = fiscal_year_range(self.fy)
        return dt.date(start.year + (month < 10), month, day)

    def clip(self, day: dt.date, start: dt.date) -> dt.date | None:
        """The day, moved back to `until` if later; None when `start` has not come yet."""
        if start > self.until:
            return None
        return max(start, min(day, self.until))


FY2563 = DemoYear(
    fy=2563,
    until=dt.date(2020, 9, 30),
    allocation_letter=("สฎ 0019.03/ว.3673", dt.date(2020, 5, 12)),
    expense_dates=(dt.date(2020, 6, 10), dt.date(2020, 7, 15)),
    missed_meetings=frozenset({("8402", 2)}),  # กาญจนดิษฐ์: no meeting in quarter 2 (R3)
    missed_activities=frozenset({("8413", 4)}),  # บ้านนาเดิม: none in April 2563 (R5)
    missed_publicity=frozenset({("8418", 3)}),  # ชัยบุรี: none in quarter 3 (R6)
    no_long_plan=frozenset({"8416"}),  # พระแสง (R4)
    unfiled_receipts=frozenset({"8406"}),  # ไชยา (R7)
    overspent=frozenset({"8411"}),  # ท่าฉาง: 1,650 of 1,500 baht (R7)
)

# The current year's designed gaps.
BEHIND_ON_MEETINGS = "8402"  # กาญจนดิษฐ์: no meeting this quarter nor the last
NO_ACTIVITY_THIS_MONTH = "8406"  # ไชยา


def current_year(today: dt.date) -> DemoYear:
    """The fiscal year of `today`, filled from 1 October up to today."""
    fy = fiscal_year(today)
    start, _end = fiscal_year_range(fy)
    allocated = min(start + dt.timedelta(days=20), today)
    quarter = fiscal_quarter(today)
    return DemoYear(
        fy=fy,
        until=today,
        allocation_letter=("สฎ 0019.03/ว.4127", allocated),
        expense_dates=(
            min(allocated + dt.timedelta(days=14), today),
            allocated + dt.timedelta(days=75),
        ),
        seed=fy * 100_000,
        missed_meetings=frozenset((BEHIND_ON_MEETINGS, q) for q in (quarter - 1, quarter) if q),
        missed_activities=frozenset({(NO_ACTIVITY_THIS_MONTH, today.month)}),
    )
