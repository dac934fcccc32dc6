from django import forms
from django.utils.translation import gettext_lazy as _

from thanrak.core.filters import PeriodForm
from thanrak.core.forms import ConventionsMixin
from thanrak.rules.models import RuleSettings


class RuleSettingsForm(ConventionsMixin, forms.ModelForm):
    # The settings page groups these under guideline §6.1; the rest are §6.3.
    committee_fields = (
        "committee_min",
        "committee_max",
        "chairs",
        "secretaries",
        "agency_representatives",
        "leaders_min",
        "leaders_max",
    )

    class Meta:
        model = RuleSettings
        fields = [
            "committee_min",
            "committee_max",
            "chairs",
            "secretaries",
            "agency_representatives",
            "leaders_min",
            "leaders_max",
            "meetings_per_quarter",
            "activities_per_month",
            "publicity_per_quarter",
        ]


class ComplianceForm(PeriodForm):
    """The compliance pages' period, and the order of their districts or provinces."""

    SHORTFALL = "shortfall"

    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("By name")), (SHORTFALL, _("Most rules not met first"))],
        error_messages={
            "invalid_choice": _("There is no order %(value)s: choose one from the list.")
        },
    )

    def worst_first(self) -> bool:
        return self.cleaned_data.get("order") == self.SHORTFALL
