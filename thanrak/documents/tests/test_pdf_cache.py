"""A PDF made is kept under a digest of its HTML: the same HTML again is not laid out again."""

import pytest
from django.core.cache import cache

from thanrak.documents import render

HTML = "<html><body><p>ศูนย์บริการส่งเสริมเศรษฐกิจฐานราก</p></body></html>"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_same_html_again_gives_the_pdf_kept(settings):
    settings.PDF_CACHE_SECONDS = 600
    pdf = render.html_to_pdf(HTML)
    assert pdf.startswith(b"%PDF")
    key = render.pdf_cache_key([HTML])
    assert cache.get(key) == pdf
    # What is kept is what is served: nothing is laid out again.
    cache.set(key, b"%PDF-kept", 600)
    assert render.html_to_pdf(HTML) == b"%PDF-kept"
    told = []
    assert render.html_to_pdf([HTML], on_part=lambda done, total: told.append((done, total)))
    assert told == [(1, 1)]


def test_other_html_or_other_parts_are_other_documents(settings):
    settings.PDF_CACHE_SECONDS = 600
    cache.set(render.pdf_cache_key([HTML]), b"%PDF-kept", 600)
    other = HTML.replace("ฐานราก", "ชุมชน")
    assert render.html_to_pdf(other).startswith(b"%PDF-1")
    assert render.pdf_cache_key([HTML, HTML]) != render.pdf_cache_key([HTML])
    assert render.pdf_cache_key([HTML + HTML]) != render.pdf_cache_key([HTML, HTML])


def test_nothing_is_kept_when_turned_off_or_too_large(settings, monkeypatch):
    settings.PDF_CACHE_SECONDS = 0
    cache.set(render.pdf_cache_key([HTML]), b"%PDF-kept", 600)
    assert render.html_to_pdf(HTML).startswith(b"%PDF-1")
    cache.clear()
    settings.PDF_CACHE_SECONDS = 600
    monkeypatch.setattr(render, "PDF_MAX_KEPT_BYTES", 100)
    render.html_to_pdf(HTML)
    assert cache.get(render.pdf_cache_key([HTML])) is None
