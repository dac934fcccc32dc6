"""The days teams do not visit: Thailand's holidays, and the days a province marks for a round.

Holidays come from the ``holidays`` package (``holidays.Thailand``, named in Thai, or in
English on an English page): the public
holidays with their substitute days, the special holidays the cabinet declares (27 July
2020, «ชดเชยวันสงกรานต์», the moved Songkran), and the government's own (วันพืชมงคล). A
province adds what no calendar knows — a provincial event, the teams' own meeting — and
may open a holiday on which its teams work anyway (``RoundDay``).
"""

import datetime as dt
import functools

from thanrak.core.thai import english_active

# Public and special holidays, and the holidays of government offices (วันพืชมงคล).
CATEGORIES = ("public", "government")


@functools.cache
def _thailand(year: int, language: str) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.Thailand(years=year, categories=CATEGORIES, language=language))


def thai_holidays(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Thailand's holidays from ``start`` to ``end``, each with its name in the active
    language (Thai, or English on an English page)."""
    language = "en_US" if english_active() else "th"
    days: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        days.update(
            (day, name) for day, name in _thailand(year, language).items() if start <= day <= end
        )
    return dict(sorted(days.items()))
