"""Form fields that follow Thai conventions."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

from thanrak.core.thai import (
    citizen_id_is_valid,
    current_fiscal_year,
    format_date_numeric,
    normalize_citizen_id,
    parse_amount,
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
            # Browsers compile ``pattern`` with the v flag, where / and - in a class
            # must be escaped (unescaped, the pattern is dropped as invalid).
            # Eight digits in a row are a date too: a phone's number pad has no «/».
            "pattern": r"[0-9๐-๙]{1,2}[\/.\-][0-9๐-๙]{1,2}[\/.\-][0-9๐-๙]{4}|[0-9๐-๙]{8}",
            "class": "date-be",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return format_date_numeric(value)
        return super().format_value(value)


# Django's own messages that read badly in its Thai («ฟิลด์นี้จำเป็น», a loan word) or that
# its Thai catalogue leaves in English (a text too long, an amount with too many digits):
# this project's catalogue (LOCALE_PATHS, read before Django's) words them.
DJANGO_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("“%(value)s” is not a valid UUID."),
    gettext_noop("Null characters are not allowed."),
)
# The same for the admin site's words its Thai leaves in English, and one it gets wrong
# («None available» read «ไม่ว่าง», busy). Its scripts' words: locale/th/.../djangojs.po.
DJANGO_ADMIN_MESSAGES = (
    gettext_noop("None available"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop(
        "The groups this user belongs to. A user will get all permissions granted to each of "
        "their groups."
    ),
    gettext_noop("Run"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
)
# The admin's pages of the sign-in lockout (django-axes) and the background tasks
# (django-tasks-db), which bring no Thai: their model and field names, as those projects
# write them, translated in locale/th with the rest.
THIRD_PARTY_ADMIN_MESSAGES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Locked Out"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("Path"),
    gettext_noop("HTTP Accept"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("task path"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("priority"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("worker id"),
)
DJANGO_PLURAL_MESSAGES = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
)

# The first B.E. year a record may be dated in: older years are typing slips (2469 for 2569).
FIRST_RECORD_YEAR = 2500


class BEDateField(forms.Field):
    """A date typed in the Buddhist era: ``20/08/2563`` is 20 August 2020.

    ``happened``: the date of something done (a meeting, an activity, a service given):
    neither before FIRST_RECORD_YEAR nor after today, each said with the date typed.
    """

    widget = BEDateInput
    default_error_messages = {
        "future": _(
            "%(date)s has not come yet: record what has been done, on the day it was done."
        ),
        "too_old": _("The year %(year)s looks mistyped: check the date."),
    }

    def __init__(self, *, happened: bool = False, **kwargs):
        self.happened = happened
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return parse_be_date(str(value))

    def validate(self, value):
        super().validate(value)
        if self.happened and value is not None:
            check_happened(value)


def check_happened(day: dt.date) -> None:
    """Refuse the date of something done that is a day to come or a mistyped year (the
    record forms' ``BEDateField(happened=True)`` and the imports' date columns)."""
    messages = BEDateField.default_error_messages
    if day.year + 543 < FIRST_RECORD_YEAR:
        raise ValidationError(messages["too_old"], code="too_old", params={"year": day.year + 543})
    if day > timezone.localdate():
        raise ValidationError(
            messages["future"], code="future", params={"date": format_date_numeric(day)}
        )


class MoneyInput(forms.TextInput):
    """A text input for an amount in baht, shown as ``1,500.00``."""

    def __init__(self, attrs=None):
        defaults = {"inputmode": "decimal", "autocomplete": "off", "class": "money"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return f"{Decimal(str(value)):,.2f}"
        return super().format_value(value)


class PickFileInput(forms.FileInput):
    """A file input with its button and the names of the chosen files in the page's language.

    The browser draws its own button («Choose Files», «No file chosen») in the browser's
    language, whatever language the page is in. This one's input is hidden from sight but
    still takes the focus; a label styled as a button opens the picker, and
    static/js/thanrak.js writes the chosen names beside it (core/widgets/file.html). Without
    scripts, css/nojs.css shows the browser's own input again.
    """

    template_name = "core/widgets/file.html"


class MoneyField(forms.DecimalField):
    """An amount in baht typed as people type it: ``1,500``, ``๑,๕๐๐``, ``1500 บาท``.

    Read by ``thai.parse_amount``, which refuses a negative amount in Thai; the digits
    and decimal places of the model field are still checked.
    """

    widget = MoneyInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_amount(value)

    def widget_attrs(self, widget):
        # Not DecimalField's: no number-input step or min on a text input.
        return forms.Field.widget_attrs(self, widget)


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


# --- Conventions every record form shares ----------------------------------------

# Set as Django's blank choice label in CoreConfig.ready(), so every select offers it.
EMPTY_CHOICE_LABEL = _("— Choose —")
# Field names that take a B.E. year; a form field named ``*_year`` counts as one too.
YEAR_FIELDS = frozenset({"year", "fiscal_year", "first_year", "last_year", "registration_year"})
# Numbers that may legitimately be below zero; every other amount or count may not.
SIGNED_FIELDS = frozenset({"latitude", "longitude"})
# Decimal fields holding baht: these names, or a name ending in ``_<name>``
# (``unit_price``). Told by name, not by two decimal places: the monitoring road
# factor has two decimal places and is no money.
MONEY_NAMES = frozenset({"amount", "budget", "cost", "fee", "income", "price"})


# The largest id a database integer key holds.
MAX_ID = 2**63 - 1


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A model multiple choice whose numbers beyond any key are refused as not a choice.

    Django looks the chosen values up with ``pk__in``, which SQLite cannot bind for a
    number over 64 bits (OverflowError, a 500); refused here, the form says «not one of
    the choices» as for any other id that is not there. (A single choice's ``pk=`` lookup
    is already answered as no match by Django.)
    """

    def _check_values(self, value):
        for chosen in value or ():
            try:
                number = int(str(chosen))
            except ValueError:
                continue  # not a number: Django's own check says so
            if abs(number) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": chosen},
                )
        return super()._check_values(value)


