"""Shared test fixtures: Thailand's areas and the named personas of the suite.

Personas: the province officer of Surat Thani, the district officers of Phunphin
(8417) and Chaiya (8406), a monitoring team member, an executive viewer, the province
officer of Nakhon Si Thammarat (80) and a nationwide administrator. The `demo` fixture
(tests/shared_demo.py) gives a test Surat Thani's whole demo, loaded once per process.
"""

import gc
from importlib import import_module

import pytest
from _pytest import runner
from django.apps import apps as django_apps
from django.conf import settings
from django.db.models import Q
from django.utils import translation
from simple_history.utils import bulk_create_with_history

from tests.area_rows import load_areas
from tests.deep_stack import run_deep
from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province
from thanrak.centers.models import Center, StructurePosition
from thanrak.rules.models import RulesStamp

standard_positions = import_module("thanrak.centers.migrations.0002_standard_positions")

# The `demo` fixture: Surat Thani's demo, loaded once per test process.
pytest_plugins = ["tests.shared_demo"]


def pytest_collection_finish(session):
    # What is loaded by now (Django, the apps, every test module) stays for the whole run:
    # frozen, the full garbage collections no longer walk it, and with higher thresholds they
    # come less often. Measured: 19 s of collections in the two test processes became 7 s.
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """Each test starts in the site's language. A request activates the language its cookie
    asks for and leaves it active in the thread (as Django's own LocaleMiddleware does):
    a test that asked for English would otherwise leave English to the next."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    # pytest's own run of a test (setup, call, teardown, reports), on a stack that does not
    # keep handing chunks back to the system (tests/deep_stack.py).
    return run_deep(lambda: runner.pytest_runtest_protocol(item, nextitem))


PASSWORD = "correct-horse-battery"

PHUNPHIN = "8417"
CHAIYA = "8406"
SURAT_THANI = "84"
NAKHON_SI_THAMMARAT = "80"
NAKHON_DISTRICT = "8001"


def ensure_reference_rows() -> None:
    """What every database test may count on: Thailand's areas (`load_areas`) and the rows
    the migrations write (the guideline's committee positions). A transactional test's
    flush empties every table; the next test that needs them puts them back."""
    if not Province.objects.exists():
        load_areas()
    if not StructurePosition.objects.filter(center=None).exists():
        standard_positions.add_positions(django_apps, None)


@pytest.fixture(scope="session")
def _test_db_template(django_db_use_migrations, django_db_keepdb):
    """On SQLite, the migrated test database with its areas copied from var/test-db/."""
    from tests.template_db import Template

    if not (django_db_use_migrations and not django_db_keepdb and Template.usable()):
        return None
    template = Template()
    template.listen()
    return template


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, _test_db_template):
    """pytest-django's, and the test database's template put in place before it is made."""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _test_db_template):
    # Areas are reference data every test needs: load them once per run.
    with django_db_blocker.unblock():
        ensure_reference_rows()
        if _test_db_template:
            _test_db_template.finish()
    yield
    # The live server's thread keeps its own connection for the whole session; on
    # PostgreSQL it would stop the test database from being dropped.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def areas(db):
    ensure_reference_rows()


def make_centers() -> dict[str, Center]:
    """A center for every Surat Thani district and one in Nakhon Si Thammarat."""
    wanted = District.objects.filter(Q(province=SURAT_THANI) | Q(pk=NAKHON_DISTRICT))
    missing = sorted(
        wanted.filter(center__isnull=True).values_list("code", "province"),
        key=lambda row: row[0] == NAKHON_DISTRICT,
    )
    # In bulk, with what one save each would leave: a history row per center and the
    # provinces' rules stamps renewed.
    bulk_create_with_history([Center(district_id=code) for code, _ in missing], Center)
    RulesStamp.touch(province for _, province in missing)
    return {c.district_id: c for c in Center.objects.select_related("district")}


@pytest.fixture
def centers(areas):
    """A center for every Surat Thani district and one in Nakhon Si Thammarat."""
    return make_centers()


def make_user(
    username: str, role: str, *, province: str | None = None, district: str | None = None, **extra
) -> User:
    if district:
        province = District.objects.get(pk=district).province_id
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.go.th",
        role=role,
        province_id=province,
        district_id=district,
        **extra,
    )
    return user


# The personas the fixtures below return, made by make_persona (also for module-wide rows).
PERSONAS = {
    "province_officer": {
        "username": "prov84",
        "role": Role.PROVINCE_OFFICER,
        "province": SURAT_THANI,
        "first_name": "ศิริพร",
        "last_name": "เกษมสุข",
    },
    "phunphin_officer": {
        "username": "phunphin",
        "role": Role.DISTRICT_OFFICER,
        "district": PHUNPHIN,
        "first_name": "กนกพร",
        "last_name": "วงศ์สวัสดิ์",
    },
    "chaiya_officer": {
        "username": "chaiya",
        "role": Role.DISTRICT_OFFICER,
        "district": CHAIYA,
        "first_name": "สมชาย",
        "last_name": "ใจดี",
    },
}


def make_persona(name: str) -> User:
    return make_user(**PERSONAS[name])


@pytest.fixture
def province_officer(centers):
    return make_persona("province_officer")


@pytest.fixture
def phunphin_officer(centers):
    return make_persona("phunphin_officer")


@pytest.fixture
def chaiya_officer(centers):
    return make_persona("chaiya_officer")


@pytest.fixture
def monitor(centers):
    return make_user("pichai", Role.MONITOR, province=SURAT_THANI, first_name="พิชัย")


@pytest.fixture
def viewer(centers):
    return make_user("executive", Role.VIEWER, province=SURAT_THANI)


@pytest.fixture
def other_province_officer(centers):
    return make_user("prov80", Role.PROVINCE_OFFICER, province=NAKHON_SI_THAMMARAT)


@pytest.fixture
def admin_user(centers):
    return make_user("root", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def login(client):
    """Log the test client in as a persona and return it."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login
