"""Every URL that takes an object id or code keeps to the user's area.

The URL patterns are collected from the resolver, so a new URL is covered as soon as
it exists. Each URL keyword names what it identifies; OBJECTS says how to make one of
that kind in Phunphin (own) and in Chaiya (other). A keyword missing from OBJECTS
fails the test until it is added here.
"""

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import CHAIYA, NAKHON_DISTRICT, PHUNPHIN
from thanrak.centers.records import KINDS
from thanrak.centers.tests.factories import record_pk
from thanrak.evidence.tests.factories import make_evidence


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

# Pages where the province, not the district, writes a district's records (budget
# allocations): checked with the Surat Thani province officer, own = a Surat Thani
# district, other = a district of another province.
PROVINCE_WRITES = {
    f"centers:{kind.key}_{action}"
    for kind in KINDS.values()
    if kind.writer == "province"
    for action in ("create", "edit", "delete")
}

# Keywords whose objects belong to a province, checked with province officers.
PROVINCE_OBJECTS: dict[str, Callable[[str], object]] = {
    "province": lambda code: code,
    **app_url_objects("PROVINCE_URL_OBJECTS"),
}

# Keywords that name no object of an area (a rule, a fiscal year): one fixed value,
# the same for own and other.
CONSTANTS: dict[str, object] = {"rule": "R3", "fiscal_year": 2563}


def kwargs_for(route, objects, code: str) -> dict[str, object]:
    return {k: CONSTANTS[k] if k in CONSTANTS else objects[k](code) for k in route.keywords}


# Patterns left out, each with its reason.
EXCLUDED_NAMESPACES = {"admin": "staff-only, nationwide administrators"}
EXCLUDED_NAMES = {
    "password_reset_confirm": "identified by a signed token, not by area",
}


@dataclass
class Route:
    name: str
    keywords: tuple[str, ...]
    route: str


def walk(patterns, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            keywords = tuple(entry.pattern.converters)
            if keywords and entry.name not in EXCLUDED_NAMES:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield Route(name, keywords, prefix + str(entry.pattern))


ROUTES = list(walk(get_resolver().url_patterns))


def test_routes_are_found():
    names = {r.name for r in ROUTES}
    assert "centers:district" in names
    assert "centers:province" in names


def test_every_keyword_is_known():
    unknown = {
        (r.route, k)
        for r in ROUTES
        for k in r.keywords
        if k not in OBJECTS and k not in PROVINCE_OBJECTS and k not in CONSTANTS
    }
    assert not unknown, f"Add these URL keywords to OBJECTS or PROVINCE_OBJECTS: {sorted(unknown)}"


def fetch(client, url):
    """GET the URL; for POST-only views, POST it."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


DISTRICT_ROUTES = [r for r in ROUTES if not set(r.keywords) & set(PROVINCE_OBJECTS)]
PROVINCE_ROUTES = [r for r in ROUTES if set(r.keywords) & set(PROVINCE_OBJECTS)]


@pytest.mark.parametrize("route", DISTRICT_ROUTES, ids=lambda r: r.name)
def test_phunphin_officer_gets_own_object_and_404_for_chaiya(
    route, client, phunphin_officer, province_officer
):
    if route.name in PROVINCE_WRITES:
        client.force_login(province_officer)
        other_code = NAKHON_DISTRICT
    else:
        client.force_login(phunphin_officer)
        other_code = CHAIYA
    own = reverse(route.name, kwargs=kwargs_for(route, OBJECTS, PHUNPHIN))
    other = reverse(route.name, kwargs=kwargs_for(route, OBJECTS, other_code))
    assert fetch(client, other).status_code == 404, other
    response = client.get(own)
    assert response.status_code in (200, 405), own
    if response.status_code == 405:
        assert client.post(own).status_code not in (403, 404), own


@pytest.mark.parametrize("route", PROVINCE_ROUTES, ids=lambda r: r.name)
def test_province_officer_gets_own_province_and_404_for_another(
    route, client, province_officer, phunphin_officer
):
    own = reverse(route.name, kwargs=kwargs_for(route, PROVINCE_OBJECTS, "84"))
    other = reverse(route.name, kwargs=kwargs_for(route, PROVINCE_OBJECTS, "80"))
    client.force_login(province_officer)
    assert fetch(client, other).status_code == 404, other
    assert client.get(own).status_code == 200, own
    client.force_login(phunphin_officer)
    assert fetch(client, own).status_code == 404, own
