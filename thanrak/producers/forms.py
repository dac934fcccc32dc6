"""Forms for wisdom, groups, producers, products and services. Dates are typed in B.E."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from thanrak.areas.models import District, Subdistrict
from thanrak.core.db import in_thai_order
from thanrak.core.forms import BEDateField, CitizenIDField, ConventionsMixin, PickFileInput
from thanrak.core.thai import mask_citizen_id
from thanrak.evidence.forms import EvidenceUploadField
from thanrak.producers.imports import Refused, check_limits
from thanrak.producers.models import (
    Certification,
    Funding,
    Group,
    ImportJob,
    Income,
    Member,
    Producer,
    Product,
    Service,
    StageChange,
    Wisdom,
)


def _be_dates(form: forms.ModelForm) -> None:
    for name, field in list(form.fields.items()):
        if name in form._meta.fields:
            model_field = form._meta.model._meta.get_field(name)
            if model_field.get_internal_type() == "DateField":
                form.fields[name] = BEDateField(
                    label=field.label,
                    required=field.required,
                    help_text=field.help_text,
                    # The day a service was given or a stage reached: not a day to come.
                    happened=name == "date",
                )
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.setdefault("rows", 3)


class DistrictRecordForm(ConventionsMixin, forms.ModelForm):
    """A record form bound to its district; choices limited to the district's own records."""

    evidence_label = _("Photos and files")

    def __init__(self, *args, district: District, **kwargs):
        self.district = district
        super().__init__(*args, **kwargs)
        _be_dates(self)
        if "subdistrict" in self.fields:
            self.fields["subdistrict"].queryset = in_thai_order(
                Subdistrict.objects.filter(district=district)
            )
        for name, model in (("wisdom", Wisdom), ("group", Group), ("producer", Producer)):
            if name in self.fields:
                self.fields[name].queryset = in_thai_order(model.objects.filter(district=district))
        self.fields["files"] = EvidenceUploadField(label=self.evidence_label, required=False)


class WisdomForm(DistrictRecordForm):
    class Meta:
        model = Wisdom
        fields = [
            "title",
            "branch",
            "holder",
            "holder_public",
            "subdistrict",
            "village_no",
            "description",
        ]


class GroupForm(DistrictRecordForm):
    class Meta:
        model = Group
        fields = ["name", "founded_on", "subdistrict", "village_no", "wisdom", "description"]
        widgets = {"wisdom": forms.CheckboxSelectMultiple}


class ProducerForm(DistrictRecordForm):
    class Meta:
        model = Producer
        fields = [
            "name",
            "kind",
            "group",
            "name_public",
            "registration_number",
            "registration_year",
            "address",
            "contact_phone",
            "sales_channels",
            "description",
        ]


class ProductForm(DistrictRecordForm):
    class Meta:
        model = Product
        fields = ["producer", "name", "category", "stars", "wisdom", "price", "description"]
        # Shown as typed in the public catalogue, so with what it buys.
        help_texts = {"price": _("The price with its unit, e.g. 120 บาท/ชิ้น or 45 บาท/ขวด.")}


class ServiceForm(DistrictRecordForm):
    evidence_label = _("Evidence files")

    class Meta:
        model = Service
        fields = [
            "date",
            "visitor",
            "group",
            "producer",
            "visitor_name",
            "target_group",
            "kind",
            "detail",
            "officer",
        ]

    def clean(self):
        data = super().clean()
        if data.get("group") and data.get("producer"):
            raise forms.ValidationError(_("Choose a group or a producer, not both."))
        known = data.get("group") or data.get("producer")
        if not known and not data.get("visitor_name"):
            self.add_error("visitor_name", _("Name who came, or choose a group or producer."))
        if not known and not data.get("target_group"):
            self.add_error("target_group", _("Choose the target group of this visitor."))
        return data


# --- Rows inside a record ------------------------------------------------------


class DistrictRowForm(ConventionsMixin, forms.ModelForm):
    def __init__(self, *args, district: District, **kwargs):
        self.district = district
        super().__init__(*args, **kwargs)
        _be_dates(self)


class MemberForm(DistrictRowForm):
    """A member; the stored citizen ID is never sent back to the browser, only its mask."""

    citizen_id = CitizenIDField(label=_("citizen ID"), required=False)

    class Meta:
        model = Member
        fields = ["name", "citizen_id", "phone", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.citizen_id if self.instance.pk else ""
        if stored:
            self.initial["citizen_id"] = ""
            self.fields["citizen_id"].widget.attrs["placeholder"] = mask_citizen_id(stored)
            self.fields["citizen_id"].help_text = _("Leave empty to keep the recorded number.")

    def clean_citizen_id(self):
        value = self.cleaned_data.get("citizen_id")
        if not value and self.instance.pk:
            return self.instance.citizen_id
        return value


# The row forms below are alike in shape (a Meta of model and fields): Django's declarative
# convention, each naming what its page edits.
class StageChangeForm(DistrictRowForm):
    class Meta:
        model = StageChange
        fields = ["date", "stage", "note"]


class CertificationForm(DistrictRowForm):
    class Meta:
        model = Certification
        fields = ["kind", "number", "issued_on", "expires_on"]


class FundingForm(DistrictRowForm):
    class Meta:
        model = Funding
        fields = ["source", "amount", "date"]


class IncomeForm(DistrictRowForm):
    class Meta:
        model = Income
        fields = ["fiscal_year", "amount"]


class DistrictFormSet(forms.BaseInlineFormSet):
    """Rows that each need the district (the shape of centers' BaseMemberFormSet, which
    hands its rows the center: each names the keyword its row forms take)."""

    def __init__(self, *args, district: District, **kwargs):
        self.district = district
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "district": self.district}


def _formset(parent, model, form, extra=2):
    return forms.inlineformset_factory(
        parent, model, form=form, formset=DistrictFormSet, extra=extra, can_delete=True
    )


MemberFormSet = _formset(Group, Member, MemberForm, extra=3)
GroupStageFormSet = _formset(Group, StageChange, StageChangeForm, extra=1)
ProducerStageFormSet = _formset(Producer, StageChange, StageChangeForm, extra=1)
FundingFormSet = _formset(Producer, Funding, FundingForm, extra=1)
IncomeFormSet = _formset(Producer, Income, IncomeForm, extra=1)
CertificationFormSet = _formset(Product, Certification, CertificationForm, extra=1)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportJob.Kind.choices)
    file = forms.FileField(label=_("Excel or CSV file"), widget=PickFileInput)

    def __init__(self, *args, kinds: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = kinds
        self.fields["file"].help_text = _(
            "Use the template: one row per record, the headers as in the template. "
            "At most %(size)s MB and %(rows)s rows a file."
        ) % {
            "size": f"{settings.IMPORT_MAX_BYTES // (1024 * 1024):,}",
            "rows": f"{settings.IMPORT_MAX_ROWS:,}",
        }

    def clean_file(self):
        file = self.cleaned_data["file"]
        name = file.name.lower()
        if not (name.endswith(".xlsx") or name.endswith(".csv")):
            raise forms.ValidationError(_("Choose an .xlsx or .csv file."))
        # Refused here, before the file is stored or read whole: no job is made for it.
        try:
            check_limits(file, file.name)
        except Refused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return file
