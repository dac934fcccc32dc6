"""Django's own messages about passwords that its Thai catalogue lacks.

The msgids below are Django's (its password validators and password forms), character for
character. Listed here, `make messages` keeps them in the project's catalogue with their
Thai, and Django finds that Thai when its validators and forms ask for them: the password
pages read in Thai throughout. Nothing imports this module; the password pages' test in
accounts/tests/test_auth.py fails if one of them shows in English.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_MESSAGES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
)
