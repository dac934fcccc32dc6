"""Writes of center records that span several models (record, its rows, its files)."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.db.models import Model
from django.forms import BaseFormSet, ModelForm

from thanrak.accounts.models import User
from thanrak.areas.stamps import ProvinceStamp
from thanrak.centers.models import BudgetAllocation, Center
from thanrak.evidence.services import evidence_attach_many, prepare_upload, store_prepared


@transaction.atomic
def record_save(
    *, form: ModelForm, center: Center, user: User, formset: BaseFormSet | None = None
) -> Model:
    """Save a record of the center with its rows (members, plan items) and new evidence files.

    Everything is written or nothing: a bad file rolls the record back too.
    """
    record = form.save(commit=False)
    record.center = center
    if record.pk is None and hasattr(record, "created_by_id"):
        record.created_by = user
    record.save()
    form.save_m2m()
    if formset is not None:
        formset.instance = record
        formset.save()
    files = form.cleaned_data.get("files") or []
    if files:
        purpose = form.cleaned_data.get("files_purpose")
        evidence_attach_many(record=record, files=files, user=user, purpose=purpose)
    return record


@transaction.atomic
def record_delete(*, record: Model, user: User) -> None:
    """Delete a record and its evidence files."""
    from thanrak.evidence.services import evidence_delete

    for evidence in list(record.evidence.all()):
        evidence_delete(evidence=evidence, user=user)
    record.delete()


def allocations_create(
    *,
    centers: Iterable[Center],
    fiscal_year: int,
    amount: Decimal,
    letter_number: str,
    letter_date: dt.date | None,
    files: Iterable[File],
    user: User,
) -> list[BudgetAllocation]:
    """The province allocates the same amount to each center for a fiscal year, with one
    letter, its files kept with every allocation. All are written or none: a center that
    has an allocation for the year already stops them all (IntegrityError)."""
    prepared = [prepare_upload(file) for file in files]
    created = []
    with transaction.atomic(), ProvinceStamp.deferred():
        for center in centers:
            allocation = BudgetAllocation(
                center=center,
                fiscal_year=fiscal_year,
                amount=amount,
                letter_number=letter_number,
                letter_date=letter_date,
                created_by=user,
            )
            allocation._history_user = user
            allocation.save()
            if prepared:
                store_prepared(record=allocation, prepared=prepared, user=user)
            created.append(allocation)
    return created
