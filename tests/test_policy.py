"""The policy walk: every URL × every persona × GET / POST (and PUT / PATCH / DELETE for the
JSON API) the table grants, against the policy table. What the policy middleware refuses
before it looks at a persona's area is sent once for the personas it holds for: a method the
table does not grant once signed out and once signed in, a role it does not grant once per
role; the htmx GET of each URL once per role and expected answer.

The URL patterns come from the resolver, so a new URL is walked as soon as it exists, and
a URL name with no entry in thanrak/accounts/policy.py fails. For each request the
expected status is derived from the table and from where the persona stands to the
objects of the walk (all in อำเภอพุนพิน of สุราษฎร์ธานี):

- method not in the table → 405; anonymous on a page that is not public → the login page;
- role not granted → 403; object outside the persona's area → 404; an object the persona
  reads but may not change (another team's visit, a file of someone else's record) → 403;
- otherwise the request is served (200, or a redirect after a POST; the API's writes may
  also answer 201, 204, or 422 for the walk's empty body).

A page served must not offer what its reader's role may not use: no link to, or form for,
a URL the table does not grant the role (refused_links).

Every refused request must write nothing: its SQL is captured, and any INSERT, UPDATE or
DELETE outside the audit trail and the session table fails the walk. Each request runs in
a transaction rolled back afterwards, so every persona meets the same objects. The personas
are made and signed in once for the module; each request sends its persona's session.

Each URL keyword names what it identifies; OBJECTS says how to make one in Phunphin
(district objects) or Surat Thani (province objects). A keyword missing here fails
test_every_keyword_is_known until it is added.
"""

import importlib
import importlib.util
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from conftest import (
    CHAIYA,
    NAKHON_SI_THAMMARAT,
    PHUNPHIN,
    SURAT_THANI,
    ensure_reference_rows,
    make_centers,
    make_user,
)
from thanrak.accounts.models import Role
from thanrak.accounts.policy import DELEGATED_NAMESPACES, On, grant_for, policy
from thanrak.accounts.session_lifetime import SEEN_AT
from thanrak.centers.records import KINDS
from thanrak.centers.tests.factories import record_pk
from thanrak.evidence.tests.factories import make_evidence
from thanrak.monitoring import services as monitoring_services
from thanrak.monitoring.models import MonitoringRound, Visit
from thanrak.monitoring.tests.factories import make_visit, url_round


def app_url_objects(attribute: str) -> dict[str, Callable[[str], object]]:
    """An attribute (URL_OBJECTS, PROVINCE_URL_OBJECTS) of every app's tests/factories.py."""
    found = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.factories"
        if config.name.startswith("thanrak.") and importlib.util.find_spec(name):
            found |= getattr(importlib.import_module(name), attribute, {})
    return found


# Keyword -> factory(district code) returning the URL value of an object of that district.
OBJECTS: dict[str, Callable[[str], object]] = {
    "district": lambda code: code,
    "evidence": make_evidence,
    **{key: record_pk(key) for key in KINDS},
    **app_url_objects("URL_OBJECTS"),
}
# Keyword -> factory(province code) for objects that belong to a province.
PROVINCE_OBJECTS: dict[str, Callable[[str], object]] = {
    "province": lambda code: code,
    **app_url_objects("PROVINCE_URL_OBJECTS"),
}
# Keywords that name no object of an area: one fixed value.
CONSTANTS: dict[str, object] = {
    "rule": "R3",
    "fiscal_year": 2563,
    "uidb64": "MQ",
    "token": "set-password",
}


@dataclass(frozen=True)
class Route:
    name: str
    namespace: str
    keywords: tuple[str, ...]
    route: str


