"""Properties of the Thai conventions (core.thai), checked on generated values.

Each property holds for every value in its range, not only for the examples of
test_thai.py. Kept fast: a modest number of examples each, no example database
(nothing is written into the checkout) and no per-example deadline (the house has no
timed tests; a busy machine must not fail them).
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thanrak.core import thai
from thanrak.core.periods import Period

FAST = settings(max_examples=60, deadline=None, database=None)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

# Every date parse_be_date accepts: B.E. years BE_YEAR_MIN..BE_YEAR_MAX.
DATES = st.dates(
    min_value=dt.date(thai.ce_year(thai.BE_YEAR_MIN), 1, 1),
    max_value=dt.date(thai.ce_year(thai.BE_YEAR_MAX), 12, 31),
)
FISCAL_YEARS = st.integers(min_value=thai.BE_YEAR_MIN + 1, max_value=thai.BE_YEAR_MAX)
# Text with anything but digits of either script (those are what the helpers convert).
NO_DIGITS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="0123456789" + THAI_DIGITS)
)


def _check_digit(first12: str) -> str:
    total = sum(int(first12[i]) * (13 - i) for i in range(12))
    return str((11 - total % 11) % 10)


@st.composite
def citizen_ids(draw) -> str:
    """A valid citizen ID: 12 digits (the first not 0) and their check digit."""
    first = draw(st.sampled_from("12345678"))
    rest = draw(st.text("0123456789", min_size=11, max_size=11))
    return first + rest + _check_digit(first + rest)


# --- Buddhist-era dates -------------------------------------------------------------


@FAST
@given(DATES)
def test_numeric_be_date_parses_back_to_the_same_date(day):
    assert thai.parse_be_date(thai.format_date_numeric(day)) == day


@FAST
@given(DATES)
def test_be_date_typed_as_eight_digits_is_the_same_date(day):
    # A phone's number pad has no «/»: 30112569 is 30/11/2569.
    assert thai.parse_be_date(thai.format_date_numeric(day).replace("/", "")) == day


@FAST
@given(DATES)
def test_be_date_typed_in_thai_digits_is_the_same_date(day):
    typed = thai.thai_digits(thai.format_date_numeric(day))
    assert not re.search(r"\d", typed, flags=re.ASCII)
    assert thai.parse_be_date(typed) == day


@FAST
@given(DATES)
def test_be_year_of_a_date_is_its_gregorian_year_plus_543(day):
    assert thai.format_date_numeric(day).endswith(f"/{day.year + 543}")
    assert thai.ce_year(thai.be_year(day.year)) == day.year


@FAST
@given(DATES)
def test_a_year_month_title_of_django_reads_in_be(day):
    # What Django's admin writes above a list, in either language.
    for language in ("th", "en"):
        with translation.override(language):
            title = date_format(day, "YEAR_MONTH_FORMAT")
        shown = thai.be_years_in(title)
        assert shown == title.replace(str(day.year), str(day.year + 543))
        assert str(day.year + 543) in shown


@FAST
@given(DATES)
def test_a_gregorian_year_typed_by_habit_is_refused_not_misread(day):
    with pytest.raises(ValidationError) as caught:
        thai.parse_be_date(f"{day.day:02d}/{day.month:02d}/{day.year}")
    assert caught.value.code == "gregorian_year"


# --- Thai digits ----------------------------------------------------------------------


@FAST
@given(st.integers(min_value=0))
def test_thai_digits_round_trip_on_numbers(number):
    text = thai.thai_digits(number)
    assert set(text) <= set(THAI_DIGITS)
    assert thai.arabic_digits(text) == str(number)


@FAST
@given(st.lists(st.one_of(NO_DIGITS, st.text("0123456789", min_size=1))).map("".join))
def test_thai_digits_round_trip_on_any_text(text):
    assert thai.arabic_digits(thai.thai_digits(text)) == text
    assert len(thai.thai_digits(text)) == len(text)


@FAST
@given(NO_DIGITS)
def test_digit_helpers_leave_other_text_alone(text):
    assert thai.thai_digits(text) == text
    assert thai.arabic_digits(text) == text


# --- Citizen ID -----------------------------------------------------------------------


@FAST
@given(citizen_ids())
def test_a_generated_citizen_id_is_valid(cid):
    assert thai.citizen_id_is_valid(cid)


def _residue(digits: str) -> int:
    return sum(int(digits[i]) * (13 - i) for i in range(12)) % 11


@FAST
@given(citizen_ids(), st.integers(1, 9))
def test_changing_the_check_digit_fails_the_check(cid, shift):
    assert not thai.citizen_id_is_valid(cid[:12] + str((int(cid[12]) + shift) % 10))


@FAST
@given(citizen_ids(), st.integers(min_value=0, max_value=11), st.integers(1, 9))
def test_changing_any_single_digit_fails_the_check_but_where_the_official_rule_is_blind(
    cid, position, shift
):
    changed = cid[:position] + str((int(cid[position]) + shift) % 10) + cid[position + 1 :]
    # The official rule, (11 - sum % 11) % 10 with weights 13..2, cannot see two changes:
    # one of the third digit (weight 11, a multiple of 11), and one moving the weighted sum
    # between remainders 0 and 10 (both give check digit 1). Every other change is caught.
    blind = position == 2 or {_residue(cid), _residue(changed)} == {0, 10}
    assert thai.citizen_id_is_valid(changed) == blind


def test_the_official_check_digit_does_not_see_the_third_digit():
    # 1-10..: weight 11 on the third digit; the official rule accepts both numbers.
    assert thai.citizen_id_is_valid("1000000000009")
    assert thai.citizen_id_is_valid("1010000000009")


@FAST
@given(citizen_ids())
def test_citizen_id_formatting_and_normalising_round_trip(cid):
    printed = thai.format_citizen_id(cid)
    assert re.fullmatch(r"\d-\d{4}-\d{5}-\d{2}-\d", printed)
    assert thai.normalize_citizen_id(printed) == cid
    assert thai.normalize_citizen_id(thai.thai_digits(printed)) == cid
    assert thai.normalize_citizen_id(printed.replace("-", " ")) == cid
    assert thai.citizen_id_is_valid(thai.thai_digits(printed))


@FAST
@given(st.one_of(citizen_ids(), citizen_ids().map(thai.format_citizen_id), st.text(max_size=20)))
@example("๐๐๐๐๐๐๐๐๐๐๐๐:")  # 13 characters, not 13 digits: nothing of it is shown
def test_masking_shows_at_most_the_last_three_digits(typed):
    masked = thai.mask_citizen_id(typed)
    shown = re.sub(r"\D", "", masked)
    assert len(shown) <= 3
    digits = thai.normalize_citizen_id(typed)
    if shown:
        assert digits.endswith(shown)
    assert len(masked) == len("X-XXXX-XXXXX-XX-X")


# --- Amounts --------------------------------------------------------------------------

# Non-negative amounts of baht with two decimals, up to a trillion.
AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False)


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_baht_text_of_a_whole_amount_ends_with_baht_exactly(amount):
    text = thai.baht_text(amount)
    assert text.endswith("บาทถ้วน")
    assert "สตางค์" not in text


@FAST
@given(AMOUNTS.filter(lambda amount: amount != amount.to_integral_value()))
def test_baht_text_of_an_amount_with_satang_ends_with_its_satang(amount):
    assert thai.baht_text(amount).endswith("สตางค์")
    assert "ถ้วน" not in thai.baht_text(amount)


@FAST
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.99"), places=2))
def test_baht_text_of_less_than_a_baht_is_its_satang_alone(amount):
    text = thai.baht_text(amount)
    assert text.endswith("สตางค์") and "บาท" not in text


@FAST
@given(AMOUNTS)
def test_formatted_amount_reads_back_as_the_same_amount(amount):
    assert thai.parse_amount(thai.format_baht(amount)) == amount


@FAST
@given(AMOUNTS)
def test_amount_in_thai_digits_reads_back_as_the_same_amount(amount):
    printed = thai.format_baht(amount, digits=True)
    assert not re.search(r"\d", printed, flags=re.ASCII)
    assert thai.parse_amount(printed) == amount
    assert thai.parse_amount(f"{printed} บาท") == amount


@FAST
@given(AMOUNTS)
def test_formatted_amount_groups_thousands_and_shows_satang_only_when_there_are_some(amount):
    printed = thai.format_baht(amount)
    assert re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d{2})?", printed)
    assert ("." in printed) == (amount != amount.to_integral_value())


# --- Fiscal periods -------------------------------------------------------------------


@FAST
@given(DATES.filter(lambda d: d >= dt.date(thai.ce_year(thai.BE_YEAR_MIN), 10, 1)))
def test_every_date_falls_in_exactly_one_fiscal_year_quarter_and_month(day):
    fy = thai.fiscal_year(day)
    start, end = thai.fiscal_year_range(fy)
    assert start <= day <= end
    for other in (fy - 1, fy + 1):
        other_start, other_end = thai.fiscal_year_range(other)
        assert not other_start <= day <= other_end
    quarters = [q for q in (1, 2, 3, 4) if _within(day, thai.fiscal_quarter_range(fy, q))]
    assert quarters == [thai.fiscal_quarter(day)]
    assert thai.fiscal_months(fy).count((day.year, day.month)) == 1


def _within(day: dt.date, period: tuple[dt.date, dt.date]) -> bool:
    return period[0] <= day <= period[1]


@FAST
@given(FISCAL_YEARS)
def test_fiscal_year_runs_from_1_october_to_30_september(fy):
    start, end = thai.fiscal_year_range(fy)
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert thai.be_year(end.year) == fy
    assert thai.fiscal_year(start) == thai.fiscal_year(end) == fy
    assert thai.fiscal_year(start - dt.timedelta(days=1)) == fy - 1
    assert thai.fiscal_year(end + dt.timedelta(days=1)) == fy + 1


@FAST
@given(FISCAL_YEARS)
def test_quarters_tile_the_fiscal_year(fy):
    start, end = thai.fiscal_year_range(fy)
    ranges = [thai.fiscal_quarter_range(fy, q) for q in (1, 2, 3, 4)]
    assert ranges[0][0] == start
    assert ranges[-1][1] == end
    for (_, last), (first, _) in zip(ranges, ranges[1:], strict=False):
        assert first == last + dt.timedelta(days=1)
    for q, (first, last) in enumerate(ranges, start=1):
        assert first <= last
        assert thai.fiscal_quarter(first) == thai.fiscal_quarter(last) == q


@FAST
@given(FISCAL_YEARS)
def test_fiscal_months_are_twelve_consecutive_months_from_october(fy):
    months = thai.fiscal_months(fy)
    assert len(months) == 12 and len(set(months)) == 12
    assert months[0] == (thai.ce_year(fy) - 1, 10)
    for (year, month), (next_year, next_month) in zip(months, months[1:], strict=False):
        assert (next_year, next_month) == ((year + 1, 1) if month == 12 else (year, month + 1))


# --- The fiscal period (core.periods) ------------------------------------------------

QUARTERS = st.integers(min_value=1, max_value=4)
MONTHS = st.integers(min_value=1, max_value=12)


@FAST
@given(FISCAL_YEARS, st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=12))
def test_a_period_starts_before_it_ends_within_its_fiscal_year(fy, quarter, month):
    period = Period(fy, quarter, month)
    year_start, year_end = thai.fiscal_year_range(fy)
    assert year_start <= period.start <= period.end <= year_end
    assert period.months[0] == (period.start.year, period.start.month)
    assert period.months[-1] == (period.end.year, period.end.month)


@FAST
@given(FISCAL_YEARS)
def test_the_four_quarters_and_the_twelve_months_tile_the_year(fy):
    year = Period(fy)
    for parts in (
        [Period(fy, q) for q in (1, 2, 3, 4)],
        [Period(fy, 0, m) for _y, m in thai.fiscal_months(fy)],
    ):
        assert parts[0].start == year.start and parts[-1].end == year.end
        for before, after in zip(parts, parts[1:], strict=False):
            assert after.start == before.end + dt.timedelta(days=1)
        assert [m for part in parts for m in part.months] == year.months
    assert year.quarters == [1, 2, 3, 4]


@FAST
@given(DATES.filter(lambda d: thai.BE_YEAR_MIN < thai.fiscal_year(d) <= thai.BE_YEAR_MAX))
def test_a_day_is_in_its_year_quarter_and_month_and_no_other(day):
    fy, quarter = thai.fiscal_year(day), thai.fiscal_quarter(day)
    assert Period(fy).contains(day)
    assert [q for q in (1, 2, 3, 4) if Period(fy, q).contains(day)] == [quarter]
    assert [m for m in range(1, 13) if Period(fy, 0, m).contains(day)] == [day.month]
    assert Period(fy, 0, day.month).quarters == [quarter]
    assert not Period(fy - 1).contains(day) and not Period(fy + 1).contains(day)


@FAST
@given(FISCAL_YEARS, QUARTERS, MONTHS)
def test_a_period_names_itself_in_arabic_digits_and_labels_itself_in_thai(fy, quarter, month):
    for period in (Period(fy), Period(fy, quarter), Period(fy, 0, month)):
        assert re.search(r"[๐-๙]", period.name) is None
        assert period.label == thai.thai_digits(period.name)
        assert re.search(r"[0-9]", period.label) is None


@FAST
@given(st.integers(min_value=1900, max_value=2200), MONTHS)
def test_month_end_is_the_day_before_the_next_month(year, month):
    end = thai.month_end(year, month)
    assert (end.year, end.month) == (year, month)
    assert (end + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize("quarter, month", [(5, 0), (-1, 0), (0, 13), (0, -1)])
def test_a_period_that_cannot_be_is_refused(quarter, month):
    with pytest.raises(ValueError):
        Period(2563, quarter, month)


# Thai letters, vowels and tone marks, ฯ and ๆ, Latin, spaces and HTML's own characters.
PROSE = st.text(st.sampled_from(list("กขคงจนมยรลวสหอะาิีุูเแโใไ่้๊๋็์ัำฯๆ abcXYZ<>&\"'().,")), max_size=80)


@FAST
@given(PROSE)
@example("ช่วยให้ประชาชนนำภูมิปัญญาท้องถิ่นมาสร้างสรรค์เป็นผลิตภัณฑ์ <b>ต่างๆ</b> & OTOP")
@example("กกฯก")  # the dictionary cuts it «กก|ฯก»
def test_thai_lines_only_adds_markup_around_the_text(text):
    from django.utils.html import escape

    from thanrak.core.templatetags.thai import thai_lines

    html = str(thai_lines(text))
    # Without its spans and word breaks, the page shows the text, escaped, unchanged.
    assert re.sub(r'<span class="nobreak">|</span>|<thai-wbr></thai-wbr>', "", html) == escape(text)
    # A break is offered only between two Thai words, never before «ฯ» or «ๆ».
    assert "</thai-wbr>ฯ" not in html and "</thai-wbr>ๆ" not in html
    assert not re.search(r"</thai-wbr>(<span[^>]*>)?[ฯๆ]", html)


# Words around a phrase in a letter's sentence, Thai or not.
BEFORE = st.sampled_from(["อำเภอละ 1,500 บาท ", "จำนวน", "ลงวันที่ ", "(", "OTOP "])
AFTER = st.sampled_from([" โดยมีวัตถุประสงค์", "ความละเอียด", ")", " และ", ""])


@FAST
@given(AMOUNTS, BEFORE, AFTER)
@example(Decimal("1500"), "อำเภอละ ๑,๕๐๐ บาท (", ") โดยมี")
def test_an_amount_in_words_is_one_run_a_line_does_not_end_inside(amount, before, after):
    words = thai.baht_text(amount)
    runs = thai.line_runs(before + words + after)
    assert "".join(run.text for run in runs) == before + words + after
    if len(words) <= thai.LONGEST_WHOLE_PHRASE:
        assert any(run.whole and words in run.text for run in runs)


@FAST
@given(DATES, BEFORE, AFTER, st.booleans())
def test_a_date_is_one_run_a_line_does_not_end_inside(day, before, after, digits):
    date = thai.format_date_long(day, digits=digits)
    runs = thai.line_runs(before + date + after)
    assert "".join(run.text for run in runs) == before + date + after
    assert any(run.whole and date in run.text for run in runs)
