"""Forms for the center's records. Dates are typed in B.E. (core.forms.BEDateField)."""

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    CompositionException,
    Expense,
    KnowledgeTopic,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Referral,
    StructurePosition,
)
from thanrak.core.db import in_thai_order
from thanrak.core.forms import BEDateField, ConventionsMixin
from thanrak.core.thai import current_fiscal_year, format_date_text
from thanrak.evidence.forms import EvidencePurposeField, EvidenceUploadField


class CenterRecordForm(ConventionsMixin, forms.ModelForm):
    """A record form bound to its center; every date field takes B.E. dates."""

    evidence_label = _("Evidence files")

    def __init__(self, *args, center: Center, **kwargs):
        self.center = center
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            model_field = (
                self._meta.model._meta.get_field(name) if name in self._meta.fields else None
            )
            if model_field is not None and model_field.get_internal_type() == "DateField":
                self.fields[name] = BEDateField(
                    label=field.label,
                    required=field.required,
                    help_text=field.help_text,
                    # The day a meeting, activity, expense … took place: not a day to come.
                    happened=name == "date",
                )
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 3)
        self.fields["files_purpose"] = EvidencePurposeField(record_model=self._meta.model)
        self.fields["files"] = EvidenceUploadField(label=self.evidence_label, required=False)


class CenterProfileForm(ConventionsMixin, forms.ModelForm):
    class Meta:
        model = Center
        fields = [
            "location",
            "has_dedicated_space",
            "space_description",
            "staff_on_duty",
            "opening_hours",
            "phone",
        ]


# The record forms below are alike in shape (an evidence label, a Meta of model and fields):
# Django's declarative convention, each naming what its page edits.
class MaterialForm(CenterRecordForm):
    evidence_label = _("Photos of the material")

    class Meta:
        model = Material
        fields = ["title", "kind", "quantity", "note"]


class CommitteeTermForm(CenterRecordForm):
    evidence_label = _("The district order (file)")

    class Meta:
        model = CommitteeTerm
        fields = ["order_number", "order_date", "starts_on", "ends_on", "note"]

    def clean(self):
        data = super().clean()
        if problem := CommitteeTerm.dates_problem(data.get("starts_on"), data.get("ends_on")):
            self.add_error("ends_on", problem)
        return data


class CommitteeMemberForm(ConventionsMixin, forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["name", "organisation", "category", "position"]

    def __init__(self, *args, center: Center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = in_thai_order(StructurePosition.open_to(center))


class BaseMemberFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, center: Center, **kwargs):
        self.center = center
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "center": self.center}


MemberFormSet = forms.inlineformset_factory(
    CommitteeTerm,
    CommitteeMember,
    form=CommitteeMemberForm,
    formset=BaseMemberFormSet,
    extra=3,
    can_delete=True,
)


class CompositionExceptionForm(CenterRecordForm):
    evidence_label = _("The letter (file)")

    class Meta:
        model = CompositionException
        fields = ["letter_number", "letter_date", "approved", "note"]


