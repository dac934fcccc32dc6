"""Form fields that follow Thai conventions."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thanrak.core.thai import (
    citizen_id_is_valid,
    format_date_numeric,
    normalize_citizen_id,
    parse_be_date,
)


class BEDateInput(forms.TextInput):
    """A text input for dates typed as day/month/B.E. year."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd/mm/yyyy B.E."),
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": r"[0-9๐-๙]{1,2}[/.\-][0-9๐-๙]{1,2}[/.\-][0-9๐-๙]{4}",
            "class": "date-be",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return format_date_numeric(value)
        return super().format_value(value)


class BEDateField(forms.Field):
    """A date typed in the Buddhist era: ``20/08/2563`` is 20 August 2020."""

    widget = BEDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return parse_be_date(str(value))


class CitizenIDField(forms.CharField):
    """A Thai citizen ID number, checked by its check digit and stored as 13 digits."""

    default_error_messages = {
        "invalid": _("The citizen ID must have 13 digits with a correct check digit."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 17)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        if not citizen_id_is_valid(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return normalize_citizen_id(value)
