"""The one policy: for every URL name and method, which roles may use it, on whose objects.

``POLICY`` is the table. ``PolicyMiddleware`` asks it before every view runs: a method the
table does not list is a 405, an anonymous visitor of a page that is not public goes to the
login page, a role the table does not grant is a 403. Which objects a granted role reaches
(``On``) is then decided by the access helpers the view fetches through
(``thanrak.accounts.access`` and each app's ``access.py``): an object outside the user's area
is a 404, an object the user may read but not change is a 403.

A URL name missing from the table is refused for everyone, and fails the test suite
(``tests/test_policy.py`` walks every URL × role × method against this table).
"""

from dataclasses import dataclass
from enum import StrEnum

from thanrak.accounts.models import Role


class On(StrEnum):
    """Whose objects a grant reaches; each kind names the helper that decides it."""

    # Anyone, signed in or not.
    PUBLIC = "public"
    # Any signed-in user, on their own account only (profile, password).
    SELF = "self"
    # A district the user may read (access.can_read_district): their own district, every
    # district of their province, the districts of the monitoring rounds they are on, or
    # all of them for nationwide users. Writes by a district's own officer
    # (access.can_write_district); the province officer writes what the province keeps.
    DISTRICT = "district"
    # A province the user works in as a whole (access.get_province_for_user). Monitors see
    # in it only the districts of their rounds (access.readable_districts).
    PROVINCE = "province"
    # A monitoring round: read by its province's users and the members of its teams,
    # managed by its province officer (monitoring.access.get_round_for_user).
    ROUND = "round"
    # A visit: read like its district; findings and photos written only by the lead and
    # members of the visit's own team (monitoring.access.get_visit_for_user).
    TEAM = "team"
    # An uploaded file: read like its district; deleted only by the writer of the record it
    # belongs to — the district officer, the province officer for what the province keeps,
    # the visit's team for the photos of a visit (evidence.access.get_evidence_for_user).
    FILE = "file"


@dataclass(frozen=True)
class Grant:
    roles: frozenset[Role]
    on: On


ALL = frozenset(Role)
NOBODY: frozenset[Role] = frozenset()
DISTRICT_OFFICER = frozenset({Role.DISTRICT_OFFICER})
PROVINCE_OFFICER = frozenset({Role.PROVINCE_OFFICER})
MONITOR = frozenset({Role.MONITOR})
# Everyone who reads a province as a whole: its officers, monitors (their rounds' districts
# only), executives and nationwide administrators.
PROVINCE_READERS = frozenset({Role.PROVINCE_OFFICER, Role.MONITOR, Role.VIEWER, Role.ADMIN})
# The province's documents of all its districts (consolidated reports, documents made in the
# background): not for monitors, who see only their rounds' districts.
PROVINCE_WIDE = frozenset({Role.PROVINCE_OFFICER, Role.VIEWER, Role.ADMIN})
# Nationwide pages (the list of provinces).
NATIONWIDE = frozenset({Role.VIEWER, Role.ADMIN})


def read(roles: frozenset[Role], on: On) -> dict[str, Grant]:
    return {"GET": Grant(roles, on)}


def form(read_roles: frozenset[Role], write_roles: frozenset[Role], on: On) -> dict[str, Grant]:
    """A page that shows a form (GET) and takes it (POST)."""
    return {"GET": Grant(read_roles, on), "POST": Grant(write_roles, on)}


def action(roles: frozenset[Role], on: On) -> dict[str, Grant]:
    """A POST-only action (delete, submit, confirm)."""
    return {"POST": Grant(roles, on)}


