from django.urls import reverse


def test_landing_is_thai_by_default(client, areas):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    assert '<html lang="th"' in response.text
    assert "ศูนย์บริการส่งเสริมเศรษฐกิจฐานราก" in response.text


def test_language_switch_to_english_and_back(client, areas):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en"' in response.text
    assert "Grassroots Economy Promotion Service Centers" in response.text
    response = client.post(reverse("set_language"), {"language": "th", "next": "/"}, follow=True)
    assert '<html lang="th"' in response.text


def test_about_page_credits_geothai_and_its_licence(client, areas):
    response = client.get(reverse("about"))
    assert "GeoThai" in response.text
    assert "CC BY 4.0" in response.text
    assert "77" in response.text


def test_unknown_page_is_a_thai_404(client, areas):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.text


def test_every_public_page_answers_head_like_get_without_a_body(client, settings, areas):
    # Link checkers and uptime probes ask with HEAD; signed-in pages already answer it.
    settings.PUBLIC_CACHE_SECONDS = 60
    for url in [reverse("landing"), reverse("about"), reverse("catalogue")]:
        got = client.get(url)
        head = client.head(url)
        assert (head.status_code, head.content) == (200, b""), url
        for header in ("Content-Type", "Cache-Control", "Content-Security-Policy"):
            assert head.get(header) == got.get(header), (url, header)
