"""The Content-Security-Policy and the Permissions-Policy hold on every page.

The policy (config/settings.py SECURE_CSP) allows scripts and styles from this site only:
no inline <script>, no on…= or hx-on handler, no style attribute. Three layers keep it so:
- every served template is scanned for inline code, so no one adds one back;
- a few pages are fetched with the test client: headers present, no inline code rendered;
- every role walks its main pages in chromium and any CSP violation, refused load or
  script error fails the test, while the behaviours moved into static/js/thanrak.js
  (auto-submitting filters, delete confirmation, print) and the visit's photo inputs still
  work.
"""

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from conftest import CHAIYA, PHUNPHIN, SURAT_THANI
from tests.conftest import DESKTOP, PHONE, sign_in
from thanrak.centers.models import Meeting
from thanrak.centers.tests.factories import make_record
from thanrak.documents.tests.factories import make_letter, make_report
from thanrak.monitoring.models import MonitoringRound
from thanrak.monitoring.tests.factories import make_round, make_visit
from thanrak.producers.tests.factories import make_product

ROOT = Path(__file__).resolve().parent.parent
# WeasyPrint's templates make PDFs, never pages in a browser: their <style> stays.
NOT_SERVED = ("thanrak/documents/templates/documents/pdf/",)


# Finding inline code in HTML and in templates


