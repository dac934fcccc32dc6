"""Upload fields for evidence files, to put in any record form.

A form with one needs ``enctype="multipart/form-data"``; the view then passes
``form.cleaned_data[<field>]`` (a list of uploads) to ``services.evidence_attach_many``,
which checks every file again before writing. Next to it, ``EvidencePurposeField`` asks
what the files are (minutes, a receipt …), preselected for the kind of record; its
cleaned value goes to the service as ``purpose``.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thanrak.core.forms import PickFileInput
from thanrak.evidence.models import Purpose, default_purpose
from thanrak.evidence.validation import (
    ACCEPT,
    FileType,
    display_name,
    identify_upload,
    megabytes,
    refuse,
)


class MultipleFileInput(PickFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking several files at once; it cleans to a list (empty if none)."""

    widget = MultipleFileInput
    default_error_messages = {
        "too_many": _("Upload at most %(max)s files at a time."),
    }

    def __init__(self, *, max_files: int = 20, **kwargs) -> None:
        self.max_files = max_files
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": self.max_files}
            )
        cleaned, errors = [], []
        for file in files:
            try:
                cleaned.append(self.clean_file(file))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned

    def clean_file(self, file: UploadedFile) -> UploadedFile:
        return super().clean(file)


def upload_help_text() -> str:
    return gettext(
        "Photos, PDF files or office documents (Word, Excel, PowerPoint), "
        "up to %(limit)s MB each. Several files can be chosen at once."
    ) % {"limit": megabytes(settings.EVIDENCE_MAX_BYTES)}


class EvidenceUploadField(MultipleFileField):
    """Evidence files: photos (straight from a phone's camera too), PDFs, office documents.

    Each file is identified by its content (validation.identify_upload); the field
    reports every refused file at once.
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Evidence files"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", lazy(upload_help_text, str)())
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def clean_file(self, file: UploadedFile) -> UploadedFile:
        file = super().clean_file(file)
        self.check_type(file, identify_upload(file))
        return file

    def check_type(self, file: UploadedFile, file_type: FileType) -> None:
        """Refuse a file of a type this field does not take (here: none)."""


def photo_help_text() -> str:
    return gettext(
        "Photos (JPEG, PNG, WebP or GIF), up to %(limit)s MB each. "
        "Several photos can be taken or chosen at once."
    ) % {"limit": megabytes(settings.EVIDENCE_MAX_BYTES)}


class PhotoUploadField(EvidenceUploadField):
    """Photos only, straight from a phone's camera (a visit's checklist item): any other
    file the evidence check accepts, a PDF or an office document, is refused by name."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Photos"))
        kwargs.setdefault("help_text", lazy(photo_help_text, str)())
        super().__init__(**kwargs)
        self.widget.attrs.update({"accept": "image/*", "capture": "environment"})

    def check_type(self, file: UploadedFile, file_type: FileType) -> None:
        if file_type.kind != "image":
            raise refuse("not_photo", display_name(file))


class EvidencePurposeField(forms.ChoiceField):
    """What the uploaded files are, preselected from the kind of record they go on.

    Cleans to a ``Purpose`` value, or None when not posted (the service then guesses).
    """

    def __init__(self, *, record_model, **kwargs) -> None:
        kwargs.setdefault("label", _("File type"))
        kwargs.setdefault("choices", Purpose.choices)
        kwargs.setdefault("initial", default_purpose(record_model))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "The guideline's checks read the type only on a meeting (its minutes), an "
                "expense (its receipts) and a plan (the plan itself); on other records any "
                "file counts."
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value) -> str | None:
        return super().clean(value) or None
