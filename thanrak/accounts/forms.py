from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from thanrak.core.forms import BEDateField, ConventionsMixin


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    error_messages = {
        "invalid_login": _("The username, e-mail or password is not correct."),
        "inactive": _("This account has been disabled."),
    }


class CodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
                "autofocus": True,
                "class": "code-input",
            }
        ),
    )


class SetupCodeForm(CodeForm):
    """The 6-digit code that confirms a new authenticator app."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("6-digit code from the app")
        self.fields["code"].widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9๐-๙ ]*"})


class ApiTokenForm(ConventionsMixin, forms.Form):
    """A new personal API token: what it is for and the day it stops working."""

    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the department's reporting system."),
    )
    expires_on = BEDateField(label=_("Valid until"))
