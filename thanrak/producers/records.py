"""The kinds of record of this app, as data (``thanrak.core.records.RecordKind``): urls.py
makes the pages of each from this list."""

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thanrak.core import records as core_records
from thanrak.core.records import RecordKind, field_text, registry
from thanrak.core.thai import mask_citizen_id
from thanrak.producers import forms, imports
from thanrak.producers.models import Group, ImportJob, Producer, Product, Service, Wisdom


def _holder(wisdom: Wisdom) -> int:
    return int(bool(wisdom.holder))


def _sole_owner(producer: Producer) -> int:
    # A sole owner's producer name is the owner's own name.
    return int(producer.kind == Producer.Kind.SOLE)


def _person_visitor(service: Service) -> int:
    if service.producer_id is not None:
        return _sole_owner(service.producer)
    return int(service.visitor == Service.Visitor.PERSON and bool(service.visitor_name))


def _products_owner(product: Product) -> int:
    # A product names its producer: a sole owner is a person.
    return _sole_owner(product.producer)


EXTRA_LABELS = {
    "member_count": pgettext_lazy("occupational group", "Members"),
    "product_count": _("Products"),
    "village": _("Village"),
    "who": _("Who came"),
    "target_group": _("Target group"),
    "certification_list": _("Certifications"),
}


def column_label(model: type[Model], name: str) -> str:
    """A list column's heading (the exports of lists call it with the model)."""
    return core_records.column_label(model, name, EXTRA_LABELS)


HIDDEN = core_records.HIDDEN


def is_personal(obj: Model, name: str) -> bool:
    """Whether the value names a person or reaches one (an executive sees it hidden): a
    phone, a citizen ID, a sage who did not agree to be named, a person who came for a
    service, and a sole owner who did not agree to be named — wherever a record shows them
    (a product's producer, a service given to the producer)."""
    if name in ("contact_phone", "phone", "citizen_id"):
        return True
    if name == "holder":
        return not obj.holder_public
    if name in ("name", "address") and isinstance(obj, Producer):
        # A sole owner's name is the owner's, and their address leads to them (the open
        # data leaves it out for the same reason).
        return obj.kind == Producer.Kind.SOLE and not obj.name_public
    if name == "producer" and isinstance(obj, Product | Service):
        return obj.producer_id is not None and is_personal(obj.producer, "name")
    if name in ("who", "visitor_name") and isinstance(obj, Service):
        return obj.visitor == Service.Visitor.PERSON or is_personal(obj, "producer")
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
        kinds = dict.fromkeys(str(c.get_kind_display()) for c in obj.certifications.all())
        return ", ".join(kinds) or "–"
    if name == "village":
        return village_label(obj)
    if name == "citizen_id":
        return mask_citizen_id(obj.citizen_id) if obj.citizen_id else "–"
    if name == "stars":
        return "★" * obj.stars if obj.stars else "–"
    return field_text(obj, name)


def village_label(obj: Model) -> str:
    bits = []
    if obj.village_no:
        bits.append(f"ม.{obj.village_no}")
    if obj.subdistrict_id:
        bits.append(f"ต.{obj.subdistrict.name_th}")
    return " ".join(bits) or "–"


KINDS: dict[str, RecordKind] = registry(
    "producers",
    [
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
            not_on_page=("wisdom",),  # shown with links below the facts
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
            title_field="name",
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
            persons=_products_owner,
            listed_persons=_products_owner,
        ),
        RecordKind(
            key="service",
            slug="services",
            model=Service,
            form=forms.ServiceForm,
            columns=("date", "who", "visitor", "target_group", "kind", "officer"),
            title=_("Services"),
            select_related=("group", "producer"),
            date_field="date",
            hint=_("Who came to the center and what they were given (report form column)."),
            searchable=False,
            persons=_person_visitor,
            listed_persons=_person_visitor,
            title_field="who",
        ),
    ],
    labels=EXTRA_LABELS,
    display=display_value,
    exportable=True,
    stylesheet="producers/producers.css",
    files_title=_("Photos and files"),
    persons_hidden=True,
)


def preview_persons(job: ImportJob) -> dict:
    """For the audit trail: how many persons an import's preview shows (rows with a name,
    phone or citizen ID). Citizen IDs are masked when the preview is stored
    (thanrak.core.imports.check_file), so it never shows one in full."""
    columns = imports.KINDS[job.kind].columns
    shown = [i for i, column in enumerate(columns) if column.personal]
    rows = job.preview[1:]  # the first row is the file's headers
    persons = sum(1 for row in rows if any(i < len(row) and row[i] for i in shown))
    return {"persons": persons, "unmasked": False}
