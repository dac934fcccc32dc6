"""The kinds of record a center keeps, as data: one list, list and form pages for each.

Each kind (``thanrak.core.records.RecordKind``) says its model, form, the columns of its
list, how its list is filtered by fiscal year, and who writes it. urls.py makes the pages of
every kind from this list.
"""

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thanrak.centers import forms
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    CommitteeTerm,
    CompositionException,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    Publicity,
    Referral,
    topics_text,
)
from thanrak.core import thai
from thanrak.core.records import HIDDEN, RecordKind, field_text, registry

__all__ = ["KINDS", "RecordKind", "display_value"]


def _plans_covering(fy: int) -> Q:
    return Q(first_year__lte=fy, last_year__gte=fy)


def _terms_during(fy: int) -> Q:
    start, end = thai.fiscal_year_range(fy)
    return Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))


# Columns of a list that are no field of the model; and fields whose page names more than
# their verbose name: an activity's participants of each target group, named by the group
# (guideline §5.3), where «ประเภท 1» alone says nothing to the reader.
EXTRA_LABELS = {
    "member_count": pgettext_lazy("committee", "Members"),
    "attendee_count": _("Attendees"),
    "participants": _("Participants"),
    "years": _("Fiscal years"),
    "evidence_count": _("Files"),
    "participants_type1": _(
        "Participants of type 1 (interested in turning local wisdom into OTOP products)"
    ),
    "participants_type2": _("Participants of type 2 (making products, not yet registered as OTOP)"),
    "participants_type3": _("Participants of type 3 (registered OTOP producers)"),
}


def is_personal(obj: Model, name: str) -> bool:
    """Whether the value names a person an executive does not see: the person a referral is
    for (a group or an organisation is shown). (The committee, the center's officers and
    attendees are named by their office.)"""
    return name == "who" and isinstance(obj, Referral) and obj.who_kind == Referral.WhoKind.PERSON


def _referred_person(referral: Referral) -> int:
    return int(referral.who_kind == Referral.WhoKind.PERSON)


def term_end_text(term: CommitteeTerm) -> str:
    """A term recorded without its end: in force until a new order, or replaced by the next
    order of the center (the rules read it so too, ``CommitteeTerm.in_force_on``). The
    center's terms come prefetched on the committee's pages."""
    later = [
        t.starts_on for t in term.center.committeeterm_set.all() if t.starts_on > term.starts_on
    ]
    if not later:
        return str(_("until a new order replaces it"))
    return str(_("replaced by the order of %(date)s")) % {
        "date": thai.format_date_short(min(later))
    }


def display_value(obj: Model, name: str, personal: bool = True) -> str:
    """Return a field or property of a record as shown on screen (B.E. dates, baht, labels).

    With personal=False (an executive viewer) the person a referral is for is hidden.
    """
    if not personal and is_personal(obj, name) and getattr(obj, name, ""):
        return str(HIDDEN)
    if name == "member_count":
        return str(len(obj.members.all()))
    if name == "ends_on" and isinstance(obj, CommitteeTerm) and obj.ends_on is None:
        return term_end_text(obj)
    if name == "attendee_count":
        return str(len(obj.attendees.all()))
    if name == "topics":
        return topics_text(obj.topics)
    return field_text(obj, name)