def is_money(name: str, field: forms.Field) -> bool:
    """Say whether a form field holds an amount of baht."""
    return isinstance(field, forms.DecimalField) and (
        name in MONEY_NAMES or name.rsplit("_", 1)[-1] in MONEY_NAMES
    )


def _is_year(name: str) -> bool:
    return name in YEAR_FIELDS or name.endswith("_year")


def apply_conventions(form: forms.BaseForm) -> None:
    """Give a form's fields the house conventions: money typed as people type it, no
    negative numbers, B.E. year hints, choices of records bounded to real ids, and a choice
    left empty asked to be chosen, not typed."""
    declared = getattr(form, "declared_fields", {})
    for name, field in list(form.fields.items()):
        _ask_to_choose(field)
        if is_money(name, field) and not isinstance(field, MoneyField):
            form.fields[name] = MoneyField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                initial=field.initial,
                disabled=field.disabled,
                max_digits=field.max_digits,
                decimal_places=field.decimal_places,
            )
        elif isinstance(field, MoneyField):
            continue
        elif type(field) is forms.ModelMultipleChoiceField:
            # The same field, its lookup bounded (the model form made it already).
            field.__class__ = BoundedModelMultipleChoiceField
        elif isinstance(field, forms.IntegerField) and _is_year(name):
            # One hint for every year field, with this fiscal year as the example: it
            # replaces a model's fixed example year; only a hint the form declares wins.
            if not (name in declared and declared[name].help_text):
                field.help_text = _("B.E. year, for example %(year)s") % {
                    "year": current_fiscal_year()
                }
        elif isinstance(field, forms.IntegerField | forms.DecimalField) and (
            name not in SIGNED_FIELDS
        ):
            _refuse_negative(field)


def _ask_to_choose(field: forms.Field) -> None:
    """Django's «This field is required.» reads «please type this» in Thai: a drop-down or
    a list of choices left empty asks for a choice instead."""
    if field.error_messages.get("required") != forms.Field.default_error_messages["required"]:
        return  # the field's own message
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        field.error_messages["required"] = _("Please choose at least one.")
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        field.error_messages["required"] = _("Please choose one.")


def _refuse_negative(field: forms.Field) -> None:
    minimums = [v for v in field.validators if isinstance(v, MinValueValidator)]
    if any(v.limit_value > 0 for v in minimums):
        return
    # Replaces Django's own "greater than or equal to 0" of positive model fields.
    field.validators = [v for v in field.validators if v not in minimums]
    field.validators.append(MinValueValidator(0, message=_("This number cannot be negative.")))
    field.widget.attrs.setdefault("min", "0")


class ConventionsMixin:
    """Apply ``apply_conventions`` after the form's own ``__init__``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_conventions(self)
