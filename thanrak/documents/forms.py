from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from thanrak.core.forms import BEDateField, PickFileInput
from thanrak.documents.columns import COLUMNS
from thanrak.documents.models import Letter, Letterhead
from thanrak.evidence.services import reencode_png
from thanrak.evidence.validation import PDF, identify_image, identify_upload


class NarrativeForm(forms.Form):
    """The officer's words for each column of the report form. A box holds only what the
    officer wrote: the records' summary (which a box left empty prints, and which follows the
    records) is its placeholder, and the summary typed back as it is counts as no words, so
    no box keeps figures that the records have since changed."""

    def __init__(self, *args, summary: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.summary = summary
        for column in COLUMNS:
            if column.narrative:
                self.fields[column.key] = forms.CharField(
                    label=column.heading,
                    widget=forms.Textarea(
                        attrs={"rows": 2, "placeholder": summary.get(column.key, "")}
                    ),
                    required=False,
                )

    def clean(self) -> dict:
        words = super().clean()
        for key, text in words.items():
            if " ".join(text.split()) == " ".join(self.summary.get(key, "").split()):
                words[key] = ""
        return words


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the district"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed to return the report: say what the district should correct."),
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


# The emblem prints about 3 cm high: 1200 px is sharp at any printer's resolution.
EMBLEM_MAX_SIDE = 1200


class EmblemField(forms.FileField):
    """The emblem image, checked like a photo among evidence files (content, size, pixels),
    and cleaned to a freshly encoded PNG: nothing of the uploaded file but its pixels."""

    widget = PickFileInput(attrs={"accept": "image/png,image/jpeg"})

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file or file is initial:
            return file
        identify_image(file)
        return ContentFile(reencode_png(file, max_side=EMBLEM_MAX_SIDE), name="emblem.png")


class GuidelineField(forms.FileField):
    """The guideline enclosed with the letters: a PDF, checked as evidence PDFs are (complete,
    no scripts, actions or attachments, ``EVIDENCE_MAX_BYTES``) and readable page by page."""

    widget = PickFileInput(attrs={"accept": ".pdf,application/pdf"})

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file or file is initial:
            return file
        if identify_upload(file) != PDF:
            raise ValidationError(_("The guideline must be a PDF file."), code="not_pdf")
        return file


class LetterheadForm(forms.ModelForm):
    emblem = EmblemField(
        label=_("Garuda emblem"),
        required=False,
        help_text=_("A PNG or JPEG of the emblem, about 3 cm high when printed."),
    )
    remove = forms.BooleanField(label=_("Remove the emblem"), required=False)
    guideline = GuidelineField(
        label=_("Guideline (enclosure 2)"),
        required=False,
        help_text=_(
            "The guideline (แนวทางการดำเนินงานฯ) as a PDF: its pages are appended to every "
            "letter that lists it among the enclosures."
        ),
    )
    remove_guideline = forms.BooleanField(label=_("Remove the guideline"), required=False)

    class Meta:
        model = Letterhead
        fields = ["emblem", "guideline"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.emblem:
            del self.fields["remove"]
        if not self.instance.guideline:
            del self.fields["remove_guideline"]

    def new_emblem(self) -> tuple[bool, File | None]:
        """Whether the emblem changes, and the new one (None: removed). After is_valid()."""
        if "emblem" in self.changed_data:
            return True, self.cleaned_data["emblem"]
        return bool(self.cleaned_data.get("remove")), None

    def new_guideline(self) -> tuple[bool, File | None]:
        """Whether the guideline changes, and the new one (None: removed). After is_valid()."""
        if "guideline" in self.changed_data:
            return True, self.cleaned_data["guideline"]
        return bool(self.cleaned_data.get("remove_guideline")), None
