"""The trail in the admin: nobody adds, changes or deletes; search, filters and exports work."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind
CHANGELIST = "admin:audit_auditevent_changelist"


@pytest.fixture
def signed_in(client, admin_user):
    """The client signed in as the superuser, its own sign-in event cleared."""
    client.force_login(admin_user)
    AuditEvent.objects.all().delete()
    return client


@pytest.fixture
def trail(signed_in, phunphin_officer, rf):
    def request(path: str):
        request = rf.get(path)
        request.user = phunphin_officer
        return request

    return [
        record_event(Kind.LOGIN, request=request("/accounts/login/")),
        record_event(Kind.LOGIN_FAILED, username='=HYPERLINK("http://evil","x")'),
        record_event(
            Kind.PERSONAL_READ,
            request=request("/districts/8417/otop/groups/12/"),
            district=PHUNPHIN,
            persons=5,
        ),
        record_event(Kind.PERSONAL_EXPORT, username="+6681", district="8406", unmasked=True),
    ]


def test_superuser_lists_and_opens_events(client, admin_user, trail):
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 4
    assert "เข้าสู่ระบบไม่สำเร็จ" in response.text  # the kinds are shown in Thai
    detail = client.get(reverse("admin:audit_auditevent_change", args=[trail[2].pk]))
    assert detail.status_code == 200
    assert "/districts/8417/otop/groups/12/" in detail.text


def test_the_date_filter_above_the_list_is_in_thai_with_be_years(client, admin_user, trail):
    old = AuditEvent.objects.create(
        kind=Kind.LOGIN, created_at=dt.datetime(2020, 8, 20, 10, tzinfo=dt.UTC)
    )
    with translation.override("th"):
        years = client.get(reverse(CHANGELIST)).text
        months = client.get(reverse(CHANGELIST), {"created_at__year": 2020}).text
        august = date_format(old.created_at, "YEAR_MONTH_FORMAT")
    assert "กรองตามเวลา" in years
    now = timezone.localdate().year
    assert f">{now + 543}</a>" in years and ">2563</a>" in years
    assert f">{now}</a>" not in years and ">2020</a>" not in years
    assert august == "สิงหาคม 2020" and ">สิงหาคม 2563</a>" in months


def test_an_events_page_is_titled_with_its_be_date(client, admin_user, trail):
    old = AuditEvent.objects.create(
        kind=Kind.LOGIN, username="phunphin", created_at=dt.datetime(2020, 8, 20, 3, tzinfo=dt.UTC)
    )
    with translation.override("th"):
        page = client.get(reverse("admin:audit_auditevent_change", args=[old.pk])).text
    assert "20 ส.ค. 2563 10:00:00 เข้าสู่ระบบ phunphin" in page
    assert "2020-08-20" not in page


def test_nobody_adds_changes_or_deletes_not_even_a_superuser(client, admin_user, trail):
    event = trail[0]
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    client.post(change, {"username": "someone-else", "kind": Kind.LOGOUT})
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    response = client.post(
        reverse(CHANGELIST), {"action": "delete_selected", "_selected_action": [event.pk]}
    )
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert (event.username, event.kind) == ("phunphin", Kind.LOGIN)
    assert AuditEvent.objects.count() == 4


def test_events_refuse_save_and_delete_in_code(trail):
    event = trail[0]
    event.username = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_staff_without_the_view_permission_sees_nothing(client, phunphin_officer, trail):
    client.logout()
    phunphin_officer.is_staff = True
    phunphin_officer.save()
    client.force_login(phunphin_officer)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_export", args=["csv"])).status_code == 403
    phunphin_officer.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    assert client.get(reverse(CHANGELIST)).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "phunphin"}, 2),
        ({"q": "8406"}, 1),
        ({"q": "groups/12"}, 1),
        ({"kind__exact": Kind.LOGIN}, 1),
        ({"unmasked__exact": "1"}, 1),
    ],
)
def test_search_and_filters(client, admin_user, trail, query, expected):
    response = client.get(reverse(CHANGELIST), query)
    assert response.context["cl"].result_count == expected


def test_search_by_ip_address(client, signed_in, rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.44")
    record_event(Kind.LOGIN_FAILED, request=request, username="x")
    record_event(Kind.LOGIN_FAILED, request=rf.get("/", REMOTE_ADDR="10.0.0.1"), username="y")
    response = client.get(reverse(CHANGELIST), {"q": "192.0.2.44"})
    assert [e.username for e in response.context["cl"].result_list] == ["x"]


def test_csv_export_is_the_filtered_list_and_formula_safe(client, admin_user, trail):
    url = reverse("admin:audit_auditevent_export", args=["csv"])
    response = client.get(url, {"kind__in": f"{Kind.LOGIN_FAILED},{Kind.PERSONAL_EXPORT}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, *body = rows
    assert header[:3] == ["เวลา", "เหตุการณ์", "ชื่อผู้ใช้"]
    assert {row[2] for row in body} == {'\'=HYPERLINK("http://evil","x")', "'+6681"}


def test_excel_export_is_formula_safe(client, admin_user, trail):
    url = reverse("admin:audit_auditevent_export", args=["xlsx"])
    response = client.get(url, {"q": "=HYPERLINK"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2
    cell = sheet.cell(row=2, column=3)
    assert cell.value == '=HYPERLINK("http://evil","x")'
    assert cell.data_type == "s" and cell.quotePrefix  # text, not a formula


def test_the_changelist_links_to_exports_of_what_it_shows(client, admin_user, trail):
    response = client.get(reverse(CHANGELIST), {"kind__exact": Kind.LOGIN})
    export = reverse("admin:audit_auditevent_export", args=["xlsx"])
    assert f'href="{export}?kind__exact=login"' in response.text


def test_taking_a_copy_of_the_trail_is_itself_written(client, admin_user, trail):
    b"".join(client.get(reverse("admin:audit_auditevent_export", args=["csv"])).streaming_content)
    event = AuditEvent.objects.filter(object_type="audit.AuditEvent").get()
    assert (event.kind, event.user, event.detail) == (
        Kind.PERSONAL_EXPORT,
        admin_user,
        {"rows": 4, "format": "csv"},
    )