def _record_pages(
    app: str, keys: list[str], writers: dict[str, frozenset[Role]], export: bool
) -> dict[str, dict[str, Grant]]:
    """The list / new / detail / edit / delete pages of every kind of record of an app."""
    pages = {}
    for key in keys:
        writer = writers.get(key, DISTRICT_OFFICER)
        pages |= {
            f"{app}:{key}_list": read(ALL, On.DISTRICT),
            f"{app}:{key}_create": form(writer, writer, On.DISTRICT),
            f"{app}:{key}_detail": read(ALL, On.DISTRICT),
            f"{app}:{key}_edit": form(writer, writer, On.DISTRICT),
            f"{app}:{key}_delete": action(writer, On.DISTRICT),
        }
        if export:
            pages[f"{app}:{key}_export"] = read(ALL, On.DISTRICT)
    return pages


def _center_record_pages() -> dict[str, dict[str, Grant]]:
    from thanrak.centers.records import KINDS

    writers = {k.key: PROVINCE_OFFICER for k in KINDS.values() if k.writer == "province"}
    return _record_pages("centers", list(KINDS), writers, export=False)


def _producer_record_pages() -> dict[str, dict[str, Grant]]:
    from thanrak.producers.records import KINDS

    return _record_pages("producers", list(KINDS), {}, export=True)


def _api_table() -> dict[str, dict[str, Grant]]:
    """The JSON API (thanrak/api): each operation read as its page is."""
    from thanrak.centers.records import KINDS as CENTER_KINDS
    from thanrak.producers.records import KINDS as PRODUCER_KINDS

    records = {}
    for app, kinds in (("centers", CENTER_KINDS), ("producers", PRODUCER_KINDS)):
        for key in kinds:
            records[f"api:{app}_{key}_list"] = read(ALL, On.DISTRICT)
            records[f"api:{app}_{key}"] = read(ALL, On.DISTRICT)
    # Every kind of record written by its writer, as on the pages (api/writes.py): the
    # district's officer; the province officer for what the province keeps.
    for app, kinds in (("centers", CENTER_KINDS), ("producers", PRODUCER_KINDS)):
        for kind in kinds.values():
            province = getattr(kind, "writer", "district") == "province"
            writer = PROVINCE_OFFICER if province else DISTRICT_OFFICER
            records[f"api:{app}_{kind.key}_list"]["POST"] = Grant(writer, On.DISTRICT)
            records[f"api:{app}_{kind.key}"] |= {
                method: Grant(writer, On.DISTRICT) for method in ("PUT", "PATCH", "DELETE")
            }
            # Evidence files and photos added to a record (multipart), and one deleted.
            records[f"api:{app}_{kind.key}_files"] = action(writer, On.DISTRICT)
            records[f"api:{app}_{kind.key}_file"] = {"DELETE": Grant(writer, On.DISTRICT)}
    return {
        # The document and its page describe the API; they show no data.
        "api:index": read(ALL, On.PUBLIC),
        "api:api-root": read(ALL, On.PUBLIC),
        "api:openapi-json": read(ALL, On.PUBLIC),
        "api:openapi-view": read(ALL, On.PUBLIC),
        "api:provinces": read(ALL, On.SELF),
        "api:province_districts": read(PROVINCE_READERS, On.PROVINCE),
        "api:province_centers": read(PROVINCE_READERS, On.PROVINCE),
        "api:province_compliance": read(PROVINCE_READERS, On.PROVINCE),
        "api:district_center": read(ALL, On.DISTRICT),
        "api:district_compliance": read(ALL, On.DISTRICT),
        "api:district_reports": read(ALL, On.DISTRICT),
        "api:rounds": read(PROVINCE_READERS, On.SELF),
        "api:round": read(PROVINCE_READERS, On.ROUND),
        "api:round_visits": read(PROVINCE_READERS, On.ROUND),
        "api:visit": read(ALL, On.TEAM),
        # Findings: the visit's own team, as on the visit page.
        "api:visit_item_finding": {"PUT": Grant(MONITOR, On.TEAM)},
        "api:visit_finding": {"PUT": Grant(MONITOR, On.TEAM)},
        # An item's photos: read like the visit, added and deleted by its own team.
        "api:visit_item_photos": {"GET": Grant(ALL, On.TEAM), "POST": Grant(MONITOR, On.TEAM)},
        "api:visit_item_photo": {"DELETE": Grant(MONITOR, On.TEAM)},
        **records,
    }


