"""A number beyond any database key, sent as a chosen record, is refused, not a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from thanrak.centers.models import Meeting

pytestmark = pytest.mark.django_db


def test_a_meeting_with_an_attendee_id_beyond_any_key_is_refused_in_thai(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {"date": "5/1/2563", "title": "ประชุมคณะทำงาน", "attendees": ["99999999999999999999"]},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 200
    assert "99999999999999999999" in response.context["form"].errors["attendees"][0]
    assert not Meeting.objects.filter(date=dt.date(2020, 1, 5)).exists()
