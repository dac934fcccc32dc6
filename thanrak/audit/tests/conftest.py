from tests.conftest import browser_context  # noqa: F401