def _public_pages() -> dict[str, dict[str, Grant]]:
    """The public pages and the catalogue's open data."""
    return {
        "landing": read(ALL, On.PUBLIC),
        "about": read(ALL, On.PUBLIC),
        # Health checks for load balancers and monitoring (thanrak/core/health.py).
        "health": read(ALL, On.PUBLIC),
        "health_worker": read(ALL, On.PUBLIC),
        "catalogue": read(ALL, On.PUBLIC),
        "catalogue_photo": read(ALL, On.PUBLIC),
        "open_data": read(ALL, On.PUBLIC),
        "open_data_centers_csv": read(ALL, On.PUBLIC),
        "open_data_centers_json": read(ALL, On.PUBLIC),
        "open_data_wisdom_csv": read(ALL, On.PUBLIC),
        "open_data_wisdom_json": read(ALL, On.PUBLIC),
        "open_data_products_csv": read(ALL, On.PUBLIC),
        "open_data_products_json": read(ALL, On.PUBLIC),
        "set_language": action(ALL, On.PUBLIC),
    }


def _account_pages() -> dict[str, dict[str, Grant]]:
    """Signing in, one's own account and API tokens."""
    return {
        "login": form(ALL, ALL, On.PUBLIC),
        "logout": action(ALL, On.PUBLIC),
        "password_reset": form(ALL, ALL, On.PUBLIC),
        "password_reset_done": read(ALL, On.PUBLIC),
        "password_reset_confirm": form(ALL, ALL, On.PUBLIC),
        "password_reset_complete": read(ALL, On.PUBLIC),
        "profile": read(ALL, On.SELF),
        # The second factor: the code page finishes a sign-in (public: the person is not
        # signed in until the code is right); setup, recovery codes and turning it off
        # concern one's own account (mfa.py decides who may turn it off).
        "login_code": form(ALL, ALL, On.PUBLIC),
        "mfa_setup": form(ALL, ALL, On.SELF),
        "mfa_recovery_codes": form(ALL, ALL, On.SELF),
        "mfa_disable": action(ALL, On.SELF),
        # Personal API tokens: one's own (the id to revoke is in the form; another's is 404).
        "api_token_create": action(ALL, On.SELF),
        "api_token_revoke": action(ALL, On.SELF),
        "password_change": form(ALL, ALL, On.SELF),
        "password_change_done": read(ALL, On.SELF),
        "dashboard": read(ALL, On.SELF),
    }


def _center_pages() -> dict[str, dict[str, Grant]]:
    """The centers, their records (centers) and the guideline's rules (rules)."""
    return {
        "centers:provinces": read(NATIONWIDE, On.PROVINCE),
        "centers:province": read(PROVINCE_READERS, On.PROVINCE),
        "centers:budget": form(PROVINCE_READERS, PROVINCE_OFFICER, On.PROVINCE),
        "centers:district": read(ALL, On.DISTRICT),
        "centers:profile_edit": form(DISTRICT_OFFICER, DISTRICT_OFFICER, On.DISTRICT),
        **_center_record_pages(),
        # The guideline's rules
        "rules:nation": read(NATIONWIDE, On.PROVINCE),
        "rules:compliance": read(PROVINCE_READERS, On.PROVINCE),
        "rules:settings": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.PROVINCE),
        "rules:cell": read(ALL, On.DISTRICT),
        "rules:readiness": read(ALL, On.DISTRICT),
    }


