"""Writes of center records that span several models (record, its rows, its files)."""

from django.db import transaction
from django.db.models import Model
from django.forms import BaseFormSet, ModelForm

from thanrak.accounts.models import User
from thanrak.centers.models import Center
from thanrak.evidence.services import evidence_attach_many


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
