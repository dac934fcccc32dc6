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
from thanrak.producers import forms, imports
from thanrak.producers.models import Group, ImportJob, Producer, Product, Service, Wisdom


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
    # For the audit trail: how many persons' names, phones or citizen IDs the record's page
    # shows, and a row of its list and export (None: the page or list shows none).
    persons: Callable[[Model], int] | None = None
    listed_persons: Callable[[Model], int] | None = None

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name


def _holder(wisdom: Wisdom) -> int:
    return int(bool(wisdom.holder))


def _sole_owner(producer: Producer) -> int:
    # A sole owner's producer name is the owner's own name.
    return int(producer.kind == Producer.Kind.SOLE)


def _person_visitor(service: Service) -> int:
    return int(service.visitor == Service.Visitor.PERSON and bool(service.visitor_name))


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
            persons=_holder,
            listed_persons=_holder,
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
            persons=lambda g: len(g.members.all()),
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
            persons=lambda p: int(_sole_owner(p) or bool(p.contact_phone)),
            listed_persons=_sole_owner,
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
            persons=_person_visitor,
            listed_persons=_person_visitor,
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


HIDDEN = _("(hidden)")


def is_personal(obj: Model, name: str) -> bool:
    """Whether the value names a person or reaches one (an executive sees it hidden)."""
    if name in ("contact_phone", "phone", "citizen_id"):
        return True
    if name == "holder":
        return not obj.holder_public
    if name in ("who", "visitor_name"):
        return obj.visitor == Service.Visitor.PERSON
    if name == "name" and isinstance(obj, Producer):
        return obj.kind == Producer.Kind.SOLE and not obj.name_public
    return False


def display_value(obj: Model, name: str, personal: bool = True) -> str:
    """A field or property as shown on screen and in exports (B.E. dates, labels, masks).

    With personal=False (an executive viewer) names and phones of persons are hidden.
    """
    if not personal and is_personal(obj, name) and getattr(obj, name, ""):
        return str(HIDDEN)
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


def preview_persons(job: ImportJob) -> dict:
    """For the audit trail: how many persons an import's preview shows (rows with a name,
    phone or citizen ID). Citizen IDs are masked when the preview is stored
    (thanrak.core.imports.check_file), so it never shows one in full."""
    columns = imports.KINDS[job.kind].columns
    shown = [i for i, column in enumerate(columns) if column.personal]
    rows = job.preview[1:]  # the first row is the file's headers
    persons = sum(1 for row in rows if any(i < len(row) and row[i] for i in shown))
    return {"persons": persons, "unmasked": False}