# Each kind is data: kinds look alike because they answer the same questions, not because
# logic is repeated.
KINDS: dict[str, RecordKind] = registry(
    "centers",
    [
        RecordKind(
            key="term",
            slug="committee",
            model=CommitteeTerm,
            form=forms.CommitteeTermForm,
            columns=("order_number", "order_date", "starts_on", "ends_on", "member_count"),
            title=_("Committee"),
            fiscal_filter=_terms_during,
            date_field="starts_on",
            formsets=(("members", forms.MemberFormSet, _("Members")),),
            prefetch_related=("members__position", "center__committeeterm_set"),
            hint=_("Guideline §6.1: 11–15 members appointed by district order."),
            persons=lambda term: len(term.members.all()),
        ),
        RecordKind(
            key="exception",
            slug="committee-exceptions",
            model=CompositionException,
            form=forms.CompositionExceptionForm,
            columns=("letter_number", "letter_date", "approved"),
            title=_("Exception letters"),
            hint=_("Guideline §6.2 note: the department's approval to keep the former structure."),
        ),
        RecordKind(
            key="meeting",
            slug="meetings",
            model=Meeting,
            form=forms.MeetingForm,
            columns=("date", "title", "attendee_count"),
            title=_("Committee meetings"),
            date_field="date",
            prefetch_related=("attendees",),
            not_on_page=("attendees",),
            hint=_("Guideline §6.3 (1): at least one meeting a quarter, with its minutes."),
            persons=lambda meeting: len(meeting.attendees.all()),
        ),
        RecordKind(
            key="plan",
            slug="plans",
            model=Plan,
            form=forms.PlanForm,
            columns=("kind", "title", "years", "approved_on"),
            title=_("Plans"),
            fiscal_filter=_plans_covering,
            year_fields=("first_year", "last_year"),
            formsets=(("items", forms.PlanItemFormSet, _("Plan items")),),
            prefetch_related=("items__responsible",),
            hint=_("Guideline §6.3 (2): a short-term and a long-term plan."),
        ),
        RecordKind(
            key="activity",
            slug="activities",
            model=Activity,
            form=forms.ActivityForm,
            columns=("date", "title", "kind", "participants", "cost"),
            title=_("Activities"),
            date_field="date",
            select_related=("plan_item",),
            hint=_("Guideline §6.3 (3): at least one concrete activity a month, with evidence."),
        ),
        RecordKind(
            key="publicity",
            slug="publicity",
            model=Publicity,
            form=forms.PublicityForm,
            columns=("date", "channel", "title"),
            title=_("Publicity"),
            date_field="date",
            hint=_("Guideline §6.3 (4): publicise the results continuously."),
        ),
        RecordKind(
            key="allocation",
            slug="budget",
            model=BudgetAllocation,
            form=forms.BudgetAllocationForm,
            columns=("fiscal_year", "amount", "letter_number", "letter_date"),
            title=_("Budget allocations"),
            year_fields=("fiscal_year",),
            writer="province",
            hint=_("Recorded by the province office with the letter that granted it."),
        ),
        RecordKind(
            key="expense",
            slug="expenses",
            model=Expense,
            form=forms.ExpenseForm,
            columns=("date", "description", "method", "vendor", "amount"),
            title=_("Expenses"),
            date_field="date",
            hint=_("Every expense needs its procurement evidence (receipt)."),
        ),
        RecordKind(
            key="referral",
            slug="referrals",
            model=Referral,
            form=forms.ReferralForm,
            columns=("date", "who", "agency"),
            title=_("Referrals"),
            date_field="date",
            hint=_("Guideline §4: needs beyond the center's capacity, sent on to other agencies."),
            persons=_referred_person,
            listed_persons=_referred_person,
            persons_hidden=True,
            title_field="who",
        ),
        RecordKind(
            key="lessons",
            slug="lessons",
            model=LessonsLearned,
            form=forms.LessonsLearnedForm,
            columns=("fiscal_year", "results"),
            title=_("Lessons learned"),
            year_fields=("fiscal_year",),
            hint=_(
                "Guideline §4: results, problems and obstacles of the year, and what to change."
            ),
        ),
        RecordKind(
            key="material",
            slug="materials",
            model=Material,
            form=forms.MaterialForm,
            columns=("title", "kind", "quantity"),
            title=_("Media and materials"),
            hint=_(
                "Guideline §7: materials, learning media and information on offer in the center."
            ),
        ),
    ],
    labels=EXTRA_LABELS,
    display=display_value,
    files_title=_("Evidence files"),
    file_purposes=True,
)
