"""Accessibility: a page of each kind the templates make, checked in chromium by axe-core
against WCAG 2.1 A and AA and axe's best practices, at phone width.

- the public landing page: the colours of its hero's buttons;
- the signed-in layout: all its content inside landmarks (the area bar is in the banner);
- a record list and a record form;
- the province's lists of letters, reports and documents: no column without a heading;
- the schedule grid and the checklist: every field in a cell named by its column and row;
- a district report: a table that scrolls sideways and holds no link takes the focus
  itself (static/js/thanrak.js), so it can be scrolled from the keyboard.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PHUNPHIN, SURAT_THANI
from tests.conftest import PHONE, sign_in
from thanrak.centers.tests.factories import make_record
from thanrak.documents.tests.factories import make_letter, make_report
from thanrak.monitoring.tests.factories import make_round

AXE = Axe()
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def violations(page) -> list[str]:
    """axe's findings on the page, one line per rule: what, how bad, and where."""
    found = AXE.run(page, options=OPTIONS).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at "
        + ", ".join(str(node["target"]) for node in rule["nodes"][:3])
        for rule in found
    ]


def open_checked(browser, live_server, paths: list[str], user=None) -> tuple[object, list[str]]:
    """A page that opened each path in turn (left on the last), and the findings of all."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    if user:
        sign_in(context, live_server, user)
    page = context.new_page()
    problems = []
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.ok, path
        problems += [f"{path}: {line}" for line in violations(page)]
    return page, problems


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_pass_and_the_check_finds_a_field_without_a_name(
    browser_context, live_server, areas
):
    page, problems = open_checked(
        browser_context, live_server, ["/", "/catalogue/", "/accounts/login/"]
    )
    assert problems == []
    # The check itself: a field with no name added to the page is found.
    page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    assert any(line.startswith("label ") for line in violations(page))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_district_officer_pages_pass(browser_context, live_server, phunphin_officer):
    meeting = make_record("meeting", PHUNPHIN)
    make_report(PHUNPHIN)
    district = f"/districts/{PHUNPHIN}"
    paths = [
        f"{district}/meetings/",
        f"{district}/meetings/{meeting.pk}/edit/",
        f"{district}/reports/2563/",
    ]
    assert open_checked(browser_context, live_server, paths, phunphin_officer)[1] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_province_officer_pages_pass(browser_context, live_server, province_officer):
    round_ = make_round(SURAT_THANI)
    make_letter(SURAT_THANI, round_)
    make_report(PHUNPHIN)
    province = f"/provinces/{SURAT_THANI}"
    paths = [
        f"{province}/letters/",
        f"{province}/reports/2563/",
        f"/monitoring/{round_.pk}/visits/",
        f"/monitoring/{round_.pk}/checklist/",
    ]
    assert open_checked(browser_context, live_server, paths, province_officer)[1] == []
