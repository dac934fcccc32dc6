"""Every page's Thai text cut where a line may end (core.linebreaks and its middleware)."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thanrak.core.linebreaks import thai_html

ADDED = re.compile(r'<span class="nobreak">|</span>|<thai-wbr></thai-wbr>|</?thai-words>')


def test_text_between_tags_is_cut_into_thai_words():
    page = '<p class="help">\n  ลงทะเบียนผู้ผลิต </p>'
    assert thai_html(page) == (
        '<p class="help">\n  <thai-words><span class="nobreak">ลงทะเบียน</span><thai-wbr></thai-wbr>'
        '<span class="nobreak">ผู้ผลิต</span></thai-words> </p>'
    )


def test_tags_attributes_and_elements_that_hold_no_markup_are_copied_as_they_are():
    copied = [
        "<input value=\"ลงทะเบียน > ผู้ผลิต\" title='ก>ข'>",
        "<script>const label = 'ลงทะเบียน';</script>",
        "<style>.x::after { content: 'ลงทะเบียน'; }</style>",
        "<textarea name=note>ลงทะเบียนผู้ผลิต</textarea>",
        '<select name=s><option value="1">ลงทะเบียนผู้ผลิต</option></select>',
        "<pre>ลงทะเบียน  ผู้ผลิต</pre>",
        "<title>ลงทะเบียนผู้ผลิต</title>",
        "<svg><text>ลงทะเบียน</text></svg>",
        "<!-- ลงทะเบียน -->",
        # A word a template already kept whole (core filters area_name, thai_lines …).
        '<span class="nobreak">สุราษฎร์ธานี</span>',
    ]
    for html in copied:
        assert thai_html(html) == html


def test_text_of_other_languages_is_left_alone():
    page = "<p>OTOP 2570 &amp; more</p>"
    assert thai_html(page) == page


# Text with Thai words, marks, Latin, spaces and HTML's own characters, between tags.
TEXT = st.text(st.sampled_from(list("กขคงนมยรลวสอะาิีุูเแโไ่้็์ัำฯๆ abcXY<>&\"'.,")), max_size=40)


TAG = re.compile(r"<[^>]*>")


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
@example(["ช่วยให้ประชาชนนำภูมิปัญญาท้องถิ่น", "& OTOP <ทดสอบ>", "กกฯก"])
def test_the_page_reads_the_same_and_keeps_its_tags(texts):
    page = "".join(f'<p data-x="{escape(t)}">{escape(t)}</p>' for t in texts)
    cut = ADDED.sub("", thai_html(page))
    assert unescape(TAG.sub("", cut)) == unescape(TAG.sub("", page))
    assert TAG.findall(cut) == TAG.findall(page)


@pytest.mark.django_db
def test_every_page_is_cut_and_its_length_follows(client, areas, settings):
    settings.THAI_LINE_BREAKS = True
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert '<span class="nobreak">เข้าสู่ระบบ</span>' in page
    assert int(response["Content-Length"]) == len(response.content)
    settings.THAI_LINE_BREAKS = False
    assert '<span class="nobreak">' not in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_answers_other_than_pages_are_left_alone(client, areas, settings):
    settings.THAI_LINE_BREAKS = True
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")
    assert response["Content-Type"].startswith("application/json")
    assert "nobreak" not in response.content.decode()
