"""Each test starts with no requests counted against the rate limit.

Tokens of different tests get the same ids (each test's rows are rolled back), and the
limit is counted per token in the cache, which outlives a test."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def no_requests_counted():
    cache.clear()
    yield
    cache.clear()
