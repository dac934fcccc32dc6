"""Forms of the monitoring pages: B.E. dates everywhere, Thai times (09.00) accepted."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province
from thanrak.core.db import thai_order
from thanrak.core.forms import BEDateField, ConventionsMixin
from thanrak.core.thai import arabic_digits, fiscal_year_range, format_date_text
from thanrak.core.validators import validate_be_year
from thanrak.evidence.forms import PhotoUploadField
from thanrak.monitoring.days_off import thai_holidays
from thanrak.monitoring.models import ChecklistItem, MonitoringRound, Result, Team


class DistrictChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: District) -> str:
        return obj.full_name


class RoundForm(ConventionsMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_(
            "The printed schedule is headed «กำหนดการ» and this title, e.g. "
            "«ติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก»."
        ),
    )
    # A Christian-era year (2027) is named as such, as on every other year field.
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), validators=[validate_be_year])
    starts_on = BEDateField(label=_("First day"))
    ends_on = BEDateField(label=_("Last day"))
    districts = DistrictChoiceField(
        label=_("Districts in scope"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, province: Province, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.filter(province=province).order_by(
            thai_order("name_th")
        )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day is before the first day."))
        if fiscal_year := data.get("fiscal_year"):
            first, last = fiscal_year_range(fiscal_year)
            for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
                if day and not first <= day <= last:
                    self.add_error(
                        name,
                        _(
                            "The day is outside fiscal year %(year)s, which runs from "
                            "%(first)s to %(last)s."
                        )
                        % {
                            "year": fiscal_year,
                            "first": format_date_text(first),
                            "last": format_date_text(last),
                        },
                    )
        return data

    @classmethod
    def initial_for(cls, round_: MonitoringRound) -> dict:
        return {
            "title": round_.title,
            "fiscal_year": round_.fiscal_year,
            "starts_on": round_.starts_on,
            "ends_on": round_.ends_on,
            "districts": list(round_.districts.all()),
        }


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


def team_people(province: Province):
    """Who can be on a team: the province's monitors and province officers."""
    return User.objects.filter(
        Q(role=Role.MONITOR) | Q(role=Role.PROVINCE_OFFICER),
        province=province,
        district__isnull=True,
        is_active=True,
    ).order_by(thai_order("first_name"), thai_order("last_name"), "username")


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Team"), max_length=100, help_text=Team._meta.get_field("name").help_text
    )
    lead = UserChoice(label=_("Lead"), queryset=User.objects.none())
    members = UsersChoice(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args, province: Province, title: str = "", team: Team | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.title = title  # its legend, and what the error summary calls it
        self.team = team
        people = team_people(province)
        self.fields["lead"].queryset = people
        self.fields["members"].queryset = people
        if team is not None:
            # A team of the round may be removed while no visit is planned for it.
            self.fields["remove"] = forms.BooleanField(label=_("Remove this team"), required=False)
            if self.is_bound and self.data.get(self.add_prefix("remove")):
                self.fields["name"].required = self.fields["lead"].required = False

    def clean(self):
        data = super().clean()
        if data.get("remove") and (planned := self.team.visits.count()):
            raise ValidationError(
                _(
                    "This team visits %(count)s districts: give their visits to another team "
                    "on the schedule before removing it."
                ),
                params={"count": planned},
            )
        return data

    @property
    def people(self) -> set[User]:
        """The lead and the members, unless the team is being removed."""
        data = getattr(self, "cleaned_data", {})
        if data.get("remove") or not data.get("lead"):
            return set()
        return {data["lead"], *data.get("members", ())}


def people_in_two_teams(team_forms: list[TeamForm]) -> bool:
    """Say on the later team's form who is already on an earlier one: the teams visit on
    the same days. Returns whether anyone was."""
    seen: dict[User, TeamForm] = {}
    found = False
    for form in team_forms:
        for person in sorted(form.people, key=lambda u: u.pk):
            if person in seen:
                form.add_error(
                    None,
                    _("%(person)s is already on %(team)s: the teams visit on the same days.")
                    % {"person": person, "team": seen[person].cleaned_data["name"]},
                )
                found = True
            else:
                seen[person] = form
    return found


class ChecklistItemForm(ConventionsMixin, forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["order", "text"]
        # An item is a sentence or two: it wraps rather than hides in a one-line box.
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


ChecklistFormSet = forms.inlineformset_factory(
    MonitoringRound, ChecklistItem, form=ChecklistItemForm, extra=2, can_delete=True
)


class ThaiTimeField(forms.TimeField):
    """A time typed as the seed writes it (09.30, ๐๙.๓๐) or 09:30."""

    default_error_messages = {
        "invalid": _("Write the time as hours and minutes, such as 09.30 (00.00 to 23.59).")
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"\s*น\.?$", "", arabic_digits(value.strip())).replace(".", ":")
        return super().to_python(value)


class VisitRowForm(forms.Form):
    """One row of the schedule grid: a district of the round."""

    date = BEDateField(label=_("Date"), required=False)
    time = ThaiTimeField(
        label=_("Time"),
        required=False,
        widget=forms.TextInput(attrs={"size": 5, "inputmode": "decimal", "placeholder": "09.00"}),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, round_: MonitoringRound, district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["team"].queryset = round_.teams.all()
        # Each field is named by its column and its district (the grid's headers), as a
        # screen reader announces a cell of the table.
        for name, field in self.fields.items():
            field.widget.attrs["aria-labelledby"] = f"visit-col-{name} visit-row-{district.code}"

    def clean(self):
        data = super().clean()
        filled = [data.get(k) for k in ("date", "time", "team")]
        typed_wrong = any(k in self.errors for k in ("date", "time", "team"))
        if any(filled) and not all(filled) and not typed_wrong:
            raise ValidationError(
                _("Give the date, the time and the team, or leave all three empty.")
            )
        return data


class ItemFindingForm(forms.Form):
    """One checklist item answered at the visit (each saves on its own)."""

    result = forms.ChoiceField(
        label=_("Result"), choices=Result.choices, required=False, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = PhotoUploadField()
    # Made by the visit page for each answer it sends: sent twice, saved once.
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)


class VisitFindingForm(forms.Form):
    overall = forms.CharField(
        label=_("Overall finding"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)


class RoundDayForm(ConventionsMixin, forms.Form):
    """A day of the round marked by the province: no visits, or visits on a holiday."""

    date = BEDateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason"), max_length=200)
    works = forms.BooleanField(
        label=_("The teams work on this holiday"),
        required=False,
        help_text=_("Tick only for a holiday on which the teams visit anyway."),
    )

    def __init__(self, *args, round_: MonitoringRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.round = round_

    def clean(self):
        data = super().clean()
        day = data.get("date")
        if day is None:
            return data
        round_ = self.round
        if not round_.starts_on <= day <= round_.ends_on or day.weekday() > 4:
            self.add_error(
                "date", _("The date is not a working day (Monday to Friday) of the round.")
            )
        elif round_.marked_days.filter(date=day).exists():
            self.add_error("date", _("This day is marked already: remove it first."))
        elif data.get("works") and day not in thai_holidays(day, day):
            self.add_error("works", _("This day is not a holiday: the teams work on it anyway."))
        return data