class MeetingForm(CenterRecordForm):
    evidence_label = _("Minutes and photos")

    class Meta:
        model = Meeting
        fields = ["date", "title", "agenda", "minutes", "attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, center: Center, **kwargs):
        super().__init__(*args, center=center, **kwargs)
        # Meetings are numbered in their fiscal year, as the center's minutes name them.
        example = _("No. 1/%(year)s") % {"year": current_fiscal_year()}
        self.fields["title"].help_text = _("e.g. %(title)s") % {"title": example}
        # Attendance is taken from the roster of the committee in force on the meeting's
        # date (today's while no date is given). Any member of the center's terms is
        # accepted by the field, so that one ticked under another order is named by
        # ``clean`` rather than refused as an unknown choice; such a member is offered
        # under their own order, to be unticked. With no committee in force that day,
        # every order's roster is offered, the latest first.
        field = self.fields["attendees"]
        field.queryset = in_thai_order(
            CommitteeMember.objects.filter(term__center=center).select_related("term")
        )
        by_term: dict[CommitteeTerm, list] = {}
        for member in field.queryset:
            by_term.setdefault(member.term, []).append((member.pk, attendee_label(member)))
        term = CommitteeTerm.in_force_on(center, self._meeting_day())
        if term is not None:
            ticked = self._ticked()
            others = {
                other: [choice for choice in choices if str(choice[0]) in ticked]
                for other, choices in by_term.items()
                if other != term
            }
            by_term = {term: by_term.get(term, [])} | {t: c for t, c in others.items() if c}
        # Under each order's name: the roster offered is the one of the meeting's date; an
        # order not in office that day says so.
        terms = sorted(by_term, key=lambda t: (t != term, -t.starts_on.toordinal(), -t.pk))
        field.choices = [
            (
                str(t)
                if t == term
                else _("%(term)s (not in office on the meeting's date)") % {"term": t},
                by_term[t],
            )
            for t in terms
        ]
        # A new date redraws the roster (htmx: this page again with the date and the ticked
        # attendees in its query, ``core.records.form_page``), keeping those ticked.
        self.fields["date"].widget.attrs.update(
            {
                "hx-get": "",
                "hx-trigger": "change",
                "hx-include": "[name=attendees]",
                "hx-select": "#id_attendees",
                "hx-target": "#id_attendees",
                "hx-swap": "outerHTML",
            }
        )

    def _meeting_day(self) -> dt.date:
        """The meeting's date as typed (when it reads as a date), else as recorded, else today."""
        typed = self["date"].value()
        if isinstance(typed, str):
            try:
                typed = self.fields["date"].clean(typed)
            except forms.ValidationError:
                typed = None
        if isinstance(typed, dt.date):
            return typed
        return self.instance.date or timezone.localdate()

    def _ticked(self) -> set[str]:
        """The attendees ticked: as posted, as in the query, else as recorded."""
        return {str(pk) for pk in self["attendees"].value() or []}

    def clean(self):
        data = super().clean()
        day, attendees = data.get("date"), data.get("attendees")
        if day and attendees:
            term = CommitteeTerm.in_force_on(self.center, day)
            begun = CommitteeTerm.objects.filter(center=self.center, starts_on__lte=day).first()
            if begun is None:
                self.add_error("attendees", _("No committee term had begun by the meeting's date."))
            elif term is None:
                self.add_error(
                    "attendees",
                    _(
                        "No committee was in office on the meeting's date: the latest term "
                        "(%(term)s) ended on %(end)s."
                    )
                    % {"term": begun, "end": format_date_text(begun.ends_on)},
                )
            elif others := [member for member in attendees if member.term_id != term.pk]:
                self.add_error(
                    "attendees",
                    _(
                        "Attendees are members of the committee in force on the meeting's "
                        "date: %(term)s. Untick those ticked under another order: %(names)s."
                    )
                    % {
                        "term": term,
                        "names": ", ".join(f"{attendee_label(m)} ({m.term})" for m in others),
                    },
                )
        return data


def attendee_label(member: CommitteeMember) -> str:
    # «Name — position»: a position may hold parentheses of its own.
    return f"{member.name} — {member.get_category_display()}"


class PlanForm(CenterRecordForm):
    evidence_label = _("The plan document")

    class Meta:
        model = Plan
        fields = ["kind", "title", "first_year", "last_year", "approved_on", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["first_year"].initial = self.fields["last_year"].initial = (
                current_fiscal_year()
            )

    def clean(self):
        data = super().clean()
        for problem in Plan.years_problems(
            data.get("kind"), data.get("first_year"), data.get("last_year")
        ):
            self.add_error("last_year", problem)
        return data


class PlanItemForm(ConventionsMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["title", "target_group", "budget", "responsible", "period"]

    def __init__(self, *args, center: Center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = in_thai_order(StructurePosition.open_to(center))


PlanItemFormSet = forms.inlineformset_factory(
    Plan, PlanItem, form=PlanItemForm, formset=BaseMemberFormSet, extra=2, can_delete=True
)


class ActivityForm(CenterRecordForm):
    evidence_label = _("Photos and documents")

    topics = forms.MultipleChoiceField(
        label=_("Knowledge topics"),
        choices=KnowledgeTopic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "date",
            "title",
            "kind",
            "topics",
            "participants_type1",
            "participants_type2",
            "participants_type3",
            "partners",
            "cost",
            "plan_item",
            "description",
        ]
        # The three target groups in the guideline's words (§5.3).
        help_texts = {
            "participants_type1": _(
                "People, groups or organisations interested in making OTOP products from "
                "local wisdom (guideline §5.3 1)."
            ),
            "participants_type2": _(
                "People, groups or organisations making OTOP products, not yet registered "
                "as OTOP producers (guideline §5.3 2)."
            ),
            "participants_type3": _(
                "OTOP producers and entrepreneurs registered with the Community Development "
                "Department this year (guideline §5.3 3)."
            ),
            # The budget's spending is read from the expenses alone (rule R7, the budget
            # page): an activity's cost is what it cost, whoever paid.
            "cost": _(
                "What the activity cost, whoever paid. Money spent from the center's budget "
                "is recorded under Expenses, with its receipt: only that counts as the "
                "budget spent."
            ),
        }

    def __init__(self, *args, center: Center, **kwargs):
        super().__init__(*args, center=center, **kwargs)
        # The plans still running or that ended last year (an activity recorded late);
        # an activity keeps the item it has.
        offered = Q(plan__last_year__gte=current_fiscal_year() - 1)
        if self.instance.plan_item_id:
            offered |= Q(pk=self.instance.plan_item_id)
        self.fields["plan_item"].queryset = (
            PlanItem.objects.filter(offered, plan__center=center)
            .select_related("plan")
            .order_by("-plan__last_year", "-plan__first_year", "plan", "order", "pk")
        )
        self.fields["plan_item"].label_from_instance = plan_item_label

    def clean(self):
        data = super().clean()
        if problem := Activity.plan_item_problem(data.get("plan_item"), data.get("date")):
            self.add_error("plan_item", problem)
        return data


def plan_item_label(item: PlanItem) -> str:
    """Plans of other years may share item names: each item starts with its plan's years
    (seen first where a phone cuts a long choice short), newest plans first, and ends with
    the plan's title."""
    return f"{item.plan.years} · {item.title} — {item.plan.title}"


class PublicityForm(CenterRecordForm):
    evidence_label = _("Files or screenshots")

    class Meta:
        model = Publicity
        fields = ["date", "channel", "title", "url"]


class OnePerYearForm(CenterRecordForm):
    """A record a center keeps once per fiscal year: a second one for the year is refused."""

    duplicate_message = ""

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        others = self._meta.model.objects.filter(center=self.center, fiscal_year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(self.duplicate_message, params={"year": year})
        return year


class BudgetAllocationForm(OnePerYearForm):
    evidence_label = _("The allocation letter")
    duplicate_message = _("This center already has an allocation for fiscal year %(year)s.")

    class Meta:
        model = BudgetAllocation
        fields = ["fiscal_year", "amount", "letter_number", "letter_date"]


class ExpenseForm(CenterRecordForm):
    evidence_label = _("Receipt (procurement evidence)")

    class Meta:
        model = Expense
        fields = ["date", "description", "method", "vendor", "amount"]


class ReferralForm(CenterRecordForm):
    class Meta:
        model = Referral
        fields = ["date", "who_kind", "who", "need", "agency", "result"]
        widgets = {"who_kind": forms.RadioSelect}


class LessonsLearnedForm(OnePerYearForm):
    duplicate_message = _("Lessons learned of fiscal year %(year)s are already recorded.")

    class Meta:
        model = LessonsLearned
        fields = ["fiscal_year", "results", "problems", "improvements"]


class CenterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Center) -> str:
        return obj.district.full_name


class ProvinceAllocationForm(ConventionsMixin, forms.ModelForm):
    """One allocation, the same for each chosen center of a province, for the page's year.

    Only the centers without an allocation for the year are offered.
    """

    centers = CenterChoiceField(
        label=_("Districts allocated to"),
        queryset=Center.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one district.")},
    )
    letter_date = BEDateField(label=_("letter date"), required=False)
    files = EvidenceUploadField(
        label=_("The allocation letter"),
        help_text=_("Kept with the allocation of each district chosen."),
    )

    field_order = ["amount", "letter_number", "letter_date", "files", "centers"]

    class Meta:
        model = BudgetAllocation
        fields = ["amount", "letter_number", "letter_date"]
        labels = {"amount": _("Amount for each district (baht)")}

    def __init__(self, *args, centers: QuerySet[Center], **kwargs):
        super().__init__(*args, **kwargs)
        # Every center offered is ticked at first: a province usually allocates to all.
        self.fields["centers"].queryset = centers.select_related("district")
        self.fields["centers"].initial = centers.values_list("pk", flat=True)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("The amount must be more than 0 baht."))
        return amount
