from django import forms

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
