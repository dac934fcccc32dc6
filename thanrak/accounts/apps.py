from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    # This module also holds the config of another project's app (below).
    default = True
    name = "thanrak.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from thanrak.accounts import mfa, session_lifetime
        from thanrak.accounts.checks import check_security_settings
        from thanrak.accounts.lockout import on_user_locked_out

        user_logged_in.connect(session_lifetime.note_sign_in, dispatch_uid="accounts-sign-in-time")
        user_logged_in.connect(mfa.note_device_at_login, dispatch_uid="accounts-mfa-device")
        user_locked_out.connect(on_user_locked_out, dispatch_uid="accounts-locked-out")
        checks.register(check_security_settings, checks.Tags.security)


class LockoutConfig(AxesAppConfig):
    """django-axes (the sign-in lockout), named in the admin in the site's language."""

    default = False
    verbose_name = _("Sign-in lockouts")
