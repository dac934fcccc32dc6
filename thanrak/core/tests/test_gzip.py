"""Pages are gzipped at the house level, with the header padding against BREACH."""

import gzip

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_page_is_gzipped_whole_with_a_padded_header(client, centers):
    plain = client.get(reverse("about"))
    headers = {"Accept-Encoding": "gzip, deflate"}
    sizes = set()
    for _ in range(5):
        response = client.get(reverse("about"), headers=headers)
        assert response["Content-Encoding"] == "gzip"
        assert response["Content-Length"] == str(len(response.content))
        assert "Accept-Encoding" in response["Vary"]
        # The FNAME flag: a file name of random length pads the header.
        assert response.content[3] & gzip.FNAME
        text = gzip.decompress(response.content).decode()
        assert text.count("<footer") == 1 and len(text) == len(plain.text)
        sizes.add(len(response.content))
    assert len(sizes) > 1


@pytest.mark.django_db
def test_a_client_without_gzip_gets_the_page_as_it_is(client, centers):
    response = client.get(reverse("about"))
    assert not response.has_header("Content-Encoding")
    assert "<footer" in response.text
