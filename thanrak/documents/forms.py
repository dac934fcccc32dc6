from django import forms
from django.utils.translation import gettext_lazy as _

from thanrak.core.forms import BEDateField
from thanrak.documents.models import Letter, Letterhead


class NarrativeForm(forms.Form):
    """The officer's words for each column of the report form (prefilled from the records)."""

    activities = forms.CharField(
        label=_("Activities carried out"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    target_groups = forms.CharField(
        label=_("Target groups served"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    committee = forms.CharField(
        label=_("The center's committee"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    materials = forms.CharField(
        label=_("Media and printed materials"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    evidence = forms.CharField(
        label=_("Evidence of the services"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    plans = forms.CharField(
        label=_("The center's plans"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the district"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    due_on = BEDateField(label=_("Due on"), required=False)


class LetterForm(forms.ModelForm):
    date = BEDateField(label=_("date"))

    class Meta:
        model = Letter
        fields = [
            "number",
            "date",
            "subject",
            "to",
            "reference",
            "enclosures",
            "body",
            "closing_line",
            "signer_name",
            "signer_position",
            "contact_unit",
            "contact_phone",
        ]
        widgets = {
            "reference": forms.Textarea(attrs={"rows": 2}),
            "enclosures": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "signer_position": forms.Textarea(attrs={"rows": 3}),
            "contact_unit": forms.Textarea(attrs={"rows": 2}),
        }


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = ["emblem"]