class InlineCodeFinder(HTMLParser):
    """Collect (line, what) for every piece of inline script or style in an HTML text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if re.match(r"(data-)?hx-on", name):
                self.found.append((line, f"<{tag} {name}=…> (htmx inline handler)"))
            elif name.startswith("on"):
                self.found.append((line, f"<{tag} {name}=…> (inline event handler)"))
            elif name == "style":
                self.found.append((line, f"<{tag} style=…> (inline style)"))
            elif value and value.strip().lower().startswith("javascript:"):
                self.found.append((line, f"<{tag} {name}=javascript:…>"))
        attributes = dict(attrs)
        is_data = (attributes.get("type") or "").endswith("json")
        if tag == "script" and not attributes.get("src") and not is_data:
            self.found.append((line, "<script> without src (inline script)"))
        if tag == "style":
            self.found.append((line, "<style> element (inline style)"))


def inline_code(html: str) -> list[tuple[int, str]]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def _keep_lines(match: re.Match, filler: str = "") -> str:
    return filler + "\n" * match.group().count("\n")


def template_as_html(source: str) -> str:
    """The template's HTML with Django's tags taken out, line numbers kept."""
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", _keep_lines, source, flags=re.S)
    source = re.sub(r"{#.*?#}", _keep_lines, source, flags=re.S)
    # {% static %} and {% url %} give a value (a script's src); other tags give none.
    source = re.sub(r"{%\s*(static|url)\s.*?%}", lambda m: _keep_lines(m, "x"), source, flags=re.S)
    source = re.sub(r"{%.*?%}", _keep_lines, source, flags=re.S)
    return re.sub(r"{{.*?}}", lambda m: _keep_lines(m, "x"), source, flags=re.S)


def served_templates() -> list[Path]:
    paths = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("thanrak/*/templates/**/*.html")]
    return sorted(p for p in paths if not str(p.relative_to(ROOT)).startswith(NOT_SERVED))


@pytest.mark.parametrize(
    "html",
    [
        '<select id="fy" onchange="this.form.submit()">',
        '<form hx-on::after-request="this.reset()">',
        '<div data-hx-on:click="go()">',
        "<script>document.title = 'x'</script>",
        '<p style="margin-top:1rem">',
        "<style>p { color: red }</style>",
        '<a href="javascript:history.back()">',
    ],
)
def test_finder_catches_inline_code(html):
    assert inline_code(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/thanrak.js" defer></script>',
        '<script id="data" type="application/json">{"a": 1}</script>',
        '<select id="fy" name="fy" data-autosubmit>',
        '<form method="post" data-confirm="Delete?">',
        '<meta name="htmx-config" content=\'{"allowEval": false}\'>',
    ],
)
def test_finder_allows_static_scripts_and_data_attributes(html):
    assert not inline_code(html)


def test_template_tags_inside_attributes_do_not_count():
    source = (
        "{% blocktranslate with done=job.done %}{{ done }} rows{% endblocktranslate %}\n"
        '<option value="{{ year }}"{% if year == fy %} selected{% endif %}>{{ year }}</option>\n'
        "<script src=\"{% static 'js/thanrak.js' %}\" defer></script>\n"
        '{% comment %}<p style="x">\n</p>{% endcomment %}\n'
        '<p class="small" style="color: red">'
    )
    assert inline_code(template_as_html(source)) == [(6, "<p style=…> (inline style)")]


def test_no_served_template_has_inline_script_handler_or_style():
    templates = served_templates()
    assert len(templates) > 50
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in templates
        for line, what in inline_code(template_as_html(path.read_text(encoding="utf-8")))
    ]
    assert not found, (
        "The Content-Security-Policy blocks inline code. Put behaviour in static/js/thanrak.js "
        "(bound by a data attribute) and looks in a stylesheet:\n" + "\n".join(found)
    )


# Headers of the responses


def directives(header: str) -> dict[str, set[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: set(values) for name, *values in parts}


def permissions(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(","))


def assert_strict_policy(response) -> None:
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set().union(*policy.values())
    features = permissions(response.headers["Permissions-Policy"])
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


def test_pages_send_the_policies_and_render_no_inline_code(
    client, phunphin_officer, province_officer, admin_user
):
    meeting = make_record("meeting", PHUNPHIN)
    pages = [
        (None, reverse("landing")),
        (None, reverse("catalogue")),
        (None, reverse("login")),
        (None, "/no-such-page/"),
        (phunphin_officer, reverse("centers:district", args=[PHUNPHIN])),
        (phunphin_officer, reverse("centers:meeting_list", args=[PHUNPHIN])),
        (phunphin_officer, reverse("centers:meeting_detail", args=[PHUNPHIN, meeting.pk])),
        (phunphin_officer, reverse("centers:meeting_create", args=[PHUNPHIN])),
        (phunphin_officer, reverse("centers:district", args=[CHAIYA])),  # a 404
        (province_officer, reverse("rules:compliance", args=[SURAT_THANI])),
        (admin_user, reverse("admin:index")),
    ]
    for user, url in pages:
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        assert_strict_policy(response)
        assert not inline_code(response.text), (url, inline_code(response.text))
        if user is None or url != reverse("admin:index"):
            assert '"includeIndicatorStyles": false' in response.text, url


def test_form_from_an_old_page_gets_a_thai_page_under_the_same_policy(areas):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุ" in response.text
    assert_strict_policy(response)
    assert not inline_code(response.text)


# Every role's main pages in chromium

# Runs before any script of each page: records violations and stubs window.print.
INIT_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
window.__printCalls = 0;
window.print = () => { window.__printCalls += 1; };
"""
# Read (and cleared) after queued violation reports of the page have been dispatched.
VIOLATIONS = """() => new Promise((done) => setTimeout(() => {
  const violations = window.__cspViolations;
  window.__cspViolations = [];
  done(violations);
}, 0))"""
CONSOLE = re.compile(r"Content Security Policy|Refused to|Permissions-Policy|Permissions policy")