def _producer_pages() -> dict[str, dict[str, Grant]]:
    """Wisdom, groups, producers, products and services (producers)."""
    return {
        "producers:search": read(ALL, On.DISTRICT),
        "producers:import_template": read(ALL, On.SELF),
        "producers:province": read(PROVINCE_READERS, On.PROVINCE),
        "producers:home": read(ALL, On.DISTRICT),
        "producers:expiring": read(ALL, On.DISTRICT),
        "producers:funnel": read(ALL, On.DISTRICT),
        "producers:import_new": form(DISTRICT_OFFICER, DISTRICT_OFFICER, On.DISTRICT),
        "producers:import_detail": form(DISTRICT_OFFICER, DISTRICT_OFFICER, On.DISTRICT),
        "producers:import_confirm": action(DISTRICT_OFFICER, On.DISTRICT),
        # The import pages' former addresses: a redirect to the new one, which decides.
        "producers:import_template_moved": read(ALL, On.PUBLIC),
        "producers:import_new_moved": read(ALL, On.PUBLIC),
        "producers:import_detail_moved": read(ALL, On.PUBLIC),
        **_producer_record_pages(),
    }


def _monitoring_pages() -> dict[str, dict[str, Grant]]:
    """Monitoring rounds, teams, schedules and visits (monitoring)."""
    return {
        # The service worker script of the visit pages: the same file for everyone.
        "monitoring:offline_worker": read(ALL, On.PUBLIC),
        "monitoring:my_visits": read(MONITOR, On.SELF),
        "monitoring:rounds": read(PROVINCE_READERS, On.PROVINCE),
        "monitoring:round_create": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.PROVINCE),
        "monitoring:round": read(PROVINCE_READERS, On.ROUND),
        "monitoring:round_edit": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.ROUND),
        "monitoring:round_days": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.ROUND),
        "monitoring:teams": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.ROUND),
        "monitoring:checklist": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.ROUND),
        "monitoring:visits": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.ROUND),
        "monitoring:generate": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.ROUND),
        "monitoring:schedule": read(PROVINCE_READERS, On.ROUND),
        "monitoring:summary": read(PROVINCE_READERS, On.ROUND),
        "monitoring:summary_xlsx": read(PROVINCE_READERS, On.ROUND),
        "monitoring:team_calendar": read(PROVINCE_READERS, On.ROUND),
        "monitoring:visit": form(ALL, MONITOR, On.TEAM),
    }


def _document_pages() -> dict[str, dict[str, Grant]]:
    """The report form, its review, the province's documents and letters (documents)."""
    return {
        "documents:report_list": read(ALL, On.DISTRICT),
        "documents:report": form(ALL, DISTRICT_OFFICER, On.DISTRICT),
        "documents:report_submit": action(DISTRICT_OFFICER, On.DISTRICT),
        "documents:report_pdf": read(ALL, On.DISTRICT),
        "documents:report_xlsx": read(ALL, On.DISTRICT),
        "documents:review": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.PROVINCE),
        "documents:province_reports": read(PROVINCE_READERS, On.PROVINCE),
        "documents:consolidated_pdf": read(PROVINCE_WIDE, On.PROVINCE),
        "documents:consolidated_xlsx": read(PROVINCE_WIDE, On.PROVINCE),
        "documents:generated_list": form(PROVINCE_WIDE, PROVINCE_WIDE, On.PROVINCE),
        "documents:generated": read(PROVINCE_WIDE, On.PROVINCE),
        "documents:generated_download": read(PROVINCE_WIDE, On.PROVINCE),
        # Lists exported by the worker: anyone who reads the area; the file is kept for
        # readers of its area who see people's data as it was made (documents.access).
        "documents:district_exports": form(ALL, ALL, On.DISTRICT),
        "documents:province_exports": form(PROVINCE_WIDE, PROVINCE_WIDE, On.PROVINCE),
        "documents:national_exports": form(NATIONWIDE, NATIONWIDE, On.PROVINCE),
        "documents:export": read(ALL, On.DISTRICT),
        "documents:export_download": read(ALL, On.DISTRICT),
        "documents:letters": read(PROVINCE_READERS, On.PROVINCE),
        "documents:letter_create": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.PROVINCE),
        "documents:letterhead": form(PROVINCE_OFFICER, PROVINCE_OFFICER, On.PROVINCE),
        "documents:letter": form(PROVINCE_READERS, PROVINCE_OFFICER, On.PROVINCE),
        "documents:letter_pdf": read(PROVINCE_READERS, On.PROVINCE),
        # A round's letter as the districts it visits read it (never change it): the
        # district's officer, on their own district; other letters of the province are 404.
        "documents:district_letter": read(DISTRICT_OFFICER, On.DISTRICT),
        "documents:district_letter_pdf": read(DISTRICT_OFFICER, On.DISTRICT),
        "documents:schedule_pdf": read(PROVINCE_READERS, On.ROUND),
        "documents:schedule_xlsx": read(PROVINCE_READERS, On.ROUND),
    }


