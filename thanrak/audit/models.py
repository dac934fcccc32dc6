"""The audit trail: security events and reads of personal data, append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanrak.core.thai import format_date_short


class AuditEvent(models.Model):
    """One thing that happened, kept as it was: never changed, removed only by age."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        UNLOCKED = "unlocked", _("Unlocked")
        LOGOUT = "logout", _("Signed out")
        PASSWORD_RESET = "password_reset", _("Password reset requested")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        MFA_ENROLLED = "mfa_enrolled", _("Second factor enrolled")
        MFA_RESET = "mfa_reset", _("Second factor reset")
        MFA_FAILED = "mfa_failed", _("Second factor code refused")
        ACCOUNT_CREATED = "account_created", _("Account created")
        ROLE_CHANGED = "role_changed", _("Role or area changed")
        REFUSED = "refused", _("Request refused")
        PERSONAL_READ = "personal_read", _("Personal data read")
        PERSONAL_EXPORT = "personal_export", _("Personal data exported")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        API_WRITE = "api_write", _("Record written through the API")
        IMPORTED = "imported", _("Records imported from a file")

    # Set when the event is written (a default rather than auto_now_add, so a test can
    # write an old event for the purge).
    created_at = models.DateTimeField(
        _("when"), default=timezone.now, editable=False, db_index=True
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text too: the trail outlives the account it names.
    username = models.CharField(_("username"), max_length=150, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    method = models.CharField(_("HTTP method"), max_length=10, blank=True)
    path = models.CharField(_("page address"), max_length=500, blank=True)
    status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=100, blank=True)
    district = models.CharField(_("district code"), max_length=4, blank=True, db_index=True)
    # Reads of personal data: how many persons' data the page or file showed.
    persons = models.PositiveIntegerField(_("persons"), null=True, blank=True)
    unmasked = models.BooleanField(_("unmasked"), default=False)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        # A B.E. date, as every page shows one (the admin titles an event's page with it).
        when = timezone.localtime(self.created_at)
        return (
            f"{format_date_short(when)} {when:%H:%M:%S} {self.get_kind_display()} {self.username}"
        )

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are removed only by age (manage.py purge_audit).")
