"""A transactional test ends by flushing every table; the next database test still finds
Thailand's areas and the rows the migrations wrote (the committee's standard positions),
whichever test the process runs next."""

import pytest
from django.core.management import call_command

from conftest import ensure_reference_rows
from thanrak.areas.models import District, Province, Subdistrict
from thanrak.centers.models import StructurePosition


def counts() -> tuple[int, ...]:
    positions = StructurePosition.objects.filter(center=None)
    return (
        Province.objects.count(),
        District.objects.count(),
        Subdistrict.objects.count(),
        positions.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_the_rows_a_flush_removed_are_put_back():
    ensure_reference_rows()
    before = counts()
    names = list(
        StructurePosition.objects.filter(center=None)
        .order_by("order")
        .values_list("name", flat=True)
    )
    call_command("flush", interactive=False, verbosity=0)
    assert counts() == (0, 0, 0, 0)

    ensure_reference_rows()

    assert counts() == before
    assert before[0] == 77 and before[3] == 8
    assert names[:2] == ["ประธาน", "เลขานุการ"]
    assert (
        list(
            StructurePosition.objects.filter(center=None)
            .order_by("order")
            .values_list("name", flat=True)
        )
        == names
    )
