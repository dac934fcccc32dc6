import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from thanrak.core import thai
from thanrak.core.forms import BEDateField, CitizenIDField
from thanrak.core.templatetags import thai as thai_tags


def test_document_date_is_thai_digits_and_full_month():
    assert thai.format_date_long(dt.date(2020, 8, 20)) == "๒๐ สิงหาคม ๒๕๖๓"


def test_screen_date_is_abbreviated_month_and_be_year():
    with translation.override("th"):
        assert thai.format_date_short(dt.date(2020, 8, 20)) == "20 ส.ค. 2563"


def test_screen_date_in_english_keeps_be_year():
    with translation.override("en"):
        assert thai.format_date_short(dt.date(2020, 8, 20)) == "20 Aug 2563"


def test_a_time_of_day_is_written_the_thai_way_on_thai_pages():
    """«14.05 น.» as Thai writing has it, on every Thai page alike (a visit's time, the time
    a notification came, the last sign-in); «14:05» in English."""
    moment = dt.datetime(2026, 12, 2, 14, 5, tzinfo=timezone.get_current_timezone())
    with translation.override("th"):
        assert thai.format_time(dt.time(9, 30)) == "09.30 น."
        assert thai_tags.thai_datetime(moment) == "2 ธ.ค. 2569 14.05 น."
        assert thai_tags.thai_time(moment) == "14.05 น."
    with translation.override("en"):
        assert thai_tags.thai_datetime(moment) == "2 Dec 2569 14:05"
        assert thai_tags.thai_time(dt.time(9, 30)) == "09:30"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2026", "2569"),
        ("ธันวาคม 2026", "ธันวาคม 2569"),
        ("December 1999", "December 2542"),
        ("1 ธันวาคม", "1 ธันวาคม"),  # no year
        ("ทุกวัน", "ทุกวัน"),
        ("12026 2300 1799", "12026 2300 1799"),  # not years of the span
    ],
)
def test_gregorian_years_in_a_text_written_from_a_date_are_shown_in_be(written, shown):
    assert thai.be_years_in(written) == shown


def test_page_date_in_a_sentence_is_the_full_month_in_arabic_digits():
    with translation.override("th"):
        assert thai.format_date_text(dt.date(2020, 8, 20)) == "20 สิงหาคม 2563"
    with translation.override("en"):
        assert thai.format_date_text(dt.date(2020, 8, 20)) == "20 Aug 2563"


@pytest.mark.parametrize(
    "typed",
    ["20/08/2563", "20/8/2563", "20-08-2563", "๒๐/๐๘/๒๕๖๓", " 20.08.2563 ", "20082563", "๒๐๐๘๒๕๖๓"],
)
def test_be_date_typed_is_parsed(typed):
    assert thai.parse_be_date(typed) == dt.date(2020, 8, 20)


def test_gregorian_looking_year_gets_a_thai_message():
    with translation.override("th"), pytest.raises(ValidationError) as error:
        thai.parse_be_date("20/08/2020")
    assert error.value.code == "gregorian_year"
    message = error.value.messages[0]
    assert "พุทธศักราช" in message
    assert "2563" in message


@pytest.mark.parametrize(
    "typed", ["31/02/2563", "abc", "2563-08-20", "20/13/2563", "2082563", "25630820", "200825630"]
)
def test_invalid_date_gets_a_thai_message(typed):
    with translation.override("th"), pytest.raises(ValidationError) as error:
        thai.parse_be_date(typed)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in error.value.messages[0])


def test_be_date_field_round_trip():
    field = BEDateField()
    assert field.clean("20/08/2563") == dt.date(2020, 8, 20)
    assert field.widget.format_value(dt.date(2020, 8, 20)) == "20/08/2563"
    assert BEDateField(required=False).clean("") is None


def test_fiscal_year_and_quarter_at_the_year_boundary():
    assert thai.fiscal_year(dt.date(2020, 9, 30)) == 2563
    assert thai.fiscal_quarter(dt.date(2020, 9, 30)) == 4
    assert thai.fiscal_year(dt.date(2020, 10, 1)) == 2564
    assert thai.fiscal_quarter(dt.date(2020, 10, 1)) == 1


