import pytest
from django.utils import translation

from tests.conftest import browser_context  # noqa: F401
from thanrak.areas.models import Province
from thanrak.demo.monitoring import load_monitoring
from thanrak.monitoring.tests.factories import seed_team_users


@pytest.fixture
def team_users(centers):
    return seed_team_users()


@pytest.fixture
def demo_round(team_users, media_root):
    """The seed's round: 19 visits, two teams, findings at three visits."""
    with translation.override("th"):
        return load_monitoring(Province.objects.get(pk="84"))


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
