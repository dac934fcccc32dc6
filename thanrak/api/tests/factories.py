"""URL objects of the API for the policy walk (tests/test_policy.py)."""

from thanrak.monitoring.models import Visit
from thanrak.monitoring.tests.factories import make_visit


def url_checklist_item(district_code: str) -> int:
    """An item of the checklist of the district's visit (the walk's visit)."""
    visit = Visit.objects.get(pk=make_visit(district_code))
    return visit.round.checklist.first().pk


URL_OBJECTS = {"checklist_item": url_checklist_item}
