"""Load Surat Thani's demo: the province office, 19 centers and an account for every role,
fiscal year 2563 (the seed's) and the current fiscal year up to today."""

import functools
import re

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province
from thanrak.areas.stamps import ProvinceStamp
from thanrak.centers.models import Center, ProvinceOffice
from thanrak.demo import data
from thanrak.demo.centers_fy2563 import load_center_records
from thanrak.demo.current_year import load_current_year
from thanrak.demo.documents import load_documents
from thanrak.demo.monitoring import load_monitoring
from thanrak.demo.producers import load_producers
from thanrak.documents.services import reports_keep_contents
from thanrak.notifications.services import notifications_scan


class Command(BaseCommand):
    help = "Load the Surat Thani demo data (idempotent) and print the demo accounts."

    def handle(self, *args, **options) -> None:
        if not Province.objects.filter(pk=data.PROVINCE).exists():
            call_command("load_areas", stdout=self.stdout)
        # Demo records are Thai whatever language the shell runs in.
        # Every write renews the stamps of kept results; once for the whole load is enough.
        with transaction.atomic(), translation.override("th"), ProvinceStamp.deferred():
            accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data for Surat Thani is loaded."))
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {data.PASSWORD})")
        for user in accounts:
            area = (
                user.district.full_name
                if user.district_id
                else (user.province.full_name if user.province_id else "-")
            )
            self.stdout.write(f"  {user.username:<20} {Role(user.role).label:<28} {area}")
        second_factor = [u.username for u in accounts if u.role in settings.MFA_REQUIRED_ROLES]
        if second_factor:
            self.stdout.write("")
            self.stdout.write(
                f"Two-step verification: {', '.join(second_factor)} set up an authenticator "
                "app (e.g. Google Authenticator, FreeOTP) on first sign-in and keep the "
                "recovery codes it shows."
            )


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is slow on purpose; every demo account shares the one password.
    return make_password(data.PASSWORD)


def _user(username: str, role: str, names: tuple[str, str, str], **fields) -> User:
    title, first, last = names
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": f"{title}{first}",
            "last_name": last,
            "email": f"{username}@thanrak.example",
            **fields,
        },
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


def load_demo() -> list[User]:
    province = Province.objects.get(pk=data.PROVINCE)
    ProvinceOffice.objects.get_or_create(province=province, defaults=data.PROVINCE_OFFICE)
    accounts = []
    for username, role, title, first, last, position in data.PROVINCE_STAFF:
        accounts.append(
            _user(username, role, (title, first, last), province=province, position=position)
        )
    province_officer = accounts[0]
    districts = District.objects.filter(province=province).order_by("code")
    for district in districts:
        center, _created = Center.objects.get_or_create(district=district)
        username = re.sub(r"[^a-z]", "", district.name_en.lower())
        officer = _user(
            username,
            Role.DISTRICT_OFFICER,
            data.DISTRICT_OFFICERS[district.code],
            province=province,
            district=district,
            position=f"พัฒนาการอำเภอ{district.name_th}",
        )
        accounts.append(officer)
        load_center_records(center, officer, province_officer)
    load_producers()
    load_monitoring(province, province_officer)
    load_documents(province, province_officer)
    load_current_year(province, province_officer, timezone.localdate())
    # Its reports were sent and reviewed by the story, not through the form: they keep
    # what they say, as a report submitted on the form keeps it.
    reports_keep_contents()
    admin = _user("admin", Role.ADMIN, ("", "ผู้ดูแล", "ระบบ"), is_staff=True, is_superuser=True)
    accounts.append(admin)
    # The inboxes hold what the story told lately (a report returned, visits planned, the
    # letter issued), as the scan after each of those writes would have left them.
    notifications_scan(today=timezone.localdate())
    return accounts
