import pytest

from tests.conftest import browser_context  # noqa: F401


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
