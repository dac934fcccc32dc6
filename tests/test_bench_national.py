"""The national benchmark's load test (bench/national.py): each role gets pages that open."""

from bench import national


def test_every_role_gets_pages_that_answer_200(
    phunphin_officer, chaiya_officer, province_officer, monitor, viewer, admin_user
):
    data = national.accounts(limit=5)
    assert [entry["username"] for entry in data["roles"]["district_officer"]] == [
        "phunphin",
        "chaiya",
    ]
    assert [entry["username"] for entry in data["roles"]["province_officer"]] == ["prov84"]
    assert [entry["username"] for entry in data["roles"]["executive"]] == ["executive"]
    assert data["roles"]["monitor"][0]["username"] == "pichai"
    # Every public page and every page of the first account of each role answers 200
    # (BenchError otherwise): a renamed URL or a tightened policy shows here, not in a run.
    national.check_accounts(data)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert national.percentile(values, 0.95) == 19.0
    assert national.percentile(values, 0.5) == 10.0
    assert national.percentile([5.0], 0.95) == 5.0


def test_the_executives_search_and_the_catalogue_photo_answer(centers, settings, tmp_path):
    from django.urls import reverse

    from conftest import PHUNPHIN
    from thanrak.evidence.services import evidence_attach
    from thanrak.evidence.tests.factories import image_bytes, upload
    from thanrak.producers.tests.factories import make_product

    settings.MEDIA_ROOT = tmp_path / "media"
    product = make_product(PHUNPHIN)
    for name in ("first.png", "second.png"):
        photo = upload(name, image_bytes(), "image/png")
        evidence_attach(record=product, file=photo, user=None, caption="")

    viewer = national.nationwide_viewer()
    assert viewer.scope == "nation" and viewer.role == "viewer"
    search = f"{reverse('producers:search')}?q=ไข่เค็ม"
    assert product.name in national.get_ok(national.client_for(viewer), search).decode()
    url = national.catalogue_photo_url()
    assert url.endswith(f"?id={product.evidence.order_by('id').first().pk}")
    assert national.get_ok(national.client_for(None), url).startswith(b"\xff\xd8")
