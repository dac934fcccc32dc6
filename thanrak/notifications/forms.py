from django import forms
from django.utils.translation import gettext_lazy as _

from thanrak.notifications.models import EmailPreference


class EmailPreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label=_("Notifications by e-mail"),
        choices=EmailPreference.Choice.choices,
        widget=forms.RadioSelect,
    )


class MarkReadForm(forms.Form):
    """Mark one notification read (its id), or all of them (no id)."""

    notification = forms.IntegerField(required=False, min_value=1)
