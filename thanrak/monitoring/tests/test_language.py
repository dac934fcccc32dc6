"""What the monitoring pages write in the reader's language: times of day and holidays."""

import datetime as dt

from django.utils import translation

from thanrak.monitoring.days_off import thai_holidays
from thanrak.monitoring.schedule import clock_text


def test_a_time_of_day_reads_as_each_language_writes_it():
    with translation.override("th"):
        assert clock_text(dt.time(9, 30)) == "09.30 น."
    with translation.override("en"):
        assert clock_text(dt.time(9, 30)) == "09:30"
        assert clock_text(13 * 60) == "13:00"


def test_holidays_are_named_in_the_page_language():
    week = (dt.date(2026, 12, 7), dt.date(2026, 12, 11))
    with translation.override("th"):
        assert thai_holidays(*week)[dt.date(2026, 12, 10)] == "วันรัฐธรรมนูญ"
    with translation.override("en"):
        assert thai_holidays(*week)[dt.date(2026, 12, 10)] == "Constitution Day"
