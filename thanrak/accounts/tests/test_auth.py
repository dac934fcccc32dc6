import json
import re

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD


def test_log_in_with_username_goes_straight_to_the_users_home(client, phunphin_officer):
    response = client.post(reverse("login"), {"username": "phunphin", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("centers:district", args=["8417"]) == phunphin_officer.home_url()
    # Signed in already, the login page sends there too; a ?next= still wins.
    assert client.get(reverse("login")).url == phunphin_officer.home_url()
    assert client.get(reverse("login"), {"next": "/profile/"}).url == "/profile/"


def test_log_in_with_email_any_case(client, phunphin_officer):
    response = client.post(
        reverse("login"), {"username": "PHUNPHIN@example.go.th", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_passwords_are_kept_with_argon2_and_older_hashes_are_redone_at_sign_in(
    client, phunphin_officer, settings
):
    # The suite puts a fast hash first; these are the hashes of a real installation.
    settings.PASSWORD_HASHERS = settings.PASSWORD_HASHERS[1:]
    phunphin_officer.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    phunphin_officer.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": "phunphin", "password": PASSWORD})

    assert response.status_code == 302
    phunphin_officer.refresh_from_db()
    assert phunphin_officer.password.startswith("argon2$argon2id$")
    assert phunphin_officer.check_password(PASSWORD)
    phunphin_officer.set_password("another-pass-2563")
    assert phunphin_officer.password.startswith("argon2$argon2id$")


def test_wrong_password_gets_a_thai_message(client, phunphin_officer):
    response = client.post(reverse("login"), {"username": "phunphin", "password": "nope"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้ อีเมล หรือรหัสผ่านไม่ถูกต้อง" in response.text


def test_dashboard_sends_each_role_home(client, phunphin_officer, province_officer, admin_user):
    client.force_login(phunphin_officer)
    assert client.get(reverse("dashboard")).url == reverse("centers:district", args=["8417"])
    client.force_login(province_officer)
    assert client.get(reverse("dashboard")).url == reverse("dashboards:province", args=["84"])
    client.force_login(admin_user)
    assert client.get(reverse("dashboard")).url == reverse("dashboards:nation")


def test_password_reset_by_email(client, phunphin_officer):
    response = client.post(reverse("password_reset"), {"email": "phunphin@example.go.th"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session key
    response = client.post(
        form_url, {"new_password1": "a-new-pass-2563", "new_password2": "a-new-pass-2563"}
    )
    assert response.status_code == 302
    phunphin_officer.refresh_from_db()
    assert phunphin_officer.check_password("a-new-pass-2563")


def test_pages_need_login(client, centers):
    response = client.get(reverse("centers:district", args=["8417"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_header_names_the_users_area_from_the_query_that_loads_the_user(
    client, phunphin_officer, province_officer
):
    for user, area in [(phunphin_officer, "อำเภอพุนพิน"), (province_officer, "จังหวัดสุราษฎร์ธานี")]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("profile"))
        assert area in response.content.decode()
        user_queries = [q["sql"] for q in queries if '"accounts_user"."username"' in q["sql"]]
        assert len(user_queries) == 1 and '"areas_province"' in user_queries[0]
        area_queries = [
            q["sql"]
            for q in queries
            if q["sql"].startswith(('SELECT "areas_district"', 'SELECT "areas_province"'))
        ]
        assert not area_queries, area_queries


def test_the_password_pages_read_in_thai_their_rules_and_errors_included(client, phunphin_officer):
    client.force_login(phunphin_officer)
    url = reverse("password_change")
    page = client.get(url).text
    assert "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร" in page
    assert "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด" in page
    assert "กรอกรหัสผ่านใหม่ซ้ำอีกครั้งเพื่อยืนยัน" in page
    for english in ("Your password", "Enter the same password"):
        assert english not in page
    data = {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12346"}
    errors = client.post(url, data).text
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in errors
    data["new_password2"] = "12345"
    errors = client.post(url, data).text
    assert "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร" in errors
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in errors
    phunphin_officer.refresh_from_db()
    assert phunphin_officer.check_password(PASSWORD)


def test_the_admin_site_speaks_thai_where_djangos_thai_does_not(client, admin_user):
    client.force_login(admin_user)
    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "ชื่อ-นามสกุล" in users and "ดำเนินการ" in users
    assert "Get full name" not in users and ">Run<" not in users
    # Django's Thai reads «None available» as «ไม่ว่าง» (busy).
    assert "ไม่ว่าง" not in client.get(reverse("admin:index")).content.decode()
    add = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert "การเข้าสู่ระบบด้วยรหัสผ่าน" in add and "Password-based authentication" not in add


def test_the_admin_sites_scripts_and_sidebar_speak_thai_where_djangos_thai_does_not(
    client, admin_user
):
    client.force_login(admin_user)
    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "Start typing to filter" not in users and "พิมพ์เพื่อกรอง" in users  # the sidebar
    change = client.get(reverse("admin:accounts_user_change", args=[admin_user.pk])).text
    assert "Hold down" not in change and "The groups this user belongs to" not in change
    # The catalogue of the admin's scripts: its filter boxes, calendar and clock.
    # Written as JSON, its Thai escaped (\u0e40…).
    script = client.get(reverse("admin:jsi18n")).content.decode()
    for thai in ("เลือก %s ทั้งหมด", "วันนี้ (%(date)s)", "ม.ค.", "พฤ.", "(คลิกเพื่อล้าง)"):
        assert json.dumps(thai)[1:-1] in script, thai
    assert '"Choose all %s"' in script  # the English key, with its Thai


def test_the_lockout_and_the_background_tasks_are_named_in_thai_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    index = client.get(reverse("admin:index")).content.decode()
    for thai in ("การล็อกการเข้าสู่ระบบ", "การพยายามเข้าสู่ระบบ", "งานเบื้องหลัง"):
        assert thai in index
    for english in ("Axes", "Access attempts", "Tasks Database Backend", "Task Results"):
        assert english not in index
    attempts = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "เวลาที่พยายาม" in attempts and "Attempt Time" not in attempts


def test_every_app_of_the_project_runs_under_its_own_config():
    # accounts/apps.py and core/apps.py also hold the configs of two apps of other projects:
    # Django must still pick the app's own (its ready() connects signals and checks).
    from thanrak.accounts.apps import AccountsConfig
    from thanrak.core.apps import CoreConfig

    assert type(apps.get_app_config("accounts")) is AccountsConfig
    assert type(apps.get_app_config("core")) is CoreConfig


def test_the_admin_chooses_a_district_under_its_province(client, admin_user):
    # Five districts are named เฉลิมพระเกียรติ: a list of bare names could not tell them apart.
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_user_add")).content.decode()
    select = page[page.index('name="district"') :]
    select = select[: select.index("</select>")]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, flags=re.S)
    assert len(groups) == 77
    holding = [label for label, options in groups if ">อำเภอเฉลิมพระเกียรติ<" in options]
    assert len(holding) == 5 and "จังหวัดนครราชสีมา" in holding
    assert re.search(r'<option value="8417">อำเภอพุนพิน</option>', dict(groups)["จังหวัดสุราษฎร์ธานี"])
