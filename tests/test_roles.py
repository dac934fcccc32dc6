"""The policy's rules that need real data to show: what each role sees and may not do."""

from django.urls import reverse

from conftest import PHUNPHIN, SURAT_THANI, make_user
from thanrak.accounts.models import Role
from thanrak.documents.models import GeneratedDocument
from thanrak.monitoring.tests.factories import make_round
from thanrak.producers.tests.factories import FAKE_CITIZEN_ID, make_group


def test_province_wide_readers_ask_for_the_consolidated_report_and_monitors_do_not(
    login, province_officer, viewer, monitor, admin_user
):
    """Asking for the report to be made is reading it: executives may; monitors read districts."""
    url = reverse("documents:generated_list", args=[SURAT_THANI])
    data = {"kind": GeneratedDocument.Kind.CONSOLIDATED_PDF, "fiscal_year": 2563}
    assert login(monitor).post(url, data).status_code == 403
    assert login(monitor).post(url, data, HTTP_HX_REQUEST="true").status_code == 403
    assert not GeneratedDocument.objects.exists()
    for user in (province_officer, viewer, admin_user):
        assert login(user).post(url, data).status_code == 302
    assert GeneratedDocument.objects.count() == 3
    # Only the consolidated report is made here: another kind asked for is not.
    login(viewer).post(url, {**data, "kind": GeneratedDocument.Kind.EXPORT})
    assert set(GeneratedDocument.objects.values_list("kind", flat=True)) == {
        GeneratedDocument.Kind.CONSOLIDATED_PDF
    }


def test_a_monitor_sees_report_pages_only_for_the_districts_of_their_rounds(login, centers):
    url = reverse("documents:province_reports", args=[SURAT_THANI, 2563])
    outsider = make_user("no-round", Role.MONITOR, province=SURAT_THANI)
    page = login(outsider).get(url).content.decode()
    assert "พุนพิน" not in page and "ไชยา" not in page

    round_ = make_round(SURAT_THANI)
    round_.districts.set([PHUNPHIN])
    lead = round_.teams.get().lead
    page = login(lead).get(url).content.decode()
    assert "พุนพิน" in page and "ไชยา" not in page
    # The consolidated report covers every district: not for monitors.
    consolidated = reverse("documents:consolidated_xlsx", args=[SURAT_THANI, 2563])
    assert login(lead).get(consolidated).status_code == 403


def test_the_executive_sees_no_names_phones_or_citizen_ids(login, viewer, province_officer):
    group = make_group(PHUNPHIN)
    detail = reverse("producers:group_detail", args=[PHUNPHIN, group.pk])
    masked = FAKE_CITIZEN_ID[-4:]
    officer_page = login(province_officer).get(detail).content.decode()
    assert "นางทดสอบ ระบบ" in officer_page and "0812345678" in officer_page
    page = login(viewer).get(detail).content.decode()
    assert "นางทดสอบ ระบบ" not in page and "0812345678" not in page and masked not in page
    assert "(ซ่อน)" in page


def test_the_executive_writes_nothing(login, viewer):
    for name in ("centers:activity_create", "producers:group_create", "centers:profile_edit"):
        url = reverse(name, args=[PHUNPHIN])
        assert login(viewer).get(url).status_code == 403
        assert login(viewer).post(url).status_code == 403