class Visitor:
    """One persona's browser tab; every problem on every page it opens is collected."""

    def __init__(self, browser, live_server, problems, user=None, viewport=DESKTOP):
        self.name = user.username if user else "anonymous"
        self.problems = problems
        self.context = browser.new_context(viewport=viewport, base_url=live_server.url)
        self.context.set_default_timeout(10_000)
        self.context.add_init_script(INIT_SCRIPT)
        if user:
            # Signed in without the login form (which has its own second-factor steps).
            sign_in(self.context, live_server, user)
        self.page = self.context.new_page()
        self.path = ""
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problem(f"script error: {error}"))

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.name} {self.path}: {text}")

    def _console(self, message) -> None:
        if CONSOLE.search(message.text):
            self.problem(f"console: {message.text}")

    def open(self, path: str):
        self.path = path
        response = self.page.goto(path)
        if response is None or response.status >= 400:
            self.problem(f"HTTP {response.status if response else 'no response'}")
        self.check()
        return self.page

    def check(self) -> None:
        for violation in self.page.evaluate(VIOLATIONS):
            self.problem(f"CSP violation: {violation}")

    def close(self) -> None:
        self.context.close()


def camera_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class Walk:
    """A role's walk of its main pages in chromium: Phunphin's records, Surat Thani's round,
    visit and letter; every problem on any page fails the test (checked after it)."""

    browser: object
    live_server: object
    meeting: Meeting
    product_pk: int
    round_pk: int
    visit_pk: int
    letter_pk: int
    problems: list[str] = field(default_factory=list)
    district: str = f"/districts/{PHUNPHIN}"
    province: str = f"/provinces/{SURAT_THANI}"

    def visitor(self, user=None, viewport=DESKTOP) -> Visitor:
        return Visitor(self.browser, self.live_server, self.problems, user, viewport)

    def opens(self, user, viewport, paths) -> Visitor:
        visitor = self.visitor(user, viewport)
        for path in paths:
            visitor.open(path)
        return visitor


