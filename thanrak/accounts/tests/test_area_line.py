"""The signed-in user's area and the years, as the page header and footer write them in each language."""

from django.conf import settings


def area_line(client, user, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/accounts/profile/").text
    start = page.index('data-testid="user-area"')
    return page[start : page.index("</strong>", start)]


def test_the_district_and_its_province_are_one_phrase_in_each_language(client, phunphin_officer):
    assert "Phunphin District, Surat Thani Province" in area_line(client, phunphin_officer, "en")
    assert "อำเภอพุนพิน จังหวัดสุราษฎร์ธานี" in area_line(client, phunphin_officer, "th")


def test_english_pages_say_once_that_years_are_buddhist_era(client, areas):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/").text.count("subtract 543 for the Common Era year") == 1
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    thai = client.get("/").text
    assert "543" not in thai.partition("<footer")[2]


def test_the_readiness_page_names_the_center_in_its_district_and_province(client, phunphin_officer):
    client.force_login(phunphin_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/districts/8417/readiness/").text
    assert "Grassroots Economy Promotion Service Center, Phunphin District, Surat Thani" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    page = client.get("/districts/8417/readiness/").text
    assert "ศูนย์บริการส่งเสริมเศรษฐกิจฐานราก อำเภอพุนพิน จังหวัดสุราษฎร์ธานี" in page
