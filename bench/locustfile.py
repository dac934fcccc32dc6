"""The mixed load of `make bench-national`: locust users of every role against gunicorn.

    BENCH_ACCOUNTS=var/bench-national/accounts.json locust -f bench/locustfile.py \
        --headless --host http://127.0.0.1:PORT --users 20 --spawn-rate 5 --run-time 60s

The accounts and the pages each opens come from `python -m bench.national accounts`
(URLs reversed by Django, so this file needs no Django). In realistic proportions: mostly
the public and district officers, some province officers, few monitoring team members and
executives. Signed-in users sign in once through the real login form (CSRF token from
the form), each with an account of their own, so django-axes sees only successful logins.
Two-step verification must be off for the run (MFA_REQUIRED_ROLES=" "): a load test
cannot type authenticator codes. Any answer other than 2xx/3xx counts as an error, and so does a signed-in user sent
to the login page.
"""

import itertools
import json
import os
import random
import re

from locust import FastHttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["BENCH_ACCOUNTS"], encoding="utf-8").read())  # noqa: SIM115
WAIT = [float(x) for x in os.environ.get("BENCH_WAIT", "0,0.1").split(",")]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN_URL = "/accounts/login/"
# The password box of the login form: a signed-in user's page never has one.
LOGIN_FORM = 'name="password"'

# One round-robin of accounts per role: each locust user signs in as the next account.
_NEXT = {role: itertools.cycle(entries) for role, entries in ACCOUNTS["roles"].items() if entries}


class Visitor(FastHttpUser):
    abstract = True
    wait_time = between(*WAIT)
    role = ""

    def on_start(self) -> None:
        self.pages = ACCOUNTS["public"]
        if self.role:
            account = next(_NEXT[self.role])
            self.pages = account["pages"]
            self.sign_in(account["username"])

    def plain_http_cookies(self) -> None:
        """Send the Secure session and CSRF cookies over the plain-HTTP local connection.

        Production cookies are Secure (TLS ends at the proxy); the bench talks to gunicorn
        directly on 127.0.0.1, and the client keeps Secure cookies to HTTPS.
        """
        for cookie in self.client.cookiejar:
            cookie.secure = False

    def sign_in(self, username: str) -> None:
        form = self.client.get(LOGIN_URL, name="login form")
        self.plain_http_cookies()
        token = CSRF_INPUT.search(form.text)
        if token is None:
            raise RuntimeError("no CSRF token on the login form")
        with self.client.post(
            LOGIN_URL,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": ACCOUNTS["password"],
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or LOGIN_URL in response.headers.get("Location", ""):
                response.failure(f"{username} could not sign in ({response.status_code})")
            else:
                response.success()
        self.plain_http_cookies()

    @task
    def open_a_page(self) -> None:
        url = random.choice(self.pages)  # noqa: S311 - picking a page, not a secret
        # Statistics by page kind: the path with its digits folded (/districts/N/...).
        name = re.sub(r"\d+", "N", url.split("?")[0])
        with self.client.get(url, name=name, catch_response=True) as response:
            if self.role and LOGIN_FORM in response.text:
                response.failure("sent to the login page: the session was lost")
            elif response.status_code < 400:
                response.success()
        self.plain_http_cookies()


class Public(Visitor):
    weight = int(os.environ.get("BENCH_WEIGHT_PUBLIC", "10"))


class DistrictOfficer(Visitor):
    weight = int(os.environ.get("BENCH_WEIGHT_DISTRICT", "6"))
    abstract = "district_officer" not in _NEXT
    role = "district_officer"


class ProvinceOfficer(Visitor):
    weight = int(os.environ.get("BENCH_WEIGHT_PROVINCE", "2"))
    abstract = "province_officer" not in _NEXT
    role = "province_officer"


class MonitoringTeam(Visitor):
    weight = int(os.environ.get("BENCH_WEIGHT_MONITOR", "1"))
    abstract = "monitor" not in _NEXT
    role = "monitor"


class Executive(Visitor):
    weight = int(os.environ.get("BENCH_WEIGHT_EXECUTIVE", "1"))
    abstract = "executive" not in _NEXT
    role = "executive"
