"""A person's language: chosen with the switch, kept with them, given back at sign-in."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from thanrak.accounts.models import User

COOKIE = settings.LANGUAGE_COOKIE_NAME


def switch(client, language: str):
    return client.post(reverse("set_language"), {"language": language, "next": "/dashboard/"})


def test_the_switch_keeps_a_signed_in_persons_choice(client, phunphin_officer):
    client.force_login(phunphin_officer)
    assert switch(client, "en").cookies[COOKIE].value == "en"
    assert User.objects.get(pk=phunphin_officer.pk).language == "en"
    switch(client, "th")
    assert User.objects.get(pk=phunphin_officer.pk).language == "th"
    # A language the site does not speak changes nothing.
    switch(client, "fr")
    assert User.objects.get(pk=phunphin_officer.pk).language == "th"


def test_the_switch_signed_out_only_sets_the_browsers_cookie(client, phunphin_officer):
    assert switch(client, "en").cookies[COOKIE].value == "en"
    assert User.objects.get(pk=phunphin_officer.pk).language == "th"


def test_a_new_browser_gets_the_persons_language_at_sign_in(phunphin_officer):
    User.objects.filter(pk=phunphin_officer.pk).update(language="en")
    browser = Client()
    response = browser.post(reverse("login"), {"username": "phunphin", "password": PASSWORD})
    assert response.cookies[COOKIE].value == "en"
    page = browser.get(response.url)
    assert '<html lang="en"' in page.text
    # A browser that chose a language keeps it: Thai here, whatever the person's.
    thai = Client()
    thai.cookies[COOKIE] = "th"
    response = thai.post(reverse("login"), {"username": "phunphin", "password": PASSWORD})
    assert COOKIE not in response.cookies
    assert '<html lang="th"' in thai.get(response.url).text


def test_a_thai_speaker_is_given_no_cookie(client, phunphin_officer):
    response = client.post(reverse("login"), {"username": "phunphin", "password": PASSWORD})
    assert response.status_code == 302 and COOKIE not in response.cookies


def test_a_visitor_signed_out_is_not_looked_up_for_a_language(client, areas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("landing"))
    assert not [q for q in queries if "django_session" in q["sql"] or "accounts_user" in q["sql"]]
