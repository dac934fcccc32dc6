import io

from django.core.management import call_command
from django.db.models import Count

from thanrak.accounts.models import Role, User
from thanrak.centers.models import Center, CommitteeMember, ProvinceOffice
from thanrak.demo.data import PASSWORD


def test_demo_has_19_centers_and_every_role(demo):
    assert Center.objects.filter(district__province="84").count() == 19
    assert ProvinceOffice.objects.get(province="84").book_prefix == "สฎ 0019.03"
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    phunphin = User.objects.get(username="phunphin")
    assert phunphin.district_id == "8417" and phunphin.check_password(PASSWORD)
    assert User.objects.get(username="chaiya").district_id == "8406"
    assert {"pichai", "paisit"} <= set(
        User.objects.filter(role=Role.MONITOR).values_list("username", flat=True)
    )
    assert "phunphin" in demo.output and PASSWORD in demo.output


def test_demo_is_idempotent_and_keeps_changed_passwords(demo):
    user = User.objects.get(username="phunphin")
    user.set_password("changed-by-officer")
    user.save()
    call_command("load_demo", stdout=io.StringIO())
    assert User.objects.filter(username="phunphin").count() == 1
    assert Center.objects.filter(district__province="84").count() == 19
    user.refresh_from_db()
    assert user.check_password("changed-by-officer")


def test_no_one_sits_twice_on_a_committee_of_the_demo(demo):
    seats = CommitteeMember.objects.values("term", "name").annotate(seats=Count("id"))
    assert not [seat for seat in seats if seat["seats"] > 1]
