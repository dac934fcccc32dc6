"""On a phone the compliance matrix's district column is narrow: a district's name may go
to the next line after «อำเภอ», never break inside itself («อำเภอเคียน|ซา»)."""

import pytest

from conftest import SURAT_THANI
from tests.conftest import PHONE, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each name: the line boxes it takes, and those of the link it ends («อำเภอ» and the name).
LINES = """() => Array.from(document.querySelectorAll("table.compliance th[scope=row] a > .nobreak:last-child")).map(
  (name) => [name.textContent, name.getClientRects().length,
             name.closest("a").getClientRects().length])"""


def test_district_names_break_only_after_the_prefix_on_a_phone(
    browser_context, live_server, centers, province_officer
):
    page = signed_in_page(browser_context, live_server, province_officer, PHONE)
    page.goto(f"{live_server.url}/provinces/{SURAT_THANI}/compliance/")
    names = page.evaluate(LINES)
    assert len(names) == 19 and "เคียนซา" in [name for name, _lines, _link in names]
    assert [name for name, lines, _link in names if lines != 1] == []
    # The column is narrow enough that names do go to a line of their own after «อำเภอ».
    assert any(link > 1 for _name, _lines, link in names)
    page.close()
