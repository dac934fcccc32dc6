"""The `demo` fixture: Surat Thani's demo (`manage.py load_demo`), loaded once per test process.

Loading the demo takes several seconds, so it is loaded once into an open transaction and
every test that asks for `demo` runs in a savepoint inside it, rolled back after the test:
each one starts from the pristine demo. Before the first database test that does not ask
for it, the transaction is rolled back and the demo is gone, so no other test ever sees it
(its counts and assumptions stay right). A test that needs committed data (a transactional
or live-server test) cannot have it and loads the demo itself.

The tests that ask for the demo are collected first, so they run one after the other: in one
process, and under pytest-xdist's `--dist worksteal` (`make test`) at the head of the first
worker's half, which no other worker steals from (it takes from the tail). Not `--dist
loadgroup`: with pytest 9.2 it no longer groups, pytest-xdist issue #1386.

The `module_db` fixture does the same for rows a test module makes for all its tests (a
module-scoped fixture asks for it and writes inside ``module_db.unblock()``): they are made
once in a transaction open from the module's first test that needs them to its last, each
test runs in a savepoint inside it, and the rows are rolled back after the module.
"""

import io
import shutil
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from pytest_django.fixtures import validate_django_db

DEMO = "demo"


class SharedDemo:
    """The demo in an outer transaction of the test database, loaded on demand."""

    def __init__(self, blocker, media_root: Path) -> None:
        self.blocker = blocker
        self.media_root = media_root
        self.output = ""
        self.loads = 0
        self._atomic = None

    @property
    def active(self) -> bool:
        return self._atomic is not None

    def load(self) -> None:
        from conftest import ensure_reference_rows  # the root conftest loads this plugin

        # Put back by the first test after a transactional test's flush; this may be it.
        ensure_reference_rows()
        shutil.rmtree(self.media_root, ignore_errors=True)
        self.media_root.mkdir(parents=True)
        out = io.StringIO()
        with override_settings(MEDIA_ROOT=str(self.media_root)):
            call_command("load_demo", stdout=out)
        self.output = out.getvalue()
        self.loads += 1

    def enter(self) -> None:
        if self.active:
            return
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                self.load()
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                raise
        self._atomic = atomic

    def leave(self) -> None:
        if not self.active:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    # The same reading of the test as pytest-django's own database fixture.
    marker = request.node.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_others = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    names = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(names & set(request.fixturenames))


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    shared = SharedDemo(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    yield shared
    shared.leave()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    # Before each database test begins its own transaction (pytest-django's helper fixture):
    # the shared demo is put in place if the test asks for it, and rolled back if not.
    if fixturedef.argname == "_django_db_helper":
        shared = request.getfixturevalue("_shared_demo")
        wants_demo = DEMO in request.fixturenames and not _is_transactional(request)
        if ModuleData.active and (wants_demo or _is_transactional(request)):
            pytest.fail(
                "A module's shared rows (module_db) are in an open transaction: a "
                "transactional or demo test belongs in another module."
            )
        if wants_demo:
            shared.enter()
        else:
            shared.leave()
    return (yield)


class ModuleData:
    """Rows a test module shares, in a transaction rolled back after its last test."""

    active = False

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self._atomic = None

    def unblock(self):
        """Database access for the module-scoped fixture that makes the rows."""
        return self.blocker.unblock()

    def enter(self) -> None:
        with self.blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
        ModuleData.active = True

    def leave(self) -> None:
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        ModuleData.active = False


@pytest.fixture(scope="module")
def module_db(_shared_demo, django_db_blocker) -> ModuleData:
    """An open transaction for the rows a module's tests share (not with `demo`)."""
    _shared_demo.leave()
    shared = ModuleData(django_db_blocker)
    shared.enter()
    yield shared
    shared.leave()


@pytest.fixture
def demo(db, _shared_demo, settings) -> SharedDemo:
    """Surat Thani's demo as `manage.py load_demo` leaves it; `.output` is what it printed."""
    if not _shared_demo.active:
        pytest.fail(
            "The shared demo lives in a transaction: a transactional or live-server test "
            "loads the demo itself (as core/tests/test_backup.py does on PostgreSQL)."
        )
    settings.MEDIA_ROOT = str(_shared_demo.media_root)
    return _shared_demo


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # The demo's tests first and together: one load per process. (pytest-django's sort by
    # kind of test, which runs after this, keeps them first.)
    wanted = [item for item in items if DEMO in getattr(item, "fixturenames", ())]
    chosen = set(wanted)
    items[:] = wanted + [item for item in items if item not in chosen]