def walk(patterns, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(
                name, namespace, tuple(entry.pattern.converters), prefix + str(entry.pattern)
            )


# The API names one pattern per operation (GET and POST of a path: the same URL twice).
ALL_ROUTES = list({(r.name, r.route): r for r in walk(get_resolver().url_patterns)}.values())
ROUTES = [r for r in ALL_ROUTES if r.namespace not in DELEGATED_NAMESPACES]


def test_every_url_has_a_policy_and_every_policy_a_url():
    names = {r.name for r in ROUTES}
    assert not names - set(policy()), f"Add to POLICY: {sorted(names - set(policy()))}"
    assert not set(policy()) - names, f"Stale in POLICY: {sorted(set(policy()) - names)}"


def test_every_keyword_is_known():
    known = OBJECTS.keys() | PROVINCE_OBJECTS.keys() | CONSTANTS.keys()
    unknown = {(r.route, k) for r in ROUTES for k in r.keywords if k not in known}
    assert not unknown, f"Add these URL keywords to OBJECTS or PROVINCE_OBJECTS: {sorted(unknown)}"


def test_a_url_missing_from_the_policy_is_refused(client, phunphin_officer, monkeypatch):
    from thanrak.accounts import policy as policy_module

    table = dict(policy())
    del table["centers:district"]
    monkeypatch.setattr(policy_module, "_POLICY", table)
    client.force_login(phunphin_officer)
    assert client.get(reverse("centers:district", args=[PHUNPHIN])).status_code == 403


# --- The personas and where they stand ------------------------------------------------

PERSONAS = [
    "anonymous",
    "district_own",
    "district_other",
    "province_own",
    "province_other",
    "lead_own",
    "member_own",
    "lead_other",
    "member_other",
    "executive",
    "admin",
]
MONITORS = {"lead_own", "member_own", "lead_other", "member_other"}
# Who reads the walk's objects (in Phunphin, Surat Thani; the round covers the province).
READS = {
    On.DISTRICT: {"district_own", "province_own", *MONITORS, "executive", "admin"},
    On.PROVINCE: {"province_own", *MONITORS, "executive", "admin"},
    On.ROUND: {"province_own", *MONITORS, "executive", "admin"},
}
READS[On.TEAM] = READS[On.FILE] = READS[On.DISTRICT]
# Who changes them, among those who read them.
WRITES = {
    On.TEAM: {"lead_own", "member_own"},
    # The walk's file is a photo of a Phunphin activity: the district officer's.
    On.FILE: {"district_own"},
}


@pytest.fixture(scope="module")
def persona_sessions(module_db) -> dict[str, str]:
    """The walk's personas, made and signed in once for the module: persona -> session key
    (empty for the anonymous one). The monitors are two teams of one round over Surat Thani."""
    with module_db.unblock():
        ensure_reference_rows()
        make_centers()
        sessions = {"anonymous": ""}
        for name, user in make_personas().items():
            signed_in = Client()
            signed_in.force_login(user)
            # A request notes the time it was seen at most once a minute; the walk's requests
            # are rolled back, so after the module's first minute each would write it again.
            # Seen an hour ahead, no request of the walk has to.
            session = signed_in.session
            session[SEEN_AT] = int(timezone.now().timestamp()) + 3600
            session.save()
            sessions[name] = session.session_key
        return sessions


def make_personas():
    users = {
        "district_own": make_user("w-phunphin", Role.DISTRICT_OFFICER, district=PHUNPHIN),
        "district_other": make_user("w-chaiya", Role.DISTRICT_OFFICER, district=CHAIYA),
        "province_own": make_user("w-prov84", Role.PROVINCE_OFFICER, province=SURAT_THANI),
        "province_other": make_user(
            "w-prov80", Role.PROVINCE_OFFICER, province=NAKHON_SI_THAMMARAT
        ),
        "member_own": make_user("w-member-a", Role.MONITOR, province=SURAT_THANI),
        "lead_other": make_user("w-lead-b", Role.MONITOR, province=SURAT_THANI),
        "member_other": make_user("w-member-b", Role.MONITOR, province=SURAT_THANI),
        "executive": make_user("w-executive", Role.VIEWER, province=SURAT_THANI),
        "admin": make_user("w-admin", Role.ADMIN, is_staff=True, is_superuser=True),
    }
    round_ = MonitoringRound.objects.get(pk=url_round(SURAT_THANI))
    team_a = round_.teams.get()
    users["lead_own"] = team_a.lead
    team_a.members.add(users["member_own"])
    monitoring_services.team_save(
        round_=round_, name="ทีมบี", lead=users["lead_other"], members=[users["member_other"]]
    )
    # The Phunphin visit is team A's.
    Visit.objects.filter(pk=make_visit(PHUNPHIN)).update(team=team_a)
    return users


def expected(route: Route, persona: str, method: str) -> set[int]:
    """The statuses the table allows for this persona, URL and method."""
    grant = grant_for(route.name, method)
    if grant is None:
        return {405}
    if grant.on == On.PUBLIC:
        # 301: a page's former address, sent on to the page (which then decides).
        return {200, 301, 302}
    if persona == "anonymous":
        # The JSON API answers 401 (authenticate) where a page sends to the login page.
        return {401} if route.namespace == "api" else {302}
    role = ROLE_OF[persona]
    if role not in grant.roles:
        return {403}
    has_object = any(k not in CONSTANTS for k in route.keywords)
    if has_object and grant.on in READS and persona not in READS[grant.on]:
        return {404}
    if method != "GET" and has_object and persona not in WRITES.get(grant.on, {persona}):
        return {403}
    if route.namespace == "api" and method != "GET":
        # Served: the walk's empty body may be refused by the form (422); a delete is 204.
        return {200, 201, 204, 422}
    return {200, 302}


ROLE_OF = {
    "district_own": Role.DISTRICT_OFFICER,
    "district_other": Role.DISTRICT_OFFICER,
    "province_own": Role.PROVINCE_OFFICER,
    "province_other": Role.PROVINCE_OFFICER,
    "lead_own": Role.MONITOR,
    "member_own": Role.MONITOR,
    "lead_other": Role.MONITOR,
    "member_other": Role.MONITOR,
    "executive": Role.VIEWER,
    "admin": Role.ADMIN,
}

# Writes a refused request may still make: its own audit line and the session.
ALLOWED_WRITES = re.compile(r'"?(audit_auditevent|django_session|axes_\w+)"?')
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes_of(queries) -> list[str]:
    found = []
    for query in queries:
        sql = query["sql"]
        if WRITE.match(sql):
            table = re.search(r"(?:INTO|UPDATE|FROM)\s+(\S+)", sql, re.IGNORECASE)
            if not (table and ALLOWED_WRITES.fullmatch(table.group(1))):
                found.append(sql[:160])
    return found


METHODS = [("GET", {}), ("htmx GET", {"HTTP_HX_REQUEST": "true"}), ("POST", {})]
# The JSON API also takes PUT, PATCH and DELETE; its unsafe methods get an empty JSON body.
API_METHODS = [*METHODS, ("PUT", {}), ("PATCH", {}), ("DELETE", {})]


def public_photo() -> str:
    """A product photo of the public catalogue (its page takes the file as ?id=)."""
    from thanrak.evidence.services import evidence_attach
    from thanrak.evidence.tests.factories import image_bytes, upload
    from thanrak.producers.tests.factories import make_product

    photo = upload("สินค้า.png", image_bytes(), "image/png")
    item = evidence_attach(record=make_product(PHUNPHIN), file=photo, user=None, caption="")
    return f"?id={item.pk}"


# Pages that take their object in the query string.
QUERIES: dict[str, Callable[[], str]] = {"catalogue_photo": public_photo}


def url_of(route: Route) -> str:
    kwargs = {}
    for keyword in route.keywords:
        if keyword in CONSTANTS:
            kwargs[keyword] = CONSTANTS[keyword]
        elif keyword in PROVINCE_OBJECTS:
            kwargs[keyword] = PROVINCE_OBJECTS[keyword](SURAT_THANI)
        else:
            kwargs[keyword] = OBJECTS[keyword](PHUNPHIN)
    query = QUERIES[route.name]() if route.name in QUERIES else ""
    return reverse(route.name, kwargs=kwargs) + query


def requests_of(route: Route) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(persona, method label, headers) of the walk of one URL.

    Every persona sends every method the table grants on the URL its role may use. The
    policy middleware decides some answers before the persona's area is looked at, and
    those are sent once for all the personas they hold for:
    - a method the table does not grant (405) is refused before anyone's role is looked
      at: once signed out and once signed in;
    - a role the table does not grant (403) is refused before the view runs: once per role;
    - the htmx GET asks the same view for its fragment: once per role and expected answer.
    """
    methods = API_METHODS if route.namespace == "api" else METHODS
    seen = set()
    for persona in PERSONAS:
        for label, headers in methods:
            kind = request_kind(route, persona, label)
            if kind is not None:
                if kind in seen:
                    continue
                seen.add(kind)
            yield persona, label, headers


def request_kind(route: Route, persona: str, label: str) -> tuple | None:
    """What makes this request the same as another of the URL's walk (see requests_of),
    or None for a request that is sent for every persona."""
    method = label.split()[-1]
    answer = frozenset(expected(route, persona, method))
    role = ROLE_OF.get(persona)
    if answer == {405}:
        return label, role is not None, answer
    grant = grant_for(route.name, method)
    if role is not None and role not in grant.roles:
        return label, role, "role"
    if label == "htmx GET":
        return label, role, answer
    return None


# The links (GET) and forms (their method) of a page.
LINK = re.compile(r'<a\b[^>]*?\bhref="(/[^"#?]*)')
FORM = re.compile(r"<form\b([^>]*)>")
ACTION = re.compile(r'\baction="(/[^"#?]*)')
POST = re.compile(r'\bmethod="post"', re.IGNORECASE)


def refused_links(html: str, persona: str) -> Iterator[tuple[str, str]]:
    """(path, URL name) of each link or form of the page that the persona's role may not
    use: a page never offers what answers «not allowed» (the area is the view's to check)."""
    targets = {(path, "GET") for path in LINK.findall(html)}
    for attributes in FORM.findall(html):
        if action := ACTION.search(attributes):
            targets.add((action.group(1), "POST" if POST.search(attributes) else "GET"))
    role = ROLE_OF.get(persona)
    if role is None:
        return  # a signed-out visitor may be offered a page to sign in for
    for path, method in sorted(targets):
        try:
            match = resolve(path)
        except Resolver404:
            continue  # static files, the media a view serves, an address the page builds
        if match.namespace in DELEGATED_NAMESPACES or not match.url_name:
            continue
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        grant = grant_for(name, method)
        if grant is None or (grant.on != On.PUBLIC and (role is None or role not in grant.roles)):
            yield path, name


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_policy_walk(route, db, client, persona_sessions, media_root):
    url = url_of(route)
    # The address reaches this pattern, not one listed before it.
    assert resolve(url.partition("?")[0]).route == route.route
    wrong = []
    for persona, label, headers in requests_of(route):
        # Each request signs in afresh: a request before may have signed out or rotated the
        # session (its database rows are rolled back, the client's cookie is not).
        if persona_sessions[persona]:
            client.cookies[settings.SESSION_COOKIE_NAME] = persona_sessions[persona]
        else:
            client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        method = label.split()[-1]
        allowed = expected(route, persona, method)
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            if route.namespace == "api" and method != "GET":
                call = getattr(client, method.lower())
                response = call(url, "{}", content_type="application/json", **headers)
            else:
                call = client.post if method == "POST" else client.get
                response = call(url, **headers)
            transaction.set_rollback(True)
        status = response.status_code
        if status not in allowed:
            wrong.append(f"{persona} {label} {url}: {status}, expected {sorted(allowed)}")
        if status == 200 and response["Content-Type"].startswith("text/html"):
            wrong += [
                f"{persona} {label} {url} offers {target} ({name}), which it may not use"
                for target, name in refused_links(response.content.decode(), persona)
            ]
        refused = not allowed & {200, 302} or (allowed <= {302, 401} and persona == "anonymous")
        if refused and (written := writes_of(queries.captured_queries)):
            wrong.append(f"{persona} {label} {url} was refused but wrote: {written}")
    assert not wrong, "\n".join(wrong)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
