"""The shared demo fixture: one load for the tests that ask for it, each of them starting from
the pristine demo, and no other test seeing it."""

from thanrak.accounts.models import User
from thanrak.centers.models import Center

seen: dict[str, int] = {}


def test_a_demo_test_may_change_the_demo(demo):
    seen["loads"] = demo.loads
    User.objects.filter(username="phunphin").delete()
    Center.objects.filter(district="8406").update(phone="0 0000 0000")


def test_the_next_demo_test_starts_from_the_pristine_demo_without_loading_it_again(demo):
    assert User.objects.filter(username="phunphin").exists()
    assert not Center.objects.filter(phone="0 0000 0000").exists()
    assert demo.loads == seen.get("loads", demo.loads)


def test_a_test_that_does_not_ask_for_the_demo_does_not_see_it(db, _shared_demo):
    assert not _shared_demo.active
    assert not User.objects.filter(username__in=["phunphin", "province", "admin"]).exists()
    assert not Center.objects.exists()