def test_quarters_split_at_new_year():
    assert thai.fiscal_quarter(dt.date(2019, 12, 31)) == 1
    assert thai.fiscal_quarter(dt.date(2020, 1, 1)) == 2
    assert thai.fiscal_year(dt.date(2019, 12, 31)) == thai.fiscal_year(dt.date(2020, 1, 1)) == 2563


def test_months_of_a_fiscal_year_start_in_october():
    months = thai.fiscal_months(2563)
    assert months[0] == (2019, 10)
    assert months[2] == (2019, 12)
    assert months[3] == (2020, 1)
    assert months[-1] == (2020, 9)
    assert len(months) == 12


def test_fiscal_ranges():
    assert thai.fiscal_year_range(2563) == (dt.date(2019, 10, 1), dt.date(2020, 9, 30))
    assert thai.fiscal_quarter_range(2563, 1) == (dt.date(2019, 10, 1), dt.date(2019, 12, 31))
    assert thai.fiscal_quarter_range(2563, 2) == (dt.date(2020, 1, 1), dt.date(2020, 3, 31))
    assert thai.fiscal_quarter_range(2564, 2) == (dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert thai.fiscal_quarter_range(2563, 4) == (dt.date(2020, 7, 1), dt.date(2020, 9, 30))


def test_thai_digits_on_demand():
    assert thai.thai_digits("สฎ 0019.03/ว.6555") == "สฎ ๐๐๑๙.๐๓/ว.๖๕๕๕"
    assert thai.format_baht(1500, digits=True) == "๑,๕๐๐"
    assert thai.format_baht(1500) == "1,500"
    assert thai.format_baht("1500.50") == "1,500.50"


def test_amount_in_words():
    assert thai.baht_text(1500) == "หนึ่งพันห้าร้อยบาทถ้วน"
    assert thai.baht_text(Decimal("0.29")) == "ยี่สิบเก้าสตางค์"
    assert thai.baht_text(0) == "ศูนย์บาทถ้วน"
    assert thai.baht_text(Decimal("1.05")) == "หนึ่งบาทห้าสตางค์"


def test_thai_collation_ignores_leading_vowels():
    names = ["บ้านนาสาร", "ไชยา", "ท่าชนะ", "เกาะสมุย", "กาญจนดิษฐ์"]
    assert thai.collate(names) == ["กาญจนดิษฐ์", "เกาะสมุย", "ไชยา", "ท่าชนะ", "บ้านนาสาร"]
    # plain sorted() puts the leading-vowel names last
    assert sorted(names) != thai.collate(names)


VALID_ID = "1101700230708"  # check digit computed per the Interior Ministry's rule


def test_citizen_id_checksum():
    assert thai.citizen_id_is_valid(VALID_ID)
    assert thai.citizen_id_is_valid("1-1017-00230-70-8")
    assert not thai.citizen_id_is_valid("1101700230707")
    assert not thai.citizen_id_is_valid("110170023070")
    assert not thai.citizen_id_is_valid("")


def test_citizen_id_masked_for_display():
    assert thai.mask_citizen_id(VALID_ID) == "X-XXXX-XXXXX-70-8"
    assert "0230" not in thai.mask_citizen_id(VALID_ID)
    assert thai.format_citizen_id(VALID_ID) == "1-1017-00230-70-8"


def test_citizen_id_field_gives_a_thai_message():
    with translation.override("th"), pytest.raises(ValidationError) as error:
        CitizenIDField().clean("1101700230707")
    assert "เลขประจำตัวประชาชน" in error.value.messages[0]
    assert CitizenIDField().clean("1-1017-00230-70-8") == VALID_ID


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1,500", "1500"),
        ("๑,๕๐๐", "1500"),
        ("1,500.50", "1500.50"),
        ("1500 บาท", "1500"),
        ("๑,๕๐๐.๗๕ บาท", "1500.75"),
        ("  12 ", "12"),
        ("0", "0"),
    ],
)
def test_amount_typed_the_thai_way_is_read(typed, amount):
    assert thai.parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["-5", "-1,500 บาท"])
def test_negative_amount_is_refused_in_thai(typed):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        thai.parse_amount(typed)
    assert refused.value.code == "negative_amount"


@pytest.mark.parametrize("typed", ["1,50,0", "หนึ่งพัน", "1.500,50", "", "12abc"])
def test_amount_not_a_number_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        thai.parse_amount(typed)
    assert refused.value.code == "invalid_amount"


