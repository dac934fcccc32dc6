"""System checks for the login-protection, second-factor and session settings."""

from django.conf import settings
from django.core import checks

from thanrak.accounts.models import Role


def check_security_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    unknown = [r for r in settings.MFA_REQUIRED_ROLES if r not in Role.values]
    if unknown:
        errors.append(
            checks.Error(
                f"MFA_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}",
                hint=f"Use any of: {', '.join(Role.values)}",
                id="accounts.E001",
            )
        )
    if settings.SESSION_IDLE_TIMEOUT_PRIVILEGED <= 0 or settings.SESSION_COOKIE_AGE <= 0:
        errors.append(
            checks.Error(
                "SESSION_IDLE_TIMEOUT_PRIVILEGED and SESSION_COOKIE_AGE must be positive",
                id="accounts.E002",
            )
        )
    return errors
