"""The browser of the browser tests: one Debian chromium per test process, driven by
Playwright against pytest-django's live server, and a fresh browser context per page."""

import asyncio
import http.client
import os
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.deep_stack import run_deep

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright adds its own switches for automation (no extensions, no first-run, muted
# audio, no background throttling …); these only keep chromium from doing work of its
# own, nothing on the page is drawn differently.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Chromium:
    """Chromium, launched on the first browser test of the process and closed at its end.

    Playwright's sync API runs an event loop in this thread and marks it running between
    its calls, which would make every later ORM call of the process refuse to run (and
    asyncio refuse to start another loop). So the loop is marked running only while a
    browser test runs (resume) and unmarked after it (park); Playwright does the same
    itself around the calls it makes.
    """

    def __init__(self):
        self.playwright = None
        self.browser = None
        self.loop = None

    def resume(self, config: pytest.Config):
        if self.browser is None or not self.browser.is_connected():
            self.stop()
            self.launch(config)
        else:
            asyncio.events._set_running_loop(self.loop)
        return self.browser

    def launch(self, config: pytest.Config) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.loop = asyncio.events._get_running_loop()
        self.browser = self.playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        config.add_cleanup(self.stop)

    def park(self) -> None:
        if self.browser is not None and self.browser.is_connected():
            for context in self.browser.contexts:
                context.close()
        asyncio.events._set_running_loop(None)

    def stop(self) -> None:
        if self.playwright is None:
            return
        asyncio.events._set_running_loop(self.loop)
        try:
            if self.browser is not None and self.browser.is_connected():
                self.browser.close()
        finally:
            self.playwright.stop()
            self.playwright = self.browser = self.loop = None


CHROMIUM = Chromium()

# On SQLite the test database is in memory and the live server's request threads share the
# test's one connection: they answer one request at a time, and a test holds this lock for
# the database work it does while a page polls (e.g. running the background worker).
SERVER_LOCK = threading.RLock()


class OneRequestAtATime:
    """The live server's WSGI application, answering one request at a time."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        with SERVER_LOCK:
            return run_deep(lambda: self.app(environ, start_response))


def serve_one_request_at_a_time(live_server) -> None:
    httpd = live_server.thread.httpd
    if not isinstance(httpd.get_app(), OneRequestAtATime):
        httpd.set_app(OneRequestAtATime(httpd.get_app()))


def wait_for_requests(live_server, timeout: float = 10) -> None:
    """Let the live server finish what the closed pages asked for, before the next test
    (or the flush of this test's database) starts.

    A request a page sent just before it closed may still wait in the server's backlog,
    with no thread yet to join: one request of our own, answered, means the server has
    accepted every connection made before it (it accepts them in turn)."""
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request("GET", "/healthz/")
        connection.getresponse().read()
    except OSError:
        pass  # the server's answer does not matter, only that it came
    finally:
        connection.close()
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout)


@pytest.fixture
def browser_context(live_server, request, settings):
    """The process's chromium (a Playwright Browser), against the live test server.

    `browser_context.new_page()` and `.new_context()` each open a context of their own
    (cookies, storage, service workers and cache apart); every context a test opened is
    closed after it. The pages are served as production serves them: their Thai text cut
    where a line may end (``THAI_LINE_BREAKS``, off for the suite's other requests).
    """
    settings.THAI_LINE_BREAKS = True
    # While Playwright's loop is marked running in this thread, the ORM calls the test
    # makes between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    serve_one_request_at_a_time(live_server)
    try:
        yield CHROMIUM.resume(request.config)
    finally:
        CHROMIUM.park()
        wait_for_requests(live_server)
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def sign_in(context, live_server, user) -> None:
    """Sign the browser context in as the user without the login form.

    For scenarios that are not about signing in: the session of `client.force_login`
    put into the context as its cookie (the login form is tested on its own).
    """
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def open_account_menu(page) -> None:
    """On a phone, press the header's menu button, as a person does to reach the language,
    the profile or Log out (a wider page shows them without it)."""
    toggle = page.get_by_test_id("menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def signed_in_page(browser, live_server, user, viewport=PHONE):
    """A page of a new context signed in as the user (see sign_in)."""
    context = browser.new_context(viewport=viewport)
    sign_in(context, live_server, user)
    return context.new_page()
