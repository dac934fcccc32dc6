"""Users, their role and the administrative area they work in."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanrak.areas.models import District, Province


class Role(models.TextChoices):
    PROVINCE_OFFICER = "province_officer", _("Province officer")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    MONITOR = "monitor", _("Monitoring team member")
    VIEWER = "viewer", _("Executive viewer")
    ADMIN = "admin", _("System administrator")


class Scope(models.TextChoices):
    NATION = "nation", _("Nationwide")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")


# The roles that read a whole province or more, or run the system: their accounts need a
# second factor by default (settings.MFA_REQUIRED_ROLES) and sign out after a short idle time
# (settings.SESSION_IDLE_TIMEOUT_PRIVILEGED).
PRIVILEGED_ROLES = frozenset({Role.PROVINCE_OFFICER, Role.VIEWER, Role.ADMIN})

# Which scopes each role may have: a district officer works in one district, a
# province officer in one province, an administrator nationwide.
ROLE_SCOPES = {
    Role.PROVINCE_OFFICER: {Scope.PROVINCE},
    Role.DISTRICT_OFFICER: {Scope.DISTRICT},
    Role.MONITOR: {Scope.PROVINCE},
    Role.VIEWER: {Scope.NATION, Scope.PROVINCE, Scope.DISTRICT},
    Role.ADMIN: {Scope.NATION},
}


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("district"),
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("As printed under a signature.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The language last chosen with the switch: e-mails are written in it, and a browser
    # with no choice of its own is given it at sign-in.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the pages after signing in and of the e-mails."),
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique",
                violation_error_message=_("Another user already has this e-mail address."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # A new password (set_password, not the rehash of the same one at sign-in, which
        # leaves _password empty) revokes the API tokens made with the old one, as it ends
        # the user's sessions; another role or area revokes those made under the old one.
        new_password = self.pk is not None and (
            self._password is not None or getattr(self, "_password_disabled", False)
        )
        self._password_disabled = False
        fields = kwargs.get("update_fields")
        new_grant = self.pk is not None and (fields is None or GRANT_FIELDS & set(fields))
        super().save(*args, **kwargs)
        if new_password:
            self.api_tokens.revoke(reason="password")
        if new_grant:
            self.api_tokens.exclude(granted_as=token_grant(self)).revoke(reason="role or area")

    def set_unusable_password(self) -> None:
        # The admin's «password-based authentication: disabled» ends the tokens too.
        super().set_unusable_password()
        self._password_disabled = True

    @property
    def scope(self) -> Scope:
        if self.district_id:
            return Scope.DISTRICT
        if self.province_id:
            return Scope.PROVINCE
        return Scope.NATION

    def home_url(self) -> str:
        """The page the user starts from: the dashboard of their work, by role and area."""
        if self.role == Role.MONITOR:
            return reverse("monitoring:my_visits")  # the team's visits, on a phone
        if self.district_id:
            return reverse("centers:district", args=[self.district_id])
        if self.province_id:
            if self.role in (Role.PROVINCE_OFFICER, Role.VIEWER):
                return reverse("dashboards:province", args=[self.province_id])
            return reverse("centers:province", args=[self.province_id])
        return reverse("dashboards:nation")

    @property
    def area(self) -> District | Province | None:
        """The area the user works in, or None for nationwide users."""
        return self.district or self.province

    def clean(self) -> None:
        super().clean()
        if self.district_id:
            # A district always lies in its province: keep both consistent.
            self.province_id = self.district.province_id
        allowed = ROLE_SCOPES[Role(self.role)]
        if self.scope not in allowed:
            raise ValidationError(
                _("A %(role)s must be scoped to: %(scopes)s.")
                % {
                    "role": Role(self.role).label,
                    "scopes": ", ".join(str(s.label) for s in Scope if s in allowed),
                }
            )


class PasswordResetRequest(models.Model):
    """One request for a password-reset e-mail, kept for the throttling window only.

    The address is kept as a keyed digest: the table must not become a list of the
    addresses people typed.
    """

    created_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    email_digest = models.CharField(_("e-mail digest"), max_length=64, db_index=True)
    ip = models.GenericIPAddressField(_("client IP address"), null=True, blank=True, db_index=True)
    # Whether the request was let through (an e-mail went out if the address has an account).
    sent = models.BooleanField(_("sent"), default=False)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.ip or '-'}"


# What a token is granted under (token_grant).
GRANT_FIELDS = frozenset({"role", "province", "district", "is_staff", "is_superuser", "is_active"})


def token_grant(user: User) -> str:
    """What a token is granted under: the user's role, area, staff flags and being active. A
    token made before any of them changed is no longer valid (``ApiToken.is_current``): a
    deactivated account's tokens do not come back with it."""
    held = (
        user.role,
        user.province_id,
        user.district_id,
        user.is_staff,
        user.is_superuser,
        user.is_active,
    )
    return hashlib.sha256("|".join(map(str, held)).encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def revoke(self, *, reason: str) -> int:
        """Revoke the tokens not revoked yet, each with an audit event naming the reason."""
        from thanrak.audit.models import AuditEvent
        from thanrak.audit.services import record_event

        revoked = 0
        for token in self.filter(revoked_at__isnull=True).select_related("user"):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_event(
                AuditEvent.Kind.TOKEN_REVOKED,
                user=token.user,
                obj=token,
                name=token.name,
                reason=reason,
            )
            revoked += 1
        return revoked


class ApiToken(models.Model):
    """A personal API token: only a SHA-256 digest of the secret is kept, and a short prefix.

    The secret is shown once, when the token is made (``tokens.api_token_create``). It is
    revoked when its user's password, second factor, role or area changes (``User.save``,
    ``mfa.mfa_reset``); a token whose user's role or area was changed by a bulk update,
    which saves no user, is refused all the same (``is_current``).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    granted_as = models.CharField(_("granted as"), max_length=64, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return timezone.localdate() > self.expires_on

    @property
    def is_current(self) -> bool:
        """Whether its user still has the role and area the token was made under."""
        return self.granted_as == token_grant(self.user)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired and self.is_current
