import pytest
from django.test.utils import override_settings
from django.utils import translation

from conftest import ensure_reference_rows, make_centers
from tests.conftest import browser_context  # noqa: F401
from thanrak.areas.models import Province
from thanrak.demo.monitoring import load_monitoring
from thanrak.monitoring.models import MonitoringRound
from thanrak.monitoring.tests.factories import seed_team_users


@pytest.fixture
def team_users(centers):
    return seed_team_users()


def _load_round() -> MonitoringRound:
    with translation.override("th"):
        return load_monitoring(Province.objects.get(pk="84"))


@pytest.fixture(scope="module")
def _module_round(request, tmp_path_factory):
    """The seed's round made once for a module, its tests each in a savepoint (module_db).

    A module of transactional tests (the browser's, on a live server) commits what it
    writes: there each test loads the round itself."""
    if any(mark.kwargs.get("transaction") for mark in request.node.iter_markers("django_db")):
        return None
    module_db = request.getfixturevalue("module_db")
    media = tmp_path_factory.mktemp("round-media")
    with module_db.unblock(), override_settings(MEDIA_ROOT=media):
        ensure_reference_rows()
        make_centers()
        seed_team_users()
        return _load_round().pk, media


@pytest.fixture
def demo_round(request, _module_round, team_users, settings):
    """The seed's round: 19 visits, two teams, findings at three visits."""
    if _module_round is None:
        request.getfixturevalue("media_root")
        return _load_round()
    pk, settings.MEDIA_ROOT = _module_round
    return MonitoringRound.objects.get(pk=pk)


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