def _notification_and_dashboard_pages() -> dict[str, dict[str, Grant]]:
    """One's own notifications (notifications) and the dashboards (dashboards)."""
    return {
        # One's own notifications: the inbox, marking read (the notification's id is in the
        # form, and another user's is a 404), the e-mail preference. No URL names an
        # object, so every signed-in role is served on its own notifications.
        "notifications:inbox": read(ALL, On.SELF),
        "notifications:read": action(ALL, On.SELF),
        "notifications:preference": action(ALL, On.SELF),
        # Dashboards: a province's (monitors: their rounds' districts), the nation's
        "dashboards:province": read(PROVINCE_READERS, On.PROVINCE),
        "dashboards:nation": read(NATIONWIDE, On.PROVINCE),
    }


# Who changes or deletes a file: the writer of its record (thanrak/evidence/access.py).
FILE_WRITERS = frozenset({Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.MONITOR})


def _evidence_pages() -> dict[str, dict[str, Grant]]:
    """Uploaded files (evidence)."""
    return {
        "evidence:download": read(ALL, On.FILE),
        "evidence:thumbnail": read(ALL, On.FILE),
        "evidence:delete": action(FILE_WRITERS, On.FILE),
        "evidence:purpose": action(FILE_WRITERS, On.FILE),
    }


def _table() -> dict[str, dict[str, Grant]]:
    """The table: the sections of every part of the site, joined."""
    return {
        **_api_table(),
        **_public_pages(),
        **_account_pages(),
        **_center_pages(),
        **_producer_pages(),
        **_monitoring_pages(),
        **_document_pages(),
        **_notification_and_dashboard_pages(),
        **_evidence_pages(),
    }


# Namespaces whose own permission system decides: the admin site is for staff accounts
# (role admin), each model's permissions checked by Django's admin.
DELEGATED_NAMESPACES = {"admin"}

_POLICY: dict[str, dict[str, Grant]] | None = None


def policy() -> dict[str, dict[str, Grant]]:
    """The table (built on first use: it reads the record kinds of the apps)."""
    global _POLICY
    if _POLICY is None:
        _POLICY = _table()
    return _POLICY


def grant_for(view_name: str, method: str) -> Grant | None:
    """The grant for a URL name and method, or None when the method is not allowed."""
    methods = policy().get(view_name)
    if methods is None:
        return None
    if method in ("HEAD", "OPTIONS"):
        method = "GET"
    return methods.get(method)


def allows(user, view_name: str, method: str = "GET") -> bool:
    """Whether the user's role may use the URL at all (the area is checked on the object)."""
    grant = grant_for(view_name, method)
    if grant is None:
        return False
    if grant.on == On.PUBLIC:
        return True
    return bool(user.is_authenticated and user.is_active and user.role in grant.roles)


# Who sees people's names, phones and (masked) citizen IDs: the executive sees aggregates
# and masked data only.
PERSONAL_DATA = frozenset({Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.MONITOR, Role.ADMIN})


def sees_personal_data(user) -> bool:
    """Whether the user sees people's names and phones (never an executive viewer)."""
    return bool(user.is_authenticated and user.is_active and user.role in PERSONAL_DATA)
