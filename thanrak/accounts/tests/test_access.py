import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from conftest import CHAIYA, NAKHON_DISTRICT, PHUNPHIN
from thanrak.accounts import access
from thanrak.accounts.models import Role, Scope, User
from thanrak.areas.models import District


def codes(user):
    return set(access.readable_districts(user).values_list("code", flat=True))


def test_district_officer_reads_only_their_district(phunphin_officer):
    assert codes(phunphin_officer) == {PHUNPHIN}
    assert access.get_district_for_user(phunphin_officer, PHUNPHIN).code == PHUNPHIN
    with pytest.raises(Http404):
        access.get_district_for_user(phunphin_officer, CHAIYA)


def test_province_officer_reads_every_district_of_the_province_only(province_officer):
    readable = codes(province_officer)
    assert len(readable) == 19
    assert NAKHON_DISTRICT not in readable
    with pytest.raises(Http404):
        access.get_district_for_user(province_officer, NAKHON_DISTRICT)


def test_only_the_district_officer_writes_district_records(
    phunphin_officer, chaiya_officer, province_officer
):
    phunphin = District.objects.get(pk=PHUNPHIN)
    assert access.can_write_district(phunphin_officer, phunphin)
    assert not access.can_write_district(chaiya_officer, phunphin)
    assert not access.can_write_district(province_officer, phunphin)
    with pytest.raises(Http404):
        access.get_district_for_user(province_officer, PHUNPHIN, write=True)


def test_district_officer_gets_no_province(phunphin_officer, province_officer):
    with pytest.raises(Http404):
        access.get_province_for_user(phunphin_officer, "84")
    assert access.get_province_for_user(province_officer, "84").code == "84"
    with pytest.raises(Http404):
        access.get_province_for_user(province_officer, "80")


def test_nationwide_admin_reads_everything(admin_user):
    assert access.readable_districts(admin_user).count() == 928
    assert admin_user.scope == Scope.NATION


def test_inactive_user_reads_nothing(phunphin_officer):
    phunphin_officer.is_active = False
    assert codes(phunphin_officer) == set()


def test_restrict_follows_a_path(phunphin_officer, centers):
    from thanrak.centers.models import Center

    visible = access.restrict(Center.objects.all(), phunphin_officer, "district")
    assert list(visible.values_list("district_id", flat=True)) == [PHUNPHIN]


def test_role_must_match_scope(areas):
    user = User(username="x", role=Role.DISTRICT_OFFICER, province_id="84")
    with pytest.raises(ValidationError):
        user.clean()
    user = User(username="y", role=Role.DISTRICT_OFFICER, district_id=PHUNPHIN)
    user.clean()
    assert user.province_id == "84"
