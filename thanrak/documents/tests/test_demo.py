import pytest
from django.utils import translation

from thanrak.areas.models import Province
from thanrak.centers.models import Report
from thanrak.demo.documents import load_documents
from thanrak.demo.monitoring import load_monitoring
from thanrak.documents.models import Letter
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = pytest.mark.django_db


def test_demo_letter_is_linked_to_the_round_reports_in_every_state_and_idempotent(
    centers, province_officer
):
    province = Province.objects.get(pk="84")
    for center in centers.values():
        if center.district.province_id == "84":
            for quarter in (1, 2, 3, 4):
                Report.objects.create(
                    center=center, fiscal_year=2563, quarter=quarter, status="submitted"
                )
    seed_team_users()
    with translation.override("th"):
        assert load_documents(province, province_officer) is None  # no round yet
        rnd = load_monitoring(province, province_officer)
        letter = load_documents(province, province_officer)
        again = load_documents(province, province_officer)
    assert letter == again and Letter.objects.count() == 1
    assert letter.round == rnd and letter.number == "สฎ 0019.03/ว.6555"
    states = set(Report.objects.values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "accepted"}
