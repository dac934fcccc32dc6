"""manage.py warm_figures: the first reader of the day finds the figures already counted."""

import io

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PHUNPHIN, SURAT_THANI
from thanrak.rules.tests.factories import complete_year

FY = 2563


@pytest.fixture
def kept(settings):
    settings.RULES_CACHE_SECONDS = 3600
    settings.DASHBOARD_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    # The session notes the last request at most once a minute: not the page's cost.
    return len([q for q in context.captured_queries if '"django_session"' not in q["sql"]])


def test_after_warming_the_first_reader_of_each_page_counts_nothing(
    kept, centers, login, admin_user, province_officer
):
    complete_year(centers[PHUNPHIN], FY)
    query = f"?fy={FY}"
    pages = [
        (admin_user, reverse("dashboards:nation") + query),
        (admin_user, reverse("rules:nation") + query),
        # The province's pages list its districts in other orders: the rules' results
        # kept for the nation serve them too.
        (province_officer, reverse("rules:compliance", args=[SURAT_THANI]) + query),
        (province_officer, reverse("dashboards:province", args=[SURAT_THANI]) + query),
    ]

    def costs(*, cold: bool = False) -> list[int]:
        counted = []
        for user, url in pages:
            if cold:
                cache.clear()
            counted.append(page_queries(login(user), url))
        return counted

    out = io.StringIO()
    call_command("warm_figures", "--fy", str(FY), stdout=out)
    assert "rules 2563 th:" in out.getvalue() and "dashboards 2563 en:" in out.getvalue()
    first = costs()
    assert first == costs()  # as cheap as a page read again
    assert all(cold > warm for cold, warm in zip(costs(cold=True), first, strict=True))


def test_a_year_written_the_gregorian_way_is_refused(kept, areas):
    with pytest.raises(CommandError, match="B.E. fiscal year"):
        call_command("warm_figures", "--fy", "2020", stdout=io.StringIO())


def test_nothing_is_counted_when_nothing_is_kept(settings, areas):
    settings.RULES_CACHE_SECONDS = settings.DASHBOARD_CACHE_SECONDS = 0
    out = io.StringIO()
    call_command("warm_figures", stdout=out)
    assert out.getvalue().startswith("Nothing is kept")