def test_month_names_follow_the_page_language_and_periods_with_them():
    from thanrak.core.periods import Period

    with translation.override("en"):
        assert (thai.month_name(10), thai.month_name(10, abbr=True)) == ("October", "Oct")
        assert Period(2570, month=10).name == "October 2569"
    with translation.override("th"):
        assert (thai.month_name(10), thai.month_name(10, abbr=True)) == ("ตุลาคม", "ต.ค.")
        assert Period(2570, month=10).name == "ประจำเดือนตุลาคม 2569"
        assert Period(2570, month=10).in_sentence == "เดือนตุลาคม 2569"
        assert Period(2570, 1).in_sentence == Period(2570, 1).name
        # A document's label stays Thai, in Thai digits.
        assert Period(2570, month=10).label == "ประจำเดือนตุลาคม ๒๕๖๙"


@pytest.mark.django_db
def test_an_area_name_on_a_page_keeps_its_own_name_on_one_line(areas):
    from thanrak.areas.models import District, Province
    from thanrak.core.templatetags.thai import area_name

    khian_sa = District.objects.get(pk="8414")
    assert area_name(khian_sa) == 'อำเภอ<span class="nobreak">เคียนซา</span>'
    assert area_name(Province.objects.get(pk="10")) == '<span class="nobreak">กรุงเทพมหานคร</span>'
    with translation.override("en"):
        assert area_name(khian_sa) == "Khian Sa District"


@pytest.mark.parametrize(
    ("day", "reported"),
    [
        (dt.date(2026, 12, 1), (2570, 1)),  # within quarter 1, its reports due in January
        (dt.date(2027, 1, 10), (2570, 1)),  # the last day quarter 1's reports are due
        (dt.date(2027, 1, 11), (2570, 2)),
        (dt.date(2027, 10, 5), (2570, 4)),  # a new fiscal year: the old one's last quarter
        (dt.date(2027, 10, 11), (2571, 1)),
    ],
)
def test_the_quarter_reported_on_a_day_is_the_one_just_ended_until_its_reports_are_due(
    day, reported
):
    from thanrak.core.periods import Period, quarter_reported_on

    assert quarter_reported_on(day) == Period(*reported)


def test_thai_lines_keeps_each_word_whole_and_breaks_between_words():
    from thanrak.core.templatetags.thai import thai_lines

    html = str(thai_lines("นำภูมิปัญญามาสร้างสรรค์ ศูนย์ฯ OTOP"))
    assert html == (
        '<span class="nobreak">นำ</span><thai-wbr></thai-wbr><span class="nobreak">ภูมิปัญญา</span><thai-wbr></thai-wbr>'
        '<span class="nobreak">มา</span><thai-wbr></thai-wbr><span class="nobreak">สร้างสรรค์</span> '
        '<span class="nobreak">ศูนย์ฯ</span> OTOP'
    )


def test_a_persons_titled_first_name_and_surname_are_each_kept_whole():
    # The dictionary cuts «เพชร|สุวรรณ» and «กนก|พร»: a name is not its words.
    for name, first, last in (
        ("นางสาววิไลวรรณ เพชรสุวรรณ", "นางสาววิไลวรรณ", "เพชรสุวรรณ"),
        ("นางสาวกนกพร วงศ์สวัสดิ์", "นางสาวกนกพร", "วงศ์สวัสดิ์"),
        ("นายสมชาย ชูแก้ว", "นายสมชาย", "ชูแก้ว"),
    ):
        runs = thai.line_runs(f"{name} – ฝ่ายวิชาการ")
        assert [run.text for run in runs][:3] == [first, " ", last]
        assert runs[0].whole and runs[2].whole
    # Not a title inside a word («ทนาย»), nor a name without its surname.
    assert thai.line_runs("ทนายความ สมชาย")[2:] == [
        thai.Run("สม", True),
        thai.Run(""),
        thai.Run("ชาย", True),
    ]


def test_a_place_name_is_one_word_though_the_dictionary_does_not_know_it():
    # PyThaiNLP alone cuts «กา|ญจน|ดิษฐ์» and «พระ|แสง»: a line ended inside the name.
    runs = thai.line_runs("สำนักงานพัฒนาชุมชนอำเภอกาญจนดิษฐ์ ตำบลบ้านนาเดิม อำเภอพระแสง")
    assert [run.text for run in runs if run.text.strip()] == [
        "สำนักงาน", "พัฒนา", "ชุมชน", "อำเภอ", "กาญจนดิษฐ์",
        "ตำบล", "บ้านนาเดิม", "อำเภอ", "พระแสง",
    ]  # fmt: skip
    assert all(run.whole for run in runs if run.text.strip())


