import pytest

from tests.conftest import browser_context  # noqa: F401


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded test files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def phunphin(centers):
    return centers["8417"]


@pytest.fixture
def chaiya(centers):
    return centers["8406"]