@pytest.fixture
def walk(browser_context, live_server, settings, tmp_path, centers) -> Walk:
    settings.MEDIA_ROOT = tmp_path / "media"
    round_ = make_round(SURAT_THANI)
    walk = Walk(
        browser_context,
        live_server,
        meeting=make_record("meeting", PHUNPHIN),
        product_pk=make_product(PHUNPHIN).pk,
        round_pk=round_.pk,
        visit_pk=make_visit(PHUNPHIN),
        letter_pk=make_letter(SURAT_THANI, round_).pk,
    )
    make_report(PHUNPHIN)
    yield walk
    assert not walk.problems, "\n".join(walk.problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_detector_reports_an_inline_style_set_by_a_script(browser_context, live_server):
    problems: list[str] = []
    probe = Visitor(browser_context, live_server, problems)
    probe.open("/").evaluate("() => document.body.setAttribute('style', 'color: red')")
    probe.check()
    assert any("CSP violation: style-src" in p for p in problems), problems
    probe.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_pages_keep_the_policy(walk):
    paths = ["/", "/about/", "/catalogue/", f"/catalogue/?district={PHUNPHIN}"]
    walk.opens(None, PHONE, [*paths, "/accounts/login/", "/accounts/password/reset/"]).close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_district_officer_pages_keep_the_policy(walk, phunphin_officer):
    district, meeting = walk.district, walk.meeting
    officer = walk.opens(
        phunphin_officer,
        PHONE,
        [
            "/dashboard/",
            f"{district}/",
            f"{district}/meetings/{meeting.pk}/edit/",
            f"{district}/meetings/new/",
            f"{district}/otop/",
            f"{district}/otop/products/",
            f"{district}/otop/products/{walk.product_pk}/",
            f"{district}/otop/products/new/",
            f"{district}/otop/funnel/",
            f"{district}/compliance/R3/?fy=2563",
            f"{district}/reports/",
            f"{district}/reports/2563/",
            "/accounts/profile/",
            "/accounts/password/change/",
            reverse("mfa_setup"),
        ],
    )
    # The fiscal-year filter submits itself when a year is chosen.
    page = officer.open(f"{district}/meetings/")
    with page.expect_navigation():
        page.select_option("#fy", "all")
    assert "fy=all" in page.url
    officer.check()
    # Readiness prints from its button.
    page = officer.open(f"{district}/readiness/")
    page.locator("[data-print]").click()
    assert page.evaluate("window.__printCalls") == 1
    # Deleting a record asks first: cancelled, it stays; confirmed, it goes.
    questions = []
    page = officer.open(f"{district}/meetings/{meeting.pk}/")
    delete = page.locator("form[data-confirm] button[type=submit]")
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    delete.click()
    with translation.override("th"):
        assert questions == [gettext("Delete this record and its files?")]
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        delete.click()
    officer.check()
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    officer.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_province_officer_pages_keep_the_policy(walk, province_officer):
    province, round_ = walk.province, walk.round_pk
    office = walk.opens(
        province_officer,
        DESKTOP,
        [
            "/dashboard/",
            f"{province}/",
            f"{province}/otop/",
            f"{province}/monitoring/",
            f"{province}/monitoring/new/",
            f"/monitoring/{round_}/",
            f"/monitoring/{round_}/teams/",
            f"/monitoring/{round_}/visits/",
            f"/monitoring/{round_}/summary/",
            f"/visits/{walk.visit_pk}/",
            f"{province}/letters/",
            f"{province}/letters/new/",
            f"/letters/{walk.letter_pk}/",
            f"{province}/reports/2563/",
            f"{province}/documents/",
        ],
    )
    # The compliance matrix loads a cell's details in place (htmx).
    page = office.open(f"{province}/compliance/")
    with page.expect_response(lambda r: "/compliance/R" in r.url):
        page.locator("table.compliance td.status a").first.click()
    page.locator("#details .rule-details").wait_for()
    office.check()
    # The budget page allocates to the districts ticked: all of them, at first.
    page = office.open(f"{province}/budget/")
    page.fill("#id_amount", "1,500")
    page.fill("#id_letter_number", "สฎ 0019.03/ว 3673")
    page.locator("form.record-form button[type=submit]").click()
    page.get_by_text("อำเภอละ 1,500 บาท").wait_for()
    assert page.locator("table[data-testid=budget] tbody a", has_text="1,500").count() == 19
    office.check()
    # The printed schedule prints from its button.
    page = office.open(f"/monitoring/{round_}/schedule/")
    page.locator("[data-print]").click()
    assert page.evaluate("window.__printCalls") == 1
    office.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_team_member_answers_with_a_photo_under_the_policy(walk, monitor):
    # A member of the visiting team answers an item with a photo on a phone: saved by htmx,
    # and the photo input is emptied so the same photo is not sent with the next answer.
    MonitoringRound.objects.get(pk=walk.round_pk).teams.first().members.add(monitor)
    member = walk.opens(monitor, PHONE, ["/dashboard/", f"/monitoring/{walk.round_pk}/"])
    page = member.open(f"/visits/{walk.visit_pk}/")
    item = page.get_by_test_id("item-1")
    photo = {"name": "camera.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()}
    with page.expect_response(lambda r: r.request.method == "POST" and r.ok):
        item.locator("input[type=file]").set_input_files(files=[photo])
    item.locator(".evidence-thumb").wait_for(state="attached")
    assert item.locator("input[type=file]").evaluate("input => input.files.length") == 0
    member.check()
    member.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_executive_and_the_admin_pages_keep_the_policy(walk, viewer, admin_user):
    province = walk.province
    paths = ["/dashboard/", f"{province}/", f"{province}/compliance/", f"{province}/monitoring/"]
    walk.opens(viewer, DESKTOP, paths).close()
    # The admin site runs on its own static scripts under the same policy.
    admin = walk.opens(
        admin_user,
        DESKTOP,
        ["/dashboard/", "/provinces/", "/admin/", f"/admin/accounts/user/{admin_user.pk}/change/"],
    )
    page = admin.open("/admin/accounts/user/")
    page.locator("#action-toggle").check()
    rows = page.locator("input.action-select").count()
    assert rows >= 3 and page.locator("input.action-select:checked").count() == rows
    admin.close()
