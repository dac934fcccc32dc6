"""The kinds of record of this app, as data: urls.py makes the pages of each from this list."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms
from django.db.models import Model, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thanrak.centers.records import format_value
from thanrak.core.db import in_fiscal_year
from thanrak.core.thai import mask_citizen_id
from thanrak.producers import forms
from thanrak.producers.models import Group, Producer, Product, Service, Wisdom


@dataclass(frozen=True)
class RecordKind:
    key: str  # URL keyword and name prefix: "group" -> producers:group_list, <int:group>
    slug: str  # URL segment: /districts/8417/groups/
    model: type[Model]
    form: type[django_forms.ModelForm]
    columns: tuple[str, ...]
    title: Promise
    formsets: tuple[tuple[str, type, Promise], ...] = ()  # (prefix, formset class, title)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    fiscal_filter: Callable[[int], Q] | None = None
    date_field: str | None = None
    hint: Promise | None = None
    searchable: bool = True

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name


KINDS: dict[str, RecordKind] = {
    kind.key: kind
    for kind in [
        RecordKind(
            key="wisdom",
            slug="wisdom",
            model=Wisdom,
            form=forms.WisdomForm,
            columns=("title", "branch", "holder", "village"),
            title=_("Local wisdom"),
            select_related=("subdistrict",),
            hint=_("Guideline §4: the district's catalogue of local wisdom and village sages."),
        ),
        RecordKind(
            key="group",
            slug="groups",
            model=Group,
            form=forms.GroupForm,
            columns=("name", "village", "member_count", "stage", "target_group"),
            title=_("Occupational groups"),
            formsets=(
                ("members", forms.MemberFormSet, pgettext_lazy("occupational group", "Members")),
                ("stages", forms.GroupStageFormSet, _("Development stages")),
            ),
            select_related=("subdistrict",),
            prefetch_related=("members",),
        ),
        RecordKind(
            key="producer",
            slug="producers",
            model=Producer,
            form=forms.ProducerForm,
            columns=(
                "name",
                "kind",
                "registration_number",
                "registration_year",
                "stage",
                "product_count",
            ),
            title=_("OTOP producers"),
            formsets=(
                ("stages", forms.ProducerStageFormSet, _("Development stages")),
                ("funding", forms.FundingFormSet, _("Funding received")),
                ("incomes", forms.IncomeFormSet, _("Income per fiscal year")),
            ),
            prefetch_related=("products",),
        ),
        RecordKind(
            key="product",
            slug="products",
            model=Product,
            form=forms.ProductForm,
            columns=("name", "producer", "category", "stars", "certification_list"),
            title=_("Products"),
            formsets=(("certifications", forms.CertificationFormSet, _("Certifications")),),
            select_related=("producer",),
            prefetch_related=("certifications",),
        ),
        RecordKind(
            key="service",
            slug="services",
            model=Service,
            form=forms.ServiceForm,
            columns=("date", "who", "visitor", "target_group", "kind", "officer"),
            title=_("Services"),
            select_related=("group", "producer"),
            fiscal_filter=in_fiscal_year("date"),
            date_field="date",
            hint=_("Who came to the center and what they were given (report form column)."),
            searchable=False,
        ),
    ]
}


EXTRA_LABELS = {
    "member_count": pgettext_lazy("occupational group", "Members"),
    "product_count": _("Products"),
    "village": _("Village"),
    "who": _("Who came"),
    "target_group": _("Target group"),
    "certification_list": _("Certifications"),
}


def column_label(model: type[Model], name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    return str(model._meta.get_field(name).verbose_name)


def display_value(obj: Model, name: str) -> str:
    """A field or property as shown on screen and in exports (B.E. dates, labels, masks)."""
    if name == "member_count":
        return str(len(obj.members.all()))
    if name == "product_count":
        return str(len(obj.products.all()))
    if name == "certification_list":
        return ", ".join(c.get_kind_display() for c in obj.certifications.all()) or "–"
    if name == "village":
        return village_label(obj)
    if name == "citizen_id":
        return mask_citizen_id(obj.citizen_id) if obj.citizen_id else "–"
    if name == "stars":
        return "★" * obj.stars if obj.stars else "–"
    if callable(getattr(obj, f"get_{name}_display", None)):
        return str(getattr(obj, f"get_{name}_display")()) or "–"
    return format_value(getattr(obj, name))


def village_label(obj: Model) -> str:
    bits = []
    if obj.village_no:
        bits.append(f"ม.{obj.village_no}")
    if obj.subdistrict_id:
        bits.append(f"ต.{obj.subdistrict.name_th}")
    return " ".join(bits) or "–"
