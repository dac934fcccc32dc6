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
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event, record_role_change, role_snapshot

# django_otp's own device pages would remove a device without mfa_reset (its audit event,
# the API tokens it revokes): a user's second factor is reset with the action on the user
# list instead. (django_otp's apps come before this one, so their pages are registered.)
for device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device):
        admin.site.unregister(device)


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
    autocomplete_fields = ["province", "district"]

    @admin.display(description=_("full name"), ordering="first_name")
    def full_name(self, user: User) -> str:
        return user.get_full_name()

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and area"), {"fields": ("role", "province", "district", "position", "phone")}),
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
