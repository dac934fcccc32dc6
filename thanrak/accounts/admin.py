from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from thanrak.accounts.lockout import unlock_user
from thanrak.accounts.mfa import mfa_reset
from thanrak.accounts.models import User
from thanrak.areas.models import District, Province
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event, record_role_change, role_snapshot
from thanrak.core.thai import thai_sort_key

# django_otp's own device pages would remove a device without mfa_reset (its audit event,
# the API tokens it revokes): a user's second factor is reset with the action on the user
# list instead. (django_otp's apps come before this one, so their pages are registered.)
for device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device):
        admin.site.unregister(device)


def districts_by_province() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every district under its province, both in Thai order: a select's groups."""
    groups: dict[Province, list[District]] = {}
    for district in District.objects.select_related("province"):
        groups.setdefault(district.province, []).append(district)
    return [
        (province.full_name, [(d.pk, d.full_name) for d in sorted(ds, key=_by_name)])
        for province, ds in sorted(groups.items(), key=lambda item: _by_name(item[0]))
    ]


def _by_name(area) -> str:
    return thai_sort_key(area.name_th)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "email",
        "role",
        "province",
        "district",
        "is_active",
    ]
    list_filter = ["role", "is_active", "province"]
    list_select_related = ["province", "district"]
    actions = ["unlock", "reset_second_factor"]
    # A district is chosen from a list grouped by province: several share a name
    # (เฉลิมพระเกียรติ in five provinces), which an autocomplete of bare names could not tell.
    autocomplete_fields = ["province"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "district":
            # Kept by the field (a form's copy of it reads them again from there).
            field.choices = [("", field.empty_label), *districts_by_province()]
        return field

    @admin.display(description=_("full name"), ordering="first_name")
    def full_name(self, user: User) -> str:
        return user.get_full_name()

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Role and area"),
            {"fields": ("role", "province", "district", "position", "phone", "language")},
        ),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (
            _("Role and area"),
            {"fields": ("email", "first_name", "last_name", "role", "province", "district")},
        ),
    )

    def save_model(self, request, obj, form, change) -> None:
        # Who gave whom which role, area or admin rights goes to the audit trail.
        before = role_snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        record_role_change(request=request, user=obj, before=before)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            record_event(
                AuditEvent.Kind.PASSWORD_CHANGED,
                request=request,
                obj=self.get_object(request, unquote(id)),
                via="admin",
            )
        return response

    @admin.action(description=_("Unlock: clear the failed logins of the selected users"))
    def unlock(self, request, queryset) -> None:
        users = list(queryset)
        for user in users:
            unlock_user(user=user, request=request)
        self.message_user(
            request,
            ngettext(
                "%(count)d user can log in again.", "%(count)d users can log in again.", len(users)
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Reset the second factor: the selected users set up their app again")
    )
    def reset_second_factor(self, request, queryset) -> None:
        users = list(queryset)
        for user in users:
            mfa_reset(user=user, request=request)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d user was removed.",
                "The second factor of %(count)d users was removed.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