def test_the_centers_own_words_and_the_royal_names_are_not_cut_inside():
    def words(text):
        return [run.text for run in thai.line_runs(text) if run.text.strip()]

    assert words("ติดตามโครงการพัฒนาศักยภาพ") == ["ติดตาม", "โครงการพัฒนา", "ศักยภาพ"]
    assert words("แนวทางการดำเนินงาน") == ["แนวทาง", "การดำเนินงาน"]
    assert "ผู้มีสิทธิ์" in words("เฉพาะท่านและผู้มีสิทธิ์ดูข้อมูล")
    assert words("กลุ่มผ้ามัดย้อม") == ["กลุ่ม", "ผ้า", "มัดย้อม"]
    assert words("ช่องทางการจำหน่าย") == ["ช่องทาง", "การจำหน่าย"]
    assert words("ผลิตภัณฑ์จากการอบกล้วย") == ["ผลิตภัณฑ์", "จาก", "การอบ", "กล้วย"]
    assert "ยินยอมให้" in words("เฉพาะผู้ที่ยินยอมให้เปิดเผยชื่อ")
    assert words("ฉันได้ยินเสียง") == ["ฉัน", "ได้ยิน", "เสียง"]
    assert words("หลักฐานการจัดซื้อจัดจ้าง") == ["หลักฐาน", "การจัดซื้อจัดจ้าง"]
    assert words("ขนมลา ขนมจีนเส้นสด") == ["ขนมลา", "ขนมจีน", "เส้นสด"]
    # A team named by its lead's abbreviated title and first name.
    assert words("ทีม ผอ.ไพศิษฐ์ ติดตาม") == ["ทีม", "ผอ.ไพศิษฐ์", "ติดตาม"]
    # A holiday's royal name: a line may end between its parts only, each kept whole.
    runs = thai.line_runs(
        "วันคล้ายวันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร"
    )
    whole = [run.text for run in runs if run.whole]
    for part in ("พระบาทสมเด็จ", "พระบรมชนกาธิเบศร", "มหาภูมิพลอดุลยเดชมหาราช", "บรมนาถบพิตร"):
        assert part in whole, part


def test_a_letters_sentence_ends_lines_between_words_only():
    runs = thai.line_runs(
        "อำเภอละ ๑,๕๐๐ บาท (หนึ่งพันห้าร้อยบาทถ้วน) ตามหนังสือที่ สฎ ๐๐๑๙.๐๓/ว.๓๖๗๓ ลงวันที่ ๑๒ พฤษภาคม ๒๕๖๓"
    )
    whole = [run.text for run in runs if run.whole]
    assert whole == [
        "อำเภอ", "ละ", "๑,๕๐๐ บาท", "(หนึ่งพันห้าร้อยบาทถ้วน)", "ตาม", "หนังสือ", "ที่",
        "สฎ ๐๐๑๙.๐๓/ว.๓๖๗๓", "ลงวันที่", "๑๒ พฤษภาคม ๒๕๖๓",
    ]  # fmt: skip
    # A line may end between two Thai words (an empty run), never beside a number.
    texts = [run.text for run in runs]
    assert texts[:3] == ["อำเภอ", "", "ละ"]
    assert texts[texts.index("ที่") - 1] == ""


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("บ้านเลขที่ 5 หมู่ที่ 11 ตำบลท่าข้าม", ["บ้านเลขที่ 5", "หมู่ที่ 11"]),
        ("ราคา 2,500 บาท/ผืน", ["2,500 บาท/ผืน"]),
        ("ประเภทที่ ๑ จำนวน ๗ คน", ["ประเภทที่ ๑", "๗ คน"]),
        ("ประชุมครั้งที่ 1/2570", ["ประชุมครั้งที่ 1/2570"]),
    ],
)
def test_a_number_stays_on_the_line_of_what_it_counts(text, kept):
    """«หมู่ที่ | 11» or «2,500 | บาท» ended lines in an address and a price."""
    whole = [run.text for run in thai.line_runs(text) if run.whole]
    assert all(part in whole for part in kept), whole
